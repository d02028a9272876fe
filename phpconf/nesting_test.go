package phpconf

import (
	"errors"
	"github.com/omslint/omslint/internal/testcorpus"
	"os"
	"strings"
	"testing"
	"time"
)

// Deep nesting reaches neither the fast parser's recursion nor the full
// parser's steep cost: both routes refuse it quickly with a LimitError.
func TestDeepNestingRefusedQuickly(t *testing.T) {
	const n = 200000
	cases := map[string]string{
		"arrays":        "<?php return " + strings.Repeat("[", n) + strings.Repeat("]", n) + ";",
		"array()":       "<?php return " + strings.Repeat("array(", n) + strings.Repeat(")", n) + ";",
		"in expression": "<?php return ['a' => 1 + " + strings.Repeat("[", n) + strings.Repeat("]", n) + "];",
		"calls":         "<?php return ['a' => " + strings.Repeat("f(", n) + strings.Repeat(")", n) + "];",
		"parentheses":   "<?php return " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) + ";",
		"not":           "<?php return ['a' => " + strings.Repeat("!", n) + "1];",
		"minus":         "<?php return ['a' => " + strings.Repeat("- ", n) + "1];",
		"unclosed":      "<?php return " + strings.Repeat("[", n),
	}
	for name, src := range cases {
		for _, full := range []bool{false, true} {
			start := time.Now()
			f, err := Parse("env.php", []byte(src), Options{FullParser: full})
			var le *LimitError
			if !errors.As(err, &le) {
				t.Errorf("%s (full %v): got %v, %v; want a LimitError", name, full, f, err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%s (full %v): %v", name, full, d)
			}
		}
	}
}

// Brackets inside strings and comments do not count, and no corpus file is
// refused.
func TestTooDeepIgnoresStringsAndComments(t *testing.T) {
	deep := strings.Repeat("[", 1000)
	src := "<?php\n// " + deep + "\n# " + deep + "\n/* " + deep + " */\nreturn ['a' => '" + deep + "', 'b' => \"" + deep + "\", 'c' => '" + strings.Repeat("!", 1000) + "'];\n"
	if off := tooDeep([]byte(src), DefaultMaxDepth); off >= 0 {
		t.Errorf("refused at %d", off)
	}
	files := testcorpus.Files(t, "envphp", "*.php")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if off := tooDeep(data, DefaultMaxDepth); off >= 0 {
			t.Errorf("%s refused at %d", p, off)
		}
	}
}
