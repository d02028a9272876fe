package position

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPosOnLongLines: columns on a line of many kilobytes (a minified
// env.php) are right whatever order positions are asked in, including
// after multi-byte and invalid UTF-8 characters.
func TestPosOnLongLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("<?php\n")
	for i := 0; b.Len() < 40000; i++ {
		b.WriteString("'é' => 'ü\xff', ")
	}
	b.WriteString("\nlast line")
	src := []byte(b.String())
	li := NewLineIndex(src)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 2000; i++ {
		off := rng.Intn(len(src) + 1)
		got := li.Pos(off)
		lineStart := strings.LastIndexByte(string(src[:off]), '\n') + 1
		want := Pos{Offset: off, Line: 1 + strings.Count(string(src[:off]), "\n"), Col: 1 + utf8.RuneCount(src[lineStart:off])}
		if got != want {
			t.Fatalf("Pos(%d) = %+v, want %+v", off, got, want)
		}
	}
}

// BenchmarkPosLongLineBackwards asks for positions from the end of a 1 MB
// line to its start: it must stay linear (it was quadratic).
func BenchmarkPosLongLineBackwards(b *testing.B) {
	src := []byte(strings.Repeat("getenv('A'), ", 80000))
	for i := 0; i < b.N; i++ {
		li := NewLineIndex(src)
		for off := len(src); off > 0; off -= 13 {
			li.Pos(off)
		}
	}
}

// TestLazyLineIndex: a lazy index answers as the eager one, whichever
// method is asked first.
func TestLazyLineIndex(t *testing.T) {
	src := []byte("ab\ncdé\r\n\nlast")
	eager := NewLineIndex(src)
	for first := 0; first < 4; first++ {
		lazy := LazyLineIndex(src)
		switch first {
		case 0:
			lazy.Pos(5)
		case 1:
			lazy.LineCount()
		case 2:
			lazy.LineBounds(2)
		case 3:
			lazy.Line(9)
		}
		if lazy.LineCount() != eager.LineCount() {
			t.Fatalf("line count %d, want %d", lazy.LineCount(), eager.LineCount())
		}
		for off := 0; off <= len(src)+1; off++ {
			if lazy.Pos(off) != eager.Pos(off) || lazy.Line(off) != eager.Line(off) {
				t.Fatalf("offset %d: %+v, want %+v", off, lazy.Pos(off), eager.Pos(off))
			}
		}
		for n := 0; n <= eager.LineCount()+1; n++ {
			if lazy.LineText(n) != eager.LineText(n) {
				t.Fatalf("line %d: %q, want %q", n, lazy.LineText(n), eager.LineText(n))
			}
		}
	}
}
