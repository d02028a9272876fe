package phpconf

import (
	"github.com/omslint/omslint/internal/testcorpus"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseValues(t *testing.T) {
	tests := []struct {
		name, src, path string
		kind            Kind
		str             string
		num             int64
		line, col       int // of the value
	}{
		{"short array", "<?php\nreturn ['a' => 'x'];\n", "a", KindString, "x", 0, 2, 16},
		{"long array", "<?php\nreturn array (\n  'a' => \n  array (\n    'b' => 'y',\n  ),\n);\n", "a.b", KindString, "y", 0, 5, 12},
		{"trailing comma", "<?php return ['a' => 1, 'b' => 2,];", "b", KindInt, "", 2, 1, 32},
		{"single-quote escapes", `<?php return ['a' => 'it\'s \\ \n'];`, "a", KindString, `it's \ \n`, 0, 1, 22},
		{"double-quote escapes", `<?php return ['a' => "t\tab\x41\101\u{263A}\$"];`, "a", KindString, "t\tabAA☺$", 0, 1, 22},
		{"heredoc", "<?php return ['a' => <<<EOT\n  line1\n  line2\n  EOT\n];", "a", KindString, "line1\nline2", 0, 1, 22},
		{"nowdoc", "<?php return ['a' => <<<'EOT'\n$x \\n\nEOT\n];", "a", KindString, `$x \n`, 0, 1, 22},
		{"int key", "<?php return [8 => 'x'];", "8", KindString, "x", 0, 1, 20},
		{"numeric string key is int", "<?php return ['8' => 'x'];", "8", KindString, "x", 0, 1, 22},
		{"negative number", "<?php return ['a' => -5];", "a", KindInt, "", -5, 1, 22},
		{"hex and separators", "<?php return ['a' => 0x1_F];", "a", KindInt, "", 31, 1, 22},
		{"true", "<?php return ['a' => TRUE];", "a", KindBool, "", 0, 1, 22},
		{"null", "<?php return ['a' => NULL];", "a", KindNull, "", 0, 1, 22},
		{"getenv", "<?php return ['a' => getenv('X')];", "a", KindExpr, "", 0, 1, 22},
		{"env superglobal", "<?php return ['a' => $_ENV['X']];", "a", KindExpr, "", 0, 1, 22},
		{"constant", "<?php return ['a' => FOO];", "a", KindExpr, "", 0, 1, 22},
		{"concatenation", "<?php return ['a' => 'x' . 'y'];", "a", KindExpr, "", 0, 1, 22},
		{"ternary", "<?php return ['a' => $x ? 'y' : 'z'];", "a", KindExpr, "", 0, 1, 22},
		{"interpolation", "<?php return ['a' => \"x$y\"];", "a", KindExpr, "", 0, 1, 22},
		{"#env is a plain string", "<?php return ['a' => '#env(X, \"d\")'];", "a", KindString, `#env(X, "d")`, 0, 1, 22},
		{"BOM", "\xef\xbb\xbf<?php\nreturn ['a' => 'x'];", "a", KindString, "x", 0, 2, 16},
		{"CRLF", "<?php\r\nreturn [\r\n  'a' => 'x',\r\n];\r\n", "a", KindString, "x", 0, 3, 10},
		{"text before open tag", "env.php \n<?php\nreturn ['a' => 'x'];", "a", KindString, "x", 0, 3, 16},
		{"no final newline", "<?php\nreturn ['a' => 'x'];", "a", KindString, "x", 0, 2, 16},
		{"unicode columns", "<?php return ['é' => 'ü', 'b' => 'x'];", "b", KindString, "x", 0, 1, 34},
		{"tab is one column", "<?php return [\n\t'a' => 'x'];", "a", KindString, "x", 0, 2, 9},
		{"return variable", "<?php\n$env = ['a' => 'x'];\nreturn $env;\n", "a", KindString, "x", 0, 2, 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, []byte(tt.src))
			el := f.Lookup(tt.path)
			if el == nil {
				t.Fatalf("no element %q", tt.path)
			}
			v := el.Value
			if v.Kind != tt.kind {
				t.Fatalf("kind = %v, want %v (raw %q)", v.Kind, tt.kind, f.Raw(v.Range))
			}
			if tt.kind == KindString && v.Str != tt.str {
				t.Errorf("str = %q, want %q", v.Str, tt.str)
			}
			if tt.kind == KindInt && v.Int != tt.num {
				t.Errorf("int = %d, want %d", v.Int, tt.num)
			}
			if at := f.Span(v.Range).Start; at.Line != tt.line || at.Col != tt.col {
				t.Errorf("value at %d:%d, want %d:%d", at.Line, at.Col, tt.line, tt.col)
			}
			if tt.kind == KindExpr && f.Raw(v.Range) == "" {
				t.Errorf("expression without source text")
			}
		})
	}
}

