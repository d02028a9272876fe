package magento

import (
	"os"
	"slices"
	"testing"

	"github.com/omslint/omslint/jsonpos"
)

// TestLockFixture walks a realistic composer.lock the way a rule would:
// connector 3.x locked on Magento 2.4 (OMS304) with known defects (OMS302),
// and the finding's position is the connector's "version" value.
func TestLockFixture(t *testing.T) {
	src, err := os.ReadFile("testdata/composer.lock")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonpos.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	locked := map[string]string{}
	var connector *jsonpos.Node
	for _, section := range []string{"packages", "packages-dev"} {
		for _, p := range doc.Root.Get(section).Elems {
			name, _ := p.Get("name").AsString()
			ver, _ := p.Get("version").AsString()
			locked[name] = ver
			if name == ConnectorMetaPackage {
				connector = p.Get("version")
			}
		}
	}
	if connector == nil {
		t.Fatal("connector not locked")
	}
	if s := doc.Span(connector.Range).Start; s.Line != 20 || s.Col != 24 {
		t.Errorf("connector version at %d:%d, want 20:24", s.Line, s.Col)
	}

	rel, ok := MagentoFromLock(locked)
	if !ok || rel.Line != (Line{2, 4}) || rel.Package != "magento/product-community-edition" || rel.Version.Raw != "2.4.6-p3" {
		t.Errorf("MagentoFromLock = %+v, %v", rel, ok)
	}
	cv := MustParseVersion(connector.Str)
	if match, known := ConnectorMatchesMagento(cv.Major(), rel.Line); match || !known {
		t.Errorf("connector %s on Magento %s: match=%v known=%v, want a known mismatch", cv, rel.Line, match, known)
	}
	want := []string{DefectMessagesProcessGetMode, DefectAdminExportOrder404, DefectWebapiOptionsRoute}
	if got := defectIDs(knownDefects(connector.Str)); !slices.Equal(got, want) {
		t.Errorf("defects = %v, want %v", got, want)
	}
	for name := range locked {
		if IsConnectorPackage(name) != (name == "magento/mcom-connector" || name == "magento/module-service-bus") {
			t.Errorf("IsConnectorPackage(%q) wrong", name)
		}
	}
}
