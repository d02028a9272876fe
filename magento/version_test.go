package magento

import (
	"slices"
	"testing"
)

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in     string
		nums   [4]int
		stab   Stability
		snum   []int
		branch string
	}{
		{"3.2.0", [4]int{3, 2, 0, 0}, StabilityStable, nil, ""},
		{"v4.5.0", [4]int{4, 5, 0, 0}, StabilityStable, nil, ""},
		{"V4.5", [4]int{4, 5, 0, 0}, StabilityStable, nil, ""},
		{"3.3.0-p1", [4]int{3, 3, 0, 0}, StabilityPatch, []int{1}, ""},
		{"2.4.6-p3", [4]int{2, 4, 6, 0}, StabilityPatch, []int{3}, ""},
		{"2.4.6-patch3", [4]int{2, 4, 6, 0}, StabilityPatch, []int{3}, ""},
		{"2.4.6-pl2", [4]int{2, 4, 6, 0}, StabilityPatch, []int{2}, ""},
		{"103.0.6-p3", [4]int{103, 0, 6, 0}, StabilityPatch, []int{3}, ""},
		{"4.3.0-beta1", [4]int{4, 3, 0, 0}, StabilityBeta, []int{1}, ""},
		{"4.3.0-beta.2", [4]int{4, 3, 0, 0}, StabilityBeta, []int{2}, ""},
		{"4.3.0-RC1", [4]int{4, 3, 0, 0}, StabilityRC, []int{1}, ""},
		{"4.3.0-alpha", [4]int{4, 3, 0, 0}, StabilityAlpha, nil, ""},
		{"4.3.0b2", [4]int{4, 3, 0, 0}, StabilityBeta, []int{2}, ""},
		{"1.2.3.4", [4]int{1, 2, 3, 4}, StabilityStable, nil, ""},
		{"3.2.0-dev", [4]int{3, 2, 0, 0}, StabilityDev, nil, ""},
		{"3.2.0+build.7", [4]int{3, 2, 0, 0}, StabilityStable, nil, ""},
		{" 3.2.0 ", [4]int{3, 2, 0, 0}, StabilityStable, nil, ""},
		{"dev-master", [4]int{}, StabilityDev, nil, "master"},
		{"dev-feature/x", [4]int{}, StabilityDev, nil, "feature/x"},
		{"3.3.x-dev", [4]int{}, StabilityDev, nil, "3.3.x"},
	}
	for _, tt := range tests {
		v, err := ParseVersion(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if v.Nums != tt.nums || v.Stability != tt.stab || !slices.Equal(v.StabilityNum, tt.snum) || v.Branch != tt.branch {
			t.Errorf("%q: got %+v", tt.in, v)
		}
		if v.Raw != tt.in || v.String() != tt.in {
			t.Errorf("%q: Raw %q", tt.in, v.Raw)
		}
	}
	for _, bad := range []string{"", " ", "dev-", "x", "3.2.0-foo", "3.2.0-p1-x", "1.2.3.4.5", "3..2", ".3", "3.2.", "3.2.0+", "3.2.0 as 3.1.0", "99999999999999999999.0"} {
		if v, err := ParseVersion(bad); err == nil {
			t.Errorf("%q accepted as %+v", bad, v)
		}
	}
}

func TestCompare(t *testing.T) {
	// Each version is strictly greater than the one before it.
	ordered := []string{
		"2.5.0",
		"3.1.1-dev",
		"3.1.1-alpha1",
		"3.1.1-beta",
		"3.1.1-beta1",
		"3.1.1-beta1.1",
		"3.1.1-beta2",
		"3.1.1-RC1",
		"3.1.1",
		"3.1.1-p1",
		"3.1.1-p2",
		"3.1.1-p10",
		"3.1.1.1",
		"3.2.0",
		"3.3.0-beta1",
		"3.3.0",
		"3.3.0-p1",
		"3.4.0",
		"4.3.0-beta1",
		"v4.5.0",
		"10.0.0",
	}
	for i := range ordered {
		for j := range ordered {
			a, b := MustParseVersion(ordered[i]), MustParseVersion(ordered[j])
			c, ok := Compare(a, b)
			want := cmpInt(i, j)
			if !ok || c != want {
				t.Errorf("Compare(%s, %s) = %d, %v; want %d", a, b, c, ok, want)
			}
		}
	}
	equal := [][2]string{{"3.2", "3.2.0"}, {"v3.2.0", "3.2.0.0"}, {"3.3.0-p1", "3.3.0-patch1"}, {"3.2.0+a", "3.2.0+b"}, {"3.2.0-stable", "3.2.0"}}
	for _, e := range equal {
		if c, ok := Compare(MustParseVersion(e[0]), MustParseVersion(e[1])); !ok || c != 0 {
			t.Errorf("Compare(%s, %s) = %d, %v; want equal", e[0], e[1], c, ok)
		}
	}
	if _, ok := Compare(MustParseVersion("dev-master"), MustParseVersion("3.2.0")); ok {
		t.Error("a branch must not compare")
	}
}