func TestKeysAndSpans(t *testing.T) {
	src := "<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://x/', // the MIB\n        0 => 'a',\n        'b',\n    ],\n];\n"
	f := mustParse(t, []byte(src))
	sb := f.Lookup("serviceBus")
	if sb == nil || sb.Value.Kind != KindArray {
		t.Fatal("serviceBus missing")
	}
	url := f.Lookup("serviceBus.url")
	if got := f.Raw(url.Key.Range); got != "'url'" {
		t.Errorf("key span text %q", got)
	}
	if got := f.Raw(url.Range()); got != "'url' => 'https://x/'" {
		t.Errorf("element span text %q", got)
	}
	if url.Comma.IsZero() || f.Raw(url.Comma) != "," {
		t.Errorf("comma span %+v", url.Comma)
	}
	// implicit key after 0 is 1
	items := sb.Value.Array.Items
	if k := items[2].Key; !k.Implicit || !k.IsInt || k.Int != 1 {
		t.Errorf("implicit key = %+v", k)
	}
	if !sb.Value.Array.TrailingComma {
		t.Error("trailing comma not seen")
	}
	if len(f.Comments) != 1 || f.Comments[0].Text != "// the MIB" || f.Comments[0].Span.Start.Line != 4 {
		t.Errorf("comments = %+v", f.Comments)
	}
	if url.Path() != "serviceBus.url" {
		t.Errorf("path %q", url.Path())
	}
	if p := items[2].Path(); p != "serviceBus.1" {
		t.Errorf("implicit path %q", p)
	}
	if p := sb.Value.Array.Path(); p != "serviceBus" {
		t.Errorf("array path %q", p)
	}
}

func TestKeyNormalisation(t *testing.T) {
	tests := []struct {
		raw   string
		isInt bool
		n     int64
		s     string
	}{
		{"'8'", true, 8, ""}, {"'08'", false, 0, "08"}, {"'-3'", true, -3, ""}, {"'-0'", false, 0, "-0"},
		{"true", true, 1, ""}, {"null", false, 0, ""}, {"1.7", true, 1, ""}, {"' 1'", false, 0, " 1"},
	}
	for _, tt := range tests {
		f := mustParse(t, []byte("<?php return ["+tt.raw+" => 1];"))
		k := f.Root.Items[0].Key
		if k.IsInt != tt.isInt || k.Int != tt.n || k.Str != tt.s {
			t.Errorf("%s: key %+v", tt.raw, k)
		}
	}
}

