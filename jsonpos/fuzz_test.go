package jsonpos

import (
	"encoding/json"
	"os"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics, that it accepts exactly what
// encoding/json accepts for valid UTF-8 input (both are RFC 8259 strict),
// and that every span selects its value's bytes.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"composer.json", "composer.lock", "auth-bom.json"} {
		if src, err := os.ReadFile("testdata/" + name); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{``, `{}`, `[1,]`, `"\ud83d\ude00"`, `{"a":[1,{"b":null}]}`, "\xef\xbb\xbf[]", `-0.0e-0`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := Parse(src)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T", err)
			}
		} else {
			checkSpans(t, src, doc.Root)
		}
		// encoding/json replaces invalid UTF-8 and lone surrogates where
		// PHP (and we) reject them, and it does not skip a BOM: compare
		// only where the two grammars coincide.
		if utf8.Valid(src) && !hasBOM(src) && !hasSurrogateEscape(src) {
			if (err == nil) != json.Valid(src) {
				t.Fatalf("Parse err=%v, json.Valid=%v for %q", err, json.Valid(src), src)
			}
		}
	})
}

func hasBOM(src []byte) bool { return len(src) >= 3 && string(src[:3]) == "\xef\xbb\xbf" }

func hasSurrogateEscape(src []byte) bool {
	for i := 0; i+2 < len(src); i++ {
		if src[i] == '\\' && (src[i+1] == 'u' || src[i+1] == 'U') && (src[i+2] == 'd' || src[i+2] == 'D') {
			return true
		}
	}
	return false
}

func checkSpans(t *testing.T, src []byte, n *Node) {
	s, e := int(n.Range.Start), int(n.Range.End)
	if s < 0 || e > len(src) || s >= e {
		t.Fatalf("bad range %+v", n.Range)
	}
	if n.Raw != "" && string(src[s:e]) != n.Raw {
		t.Fatalf("span selects %q, raw %q", src[s:e], n.Raw)
	}
	switch n.Kind {
	case KindObject:
		if src[s] != '{' || src[e-1] != '}' {
			t.Fatalf("object span %q", src[s:e])
		}
		for _, m := range n.Members {
			if src[m.KeyRange.Start] != '"' || src[m.KeyRange.End-1] != '"' {
				t.Fatalf("key range %+v", m.KeyRange)
			}
			checkSpans(t, src, m.Value)
		}
	case KindArray:
		if src[s] != '[' || src[e-1] != ']' {
			t.Fatalf("array span %q", src[s:e])
		}
		for _, el := range n.Elems {
			checkSpans(t, src, el)
		}
	}
}
