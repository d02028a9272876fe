package engine

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/omslint/omslint/phpconf"
)

// randomEdits makes n conflict-free edits on a text of length size.
func randomEdits(r *rand.Rand, size, n int) []phpconf.Edit {
	var out []phpconf.Edit
	pos := 0
	for i := 0; i < n && pos <= size; i++ {
		start := pos + r.Intn(size-pos+1)
		if start > size {
			break
		}
		end := start
		if r.Intn(2) == 0 {
			end = start + r.Intn(min(4, size-start)+1)
		}
		out = append(out, phpconf.Edit{Start: start, End: end, Text: strings.Repeat(string(rune('A'+r.Intn(26))), r.Intn(4))})
		pos = end + 1 // keep edits apart (planFixes refuses two at one offset)
	}
	// Shuffle: composeEdits must not rely on the order.
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// Composing the edits of several rounds gives one set of edits on the
// original bytes with the same result, never two edits at one place.
func TestComposeEdits(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	for iter := 0; iter < 20000; iter++ {
		orig := []byte(strings.Repeat("abcdefghij", 3)[:1+r.Intn(25)])
		var composed []phpconf.Edit
		cur := orig
		for round := 0; round < 1+r.Intn(3); round++ {
			next := randomEdits(r, len(cur), r.Intn(4))
			want, _, _ := phpconf.Apply(cur, next)
			composed = composeEdits(orig, composed, next)
			got, _, skipped := phpconf.Apply(orig, composed)
			if len(skipped) > 0 || string(got) != string(want) {
				t.Fatalf("orig %q round %d next %+v: composed %+v gives %q (skipped %v), want %q", orig, round, next, composed, got, skipped, want)
			}
			for i := 1; i < len(composed); i++ {
				if composed[i].Start <= composed[i-1].End {
					t.Fatalf("composed edits touch: %+v", composed)
				}
			}
			cur = want
		}
	}
}
