package magento

import (
	"slices"
	"testing"
)

func defectIDs(ds []Defect) []string {
	var ids []string
	for _, d := range ds {
		ids = append(ids, d.ID)
	}
	return ids
}

func TestKnownDefects(t *testing.T) {
	const (
		getMode = DefectMessagesProcessGetMode
		export  = DefectAdminExportOrder404
		webapi  = DefectWebapiOptionsRoute
	)
	tests := []struct {
		version string
		want    []string
	}{
		{"3.1.0", nil},
		{"3.1.1", []string{getMode}},
		{"3.1.5", []string{getMode}},
		{"3.2.0", []string{getMode, export, webapi}},
		{"v3.2.0", []string{getMode, export, webapi}},
		{"3.2.0-p1", nil}, // after 3.2.0 in Composer order
		{"3.2.0-beta1", []string{getMode}},
		{"3.2.1", nil},
		{"3.3.0", []string{export}},
		{"3.3.0-p1", nil},
		{"3.4.0", nil},
		{"2.3.0", []string{export}},
		{"2.4.0", []string{export}},
		{"2.4.1", nil},
		{"2.5.0", nil},
		{"4.5.0", nil},
		{"4.3.0-beta1", nil},
		{"dev-master", nil},
		{"3.2.x-dev", nil},
		{"not a version", nil},
	}
	for _, tt := range tests {
		if got := defectIDs(knownDefects(tt.version)); !slices.Equal(got, tt.want) {
			t.Errorf("knownDefects(%q) = %v, want %v", tt.version, got, tt.want)
		}
	}
}

func TestFixFor(t *testing.T) {
	byID := map[string]Defect{}
	for _, d := range Defects() {
		byID[d.ID] = d
	}
	tests := []struct {
		id, version, fix string
		ok               bool
	}{
		{DefectMessagesProcessGetMode, "3.2.0", "3.3.0", true},
		{DefectAdminExportOrder404, "3.3.0", "3.4.0", true},
		{DefectAdminExportOrder404, "2.4.0", "2.5", true},
		{DefectWebapiOptionsRoute, "3.2.0", "", false},
	}
	for _, tt := range tests {
		fix, ok := byID[tt.id].FixFor(MustParseVersion(tt.version))
		if fix != tt.fix || ok != tt.ok {
			t.Errorf("%s FixFor(%s) = %q, %v; want %q, %v", tt.id, tt.version, fix, ok, tt.fix, tt.ok)
		}
	}
	if !byID[DefectWebapiOptionsRoute].DeveloperModeOnly || byID[DefectAdminExportOrder404].DeveloperModeOnly {
		t.Error("DeveloperModeOnly flags")
	}
	if byID[DefectAdminExportOrder404].Workaround == "" {
		t.Error("export-order workaround missing")
	}
	if v, ok := (Defect{Fixes: []Fix{{0, "any"}}}).FixFor(MustParseVersion("7.0.0")); !ok || v != "any" {
		t.Error("Major 0 fix must apply to any major")
	}
}

func TestDefectTableIsWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range Defects() {
		if d.ID == "" || seen[d.ID] {
			t.Errorf("bad or duplicate ID %q", d.ID)
		}
		seen[d.ID] = true
		if len(d.Affected) == 0 || d.AffectedText == "" || d.Summary == "" || len(d.Sources) == 0 {
			t.Errorf("%s: incomplete row %+v", d.ID, d)
		}
		for _, r := range d.Affected {
			if c, ok := Compare(r.Min, r.Max); !ok || c > 0 {
				t.Errorf("%s: empty range %s", d.ID, r)
			}
		}
		// A fixed version must not itself be affected.
		for _, f := range d.Fixes {
			if v, err := ParseVersion(f.Version); err == nil && d.Affects(v) {
				t.Errorf("%s: fix %s is in the affected set", d.ID, f.Version)
			}
		}
	}
}

// knownDefects is KnownDefectsFor of a version as composer.lock writes it;
// nil for one that does not parse, as the rules do.
func knownDefects(version string) []Defect {
	v, err := ParseVersion(version)
	if err != nil {
		return nil
	}
	return KnownDefectsFor(v)
}
