package jsonpos

import (
	"errors"
	"github.com/omslint/omslint/internal/benchdata"
	"os"
	"strings"
	"testing"

	"github.com/omslint/omslint/position"
)

func mustParseFile(t *testing.T, name string) *Doc {
	t.Helper()
	src, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(src)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// lc is a span as line:col-line:col, the way a reader checks it in an editor.
type lc struct{ l1, c1, l2, c2 int }

func checkSpan(t *testing.T, what string, got position.Span, want lc) {
	t.Helper()
	g := lc{got.Start.Line, got.Start.Col, got.End.Line, got.End.Col}
	if g != want {
		t.Errorf("%s: span %d:%d-%d:%d, want %d:%d-%d:%d", what, g.l1, g.c1, g.l2, g.c2, want.l1, want.c1, want.l2, want.c2)
	}
}

func TestComposerJSONPositions(t *testing.T) {
	doc := mustParseFile(t, "composer.json")
	root := doc.Root
	if doc.BOM {
		t.Error("BOM reported for a file without one")
	}
	checkSpan(t, "root", doc.Span(root.Range), lc{1, 1, 37, 2})

	url := root.Path("repositories", "mcom", "url")
	if s, ok := url.AsString(); !ok || s != "https://mcom-connector.bcn.magento.com" {
		t.Fatalf("repositories.mcom.url = %q, %v", s, ok)
	}
	checkSpan(t, "mcom url", doc.Span(url.Range), lc{22, 20, 22, 60})
	m := root.Path("repositories", "mcom").Member("url")
	checkSpan(t, "mcom url key", doc.Span(m.KeyRange), lc{22, 13, 22, 18})

	// Columns count characters, not bytes: ü, ï, —, “ are multi-byte.
	extra := root.Get("extra")
	um := extra.Member("ünïcode-key")
	if um == nil {
		t.Fatal("ünïcode-key missing")
	}
	checkSpan(t, "unicode key", doc.Span(um.KeyRange), lc{27, 9, 27, 22})
	checkSpan(t, "unicode value", doc.Span(um.Value.Range), lc{27, 24, 27, 42})
	if um.Value.Str != "naïve — “quoted”" {
		t.Errorf("unicode value = %q", um.Value.Str)
	}
	if got := extra.Get("escaped").Str; got != "tab\tnew\nline é 😀 /" {
		t.Errorf("escaped = %q", got)
	}

	pt := root.Path("config", "process-timeout")
	if pt.Kind != KindNumber || pt.Num != 0 || pt.Raw != "0" {
		t.Errorf("process-timeout = %+v", pt)
	}
	checkSpan(t, "process-timeout", doc.Span(pt.Range), lc{34, 28, 34, 29})
	if n := root.Path("config", "allow-plugins"); n == nil || n.Kind != KindNull {
		t.Errorf("allow-plugins = %+v", n)
	}
	if n := root.Get("prefer-stable"); n == nil || n.Kind != KindBool || !n.Bool {
		t.Errorf("prefer-stable = %+v", n)
	}
	lic := root.Get("license")
	if lic.Kind != KindArray || len(lic.Elems) != 2 || lic.Path("1").Str != "AFL-3.0" {
		t.Errorf("license = %+v", lic)
	}
	checkSpan(t, "license[1]", doc.Span(lic.Index(1).Range), lc{8, 9, 8, 18})
	wantKeys := "name description type version license require repositories extra minimum-stability prefer-stable config"
	if got := strings.Join(root.Keys(), " "); got != wantKeys {
		t.Errorf("keys in order = %q", got)
	}
	// Offsets index the original bytes.
	src, _ := os.ReadFile("testdata/composer.json")
	if got := string(src[url.Range.Start:url.Range.End]); got != url.Raw {
		t.Errorf("offsets select %q, raw %q", got, url.Raw)
	}
}

func TestComposerLockPositions(t *testing.T) {
	doc := mustParseFile(t, "composer.lock")
	pkgs := doc.Root.Path("packages")
	if pkgs == nil || len(pkgs.Elems) != 3 {
		t.Fatalf("packages = %+v", pkgs)
	}
	var ver *Node
	for _, p := range pkgs.Elems {
		if p.Get("name").Str == "magento/mcom-connector" {
			ver = p.Get("version")
		}
	}
	if ver == nil || ver.Str != "3.2.0" {
		t.Fatalf("connector version = %+v", ver)
	}
	checkSpan(t, "connector version", doc.Span(ver.Range), lc{16, 24, 16, 31})
	checkSpan(t, "packages[1]", doc.Span(pkgs.Index(1).Range), lc{14, 9, 24, 10})
	if got := doc.Root.Path("packages", "2", "version").Str; got != "2.3.5-p1" {
		t.Errorf("packages.2.version = %q", got)
	}
	if n := doc.Root.Get("packages-dev"); n.Kind != KindArray || len(n.Elems) != 0 {
		t.Errorf("packages-dev = %+v", n)
	}
	if n := doc.Root.Get("stability-flags"); n.Kind != KindObject || len(n.Members) != 0 {
		t.Errorf("stability-flags = %+v", n)
	}
}

func TestBOM(t *testing.T) {
	doc := mustParseFile(t, "auth-bom.json")
	if !doc.BOM {
		t.Error("BOM not reported")
	}
	// The BOM is not a column an editor shows: '{' is at 1:1, offset 3.
	if s := doc.Span(doc.Root.Range).Start; s.Line != 1 || s.Col != 1 || s.Offset != 3 {
		t.Errorf("root starts at %+v", s)
	}
	m := doc.Root.Get("http-basic").Member("mcom-connector.bcn.magento.com")
	if m == nil {
		t.Fatal("auth host missing")
	}
	checkSpan(t, "auth host", doc.Span(m.KeyRange), lc{3, 5, 3, 37})
	if got := m.Value.Get("password").Str; got != "priv" {
		t.Errorf("password = %q", got)
	}
	// A BOM alone, or a BOM in the middle, is still an error.
	if _, err := Parse([]byte("\xef\xbb\xbf")); err == nil {
		t.Error("lone BOM accepted")
	}
	if _, err := Parse([]byte("{}\xef\xbb\xbf")); err == nil {
		t.Error("trailing BOM accepted")
	}
}

func TestScalars(t *testing.T) {
	tests := []struct {
		src  string
		kind Kind
		num  float64
		str  string
	}{
		{`0`, KindNumber, 0, ""},
		{`-0.5e+2`, KindNumber, -50, ""},
		{`123456789012345678901234567890`, KindNumber, 1.2345678901234568e29, ""},
		{`1e400`, KindNumber, 0, ""}, // out of range: Num is +Inf, Raw kept
		{` "a\"b\\c\/\b\f\n\r\t\u0041" `, KindString, 0, "a\"b\\c/\b\f\n\r\tA"},
		{`""`, KindString, 0, ""},
		{`true`, KindBool, 0, ""},
		{`null`, KindNull, 0, ""},
		{"\r\n\t []", KindArray, 0, ""},
	}
	for _, tt := range tests {
		doc, err := Parse([]byte(tt.src))
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		n := doc.Root
		if n.Kind != tt.kind {
			t.Errorf("%q: kind %v, want %v", tt.src, n.Kind, tt.kind)
		}
		if tt.kind == KindNumber && tt.src != "1e400" && n.Num != tt.num {
			t.Errorf("%q: num %v, want %v", tt.src, n.Num, tt.num)
		}
		if n.Str != tt.str {
			t.Errorf("%q: str %q, want %q", tt.src, n.Str, tt.str)
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
		msg       string
	}{
		{``, 1, 1, "end of input"},
		{`   `, 1, 4, "end of input"},
		{`{"a": 1,}`, 1, 9, "expected a string key"},
		{`[1, 2,]`, 1, 7, "expected a value"},
		{"{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, "expected ',' or '}'"},
		{`{"a" 1}`, 1, 6, "expected ':'"},
		{`{'a': 1}`, 1, 2, "expected a string key"},
		{`// comment` + "\n{}", 1, 1, "expected a value"},
		{`{} {}`, 1, 4, "after the top-level value"},
		{`01`, 1, 2, "leading zero"},
		{`-`, 1, 2, "expected a digit"},
		{`1.`, 1, 3, "after '.'"},
		{`1e`, 1, 3, "exponent"},
		{`+1`, 1, 1, "expected a value"},
		{`tru`, 1, 1, `expected "true"`},
		{`nul`, 1, 1, `expected "null"`},
		{"\"ab", 1, 4, "unterminated string (opened at 1:1)"},
		{"\"a\\", 1, 4, "unterminated string"},
		{"\"a\nb\"", 1, 3, "control character"},
		{`"\x"`, 1, 2, "invalid escape"},
		{`"\u12G4"`, 1, 2, `invalid \u escape`},
		{`"\ud83d"`, 1, 2, "surrogate"},
		{`"\ude00\ud83d"`, 1, 2, "surrogate"},
		{"\"\xff\"", 1, 2, "invalid UTF-8"},
		{"\"é\xc3\"", 1, 3, "invalid UTF-8"},
		{"[\"é\", x]", 1, 7, "character 'x'"},
		{"[1,\n\xff]", 2, 1, "byte 0xff"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.src))
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%q: error %v, want *Error", tt.src, err)
			continue
		}
		if e.Pos.Line != tt.line || e.Pos.Col != tt.col || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("%q: got %v, want %d:%d ...%s...", tt.src, err, tt.line, tt.col, tt.msg)
		}
		if e.Limit {
			t.Errorf("%q: syntax error marked as limit", tt.src)
		}
	}
}

