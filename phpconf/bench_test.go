package phpconf

import (
	"fmt"
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

// BenchmarkParseCorpusRoutes parses the real env.php files of the corpus
// by each route: the decision to keep the fast route (README, "Parse
// routes") rests on these numbers. "with-expressions" are the corpus files
// that hold getenv(), $_ENV or other expressions (05, 09, 10, 13, 15, 20,
// 21), "literal" the others.
func BenchmarkParseCorpusRoutes(b *testing.B) {
	withExpr := map[string]bool{"05": true, "09": true, "10": true, "13": true, "15": true, "20": true, "21": true}
	var literal, expr [][]byte
	for i := 1; i <= 25; i++ {
		prefix := fmt.Sprintf("%02d", i)
		src := corpusFile(b, prefix)
		if withExpr[prefix] {
			expr = append(expr, src)
		} else {
			literal = append(literal, src)
		}
	}
	for _, set := range []struct {
		name  string
		files [][]byte
	}{{"literal", literal}, {"with-expressions", expr}} {
		for _, full := range []bool{false, true} {
			route := "fast"
			if full {
				route = "full"
			}
			b.Run(set.name+"/"+route, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					for _, src := range set.files {
						if _, err := Parse("env.php", src, Options{FullParser: full}); err != nil {
							b.Fatal(err)
						}
					}
				}
			})
		}
	}
}
func BenchmarkParseFullParser10MB(b *testing.B) { benchParse(b, syntheticEnv(10<<20), true) }
