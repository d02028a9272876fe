package redact

import (
	"strings"
	"testing"

	"github.com/omslint/omslint/phpconf"
)

func parse(t *testing.T, src string) *phpconf.File {
	t.Helper()
	f, err := phpconf.Parse("env.php", []byte(src), phpconf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func lineOf(f *phpconf.File, n int) (int, string) {
	s, e := f.Lines.LineBounds(n)
	return s, string(f.Src[s:e])
}

func TestURLPassword(t *testing.T) {
	r := New()
	for in, want := range map[string]string{
		"'https://acme:Pa55word@mib.example.com/'": "'https://acme:" + Mask + "@mib.example.com/'",
		"see https://u:p@h/ and http://x:yy@z":     "see https://u:" + Mask + "@h/ and http://x:" + Mask + "@z",
		"https://token@host/ has a token":          "https://" + Mask + "@host/ has a token",
		"https://host/a@b is no user info":         "https://host/a@b is no user info",
		"no url: a:b@c":                            "no url: a:b@c",
	} {
		if got := r.String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
		if got := r.Line("x", 0, in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
}

// A parsed file is masked by its tree only: getenv('NAME') on a secret
// key stays readable, a literal fallback inside the expression does not.
func TestParsedFileUsesTreeOnly(t *testing.T) {
	src := "<?php\nreturn [\n  'serviceBus' => [\n    'secret' => getenv('OMS_SECRET'),\n    'oauth_client_secret' => getenv('X') ?: 'Fallback-Literal-1',\n    'password' => 'Plain-Pass-2',\n  ],\n];\n"
	f := parse(t, src)
	r := New()
	r.AddTree("env.php", f, nil)
	cases := map[int]string{
		4: "    'secret' => getenv('OMS_SECRET'),",
		5: "    'oauth_client_secret' => getenv('X') ?: '" + Mask + "',",
		6: "    'password' => " + Mask + ",",
	}
	for n, want := range cases {
		s, line := lineOf(f, n)
		if got := r.Line("env.php", s, line); got != want {
			t.Errorf("line %d: %q, want %q", n, got, want)
		}
	}
	if got := r.Value("value Fallback-Literal-1 and Plain-Pass-2"); strings.Contains(got, "Literal") || strings.Contains(got, "Plain") {
		t.Errorf("String leaks: %q", got)
	}
}

// A file that did not parse falls back to the lexical rule.
func TestUnparsedFileLexical(t *testing.T) {
	r := New()
	for in, want := range map[string]string{
		"  'password' => 'abc',":                          "  'password' => '" + Mask + "',",
		"  'db' => ['password' => 'abc', 'user' => 'u'],": "  'db' => ['password' => '" + Mask + "', 'user' => 'u'],",
		"  'key' => 'unterminated":                        "  'key' => '" + Mask,
		"  'user' => 'abc',":                              "  'user' => 'abc',",
	} {
		if got := r.Line("broken.php", 0, in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
}

// LineMap maps offsets of the original line onto the masked one.
func TestLineMap(t *testing.T) {
	r := New()
	r.AddSpan("f", 10, 30) // 20 bytes masked by 8
	line := "0123456789abcdefghijklmnopqrstuvwxyz"
	got, m := r.LineMap("f", 0, line)
	if want := "0123456789" + Mask + "uvwxyz"; got != want {
		t.Fatalf("masked %q, want %q", got, want)
	}
	for off, want := range map[int]int{0: 0, 9: 9, 10: 10, 15: 10, 30: 18, 31: 19, 36: 24} {
		if g := m(off); g != want {
			t.Errorf("map(%d) = %d, want %d", off, g, want)
		}
	}
}

// Overlapping and repeated spans (a root linted twice, a fixed file
// registered again) mask once, never garble the line.
func TestOverlappingSpans(t *testing.T) {
	r := New()
	r.AddSpan("f", 5, 10)
	r.AddSpan("f", 5, 10)
	r.AddSpan("f", 8, 12)
	if got := r.Line("f", 0, "abcdeSECRETxyz"); got != "abcde"+Mask+"yz" {
		t.Errorf("got %q", got)
	}
}

func TestMerge(t *testing.T) {
	a, b := New(), New()
	b.AddValue("Merged-Secret")
	b.AddSpan("g", 0, 3)
	a.MergeFiles(b, nil)
	if got := a.Value("x Merged-Secret"); got != "x "+Mask {
		t.Errorf("got %q", got)
	}
	if got := a.Line("g", 0, "abcdef"); got != Mask+"def" {
		t.Errorf("got %q", got)
	}
}

// TestAddValueOrderAndDuplicates: longer values are masked first whatever
// the order they were added in, and a repeated value is kept once.
func TestAddValueOrderAndDuplicates(t *testing.T) {
	r := New()
	r.AddValue("abcd")
	r.AddValue("xxabcdxx")
	r.AddValue("abcd")
	if got := r.Value("key xxabcdxx and abcd"); got != "key "+Mask+" and "+Mask {
		t.Errorf("got %q", got)
	}
	r.AddValue("zzzzzzzzzzzzzz")
	if got := r.Value("zzzzzzzzzzzzzz"); got != Mask {
		t.Errorf("value added after use: got %q", got)
	}
	if len(r.values) != 3 {
		t.Errorf("%d values, want 3 (duplicates dropped)", len(r.values))
	}
}

// TestValuesSharingPrefixes: values found through a shared prefix are each
// masked whole, the longer one included, wherever they stand.
func TestValuesSharingPrefixes(t *testing.T) {
	r := New()
	for _, v := range []string{"Secret-A", "Secret-AB", "Secret-ABC-long", "Sec"} {
		r.AddValue(v)
	}
	got := r.Value("a Secret-ABC-long b Secret-AB c Secret-A d Secret-X e Sec")
	want := "a " + Mask + " b " + Mask + " c " + Mask + " d Secret-X e Sec"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// IsSecretElement is IsSecretPath without building most paths: both must
// agree on every element, with and without configured secret paths
// (including ones ending in an int key or a key holding a dot).
func TestIsSecretElementAgreesWithPath(t *testing.T) {
	src := []byte(`<?php return [
    'db' => ['connection' => ['default' => ['password' => 'p', 'host' => 'h']]],
    'crypt' => ['key' => 'k', 'other' => 'o'],
    'serviceBus' => ['secret' => 's', 'oauth_client_secret' => 'c', 'url' => 'u'],
    'list' => ['a', 'b', ['Password' => 'x']],
    'x.y' => ['token' => 't'],
    'api' => ['token' => 't', 7 => 'seven'],
];`)
	f, err := phpconf.Parse("env.php", src, phpconf.Options{})
	if err != nil || f.Root == nil {
		t.Fatal(err)
	}
	for _, extra := range [][]string{nil, {"api.token"}, {"list.1", "api.7"}, {"x.y.token"}} {
		f.Root.Walk(func(el *phpconf.Element) bool {
			if got, want := IsSecretElement(el, extra), IsSecretPath(el.Path(), extra); got != want {
				t.Errorf("extra %v, %s: IsSecretElement %v, IsSecretPath %v", extra, el.Path(), got, want)
			}
			return true
		})
	}
	if !IsSecretElement(f.Lookup("list.1"), []string{"list.1"}) {
		t.Error("a configured path ending in an int key is not secret")
	}
}

// A redactor that keeps digests of its values masks exactly what one that
// keeps the values masks (merged from per-project redactors, as a run
// does), in quoted message parts, whole values, source lines and the
// masking copy used under --show-secrets; and it cannot be merged from.
func TestKeepDigestsOnlyMasksTheSame(t *testing.T) {
	project := func(vals ...string) *Redactor {
		p := New()
		for _, v := range vals {
			p.AddValue(v)
		}
		p.AddEnvValue("OMS_SECRET", "env")
		p.AddSpan("f", 2, 6)
		return p
	}
	plain, digests := New(), New()
	digests.KeepDigestsOnly()
	for _, p := range []*Redactor{project("Fleet-Secret-0001", "abcd", "abc"), project("abcdef", "Fleet-Secret-0001", "Cnry-x"), project("overlap-AAAA", "AAAA-overlap")} {
		plain.MergeFiles(p, nil)
		digests.MergeFiles(p, nil)
	}
	texts := []string{
		"a " + Quote("Fleet-Secret-0001") + " b", Quote("xxabcdefyy abc abcd"), Quote("overlap-AAAA-overlap"),
		Quote("env"), Quote("environment"), "https://u:pw@h/ " + Quote("Cnry-x"), Quote("Fleet-Secret-000"), "abcd outside a quote",
	}
	for _, s := range texts {
		if got, want := digests.String(s), plain.String(s); got != want {
			t.Errorf("String(%q) = %q, want %q", s, got, want)
		}
		if got, want := digests.Value(s), plain.Value(s); got != want {
			t.Errorf("Value(%q) = %q, want %q", s, got, want)
		}
		if got, want := digests.Line("f", 0, s), plain.Line("f", 0, s); got != want {
			t.Errorf("Line(%q) = %q, want %q", s, got, want)
		}
	}
	digests.Off, plain.Off = true, true
	if got, want := digests.Masking().Value("x abcdef"), plain.Masking().Value("x abcdef"); got != want || got == "x abcdef" {
		t.Errorf("Masking: %q, want %q (masked)", got, want)
	}
	defer func() {
		if recover() == nil {
			t.Error("merging from a digest-only redactor did not panic")
		}
	}()
	New().MergeFiles(digests, nil)
}

// TestAddTreeAgainReplacesSpans: after --fix the fixed file is registered
// under the same name; its spans, not the original's, mask its lines.
func TestAddTreeAgainReplacesSpans(t *testing.T) {
	orig := parse(t, "<?php return ['serviceBus' => [\n'url' => 'https://a',\n'secret' => 'Xy8rT5vQ2mN7pL4k', 'k' => 'v'\n]];\n")
	fixed := parse(t, "<?php return ['serviceBus' => [\n'url' => 'https://a/',\n'secret' => 'Xy8rT5vQ2mN7pL4k', 'k' => 'v'\n]];\n")
	r := New()
	r.AddTree("env.php", orig, nil)
	start, line := lineOf(orig, 3)
	if got, want := r.Line("env.php", start, line), "'secret' => "+Mask+", 'k' => 'v'"; got != want {
		t.Fatalf("original: %q, want %q", got, want)
	}
	r.AddTree("env.php", fixed, nil)
	start, line = lineOf(fixed, 3)
	if got, want := r.Line("env.php", start, line), "'secret' => "+Mask+", 'k' => 'v'"; got != want {
		t.Errorf("after registering the fixed file: %q, want %q", got, want)
	}
}
