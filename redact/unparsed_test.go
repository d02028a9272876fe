package redact

import (
	"strings"
	"testing"

	"github.com/omslint/omslint/phpconf"
)

// A file that does not parse: the secret value on a line without its key
// (the line a syntax error is reported on) is masked too. Each source
// holds one canary, Cnry..., under a secret key; no line of it may show it.
// The last ones are not secret and stay.
func TestUnparsedAcrossLines(t *testing.T) {
	for _, tc := range []struct{ name, src string }{
		{"value on the next line", "<?php\nreturn ['serviceBus' => [\n    'secret' =>\n        'CnryNext1' 'x',\n]];\n"},
		{"arrow on the next line", "<?php\nreturn ['serviceBus' => [\n    'secret'\n        => 'CnryArrow2' 'x',\n]];\n"},
		{"array under a secret key", "<?php\nreturn ['db' => ['password' => [\n    'CnryArr3' 'x',\n]]];\n"},
		{"string spanning lines", "<?php\nreturn ['secret' => 'a\nCnrySpan4' 'x'];\n"},
		{"comment before the arrow", "<?php\nreturn ['secret' /* c */ => 'CnryCmt5' 'x'];\n"},
		{"heredoc", "<?php\nreturn ['secret' => <<<EOT\n    CnryHere6\n    EOT 'x'];\n"},
		{"nowdoc", "<?php\nreturn ['secret' => <<<'EOT'\n    CnryNow7\n    EOT 'x'];\n"},
		{"concatenation over lines", "<?php\nreturn ['oauth_client_secret' => 'a' .\n    'CnryCat8' 'x'];\n"},
		{"crypt key", "<?php\nreturn ['crypt' => ['key' =>\n 'CnryKey9' 'x']];\n"},
		{"extra secret path", "<?php\nreturn ['payment' => ['private_key' =>\n 'CnryExtra10' 'x']];\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := phpconf.Parse("env.php", []byte(tc.src), phpconf.Options{})
			if f == nil || f.Root != nil {
				t.Fatalf("the source must not parse: %+v", f)
			}
			r := New()
			r.AddTree("env.php", f, []string{"payment.private_key"})
			checkLines(t, r, tc.src, func(line string) {
				if strings.Contains(line, "Cnry") {
					t.Errorf("line shows the secret: %q", line)
				}
			})
		})
	}
	// Not secret: a sibling's value, a key after the secret element.
	src := "<?php\nreturn ['secret' => 'a', 'user' =>\n 'KeptUser' 'x', 'url' => 'https://h/'];\n"
	f, _ := phpconf.Parse("env.php", []byte(src), phpconf.Options{})
	r := New()
	r.AddTree("env.php", f, nil)
	var all []string
	checkLines(t, r, src, func(line string) { all = append(all, line) })
	if got := strings.Join(all, "\n"); !strings.Contains(got, "'KeptUser'") || !strings.Contains(got, "https://h/") {
		t.Errorf("masked what is not secret:\n%s", got)
	}
}

func checkLines(t *testing.T, r *Redactor, src string, check func(string)) {
	t.Helper()
	start := 0
	for _, line := range strings.SplitAfter(src, "\n") {
		check(r.Line("env.php", start, strings.TrimSuffix(line, "\n")))
		start += len(line)
	}
}

// FuzzUnparsedRanges: any source gives ranges inside it, in order, never
// a panic.
func FuzzUnparsedRanges(f *testing.F) {
	for _, s := range []string{"<?php return ['secret' =>\n'a' 'b'];", "<<<", "<<<'X'\nabc", "'secret' => /* ", "'key' => ['a' => \"b\\", "#['secret' => 'x']"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		prev := 0
		for _, r := range unparsedRanges(src, []string{"a.b"}) {
			if r[0] < prev || r[1] < r[0] || r[1] > len(src) {
				t.Fatalf("range %v after %d in %d bytes", r, prev, len(src))
			}
			prev = r[1]
		}
	})
}

// Unquoted words in a secret value of a file that does not parse ('secret'
// => my pass,) are masked in the snippet, and a comment between key and
// arrow does not hide the key from AfterSecretKey (the OMS001 message).
func TestUnparsedBareWords(t *testing.T) {
	for _, src := range []string{
		"<?php\nreturn ['secret' => 'a' CnryWord1, 'x' => 1];\n",
		"<?php\nreturn ['secret' =>\n  CnryWord2 CnryWord3];\n",
		"<?php\nreturn ['password' => $CnryVar4 $CnryVar5];\n",
		"<?php\nreturn ['db' => ['password' =>\n 'x' CnryWord6]];\n",
	} {
		f, _ := phpconf.Parse("env.php", []byte(src), phpconf.Options{})
		if f == nil || f.Root != nil {
			t.Fatalf("must not parse: %q", src)
		}
		r := New()
		r.AddTree("env.php", f, nil)
		checkLines(t, r, src, func(line string) {
			if strings.Contains(line, "Cnry") {
				t.Errorf("line shows the secret: %q", line)
			}
		})
	}
	src := []byte("return ['secret' /* c */ => 'a' CnryWord7];")
	if !AfterSecretKey(src, strings.Index(string(src), "Cnry")) {
		t.Errorf("AfterSecretKey misses a key before a comment")
	}
}
