package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

// Writing a JSON document through jsonBidiWriter, in pieces of any size,
// gives JSON that decodes to the same value and holds no raw bidirectional
// control.
func FuzzJSONBidiWriter(f *testing.F) {
	f.Add("bidi\u202etxt.php", 1)
	f.Add("\u2066\u2069\u200e\u200f\u061c plain é ü 漢", 2)
	f.Add("\u202a\u202b\u202c\u202d", 3)
	f.Add("no controls at all", 5)
	f.Fuzz(func(t *testing.T, s string, piece int) {
		want := map[string]string{"key": s}
		enc, err := json.Marshal(want)
		if err != nil {
			t.Skip()
		}
		if piece < 1 {
			piece = 1
		}
		var out bytes.Buffer
		jw := &jsonBidiWriter{w: &out}
		for i := 0; i < len(enc); i += piece {
			if _, err := jw.Write(enc[i:min(len(enc), i+piece)]); err != nil {
				t.Fatal(err)
			}
		}
		if err := jw.Close(); err != nil {
			t.Fatal(err)
		}
		var got, direct map[string]string
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatalf("not JSON after escaping: %v\n%q", err, out.String())
		}
		if err := json.Unmarshal(enc, &direct); err != nil {
			t.Fatal(err)
		}
		if got["key"] != direct["key"] {
			t.Fatalf("decoded %q, want %q", got["key"], direct["key"])
		}
		for _, r := range out.String() {
			if isBidiControl(r) {
				t.Fatalf("raw %U left in %q", r, out.String())
			}
		}
	})
}
