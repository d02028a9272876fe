package jsonpos

import (
	"encoding/binary"
	"math/rand"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/omslint/omslint/internal/benchdata"
)

var (
	lockSections = []string{"packages", "packages-dev"}
	lockFields   = []string{"name", "version"}
)

// samePick checks the skimming route against the tree on src: the same
// verdict (accepted or not), the same fields, and Pick's error is the
// tree's error. It returns what Pick returned.
func samePick(t *testing.T, src []byte, opt Options) (*Picked, error) {
	t.Helper()
	fast, fastOK := pick(src, lockSections, lockFields, opt)
	doc, err := ParseWith(src, opt)
	if fastOK != (err == nil) {
		t.Fatalf("skimmer accepted=%v, ParseWith err=%v, for %q", fastOK, err, src)
	}
	got, gotErr := Pick(src, lockSections, lockFields, opt)
	if (gotErr == nil) != (err == nil) || (err != nil && gotErr.Error() != err.Error()) {
		t.Fatalf("Pick err=%v, ParseWith err=%v", gotErr, err)
	}
	if err != nil {
		if got != nil {
			t.Fatalf("Pick returned a result with its error")
		}
		return nil, gotErr
	}
	want := pickTree(doc, lockSections, lockFields)
	for s := range lockSections {
		if fast.Len(s) != want.Len(s) {
			t.Fatalf("section %s: %d objects skimmed, %d in the tree, for %q", lockSections[s], fast.Len(s), want.Len(s), src)
		}
		for i := 0; i < want.Len(s); i++ {
			for f := range lockFields {
				if a, b := fast.Field(s, i, f), want.Field(s, i, f); a != b {
					t.Fatalf("%s[%d].%s: skimmed %+v, tree %+v, for %q", lockSections[s], i, lockFields[f], a, b, src)
				}
			}
		}
	}
	if fast.doc.BOM != doc.BOM {
		t.Fatalf("BOM %v, tree %v", fast.doc.BOM, doc.BOM)
	}
	return got, nil
}

// fields lists section s as "name=version" ("!" for a field that is not a
// string).
func fields(p *Picked, s int) []string {
	var out []string
	for i := 0; i < p.Len(s); i++ {
		var parts []string
		for f := range lockFields {
			if fd := p.Field(s, i, f); fd.OK {
				parts = append(parts, fd.Str)
			} else {
				parts = append(parts, "!")
			}
		}
		out = append(out, strings.Join(parts, "="))
	}
	return out
}