func TestVersionAccessors(t *testing.T) {
	v := MustParseVersion("2.4.6-p3")
	if v.Major() != 2 || v.Minor() != 4 || v.Line() != (Line{2, 4}) || v.Line().String() != "2.4" || v.IsBranch() {
		t.Errorf("accessors of %s: %d %d %v", v, v.Major(), v.Minor(), v.Line())
	}
	if !MustParseVersion("dev-master").IsBranch() || MustParseVersion("dev-master").Major() != 0 {
		t.Error("dev-master")
	}
	if StabilityPatch.String() != "patch" || Stability(42).String() != "unknown" {
		t.Error("Stability.String")
	}
	if !(Line{}).IsZero() || (Line{2, 4}).IsZero() {
		t.Error("Line.IsZero")
	}
	defer func() {
		if recover() == nil {
			t.Error("MustParseVersion did not panic")
		}
	}()
	MustParseVersion("nope")
}

func TestRange(t *testing.T) {
	r := Range{MustParseVersion("3.1.1"), MustParseVersion("3.2.0")}
	tests := map[string]bool{
		"3.1.0":       false,
		"3.1.1-beta1": false,
		"3.1.1":       true,
		"v3.1.2":      true,
		"3.2.0-RC1":   true,
		"3.2.0":       true,
		"3.2.0-p1":    false, // a Magento-style patch comes after 3.2.0
		"3.2.1":       false,
		"3.3.0":       false,
		"dev-master":  false,
	}
	for in, want := range tests {
		if got := r.Contains(MustParseVersion(in)); got != want {
			t.Errorf("%s in %s = %v, want %v", in, r, got, want)
		}
	}
	if r.String() != "3.1.1 – 3.2.0" {
		t.Errorf("String = %q", r.String())
	}
	one := Range{MustParseVersion("3.2.0"), MustParseVersion("3.2.0")}
	if one.String() != "3.2.0" || !one.Contains(MustParseVersion("v3.2.0")) {
		t.Error("single-version range")
	}
}

func TestMagentoFromLock(t *testing.T) {
	tests := []struct {
		name   string
		locked map[string]string
		line   Line
		pkg    string
		fw     bool
		ok     bool
	}{
		{"community", map[string]string{"magento/product-community-edition": "2.4.6-p3", "magento/framework": "103.0.6-p3"}, Line{2, 4}, "magento/product-community-edition", false, true},
		{"enterprise first", map[string]string{"magento/product-community-edition": "2.3.7", "magento/product-enterprise-edition": "2.3.7-p4"}, Line{2, 3}, "magento/product-enterprise-edition", false, true},
		{"base only", map[string]string{"magento/magento2-base": "2.3.5-p1"}, Line{2, 3}, "magento/magento2-base", false, true},
		{"framework 2.4", map[string]string{"magento/framework": "103.0.2"}, Line{2, 4}, "magento/framework", true, true},
		{"framework 2.3", map[string]string{"magento/framework": "102.0.5-p1"}, Line{2, 3}, "magento/framework", true, true},
		{"framework 2.2", map[string]string{"magento/framework": "101.0.11"}, Line{2, 2}, "magento/framework", true, true},
		{"framework unknown", map[string]string{"magento/framework": "104.0.0"}, Line{}, "", false, false},
		{"branch product falls back", map[string]string{"magento/product-community-edition": "dev-2.4-develop", "magento/framework": "103.0.0"}, Line{2, 4}, "magento/framework", true, true},
		{"mixed case name", map[string]string{"Magento/Product-Community-Edition": "2.2.11"}, Line{2, 2}, "magento/product-community-edition", false, true},
		{"mage-os unknown", map[string]string{"mage-os/product-community-edition": "1.0.4"}, Line{}, "", false, false},
		{"product not 2.x", map[string]string{"magento/product-community-edition": "1.9.4"}, Line{}, "", false, false},
		{"nothing", nil, Line{}, "", false, false},
	}
	for _, tt := range tests {
		rel, ok := MagentoFromLock(tt.locked)
		if ok != tt.ok || rel.Line != tt.line || rel.Package != tt.pkg || rel.FromFramework != tt.fw {
			t.Errorf("%s: got %+v, %v", tt.name, rel, ok)
		}
	}
}

func TestConnectorMatchesMagento(t *testing.T) {
	tests := []struct {
		major        int
		line         Line
		match, known bool
	}{
		{2, Line{2, 2}, true, true},
		{3, Line{2, 3}, true, true},
		{4, Line{2, 4}, true, true},
		{3, Line{2, 4}, false, true},
		{4, Line{2, 3}, false, true},
		{2, Line{2, 3}, false, true},
		{1, Line{2, 3}, false, false},
		{5, Line{2, 4}, false, false},
		{4, Line{2, 5}, false, false},
		{3, Line{2, 1}, false, false},
	}
	for _, tt := range tests {
		m, k := ConnectorMatchesMagento(tt.major, tt.line)
		if m != tt.match || k != tt.known {
			t.Errorf("ConnectorMatchesMagento(%d, %s) = %v, %v; want %v, %v", tt.major, tt.line, m, k, tt.match, tt.known)
		}
	}
	if l, ok := ConnectorLine(3); !ok || l != (Line{2, 3}) {
		t.Errorf("ConnectorLine(3) = %v, %v", l, ok)
	}
	if _, ok := ConnectorLine(7); ok {
		t.Error("ConnectorLine(7) known")
	}
}