func TestDepthLimit(t *testing.T) {
	ok := strings.Repeat("[", 512) + strings.Repeat("]", 512)
	if _, err := Parse([]byte(ok)); err != nil {
		t.Errorf("512 levels: %v", err)
	}
	deep := strings.Repeat(`{"a":`, 513) + "1" + strings.Repeat("}", 513)
	_, err := Parse([]byte(deep))
	var e *Error
	if !errors.As(err, &e) || !e.Limit || e.Pos.Col != 512*5+1 {
		t.Errorf("513 levels: %v", err)
	}
	if _, err := ParseWith([]byte(`[[1]]`), Options{MaxDepth: 1}); err == nil {
		t.Error("MaxDepth 1 accepted 2 levels")
	}
	// Very deep input fails fast on the limit, not the stack.
	if _, err := Parse([]byte(strings.Repeat("[", 1<<20))); err == nil {
		t.Error("1M levels accepted")
	}
}

func TestLookupHelpers(t *testing.T) {
	doc, err := Parse([]byte(`{"a": {"b": [10, {"c": "x"}]}, "d": 1, "d": 2}`))
	if err != nil {
		t.Fatal(err)
	}
	r := doc.Root
	if got := r.Path("a", "b", "1", "c").Str; got != "x" {
		t.Errorf("a.b.1.c = %q", got)
	}
	for _, steps := range [][]string{{"zz"}, {"a", "b", "2"}, {"a", "b", "-1"}, {"a", "b", "x"}, {"d", "e"}, {"a", "b", "0", "c"}} {
		if n := r.Path(steps...); n != nil {
			t.Errorf("Path(%q) = %+v, want nil", steps, n)
		}
	}
	// PHP's json_decode keeps the last duplicate; so does Get.
	if got := r.Get("d").Num; got != 2 {
		t.Errorf("duplicate d = %v, want the last (2)", got)
	}
	if d := r.Duplicates(); len(d) != 1 || d[0].Key != "d" || doc.Span(d[0].KeyRange).Start.Col != 40 {
		t.Errorf("Duplicates = %+v", d)
	}
	var nilNode *Node
	if nilNode.Get("x") != nil || nilNode.Path("x") != nil || nilNode.Index(0) != nil || nilNode.Keys() != nil {
		t.Error("nil node helpers must return nil")
	}
	if _, ok := r.Get("d").AsString(); ok {
		t.Error("AsString on a number")
	}
	if r.Path() != r {
		t.Error("empty path must return the node")
	}
}

func TestKindString(t *testing.T) {
	if KindObject.String() != "object" || KindNull.String() != "null" || Kind(99).String() != "unknown" {
		t.Error("Kind.String")
	}
}

// BenchmarkParseRealSizeLock: a composer.lock of 409 packages (about
// 1.25 MB), the size of a real store's.
func BenchmarkParseRealSizeLock(b *testing.B) {
	src := benchdata.RealSizeRoot(1, 409, nil)["composer.lock"]
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}
