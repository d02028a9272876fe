package redact

import (
	"maps"
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"github.com/agnivade/levenshtein"

	"github.com/omslint/omslint/jsonpos"
	"github.com/omslint/omslint/phpconf"
)

func TestIsSecretName(t *testing.T) {
	for name, want := range map[string]bool{
		"secret": true, "oauth_client_secret": true, "password": true, "passwd": true, "Password": true,
		// near misses: what the user meant is a secret
		"oauth_client_secrte": true, "secrte": true, "pasword": true, "passowrd": true, "secrets": true,
		"secre": true, "oauth_clientsecret": true, "passwort": true,
		// words of a name
		"db_password": true, "clientSecret": true, "api-token": true, "ftp_password": true, "shared_secret": true,
		// settings a loose distance would take for secrets
		"secure": false, "secure_endpoint": false, "socket": false, "select": false, "url": false,
		"username": false, "host": false, "oauth_client_id": false, "application_id": false, "section": false,
		"key": false, "sector": false, "second": false, "pass": false, "": false,
	} {
		if got := IsSecretName(name); got != want {
			t.Errorf("IsSecretName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestExprLiteralRanges(t *testing.T) {
	for raw, want := range map[string][]string{
		"getenv('X') ?: 'fallback'":                             {"fallback"},
		"getenv('X') ?: <<<EOT\nHeredoc-Value\nEOT":             {"Heredoc-Value"},
		"getenv('X') ?: <<<'EOT'\nNowdoc-Value\nEOT":            {"Nowdoc-Value"},
		"getenv('X') ?: <<<\"EOT\"\n  two\n  lines\n  EOT":      {"  two\n  lines"},
		"getenv('X') ?: `Backtick-Value`":                       {"Backtick-Value"},
		"$_ENV['A'] ?? $_SERVER [ 'B' ] ?? \\getenv('C') . 'd'": {"d"},
		"constant('X') . env('Y') . myenv('Z')":                 {"Z"},
		"getenv('X') /* it's */ ?: 'v' // don't":                {"v"},
		"<<<EOT\nit's open":                                     {"it's open"},
	} {
		var got []string
		for _, x := range ExprLiteralRanges(raw) {
			got = append(got, raw[x[0]:x[1]])
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("ExprLiteralRanges(%q) = %q, want %q", raw, got, want)
		}
	}
}

func TestURLCredentials(t *testing.T) {
	for in, want := range map[string]string{
		"'https://u:Pa/ss@mib.example.com/'":     "'https://u:" + Mask + "@mib.example.com/'",
		"'https://u:Pa@ss@mib.example.com/'":     "'https://u:" + Mask + "@mib.example.com/'",
		`"https://u:it's-Pass@mib.example.com/"`: `"https://u:` + Mask + `@mib.example.com/"`,
		"https://host:8443/path":                 "https://host:8443/path",
		"https://h/x?access_token=Tok-1&store=2": "https://h/x?access_token=" + Mask + "&store=2",
		"https://h/?key=K-2#frag&password=no":    "https://h/?key=" + Mask + "#frag&password=no",
		"https://h/?password=&user=u":            "https://h/?password=&user=u",
		"mailto:a@b and https://h/ x@y":          "mailto:a@b and https://h/ x@y",
	} {
		if got := New().String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
}

// A line of a file that did not parse, where a value holds an apostrophe:
// its tail after the stray quote is masked too.
func TestLexicalApostrophe(t *testing.T) {
	r := New()
	for in, want := range map[string]string{
		"    'password' => 'Cnry'Apos-Tail', 'x'":       "    'password' => '" + Mask + "'",
		"    'password' => 'it's', 'user' => 'u',":      "    'password' => '" + Mask + "', 'user' => 'u',",
		"    'pasword' => 'Typo-Value' 'x',":            "    'pasword' => '" + Mask + "',",
		"    'db' => ['password' => 'a\\'b', 'u' => 1]": "    'db' => ['password' => '" + Mask + "', 'u' => 1]",
	} {
		if got := r.Line("broken.php", 0, in); got != want {
			t.Errorf("Line(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

// Array-wrapped secrets, heredocs and misspelt keys are masked by span in
// snippets and by value in quoted parts of messages.
func TestAddTreeShapes(t *testing.T) {
	src := "<?php\nreturn [\n  'a' => ['secret' => ['Array-One'], 'password' => ['Array-Two', ['Array-Three']]],\n" +
		"  'b' => ['oauth_client_secrte' => 'Typo-Value'],\n" +
		"  'c' => ['secret' => getenv('X') ?: <<<EOT\nHeredoc-Value\nEOT\n  ],\n" +
		"  'd' => ['secret' => <<<'EOT'\nNowdoc-Value\nEOT, 'user' => 'Plain-User'],\n];\n"
	f := parse(t, src)
	r := New()
	r.AddTree("env.php", f, nil)
	for n := 1; n <= f.Lines.LineCount(); n++ {
		s, line := lineOf(f, n)
		got := r.Line("env.php", s, line)
		for _, v := range []string{"Array-", "Typo-", "Heredoc-", "Nowdoc-"} {
			if strings.Contains(got, v) {
				t.Errorf("line %d shows %s: %q", n, v, got)
			}
		}
	}
	for _, v := range []string{"Array-One", "Array-Two", "Array-Three", "Typo-Value", "Heredoc-Value", "Nowdoc-Value"} {
		if got := r.String("value " + Quote(v)); got != "value "+Mask {
			t.Errorf("String(Quote(%q)) = %q", v, got)
		}
	}
	if got := r.String(Quote("Plain-User")); got != "Plain-User" {
		t.Errorf("a user name is masked: %q", got)
	}
	lines := SecretLines(f, f.Src, nil)
	for _, n := range []int{3, 4, 6, 10} {
		if !lines[n] {
			t.Errorf("SecretLines misses line %d: %v", n, lines)
		}
	}
}

// TestStringMasksOnlyQuotedValues is the masking bug of issue 18: with the
// database password 'magento', the tool's own words (bin/magento, a path)
// stay as they are; the value is masked where a message quotes it.
func TestStringMasksOnlyQuotedValues(t *testing.T) {
	r := New()
	r.AddValue("magento")
	for in, want := range map[string]string{
		"bin/magento oms:service-bus:register":               "bin/magento oms:service-bus:register",
		"chmod o-rwx 12-magento-magento2.php":                "chmod o-rwx 12-magento-magento2.php",
		"'db.password' is " + Quote("magento") + " here":     "'db.password' is " + Mask + " here",
		"url " + Quote("https://a:magento@h/x-magento") + "": "url https://a:" + Mask + "@h/x-" + Mask,
		"nested " + Quote("a "+Quote("magento")+" b"):        "nested a " + Mask + " b",
		"open " + openMark + "magento":                       "open " + Mask,
	} {
		if got := r.String(in); got != want {
			t.Errorf("String(%q)\n got %q\nwant %q", in, got, want)
		}
	}
	r.Off = true
	if got := r.String("x " + Quote("magento")); got != "x magento" {
		t.Errorf("Off: marks not removed: %q", got)
	}
}

// Values from the environment are secrets whatever their length when a
// message quotes one whole.
func TestAddEnvValue(t *testing.T) {
	r := New()
	get := r.EnvLookup(func(name string) (string, bool) {
		return map[string]string{"SHORT": "ab", "LONG": "Env-Value-1"}[name], name != "UNSET"
	})
	get("SHORT")
	get("LONG")
	get("UNSET")
	for in, want := range map[string]string{
		"says " + Quote("ab") + " from $SHORT":   "says " + Mask + " from $SHORT",
		"says " + Quote("abc"):                   "says abc",
		"in " + Quote("x Env-Value-1 y"):         "in x " + Mask + " y",
		"tool words ab and Env-Value-1 are kept": "tool words ab and Env-Value-1 are kept",
	} {
		if got := r.String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
	o := New()
	o.MergeFiles(r, nil)
	if got := o.String(Quote("ab")); got != Mask {
		t.Errorf("Merge loses env values: %q", got)
	}
}

func TestAddJSON(t *testing.T) {
	src := `{"repositories": [{"type": "composer", "url": "https://repo.example.com",
  "options": {"http": {"header": ["Authorization: Bearer Hdr-Token-1", "X-Other: visible"]}}},
  {"type": "vcs", "url": "https://x", "authorization": "Repo-Auth-2"}],
 "config": {"bearer": {"example.org": "Bearer-3"}, "http-basic": {"h": {"username": "acme", "password": "Basic-4"}}},
 "extra": {"api_password": "Pass-5", "name": "visible"}}`
	doc, err := jsonpos.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r := New()
	r.AddJSON("composer.json", doc.Root)
	masked := r.Line("composer.json", 0, src)
	for _, v := range []string{"Hdr-Token-1", "Repo-Auth-2", "Bearer-3", "Basic-4", "Pass-5"} {
		if strings.Contains(masked, v) {
			t.Errorf("snippet shows %s", v)
		}
		if got := r.String(Quote("x " + v)); strings.Contains(got, v) {
			t.Errorf("message shows %s", v)
		}
	}
	for _, v := range []string{"X-Other: visible", `"acme"`, "https://repo.example.com"} {
		if !strings.Contains(masked, v) {
			t.Errorf("masks %s too: %s", v, masked)
		}
	}
}

// linearMapOffset is the linear scan offsetMap replaced: the reference.
func linearMapOffset(rs [][2]int, off int) int {
	shift := 0
	for _, x := range rs {
		switch {
		case off < x[0]:
			return off + shift
		case off == x[0]:
			return x[0] + shift
		case off < x[1]:
			return x[0] + shift
		case off == x[1]:
			return x[0] + shift + len(Mask)
		}
		shift += len(Mask) - (x[1] - x[0])
	}
	return off + shift
}

// TestOffsetMapAgreesWithLinearScan on random merged ranges, for every
// offset of the line.
func TestOffsetMapAgreesWithLinearScan(t *testing.T) {
	rng := rand.New(rand.NewSource(15))
	for n := 0; n < 200; n++ {
		var rs [][2]int
		for p := rng.Intn(3); p < 300; {
			s := p + rng.Intn(5)
			e := s + 1 + rng.Intn(20)
			rs = append(rs, [2]int{s, e})
			p = e + 1 + rng.Intn(10)
		}
		m := offsetMap(rs)
		for off := 0; off <= 340; off++ {
			if got, want := m(off), linearMapOffset(rs, off); got != want {
				t.Fatalf("ranges %v, offset %d: %d, want %d", rs, off, got, want)
			}
		}
	}
}

// oneEdit must agree with the full Levenshtein distance on every input.
func FuzzOneEdit(f *testing.F) {
	for _, s := range [][2]string{{"secret", "secrte"}, {"secret", "secrets"}, {"password", "pasword"},
		{"token", "tokn"}, {"", "a"}, {"ab", "ba"}, {"sécret", "secret"}, {"passwd", "passwd"}, {"abc", "abd"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, s, w string) {
		want := levenshtein.ComputeDistance(s, w) <= 1
		if got := oneEdit(s, w); got != want {
			t.Fatalf("oneEdit(%q, %q) = %v, Levenshtein says %v", s, w, got, want)
		}
	})
}

// TestWords: words are the same whether taken from the lower-cased name
// (ASCII) or lower-cased one by one (other names).
func TestWords(t *testing.T) {
	for name, want := range map[string][]string{
		"dbPassword":         {"db", "password"},
		"oauth_client-ID.x":  {"oauth", "client", "id", "x"},
		"__a  b__":           {"a", "b"},
		"Vendor05_Module123": {"vendor05", "module123"},
		"ÜberSecret_KEY":     {"über", "secret", "key"},
		"İstanbul_Password":  {strings.ToLower("İstanbul"), "password"},
		"":                   nil,
	} {
		got := words(name, strings.ToLower(name), nil)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("words(%q) = %q, want %q", name, got, want)
		}
	}
}

// FuzzWords: taking an ASCII name's words from its lower-cased form gives
// what lower-casing each word does (words with a lower form that does not
// match the name in length takes that path).
func FuzzWords(f *testing.F) {
	for _, s := range []string{"dbPassword", "Vendor05_Module123", "ÜberSecret_KEY", "a-b.c d_E", "KEY"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if name == "" {
			return
		}
		got, want := words(name, strings.ToLower(name), nil), words(name, "", nil)
		if strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Fatalf("words(%q) = %q, want %q", name, got, want)
		}
	})
}

// A walk that memoizes secret names (files of more than memoFrom keys)
// finds exactly the ranges SecretRanges finds element by element.
func TestNameMemoSameRanges(t *testing.T) {
	var b strings.Builder
	b.WriteString("<?php\nreturn [\n")
	names := []string{"host", "dbname", "password", "secrte", "db_password", "username", "Token", "model", "pasword"}
	for i := 0; i < 3*memoFrom; i++ {
		b.WriteString("    'k" + strconv.Itoa(i) + "' => ['" + names[i%len(names)] + "' => 'v" + strconv.Itoa(i) + "'],\n")
	}
	b.WriteString("];\n")
	src := []byte(b.String())
	f, err := phpconf.Parse("env.php", src, phpconf.Options{})
	if err != nil || f.Root == nil {
		t.Fatal(err)
	}
	want := map[int]bool{}
	f.Root.Walk(func(el *phpconf.Element) bool {
		for _, x := range SecretRanges(f, el, nil) {
			want[f.Line(int32(x[0]))] = true
		}
		return true
	})
	got := SecretLines(f, src, nil)
	if len(want) == 0 || !maps.Equal(got, want) {
		t.Errorf("memoized walk marks %d lines, element by element %d", len(got), len(want))
	}
}
