package phpconf

import (
	"errors"
	"fmt"
	"github.com/omslint/omslint/internal/testcorpus"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// parseBoth parses src by the fast route and by the full parser.
func parseBoth(t testing.TB, src []byte) (fast, full *File, fastErr, fullErr error) {
	fast, fastErr = Parse("t.php", src, Options{})
	full, fullErr = Parse("t.php", src, Options{FullParser: true})
	return
}

// sameTree compares what the rules see: the tree, comments, syntax error.
func sameTree(t *testing.T, name string, src []byte) {
	t.Helper()
	fast, full, e1, e2 := parseBoth(t, src)
	if (e1 == nil) != (e2 == nil) {
		t.Fatalf("%s: errors differ: fast %v, full %v", name, e1, e2)
	}
	if e1 != nil {
		return
	}
	if !reflect.DeepEqual(fast.Root, full.Root) {
		t.Errorf("%s: trees differ\n%s", name, firstDiff(fast.Root, full.Root))
	}
	if len(fast.Comments) != 0 || len(full.Comments) != 0 {
		if !reflect.DeepEqual(fast.Comments, full.Comments) {
			t.Errorf("%s: comments differ:\nfast %+v\nfull %+v", name, fast.Comments, full.Comments)
		}
	}
	if !reflect.DeepEqual(fast.Err, full.Err) || fast.NoArray != full.NoArray {
		t.Errorf("%s: errors differ: %+v / %+v", name, fast.Err, full.Err)
	}
}

func firstDiff(a, b *Array) string {
	if a == nil || b == nil {
		return fmt.Sprintf("root nil: fast %v full %v", a == nil, b == nil)
	}
	var out []string
	var ea, eb []*Element
	a.Walk(func(e *Element) bool { ea = append(ea, e); return true })
	b.Walk(func(e *Element) bool { eb = append(eb, e); return true })
	for i := 0; i < len(ea) && i < len(eb); i++ {
		x, y := *ea[i], *eb[i]
		x.Parent, y.Parent = nil, nil
		xv, yv := *x.Value, *y.Value
		xv.Array, yv.Array = nil, nil
		x.Value, y.Value = &xv, &yv
		if !reflect.DeepEqual(x, y) {
			out = append(out, fmt.Sprintf("element %d:\nfast %+v %+v\nfull %+v %+v", i, x, xv, y, yv))
			break
		}
	}
	if len(ea) != len(eb) {
		out = append(out, fmt.Sprintf("%d vs %d elements", len(ea), len(eb)))
	}
	if len(out) == 0 {
		out = append(out, fmt.Sprintf("array fields: fast %+v\nfull %+v", *a, *b))
	}
	return strings.Join(out, "\n")
}

// TestRoutesAgreeOnCorpus: on every real env.php and every parser crasher,
// the fast route and the full parser give the same tree.
func TestRoutesAgreeOnCorpus(t *testing.T) {
	files := testcorpus.Files(t, "envphp", "*.php")
	files = append(files, testcorpus.Files(t, "parser-crashers", "*.php")...)
	fixtures, _ := filepath.Glob("../fixtures/cases/*/*.php")
	files = append(files, fixtures...)
	for _, p := range files {
		src, _ := os.ReadFile(p)
		sameTree(t, p, src)
	}
}

func TestRoutesAgreeOnTrickyInputs(t *testing.T) {
	for _, src := range []string{
		"<?php return ['a' => 1, 'b' => -2, 'c' => - 3, 'd' => +4, 'e' => 1.5, 'f' => -0.25];",
		"<?php return array ( 'a' => array ( 0 => 'x', ), 'b' => TRUE, 'c' => NULL, 'd' => False );",
		"<?php return [[1, 2], 'k' => [3, [4]], 7 => 'x', 'y', '8' => 'z', 'w'];",
		"<?php // c1\n# c2\nreturn [ /* c3 */ 'a' => 'x', // c4\n 'b' => \"y\\n\\$z\" /** c5 */ ];\n",
		"<?php\r\nreturn [\r\n  'a' => 'x', // crlf\r\n];\r\n",
		"\xef\xbb\xbf<?php return ['é' => 'ü'];",
		"env.php \n<?php\nreturn [];",
		"<?php return [];\n?>\n",
		"<?php return ['a' => 'x' 'b'];",
		"<?php return ['a' => \"x{$y}\"];",
		"<?php return ['a' => 'x'] ?>",
		"<?php return [true => 1, null => 2, 1.9 => 3, '-5' => 4, '05' => 5];",
		"<?php return ['a' => 0x1F, 'b' => 017, 'c' => 1_000, 'd' => 1e3];",
		"<?php return ['a' => getenv('X')];",
		"<?php\nreturn [\n\t'a' => [\n\t\t'b' => 'c',\n\t],\n];",
		"<?php return ['a' => 'x'];\n// trailing comment",
		"<?php return ['a' => 'x',,];",
		"<?PHP RETURN ARRAY('a' => 'x');",
		"<?php return [-9223372036854775808 => 1, 'big' => 9223372036854775808];",
	} {
		sameTree(t, src, []byte(src))
	}
}

// TestRoutesAgreeOnGeneratedFiles builds random env.php-like files in the
// layouts Magento writes and compares both routes.
func TestRoutesAgreeOnGeneratedFiles(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 200; i++ {
		src := GenerateConfig(rng, 3, 6)
		sameTree(t, fmt.Sprintf("generated #%d", i), []byte(src))
	}
}

// TestFastRouteCoversMagentoLayouts: files written by Magento's own writers
// (and the generated ones) must take the fast route, or it is useless.
func TestFastRouteCoversMagentoLayouts(t *testing.T) {
	magentoWritten := map[string]bool{"02-Anandontigeri-Magento2.0.2.php": true, "03-ChandradeepKumar-magento21.php": true, "06-TransbankDevelopers-transbank-plugin-magento2-onepay.php": true, "08-scotts-ebiz-cruithne.php": true, "11-rainchei-docker-bitnami-magento.php": true, "12-magento-magento2.php": true, "16-agilaaskan-mybackup.php": true, "24-gigatodadze-alldigital.php": true}
	n := 0
	for _, p := range testcorpus.Files(t, "envphp", "*.php") {
		name := filepath.Base(p)
		if !magentoWritten[name] {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		n++
		f := NewFile("", src)
		if err := fastParse(f, DefaultMaxDepth, DefaultTimeout); err != nil {
			t.Errorf("%s: fast route refused: %v", name, err)
		}
	}
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 50; i++ {
		src := []byte(GenerateConfig(rng, 2, 4))
		f := NewFile("", src)
		if err := fastParse(f, DefaultMaxDepth, DefaultTimeout); err != nil {
			t.Errorf("generated #%d: fast route refused: %v\n%s", i, err, src)
		}
	}
	if n != 0 && n != len(magentoWritten) {
		t.Errorf("%d of the %d Magento-written corpus files found", n, len(magentoWritten))
	}
}

// TestRoutesAgreeOnPositionsAndSlabs covers what the fast route does its
// own way: line/column counted incrementally (multi-byte and invalid UTF-8,
// tabs, CRLF, one long line, lone CR), nodes allocated in slabs (a file
// large enough for several), paths kept in shared chunks.
func TestRoutesAgreeOnPositionsAndSlabs(t *testing.T) {
	for _, src := range []string{
		"<?php return ['é' => 'ü€', 'k' => ['日本' => 'x', \"\xff\xfe\" => '\x80', 'a' => 1], 'z' => [2]];",
		"<?php\n\treturn [\n\t\t'ä' => [\n\t\t\t'ö' => 'ß', // ü\n\t\t],\n\t];\n",
		"<?php\r\nreturn [\r\n  'a' => 'x\r\ny', /* é\r\n */ 'b' => [1,\r\n 2],\r\n];\r\n",
		"<?php return ['a' => 'x',\r'b' => 'y\r', 'c' => [3]];",
		"<?php return [" + strings.Repeat("'kéy' => ['v' => 'wert', 7 => [true, null]], ", 500) + "];",
	} {
		sameTree(t, src, []byte(src))
	}
	sameTree(t, "synthetic 300 KB", syntheticEnv(300<<10))
}

// TestFastRouteItemsAreCapped: the items of each array share a slab, so
// appending to one array's items must not overwrite another's.
func TestFastRouteItemsAreCapped(t *testing.T) {
	f, err := Parse("t.php", []byte("<?php return ['a' => [1, 2], 'b' => [3, 4]];"), Options{})
	if err != nil || f.Root == nil {
		t.Fatal(err)
	}
	a, b := f.Lookup("a").Value.Array, f.Lookup("b").Value.Array
	a.Items = append(a.Items, &Element{})
	if b.Items[0].Value.Int != 3 || f.Root.Items[1].Key.Str != "b" {
		t.Fatal("appending to one array's items changed another's")
	}
}

// exprSamples are values the fast route reads through the PHP parser one
// by one (or, for plain getenv calls, by itself); each must come out as
// the full route reads it, comments included.
var exprSamples = []string{
	"getenv('DB_HOST')",
	"\\getenv(\"DB_HOST\")",
	"GETENV('X')",
	"getenv ('X')",
	"getenv('X', true)",
	"getenv('X') ?: 'localhost'",
	"getenv('X') ?? 'a,b]c=>d'",
	"$_ENV['MAGE_MODE'] ?? 'production'",
	"$_ENV['MAGE_MODE']",
	"getenv('X')?:'d'",
	"getenv('X') ?: \"d\"",
	"getenv('X') ?: \"$d\"",
	"getenv('X') ?: 'a' . 'b'",
	"getenv('X') ?: getenv('Y')",
	"getenv('X') ?: 'multi\nline'",
	"getenv('X') ??= 'd'",
	"getenv('X') ?: 'it''s'",
	"$_ENV['X'] ?? 'd'",
	"$_ENV['X'] ?? 'd' ?? 'e'",
	"$_ENV['X'] ?? ",
	"$_ENV[\"DB_HOST\"]",
	"$_ENV['X']['y']",
	"$_ENV['X'] . 'a'",
	"$_ENV[ 'X' ]",
	"$_ENV['a\\'b']",
	"$_env['X']",
	"$_ENV['X'",
	"$_ENV[getenv('X')]",
	"$_SERVER[\"HTTP_HOST\"]",
	"'https://' . getenv('HOST') . '/'",
	"'a' /* inside */ . 'b'",
	"'a' . 'b' // after\n",
	"BP . '/var/log'",
	"\\Magento\\Framework\\App\\State::MODE_PRODUCTION",
	"PHP_EOL",
	"\\true",
	"\\NULL",
	"0x1F",
	"1_000",
	"1e3",
	"- 0x10",
	"(int) getenv('PORT')",
	"(bool) 1",
	"[1, 2] + [3]",
	"isset($_ENV['X']) ? $_ENV['X'] : 'd'",
	"match(getenv('M')) { 'a' => 1, default => 2 }",
	"function () { return 1; }",
	"fn($x) => $x",
	"static fn() => 1",
	"<<<EOT\nheredoc\nEOT",
	"<<<'EOT'\nnowdoc, with ] and =>\nEOT",
	"\"interpolated {$x['a']}\"",
	"\"$y\"",
	"`ls`",
	"...$rest",
	"&$ref",
	"getenv('X') ? 'a' : 'b'",
	"'s' ?>",
	"#[Attr] fn() => 1",
	"getenv(')')",
	"getenv('a\\'b')",
	"new \\ArrayObject([])",
	"array('x')[0]",
	"'x'[0]",
	"-PHP_INT_MAX - 1",
	"@getenv('X')",
	"!getenv('X')",
	"getenv('X'",
	"getenv('X'))",
	"'unterminated",
	"getenv('X') getenv('Y')",
	"1 +",
}

func TestRoutesAgreeOnExpressions(t *testing.T) {
	for _, e := range exprSamples {
		for _, shape := range []string{
			"<?php\nreturn [\n    'k' => %s,\n    'n' => 1,\n];\n",
			"<?php\nreturn [\n    'a' => ['k' => %s],\n    'b' => [%s, 'x'],\n];\n",
			"<?php\nreturn [%s => 'v', 'w'];\n",
			"<?php\nreturn array(\n  'k' => %s // c\n);\n",
			"<?php\nreturn ['x' => 1, %s, 'y'];\n",
		} {
			src := strings.ReplaceAll(shape, "%s", e)
			sameTree(t, src, []byte(src))
		}
	}
}

// TestFastRouteReadsExpressions: a file with a few expressions (a quarter
// of the corpus) stays on the fast route; a file made of expressions goes
// to the full parser rather than to hundreds of small parses.
func TestFastRouteReadsExpressions(t *testing.T) {
	fast := func(src string) bool {
		f := NewFile("", []byte(src))
		return fastParse(f, DefaultMaxDepth, DefaultTimeout) == nil
	}
	for _, src := range []string{
		"<?php return ['db' => ['host' => getenv('DB_HOST'), 'password' => getenv('DB_PASS') ?: '']];",
		"<?php return ['MAGE_MODE' => $_ENV['MAGE_MODE'] ?? 'production', 'x' => 'a' . 'b' // c\n];",
		"<?php return [\\Foo::BAR => 1, 0x10 => 'a', 'b'];",
	} {
		if !fast(src) {
			t.Errorf("fast route refused %q", src)
		}
	}
	var b strings.Builder
	b.WriteString("<?php return [")
	for i := 0; i < maxExprParses+1; i++ {
		fmt.Fprintf(&b, "'k%d' => FOO . 'x', ", i)
	}
	b.WriteString("];")
	if fast(b.String()) {
		t.Errorf("%d parsed expressions stayed on the fast route", maxExprParses+1)
	}
	sameTree(t, "many expressions", []byte(b.String()))
	// getenv('X') alone is read without the parser, so any number stay.
	b.Reset()
	b.WriteString("<?php return [")
	for i := 0; i < 5*maxExprParses; i++ {
		fmt.Fprintf(&b, "'k%d' => getenv('X%d'), ", i, i)
	}
	b.WriteString("];")
	if !fast(b.String()) {
		t.Error("plain getenv() calls left the fast route")
	}
	sameTree(t, "many getenv", []byte(b.String()))
}

// TestRoutesAgreeOnGeneratedExpressions puts random expressions into
// generated files.
func TestRoutesAgreeOnGeneratedExpressions(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 100; i++ {
		src := GenerateConfig(rng, 3, 5)
		// Replace some quoted values after '=> ' with expressions.
		parts := strings.Split(src, "=> '")
		for j := 1; j < len(parts); j++ {
			if rng.Intn(3) == 0 {
				k := strings.IndexByte(parts[j], '\'')
				if k >= 0 && !strings.Contains(parts[j][:k], "\\") {
					parts[j] = "__EXPR__" + parts[j][k+1:]
				}
			}
		}
		src = strings.Join(parts, "=> '")
		for strings.Contains(src, "'__EXPR__") {
			src = strings.Replace(src, "'__EXPR__", exprSamples[rng.Intn(len(exprSamples))], 1)
		}
		sameTree(t, fmt.Sprintf("generated #%d", i), []byte(src))
	}
}

// The expressions of a file share one deadline: a hang in the parser
// cannot cost the timeout once per expression.
func TestExpressionsShareTheDeadline(t *testing.T) {
	src := []byte("<?php return ['a' => FOO . 'x', 'b' => BAR . 'y'];")
	if _, err := Parse("env.php", src, Options{Timeout: time.Nanosecond}); !errors.Is(err, ErrTimeout) {
		t.Fatalf("expressions past the deadline: err = %v, want ErrTimeout", err)
	}
	// Literals and plain getenv() need no parser, so no deadline.
	src = []byte("<?php return ['a' => getenv('X'), 'b' => 'y'];")
	if f, err := Parse("env.php", src, Options{Timeout: time.Nanosecond}); err != nil || f.Root == nil {
		t.Fatalf("no expression to parse: %v", err)
	}
}

// TestRoutesAgreeOnTokenSoup strings random tokens into values, most of
// them invalid: wherever the fast route's expression scan stops, a value
// it accepts must read as the full parser reads it, and a file it is
// unsure of must fall back.
func TestRoutesAgreeOnTokenSoup(t *testing.T) {
	tokens := []string{
		"getenv('X')", "'a,b'", "\"c]d\"", "'e=>f'", "/* c, ] => */", "// x\n", "# y\n",
		"(", ")", "[", "]", ".", " ?: ", " ?? ", " ? ", " : ", "FOO", "\\Foo\\Bar::BAZ", "1", "-2",
		"1.5", ",", " => ", " ", "\n", "$_ENV['A']", "fn() => 1", "array(", "true", "null",
		"<<<E\nx\nE\n", "'q\\'r'", "\"s\\\"t\"", "\"$v\"", "(int) ", "!", "@", "&", "...",
	}
	rng := rand.New(rand.NewSource(4))
	fast := 0
	for i := 0; i < 3000; i++ {
		var v strings.Builder
		for n := 1 + rng.Intn(6); n > 0; n-- {
			v.WriteString(tokens[rng.Intn(len(tokens))])
		}
		src := "<?php\nreturn [\n    'a' => " + v.String() + ",\n    'b' => ['c' => " + v.String() + "],\n];\n"
		sameTree(t, src, []byte(src))
		if fastParse(NewFile("", []byte(src)), DefaultMaxDepth, DefaultTimeout) == nil {
			fast++
		}
	}
	// The soup must reach the expression route often enough to test it.
	if fast < 200 {
		t.Errorf("only %d of 3000 soups took the fast route", fast)
	}
	t.Logf("%d of 3000 soups took the fast route", fast)
}

// TestEnvReadWithoutParser: the plain environment reads that lint
// --resolve-env evaluates are read by the fast route itself (no PHP parser
// call, so no per-call token pool); the rest is left to the parser.
func TestEnvReadWithoutParser(t *testing.T) {
	for _, c := range []struct {
		src  string
		want int // the length read; 0: not recognised
	}{
		{"getenv('DB_HOST'),", 17},
		{"\\getenv(\"DB_HOST\"),", 18},
		{"$_ENV['MAGE_MODE'],", 18},
		{"$_ENV[\"X\"]]", 10},
		{"getenv('X') ?: 'localhost',", 26},
		{"getenv('X')?:'d',", 16},
		{"$_ENV['X'] ?? 'production',", 26},
		{"getenv('X') ?: \"$d\",", 11},      // interpolation: the parser decides
		{"getenv('X') ?: getenv('Y'),", 11}, // a second call: the parser
		{"$_env['X'],", 0},
		{"$_ENV[ 'X' ],", 0},
		{"getenv ('X'),", 0},
		{"getenv('a\\'b'),", 0},
	} {
		end, ok := envRead([]byte(c.src), 0)
		if !ok {
			end = 0
		}
		if end != c.want {
			t.Errorf("envRead(%q) = %d, want %d", c.src, end, c.want)
		}
	}
	src := "<?php\nreturn ['a' => getenv('A') ?: 'x', 'b' => $_ENV['B'] ?? 'y', 'c' => $_ENV['C']];\n"
	f := NewFile("", []byte(src))
	p := &fastParser{f: f, src: f.Src, maxDepth: DefaultMaxDepth, deadline: time.Now().Add(DefaultTimeout)}
	if _, err := p.file(); err != nil {
		t.Fatalf("fast route refused %q: %v", src, err)
	}
	if p.exprParses != 0 {
		t.Errorf("%d PHP parser calls for plain environment reads, want 0", p.exprParses)
	}
}
