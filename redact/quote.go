package redact

import "strings"

// The marks around a value interpolated into the tool's text: two
// private-use characters, which no file omslint reads has a reason to hold
// and no writer prints (String removes them).
const (
	openMark  = "\uE000"
	closeMark = "\uE001"
)

// Quote marks v as a value taken from a file or the environment, for a
// message, hint, fix description or plan step: String masks secrets only
// inside such marks. linter.Context.Report quotes every string argument of
// a finding's message itself; call Quote for a value put into a hint,
// a fix description or plan text by hand. Format it with %s, never %q (which
// would escape the marks).
func Quote(v string) string { return openMark + v + closeMark }

// Unquote removes the marks from s without masking anything.
func Unquote(s string) string {
	if !strings.Contains(s, openMark) && !strings.Contains(s, closeMark) {
		return s
	}
	plain, _ := unquote(s)
	return plain
}

// unquote removes the marks from s and returns the byte ranges of plain
// that were inside them (outermost marks; a mark left open runs to the
// end).
func unquote(s string) (plain string, marks [][2]int) {
	var b strings.Builder
	b.Grow(len(s))
	depth, start := 0, 0
	for {
		// Both marks start with the byte 0xEE: jump from one to the next.
		i := strings.IndexByte(s, 0xEE)
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		switch {
		case strings.HasPrefix(s, openMark):
			if depth == 0 {
				start = b.Len()
			}
			depth++
			s = s[len(openMark):]
		case strings.HasPrefix(s, closeMark):
			if depth > 0 {
				depth--
				if depth == 0 {
					marks = append(marks, [2]int{start, b.Len()})
				}
			}
			s = s[len(closeMark):]
		default:
			b.WriteByte(s[0])
			s = s[1:]
		}
	}
	if depth > 0 {
		marks = append(marks, [2]int{start, b.Len()})
	}
	return b.String(), marks
}
