package redact

import (
	"strings"
	"testing"

	"github.com/omslint/omslint/phpconf"
)

// FuzzRedact: on any PHP source, the redactor never panics, the literal
// ranges of any expression are in bounds and in order, and no secret value
// it registered (of a length masked in text, without '*') survives in a
// masked line or in a quoted message part.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"<?php return ['secret' => getenv('X') ?: <<<EOT\nHeredoc-1\nEOT\n];",
		"<?php return ['db' => ['password' => ['a', 'Array-Pass-2']], 'url' => 'https://u:p/x@h/'];",
		"<?php return ['oauth_client_secrte' => 'Typo-Value-3', 'pasword' => `Back-4`];",
		"<?php return ['password' => 'it\\'s-5' . 'x' /* ' */ . \"y\"];",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, x := range ExprLiteralRanges(src) {
			if x[0] < 0 || x[1] > len(src) || x[0] > x[1] {
				t.Fatalf("range %v out of %d bytes", x, len(src))
			}
		}
		for _, x := range URLPasswordRanges(src) {
			if x[0] < 0 || x[1] > len(src) || x[0] >= x[1] {
				t.Fatalf("URL range %v out of %d bytes", x, len(src))
			}
		}
		_ = New().Line("broken.php", 0, src)
		tree, err := phpconf.Parse("env.php", []byte(src), phpconf.Options{})
		if err != nil || tree == nil || tree.Root == nil {
			return
		}
		r := New()
		r.AddTree("env.php", tree, nil)
		for n := 1; n <= tree.Lines.LineCount(); n++ {
			s, e := tree.Lines.LineBounds(n)
			line := string(tree.Src[s:e])
			masked, m := r.LineMap("env.php", s, line)
			last := 0
			for off := 0; off <= len(line); off++ {
				if got := m(off); got < last || got > len(masked) {
					t.Fatalf("line %d: offset %d maps to %d (after %d, masked line of %d)", n, off, got, last, len(masked))
				} else {
					last = got
				}
			}
			for _, v := range r.values {
				if len(v) >= minValueLen && !strings.Contains(v, "*") && strings.Contains(masked, v) {
					t.Fatalf("line %d shows secret %q: %q", n, v, masked)
				}
			}
		}
		for _, v := range r.values {
			if len(v) >= minValueLen && !strings.Contains(v, "*") && strings.Contains(r.String("x "+Quote(v)+" y"), v) {
				t.Fatalf("message shows secret %q", v)
			}
		}
	})
}
