package phpconf

import (
	"errors"
	"github.com/omslint/omslint/internal/testcorpus"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// seedFiles adds every PHP file of the shared corpus (and its parser
// crashers) and the fixtures as seeds; a missing corpus is skipped.
func seedFiles(f *testing.F, add func([]byte)) {
	paths := testcorpus.Files(f, "envphp", "*.php")
	paths = append(paths, testcorpus.Files(f, "parser-crashers", "*")...)
	for _, g := range []string{
		"../fixtures/*/*/app/etc/*.php", "../fixtures/*/*/*.php",
	} {
		m, _ := filepath.Glob(g)
		paths = append(paths, m...)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil || len(data) > 1<<20 {
			continue
		}
		add(data)
	}
	for _, s := range []string{"", "<?php", "<?php return [];", "<?php return ['a' => [1, 2, 'b' => getenv('X')]];",
		"<?php return array('a' => array(),);", "<?php return [[[[", "<?php return ['a' => <<<EOT\nx\nEOT\n];"} {
		add([]byte(s))
	}
}

// FuzzTree feeds arbitrary bytes to both parser routes: no panic, an error
// only for a limit or a time-out, every span within the file and on rune
// boundaries of the source it names, and Text(span) equal to Raw.
func FuzzTree(f *testing.F) {
	seedFiles(f, func(b []byte) { f.Add(b, false); f.Add(b, true) })
	f.Fuzz(func(t *testing.T, src []byte, full bool) {
		file, err := Parse("env.php", src, Options{FullParser: full, Timeout: 5 * time.Second})
		if err != nil {
			var le *LimitError
			if !errors.As(err, &le) && !errors.Is(err, ErrTimeout) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		checkSpan := func(what string, r Range) {
			if r.IsZero() {
				t.Fatalf("%s: range not set", what)
			}
			s := file.Span(r)
			if s.Start.Offset != int(r.Start) || s.End.Offset != int(r.End) {
				t.Fatalf("%s range %+v resolves to %+v", what, r, s)
			}
			if s.Start.Offset < 0 || s.End.Offset > len(src) || s.Start.Offset > s.End.Offset {
				t.Fatalf("%s span %+v outside the %d-byte file", what, s, len(src))
			}
			if s.Start.Line < 1 || s.End.Line < s.Start.Line || s.Start.Col < 1 {
				t.Fatalf("%s span %+v has bad lines or columns", what, s)
			}
			if got := file.Lines.Pos(s.Start.Offset); got != s.Start {
				t.Fatalf("%s span start %+v, line index says %+v", what, s.Start, got)
			}
		}
		if file.Err != nil {
			if file.Err.Pos.Offset > len(src) || file.Err.Pos.Offset < 0 {
				t.Fatalf("error position %+v outside the file", file.Err.Pos)
			}
			return
		}
		if file.Root == nil {
			return
		}
		checkSpan("root", file.Root.Range)
		file.Root.Walk(func(el *Element) bool {
			path := el.Path()
			if el.Value == nil {
				t.Fatalf("%s: nil value", path)
			}
			checkSpan(path, el.Range())
			checkSpan(path+" value", el.Value.Range)
			if !el.Key.Implicit {
				checkSpan(path+" key", el.Key.Range)
				if el.Key.Dynamic && el.Key.Str != file.Raw(el.Key.Range) {
					t.Fatalf("%s: dynamic key %q is not its source %q", path, el.Key.Str, file.Raw(el.Key.Range))
				}
			}
			if el.Value.Kind == KindArray && el.Value.Array.Owner != el {
				t.Fatalf("%s: the array's Owner is not its element", path)
			}
			return true
		})
	})
}

// FuzzRoutes: whatever the input, the fast route (with its expression
// snippets) and the full parser give the same tree, comments and error.
func FuzzRoutes(f *testing.F) {
	seedFiles(f, func(b []byte) { f.Add(b) })
	for _, e := range exprSamples {
		f.Add([]byte("<?php\nreturn [\n    'k' => " + e + ",\n    'n' => [" + e + "],\n];\n"))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 {
			return
		}
		sameTree(t, "input", src)
	})
}
