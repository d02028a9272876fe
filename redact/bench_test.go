package redact

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkExprLiteralRanges: 'a' . 'a' . … on a secret key. The look-back
// for getenv( was an end-anchored regexp over every prefix (3.2 s at 20 KB,
// 405 s at 200 KB); it is linear now: ten times the size, ten times the time.
func BenchmarkExprLiteralRanges(b *testing.B) {
	for _, kb := range []int{20, 200} {
		raw := strings.Repeat("'a' . ", kb*1024/6) + "getenv('X')"
		b.Run(fmt.Sprintf("%dKB", kb), func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				if len(ExprLiteralRanges(raw)) == 0 {
					b.Fatal("no literal")
				}
			}
		})
	}
}

// BenchmarkLineMap: one line holding n masked passwords and a marker for
// each (a finding per duplicate key): masking the line once and mapping n
// offsets is n log n, not n² as a linear scan per offset was (16 MB of
// duplicate passwords on one line ran for minutes).
func BenchmarkLineMap(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		one := "'password' => 'Dup-Pass-1', "
		line := strings.Repeat(one, n)
		r := New()
		for i := 0; i < n; i++ {
			s := i*len(one) + len("'password' => ")
			r.AddSpan("env.php", s, s+len("'Dup-Pass-1'"))
		}
		b.Run(fmt.Sprintf("%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(line)))
			for b.Loop() {
				r.last = lineCache{} // mask it each time
				_, m := r.LineMap("env.php", 0, line)
				last := -1
				for i := 0; i < n; i++ {
					off := m(i * len(one))
					if off <= last {
						b.Fatal("offsets out of order")
					}
					last = off
				}
			}
		})
	}
}