func TestNoArray(t *testing.T) {
	for _, src := range []string{
		"<?php\necho 1;\n",
		"<?php\nreturn array_merge([], []);\n",
		"<?php\nreturn $undefined;\n",
		"<?php\nreturn;\n",
	} {
		f, err := Parse("t.php", []byte(src), Options{})
		if err != nil || f.Err != nil {
			t.Fatalf("%q: %v %v", src, err, f.Err)
		}
		if f.Root != nil || f.NoArray == "" {
			t.Errorf("%q: want NoArray, got root %v", src, f.Root)
		}
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	f, err := Parse("t.php", []byte("<?php\nreturn [\n  'a' => 'x'\n  'b' => 'y',\n];\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Err == nil || f.Err.Pos.Line != 4 || f.Err.Pos.Col != 3 {
		t.Fatalf("err = %+v", f.Err)
	}
}

func TestEmptyElementIsSyntaxError(t *testing.T) {
	for _, tt := range []struct {
		src  string
		line int
	}{
		{"<?php\nreturn [\n  'a' => 1,\n  ,\n  'b' => 2,\n];\n", 3},
		{"<?php\nreturn [\n  'a' => [1,\n  2,,\n  3],\n];\n", 4},
		{"<?php\nreturn [,];\n", 2},
	} {
		f, err := Parse("t.php", []byte(tt.src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if f.Err == nil || f.Err.Pos.Line != tt.line || f.Root != nil {
			t.Errorf("%q: err %+v, want a syntax error on line %d (as php -l)", tt.src, f.Err, tt.line)
		}
	}
}

func TestDepthLimit(t *testing.T) {
	src := "<?php return " + strings.Repeat("[", 400) + strings.Repeat("]", 400) + ";"
	_, err := Parse("t.php", []byte(src), Options{})
	if _, ok := err.(*LimitError); !ok {
		t.Fatalf("want LimitError, got %v", err)
	}
}

// TestCorpus: every real env.php parses to a tree (or to the syntax error
// php -l reports), and every parser crasher ends quickly without a panic.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testcorpus.Dir(t, "envphp"), "*.php"))
	wantErrLine := map[string]int{"21-artifakt-io-base-magento.php": 26, "22-jfodb-notmage2.php": 89}
	for _, p := range files {
		src, _ := os.ReadFile(p)
		f, err := Parse(p, src, Options{})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		base := filepath.Base(p)
		if line, ok := wantErrLine[base]; ok {
			if f.Err == nil || f.Err.Pos.Line != line {
				t.Errorf("%s: want syntax error at line %d, got %+v", base, line, f.Err)
			}
			continue
		}
		if f.Err != nil || f.Root == nil {
			t.Errorf("%s: err %v noarray %q", base, f.Err, f.NoArray)
		}
	}
	crashers, _ := filepath.Glob(filepath.Join(testcorpus.Dir(t, "parser-crashers"), "*.php"))
	for _, p := range crashers {
		src, _ := os.ReadFile(p)
		start := time.Now()
		f, err := Parse(p, src, Options{})
		if d := time.Since(start); d > 1500*time.Millisecond {
			t.Errorf("%s: took %v", p, d)
		}
		if err == nil && f == nil {
			t.Errorf("%s: no file and no error", p)
		}
	}
}

func TestCorpus10ReturnVariable(t *testing.T) {
	src := corpusFile(t, "10")
	f, _ := Parse("10.php", src, Options{})
	if f.Root == nil || f.Lookup("db.connection.default") == nil {
		t.Fatalf("corpus 10: $env array not found: %q", f.NoArray)
	}
}

// TestLoneCR: PHP takes a lone CR as a line break; so must the full
// parser route (the fast route leaves such files to it).
func TestLoneCR(t *testing.T) {
	src := "<?php\rreturn [\r  'a' => getenv('X'),\r  'b' => 'x'\r];\r"
	f, err := Parse("t.php", []byte(src), Options{})
	if err != nil || f.Err != nil || f.Root == nil {
		t.Fatalf("lone CR file: err %v, syntax %v", err, f.Err)
	}
	if b := f.Lookup("b"); b == nil || b.Value.Str != "x" {
		t.Fatalf("b = %+v", b)
	}
}

func TestParserMessageHasNoControlBytes(t *testing.T) {
	f, err := Parse("t.php", []byte("<?php\nreturn [\n 'a' => 1,\x01\n];\n"), Options{})
	if err != nil || f.Err == nil {
		t.Fatalf("want a syntax error: %v %v", err, f.Err)
	}
	if strings.ContainsRune(f.Err.Msg, 1) || !strings.Contains(f.Err.Msg, `\x01`) {
		t.Errorf("message %q", f.Err.Msg)
	}
}