func TestPick(t *testing.T) {
	cases := []struct {
		name      string
		src       string
		pkgs, dev []string
		invalid   bool
	}{
		{name: "plain", src: `{"packages":[{"name":"a/b","version":"1.0.0"}],"packages-dev":[{"name":"c/d","version":"2.0"}]}`,
			pkgs: []string{"a/b=1.0.0"}, dev: []string{"c/d=2.0"}},
		{name: "escapes in name and version", src: `{"packages":[{"name":"magento\/mcom-connector","version":"\u0034.5.0"}]}`,
			pkgs: []string{"magento/mcom-connector=4.5.0"}},
		{name: "surrogate pair in a name", src: `{"packages":[{"name":"a/\ud83d\ude00","version":"1"}]}`,
			pkgs: []string{"a/😀=1"}},
		{name: "escaped keys", src: `{"pack\u0061ges":[{"nam\u0065":"a/b","versio\u006e":"1"}]}`,
			pkgs: []string{"a/b=1"}},
		{name: "duplicate section: the last wins", src: `{"packages":[{"name":"old/one"}],"x":1,"packages":[{"name":"new/one","version":"2"}]}`,
			pkgs: []string{"new/one=2"}},
		{name: "duplicate section, the last not an array", src: `{"packages":[{"name":"old/one"}],"packages":{"name":"x"}}`},
		{name: "duplicate name: the last wins", src: `{"packages":[{"name":"a/first","version":"1","name":"a/second"}]}`,
			pkgs: []string{"a/second=1"}},
		{name: "duplicate name, the last not a string", src: `{"packages":[{"name":"a/b","name":null,"version":"1"}]}`,
			pkgs: []string{"!=1"}},
		{name: "version a number", src: `{"packages":[{"name":"a/b","version":1.0}]}`, pkgs: []string{"a/b=!"}},
		{name: "nested objects in skipped values", src: `{"packages":[{"extra":{"name":"inner/x","version":"9","deep":[{"name":"deeper"}]},"name":"a/b","source":{"version":"7"}}]}`,
			pkgs: []string{"a/b=!"}},
		{name: "strings with braces and quotes", src: `{"packages":[{"description":"} ] { [ \" \\\" , :","name":"a/b","notes":"\"name\": \"evil/pkg\"","version":"1"}]}`,
			pkgs: []string{"a/b=1"}},
		{name: "non-object elements", src: `{"packages":[1,"a/b",null,[{"name":"in/list"}],{"name":"a/b"},true]}`,
			pkgs: []string{"a/b=!"}},
		{name: "section not an array", src: `{"packages":{"0":{"name":"a/b"}},"packages-dev":"none"}`},
		{name: "nested section names do not count", src: `{"extra":{"packages":[{"name":"a/b"}]}}`},
		{name: "root an array", src: `[{"packages":[{"name":"a/b"}]}]`},
		{name: "root a string", src: `"packages"`},
		{name: "empty sections", src: `{"packages":[],"packages-dev":[]}`},
		{name: "BOM", src: "\xef\xbb\xbf{\"packages\":[{\"name\":\"a/b\",\"version\":\"1\"}]}", pkgs: []string{"a/b=1"}},
		{name: "huge numbers", src: `{"content-hash":1e999999,"packages":[{"n":-123456789012345678901234567890.5e-99999,"name":"a/b","time":-0}]}`,
			pkgs: []string{"a/b=!"}},
		{name: "white space everywhere", src: " \r\n\t{ \"packages\" : [ { \"name\" : \"a/b\" , \"version\" : \"1\" } ] } \n",
			pkgs: []string{"a/b=1"}},
		{name: "non-ASCII", src: `{"packages":[{"description":"Ünïcødé ✓","name":"a/b","version":"1"}]}`, pkgs: []string{"a/b=1"}},

		{name: "trailing comma", src: `{"packages":[{"name":"a/b",}]}`, invalid: true},
		{name: "trailing comma in skipped value", src: `{"packages":[{"name":"a/b","x":[1,2,]}]}`, invalid: true},
		{name: "unpaired surrogate in a skipped string", src: `{"packages":[{"description":"\ud83d"}]}`, invalid: true},
		{name: "low surrogate first", src: `{"x":"\ude00\ud83d"}`, invalid: true},
		{name: "invalid UTF-8 in a skipped string", src: "{\"x\":\"\xff\"}", invalid: true},
		{name: "control character in a skipped string", src: "{\"x\":\"a\tb\"}", invalid: true},
		{name: "bad escape in a key", src: `{"na\me":"a/b"}`, invalid: true},
		{name: "leading zero", src: `{"x":01}`, invalid: true},
		{name: "bare minus", src: `{"x":-}`, invalid: true},
		{name: "exponent without digits", src: `{"x":1e}`, invalid: true},
		{name: "bad literal", src: `{"x":nul}`, invalid: true},
		{name: "garbage after the value", src: `{"packages":[]} x`, invalid: true},
		{name: "two values", src: `{}{}`, invalid: true},
		{name: "unterminated", src: `{"packages":[{"name":"a/b"`, invalid: true},
		{name: "unterminated string", src: `{"packages":[{"name":"a/b`, invalid: true},
		{name: "empty", src: ``, invalid: true},
		{name: "BOM only", src: "\xef\xbb\xbf", invalid: true},
		{name: "comment", src: `{/* c */}`, invalid: true},
		{name: "single quotes", src: `{'packages':[]}`, invalid: true},
		{name: "missing colon", src: `{"packages" []}`, invalid: true},
		{name: "too deep in a skipped value", src: `{"x":` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `}`, invalid: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := samePick(t, []byte(c.src), Options{})
			if c.invalid {
				if err == nil {
					t.Fatal("accepted")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p, d := fields(got, 0), fields(got, 1); !reflect.DeepEqual(p, c.pkgs) || !reflect.DeepEqual(d, c.dev) {
				t.Errorf("packages %q, packages-dev %q; want %q, %q", p, d, c.pkgs, c.dev)
			}
		})
	}
}

// TestPickDepth: the nesting limit holds in every part the skimmer reads
// (a skipped value, a section, a package), exactly at the limit.
func TestPickDepth(t *testing.T) {
	for _, src := range []string{
		`{"x":[[1]]}`, `{"x":[[[1]]]}`, `{"packages":[{"name":"a/b"}]}`, `{"packages":[{"x":[1]}]}`,
		`{"packages":[{"x":{}}]}`, `{"packages":[[]]}`, `[[[]]]`, `{"packages":[]}`,
	} {
		for depth := 1; depth <= 5; depth++ {
			samePick(t, []byte(src), Options{MaxDepth: depth})
		}
	}
}

// TestPickPositions: positions are the tree's, BOM included, and the
// error of a malformed file is the full parser's, at the same place.
func TestPickPositions(t *testing.T) {
	src := []byte("\xef\xbb\xbf{\"packages\": [\n  {\"name\": \"a/b\", \"version\": \"1.0\"}\n]}")
	p, err := Pick(src, lockSections, lockFields, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := Parse(src)
	v := p.Field(0, 0, 1)
	if got, want := p.Span(v.Range), doc.Span(doc.Root.Get("packages").Elems[0].Get("version").Range); got != want {
		t.Errorf("span %+v, want %+v", got, want)
	}
	if s := p.Span(p.Field(0, 0, 0).Range).Start; s.Line != 2 || s.Col != 12 {
		t.Errorf("name at %d:%d, want 2:12", s.Line, s.Col)
	}
	_, err = Pick([]byte("{\n  \"packages\": [\n    {\"name\": \"a/b\",}\n  ]\n}"), lockSections, lockFields, Options{})
	if err == nil || err.Error() != `3:20: unexpected character '}', expected a string key` {
		t.Errorf("error %v", err)
	}
}

func TestPickFixtures(t *testing.T) {
	for _, name := range []string{"composer.json", "composer.lock", "auth-bom.json"} {
		src, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		samePick(t, src, Options{})
	}
	samePick(t, benchdata.RealSizeRoot(1, 409, nil)["composer.lock"], Options{})
}

// FuzzPick: the skimmer accepts exactly what the full parser accepts and
// picks the same names and versions at the same places.
func FuzzPick(f *testing.F) {
	for _, name := range []string{"composer.lock", "composer.json"} {
		if src, err := os.ReadFile("testdata/" + name); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{``, `{}`, `{"packages":[{"name":"a","version":"1"}]}`, `{"packages":[{"name":"a\u0062","name":1}],"packages":[]}`,
		`{"packages-dev":[{"version":"\ud83d\ude00","name":"x"},[],{}]}`, "\xef\xbb\xbf{\"packages\":[]}", "{\n                        \"packages\": [ {\"name\" :        \"a\"}\t ]\r\n}       ", "{}         ", "{ \n}", `{"packages":[{"x":{"y":[1e5,-0.1,"}"]}}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		samePick(t, src, Options{})
		samePick(t, src, Options{MaxDepth: 3})
	})
}

// BenchmarkPickRealSizeLock: what a lint reads of the real-size
// composer.lock (each package's name and version), against
// BenchmarkParseRealSizeLock's whole tree.
func BenchmarkPickRealSizeLock(b *testing.B) {
	src := benchdata.RealSizeRoot(1, 409, nil)["composer.lock"]
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Pick(src, lockSections, lockFields, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPlain8 checks the eight-byte test against the byte table on every
// byte in every position, and on mixes of them.
func TestPlain8(t *testing.T) {
	var b [8]byte
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 8; pos++ {
			for fill := range []byte{'a', ' ', '~'} {
				for i := range b {
					b[i] = []byte{'a', ' ', '~'}[fill]
				}
				b[pos] = byte(c)
				want := true
				for _, x := range b {
					want = want && plainByte[x]
				}
				if got := plain8(binary.LittleEndian.Uint64(b[:])); got != want {
					t.Fatalf("plain8(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}

// TestPickMutations: the skimmer and the tree agree on thousands of
// small corruptions of real files (a byte replaced, dropped or added).
func TestPickMutations(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []byte("\\\"{}[],:0123456789eE+-.tfnu \n\x00\xff\xc3\xa9dD8")
	for _, name := range []string{"composer.lock", "composer.json", "auth-bom.json"} {
		src, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3000; i++ {
			b := append([]byte(nil), src...)
			for m := rng.Intn(3) + 1; m > 0; m-- {
				j := rng.Intn(len(b))
				c := alphabet[rng.Intn(len(alphabet))]
				switch rng.Intn(3) {
				case 0:
					b[j] = c
				case 1:
					b = append(b[:j], b[j+1:]...)
				default:
					b = append(b[:j], append([]byte{c}, b[j:]...)...)
				}
			}
			samePick(t, b, Options{})
		}
	}
}
