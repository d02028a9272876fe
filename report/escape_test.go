package report

import (
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"app/etc/env.php", "app/etc/env.php"},
		{"x\n::error file=evil::pwned", `x\n::error file=evil::pwned`},
		{"a\r\nb", `a\r\nb`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"tab\tkept", "tab\tkept"},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"c1 \u009b csi", `c1 \u009b csi`},
		{"ls\u2028ps\u2029", `ls\u2028ps\u2029`},
		{"bidi \u202eevil\u202c \u2066x\u2069 \u200f\u061c", `bidi \u202eevil\u202c \u2066x\u2069 \u200f\u061c`},
		{"bad \x9b byte \xff", `bad \x9b byte \xff`},
		{"Magento\\Backend, ünïcödé, 日本", "Magento\\Backend, ünïcödé, 日本"},
		{"", ""},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestEscapeSpan: the marker offsets move with the escapes before them.
func TestEscapeSpan(t *testing.T) {
	in := "'a\x1bb' => 'ü\ncd'"
	start, end := strings.Index(in, "ü"), strings.Index(in, "cd")+2
	out, s, e := escapeSpan(in, start, end)
	if out != `'a\x1bb' => 'ü\ncd'` || out[s:e] != `ü\ncd` {
		t.Errorf("escapeSpan = %q [%d:%d] %q", out, s, e, out[s:e])
	}
	if out, s, e := escapeSpan("abc", 3, 3); out != "abc" || s != 3 || e != 3 {
		t.Errorf("at the end: %q %d %d", out, s, e)
	}
}

// FuzzEscape: the result never holds a character that Escape is meant to
// remove, and offsets stay inside it.
func FuzzEscape(f *testing.F) {
	f.Add("x\n::error::y\x1b\u2028\u202e\xff", 1, 5)
	f.Fuzz(func(t *testing.T, s string, a, b int) {
		if a < 0 || a > len(s) || b < a || b > len(s) {
			a, b = 0, len(s)
		}
		out, ns, ne := escapeSpan(s, a, b)
		if ns < 0 || ne < ns || ne > len(out) {
			t.Fatalf("offsets %d %d of %d", ns, ne, len(out))
		}
		if Escape(s) != out {
			t.Fatal("Escape and escapeSpan differ")
		}
		for i, r := range out {
			if (r < 0x20 && r != '\t') || r == 0x7f || needsEscape(r) || (r == 0xfffd && !strings.Contains(s, "\ufffd")) {
				t.Fatalf("%q at %d in %q", r, i, out)
			}
		}
	})
}
