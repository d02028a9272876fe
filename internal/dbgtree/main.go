package main

import (
	"fmt"
	"os"
	"time"

	"github.com/omslint/omslint/phpconf"
)

func main() {
	for _, p := range os.Args[1:] {
		src, _ := os.ReadFile(p)
		t := time.Now()
		f, err := phpconf.Parse(p, src, phpconf.Options{})
		d := time.Since(t)
		if err != nil {
			fmt.Printf("%s: ERR %v (%v)\n", p, err, d)
			continue
		}
		if f.Err != nil {
			fmt.Printf("%s: parse error %v (%v)\n", p, f.Err, d)
			continue
		}
		if f.Root == nil {
			fmt.Printf("%s: noarray %s at %d:%d\n", p, f.NoArray, f.NoArraySpan.Start.Line, f.NoArraySpan.Start.Col)
			continue
		}
		n := 0
		f.Root.Walk(func(e *phpconf.Element) bool { n++; return true })
		fmt.Printf("%s: ok %d elements, %d comments (%v)\n", p, n, len(f.Comments), d)
		if os.Getenv("V") != "" {
			f.Root.Walk(func(e *phpconf.Element) bool {
				fmt.Printf("  %d:%d-%d:%d %s = %s %q %q\n", e.Span.Start.Line, e.Span.Start.Col, e.Span.End.Line, e.Span.End.Col, e.Path, e.Value.Kind, e.Value.Str, e.Value.Raw)
				return true
			})
			for _, c := range f.Comments {
				fmt.Printf("  comment %d:%d %q\n", c.Span.Start.Line, c.Span.Start.Col, c.Text)
			}
		}
	}
}
