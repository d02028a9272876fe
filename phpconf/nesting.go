package phpconf

import (
	"bytes"
	"fmt"
)

// tooDeep scans src lexically (skipping strings and comments) for brackets
// — ( [ { — nested deeper than max, or a run of more than max prefix
// operators, and returns the offset of the first
// bracket past the limit, or -1. The PHP parser's cost grows steeply with
// nesting (a million nested calls take seconds and a gigabyte), so input
// beyond the tree's own depth limit is refused before it reaches the
// parser. Text before the first `<?` is inline HTML and not scanned.
func tooDeep(src []byte, max int) int {
	i := bytes.Index(src, []byte("<?"))
	if i < 0 {
		return -1
	}
	depth, unary := 0, 0
	for n := len(src); i < n; i++ {
		c := src[i]
		switch c {
		case '!', '-', '+', '~', '@':
			// A run of prefix operators nests in the grammar just as
			// brackets do (a million '!' take the parser 20 seconds).
			if unary++; unary > max {
				return i
			}
			continue
		case ' ', '\t', '\r', '\n':
			continue
		}
		unary = 0
		switch c {
		case '(', '[', '{':
			depth++
			if depth > max {
				return i
			}
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		case '\'', '"', '`':
			for i++; i < n && src[i] != c; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '#':
			i = scanLineEnd(src, i)
		case '/':
			if i+1 < n && src[i+1] == '/' {
				i = scanLineEnd(src, i)
			} else if i+1 < n && src[i+1] == '*' {
				end := bytes.Index(src[i+2:], []byte("*/"))
				if end < 0 {
					return -1
				}
				i += end + 3
			}
		}
	}
	return -1
}

func scanLineEnd(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

// depthLimit is the LimitError for a bracket nested deeper than max.
func depthLimit(f *File, off, max int) error {
	return &LimitError{Msg: fmt.Sprintf("brackets or operators nested deeper than %d levels", max), Pos: f.Lines.Pos(off)}
}
