package phpconf

import (
	"fmt"
	"strings"
	"testing"
)

// startsLine: only spaces and tabs between the line's start and off.
func TestStartsLine(t *testing.T) {
	src := []byte("a\n  \tb c\n\nd")
	for off, want := range map[int]bool{0: true, 1: false, 2: true, 4: true, 5: true, 6: false, 7: false, 9: true, 10: true} {
		if got := startsLine(src, off); got != want {
			t.Errorf("startsLine(%d) = %v, want %v", off, got, want)
		}
	}
}

// oneLineArray is an env.php whose serviceBus holds n misspelt keys on one
// line: DetectStyle asks startsLine for each item.
func oneLineArray(n int) []byte {
	var b strings.Builder
	b.WriteString("<?php return ['serviceBus' => [")
	for i := range n {
		fmt.Fprintf(&b, "'secrte%d' => 'v',", i)
	}
	b.WriteString("]];")
	return []byte(b.String())
}

// BenchmarkDetectStyleOneLine is DetectStyle on an array of 100,000 items
// on one line (1.7 MB): linear in the line since startsLine looks back
// only to the first non-blank byte (it was quadratic: minutes for 500,000).
func BenchmarkDetectStyleOneLine(b *testing.B) {
	f, err := Parse("env.php", oneLineArray(100000), Options{})
	if err != nil || f.Root == nil {
		b.Fatal(err)
	}
	a := f.Root.Items[0].Value.Array
	b.ResetTimer()
	for b.Loop() {
		DetectStyle(f, a)
	}
}
