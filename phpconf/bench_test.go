package phpconf

import (
	"strings"
	"testing"
)

// syntheticEnv builds an env.php of about size bytes in Magento's modern
// layout: many `system` blocks as app:config:dump writes them.
func syntheticEnv(size int) []byte {
	var b strings.Builder
	b.WriteString("<?php\nreturn [\n")
	for i := 0; b.Len() < size; i++ {
		b.WriteString("    'system_")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString("' => [\n        'default' => [\n            'path/to/setting' => 'value with text',\n            'flag' => 1,\n            'nested' => [\n                'a' => true,\n                'b' => null,\n                'c' => 1.5\n            ]\n        ]\n    ],\n")
	}
	b.WriteString("    'serviceBus' => [\n        'url' => 'https://mib.acme-retail.com/'\n    ]\n];\n")
	return []byte(b.String())
}

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
