package phpconf

import (
	"github.com/omslint/omslint/internal/phptest"
	"github.com/omslint/omslint/internal/testcorpus"
	"os"
	"strings"
	"testing"
	"time"
)

// corpusFile reads a shared corpus file by its number prefix (skipped
// without the corpus, a failure under CI: internal/testcorpus).
func corpusFile(t testing.TB, prefix string) []byte {
	t.Helper()
	b, err := os.ReadFile(testcorpus.File(t, "envphp", prefix))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustParse(t testing.TB, src []byte) *File {
	t.Helper()
	// A generous timeout: the test machine may be loaded, and the default
	// (meant to stop a hung parser) would make the tests flaky.
	f, err := Parse("test.php", src, Options{Timeout: time.Minute})
	if err != nil {
		t.Fatalf("%v\n%q", err, src)
	}
	if f.Err != nil || f.Root == nil {
		t.Fatalf("does not parse: %v %s\n%s", f.Err, f.NoArray, src)
	}
	return f
}

func arrayAt(t testing.TB, f *File, path string) *Array {
	t.Helper()
	if path == "" {
		return f.Root
	}
	el := f.Lookup(path)
	if el == nil || el.Value.Kind != KindArray {
		t.Fatalf("no array at %s", path)
	}
	return el.Value.Array
}

// checkEdit applies e to src and checks what every edit must keep: bytes
// outside the edit are identical, the result parses, and (when php is
// installed) php -l accepts it.
func checkEdit(t *testing.T, src []byte, e Edit) ([]byte, *File) {
	t.Helper()
	return checkEditLint(t, src, e, true)
}

// lintCount samples php -l in the corpus loops: one php process per edit
// would take most of a minute.
var lintCount int

func checkEditLint(t *testing.T, src []byte, e Edit, lint bool) ([]byte, *File) {
	t.Helper()
	out, applied, _ := Apply(src, []Edit{e})
	if len(applied) != 1 {
		t.Fatalf("edit %+v not applied", e)
	}
	tail := len(src) - e.End
	if string(out[:e.Start]) != string(src[:e.Start]) || string(out[len(out)-tail:]) != string(src[e.End:]) {
		t.Fatalf("bytes outside the edit changed")
	}
	f := mustParse(t, out)
	if lint {
		phptest.Lint(t, out)
	}
	return out, f
}

func TestPHPString(t *testing.T) {
	for in, want := range map[string]string{
		"":          `''`,
		"abc":       `'abc'`,
		`it's`:      `'it\'s'`,
		`a\b`:       `'a\\b'`,
		`\'`:        `'\\\''`,
		"a\nb$c\"d": "'a\nb$c\"d'",
	} {
		if got := PHPString(in); got != want {
			t.Errorf("PHPString(%q) = %s, want %s", in, got, want)
		}
		f := mustParse(t, []byte("<?php return ['k' => "+PHPString(in)+"];"))
		if got := f.Lookup("k").Value.Str; got != in {
			t.Errorf("round trip %q -> %q", in, got)
		}
	}
}

func TestReplaceValue(t *testing.T) {
	src := []byte("<?php\nreturn [\n    'a' => [\n        'url' => 'http://x', // keep\n        'n' => 1\n    ]\n];\n")
	f := mustParse(t, src)
	out, g := checkEdit(t, src, ReplaceValue(f.Lookup("a.url"), PHPString("http://x/")))
	want := "<?php\nreturn [\n    'a' => [\n        'url' => 'http://x/', // keep\n        'n' => 1\n    ]\n];\n"
	if string(out) != want {
		t.Fatalf("got\n%s", out)
	}
	if g.Lookup("a.url").Value.Str != "http://x/" {
		t.Fatal("value not replaced")
	}
	// A whole nested array can be replaced too.
	out, g = checkEdit(t, src, ReplaceValue(f.Lookup("a"), "[]"))
	if g.Lookup("a").Value.Kind != KindArray || !strings.Contains(string(out), "'a' => []\n") {
		t.Fatalf("got\n%s", out)
	}
}

func TestRenameKey(t *testing.T) {
	tests := []struct{ name, src, path, newKey, want string }{
		{"single", "<?php return ['service_bus' => 1];", "service_bus", "serviceBus", "<?php return ['serviceBus' => 1];"},
		{"double", `<?php return ["service_bus" => 1];`, "service_bus", "serviceBus", `<?php return ["serviceBus" => 1];`},
		{"double escapes", `<?php return ["a" => 1];`, "a", `x$y"z`, `<?php return ["x\$y\"z" => 1];`},
		{"single escapes", `<?php return ['a' => 1];`, "a", `it's`, `<?php return ['it\'s' => 1];`},
		{"int key takes sibling quote", `<?php return ["a" => 1, 5 => 2];`, "5", "b", `<?php return ["a" => 1, "b" => 2];`},
		{"implicit key", `<?php return ['a' => 1, 2];`, "0", "b", `<?php return ['a' => 1, 'b' => 2];`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			f := mustParse(t, src)
			el := f.Lookup(tc.path)
			out, g := checkEdit(t, src, RenameKey(f, el, tc.newKey))
			if string(out) != tc.want {
				t.Fatalf("got  %s\nwant %s", out, tc.want)
			}
			if g.Lookup(tc.newKey) == nil && !strings.Contains(tc.newKey, ".") {
				t.Fatalf("renamed key not found")
			}
		})
	}
}

