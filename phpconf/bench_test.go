package phpconf

import (
	"testing"

	"github.com/omslint/omslint/internal/benchdata"
)

// syntheticEnv is the env.php of the benchmarks (internal/benchdata).
func syntheticEnv(size int) []byte { return benchdata.SyntheticEnv(size) }

func benchParse(b *testing.B, src []byte, full bool) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Parse("env.php", src, Options{FullParser: full}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseTypical2KB(b *testing.B) {
	benchParse(b, corpusFile(b, "12"), false)
}
func BenchmarkParseTypical10KB(b *testing.B) {
	benchParse(b, corpusFile(b, "11"), false)
}
func BenchmarkParse200KB(b *testing.B)           { benchParse(b, syntheticEnv(200<<10), false) }
func BenchmarkParse10MB(b *testing.B)            { benchParse(b, syntheticEnv(10<<20), false) }
func BenchmarkParseFullParser200KB(b *testing.B) { benchParse(b, syntheticEnv(200<<10), true) }