var sbEntries = []KV{
	{Key: "url", Raw: PHPString("https://oms.example.com/")},
	{Key: "secure_endpoint", Raw: "true"},
}

func TestInsertElement(t *testing.T) {
	tests := []struct {
		name, src, path, key string
		value                string // scalar PHP text; "" inserts the sbEntries block
		want                 string
	}{
		{"modern scalar", "<?php\nreturn [\n    'a' => [\n        'b' => 1\n    ]\n];\n", "a", "c", "2",
			"<?php\nreturn [\n    'a' => [\n        'b' => 1,\n        'c' => 2\n    ]\n];\n"},
		{"modern block", "<?php\nreturn [\n    'a' => 1\n];\n", "", "serviceBus", "",
			"<?php\nreturn [\n    'a' => 1,\n    'serviceBus' => [\n        'url' => 'https://oms.example.com/',\n        'secure_endpoint' => true\n    ]\n];\n"},
		{"var_export block", "<?php\nreturn array (\n  'a' => \n  array (\n    'b' => 1,\n  ),\n);\n", "", "serviceBus", "",
			"<?php\nreturn array (\n  'a' => \n  array (\n    'b' => 1,\n  ),\n  'serviceBus' => \n  array (\n    'url' => 'https://oms.example.com/',\n    'secure_endpoint' => true,\n  ),\n);\n"},
		{"var_export scalar nested", "<?php\nreturn array (\n  'a' => \n  array (\n    'b' => 1,\n  ),\n);", "a", "c", "'x'",
			"<?php\nreturn array (\n  'a' => \n  array (\n    'b' => 1,\n    'c' => 'x',\n  ),\n);"},
		{"tabs", "<?php\nreturn [\n\t'a' => [\n\t\t'b' => 1,\n\t],\n];\n", "", "serviceBus", "",
			"<?php\nreturn [\n\t'a' => [\n\t\t'b' => 1,\n\t],\n\t'serviceBus' => [\n\t\t'url' => 'https://oms.example.com/',\n\t\t'secure_endpoint' => true,\n\t],\n];\n"},
		{"crlf", "<?php\r\nreturn [\r\n    'a' => 1\r\n];\r\n", "", "serviceBus", "",
			"<?php\r\nreturn [\r\n    'a' => 1,\r\n    'serviceBus' => [\r\n        'url' => 'https://oms.example.com/',\r\n        'secure_endpoint' => true\r\n    ]\r\n];\r\n"},
		{"double quotes", "<?php\nreturn [\n    \"a\" => 1\n];\n", "", "b", "2",
			"<?php\nreturn [\n    \"a\" => 1,\n    \"b\" => 2\n];\n"},
		{"trailing comment stays", "<?php\nreturn [\n    'a' => 1 // one\n];\n", "", "b", "2",
			"<?php\nreturn [\n    'a' => 1, // one\n    'b' => 2\n];\n"},
		{"trailing comma and comment", "<?php\nreturn [\n    'a' => 1, # one\n];\n", "", "b", "2",
			"<?php\nreturn [\n    'a' => 1, # one\n    'b' => 2,\n];\n"},
		{"block comment across lines", "<?php\nreturn [\n    'a' => 1 /* x\n y */\n];\n", "", "b", "2",
			"<?php\nreturn [\n    'a' => 1,\n    'b' => 2 /* x\n y */\n];\n"},
		{"empty root", "<?php\nreturn [];", "", "serviceBus", "",
			"<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://oms.example.com/',\n        'secure_endpoint' => true\n    ]\n];"},
		{"empty root scalar", "<?php\nreturn [];", "", "a", "1", "<?php\nreturn ['a' => 1];"},
		{"empty multi-line (Magento)", "<?php\nreturn [\n    'd' => [\n\n    ]\n];\n", "d", "x", "1",
			"<?php\nreturn [\n    'd' => [\n        'x' => 1\n    ]\n];\n"},
		{"empty var_export", "<?php\nreturn array (\n  'cron' => \n  array (\n  ),\n);\n", "cron", "x", "1",
			"<?php\nreturn array (\n  'cron' => \n  array (\n    'x' => 1,\n  ),\n);\n"},
		{"empty with comment", "<?php\nreturn [\n    'd' => [\n        // nothing yet\n    ]\n];\n", "d", "x", "1",
			"<?php\nreturn [\n    'd' => [\n        'x' => 1,\n        // nothing yet\n    ]\n];\n"},
		{"single line", "<?php return ['a' => 1];", "", "b", "2", "<?php return ['a' => 1, 'b' => 2];"},
		{"single line trailing comma", "<?php return ['a' => 1,];", "", "b", "2", "<?php return ['a' => 1, 'b' => 2,];"},
		{"close on last line", "<?php return [\n  'a' => 1];", "", "b", "2", "<?php return [\n  'a' => 1, 'b' => 2];"},
		{"mixed tabs (05 style)", "<?php\nreturn array (\n\t'session' =>\n\tarray (\n\t  'save' => 'redis',\n\t  'redis' =>\n\t  array (\n\t    'host' => 'h'\n\t  )\n\t),\n);\n", "session.redis", "port", "'6379'",
			"<?php\nreturn array (\n\t'session' =>\n\tarray (\n\t  'save' => 'redis',\n\t  'redis' =>\n\t  array (\n\t    'host' => 'h',\n\t    'port' => '6379'\n\t  )\n\t),\n);\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			f := mustParse(t, src)
			a := arrayAt(t, f, tc.path)
			val := tc.value
			if val == "" {
				st := DetectStyle(f, a)
				val = FormatArray(sbEntries, st, st.ElemIndent)
			}
			out, g := checkEdit(t, src, InsertElement(f, a, tc.key, val))
			if string(out) != tc.want {
				t.Fatalf("got\n%s\nwant\n%s", out, tc.want)
			}
			p := tc.key
			if tc.path != "" {
				p = tc.path + "." + tc.key
			}
			ga := arrayAt(t, g, tc.path)
			if last := ga.Items[len(ga.Items)-1]; last.Path() != p {
				t.Fatalf("inserted element is not last: %s", last.Path())
			}
		})
	}
}

// An inserted scalar takes the `=>` spacing of its siblings, and a nested
// empty `[]` in a multi-line file opens up.
func TestInsertElementSiblingLayout(t *testing.T) {
	tests := []struct{ name, src, path, want string }{
		{"tight arrow", "<?php\nreturn [\n\t\"a\"=>[\n\t\t\"b\"=>1\n\t]\n];\n", "a",
			"<?php\nreturn [\n\t\"a\"=>[\n\t\t\"b\"=>1,\n\t\t\"c\"=>2\n\t]\n];\n"},
		{"nested empty", "<?php\nreturn [\n    'a' => []\n];\n", "a",
			"<?php\nreturn [\n    'a' => [\n        'c' => 2\n    ]\n];\n"},
		{"nested empty var_export", "<?php\nreturn array (\n  'a' => array (),\n);\n", "a",
			"<?php\nreturn array (\n  'a' => array (\n    'c' => 2,\n  ),\n);\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			f := mustParse(t, src)
			out, _ := checkEdit(t, src, InsertElement(f, arrayAt(t, f, tc.path), "c", "2"))
			if string(out) != tc.want {
				t.Fatalf("got\n%q\nwant\n%q", out, tc.want)
			}
		})
	}
}
