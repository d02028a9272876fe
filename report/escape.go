package report

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escape makes a string that came from the checkout (a key name, a file or
// folder name, a value quoted in a message, a snippet line) safe to print
// where the output's encoder does not escape it (text, GitHub workflow
// commands, JUnit and checkstyle text): every character that could end a
// line, move the cursor, start a terminal escape sequence or reorder the
// text is written visibly instead, so a checkout cannot forge a report
// line, a `::error` workflow command or a terminal sequence:
//
//   - C0 controls but tab, DEL and C1 controls: \n, \r, \x1b, \x7f, \u009b;
//   - U+2028 and U+2029 (line and paragraph separators): \u2028, \u2029;
//   - bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
//     U+2066–U+2069), which can make a line read as something else;
//   - bytes that are not UTF-8 (a lone 0x9b is CSI on 8-bit terminals):
//     \xNN.
//
// Tabs are kept (snippets are indented with them). Everything else,
// backslashes included, is left as it is. This is the one place that
// decides it: every writer calls it, on messages through Result.message,
// on notes through Result.ReportNotes and StderrNotes, and on file names
// and fix or hint texts directly.
func Escape(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			out, _, _ := escapeSpan(s, -1, -1)
			return out
		}
	}
	return s
}

// escapeSpan is Escape that also maps two byte offsets of s onto the
// result (for the snippet marker); -1 stays -1.
func escapeSpan(s string, start, end int) (string, int, int) {
	var b strings.Builder
	ns, ne := start, end
	for i := 0; i < len(s); {
		if i == start {
			ns = b.Len()
		}
		if i == end {
			ne = b.Len()
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			b.WriteString(`\x` + hex2(s[i]))
		case r == '\t':
			b.WriteByte('\t')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x` + hex2(byte(r)))
		case needsEscape(r):
			b.WriteString(`\u` + strings.Repeat("0", 4-len(strconv.FormatInt(int64(r), 16))) + strconv.FormatInt(int64(r), 16))
		default:
			b.WriteString(s[i : i+w])
		}
		i += w
	}
	if start == len(s) {
		ns = b.Len()
	}
	if end == len(s) {
		ne = b.Len()
	}
	out := b.String()
	return out, min(ns, len(out)), min(ne, len(out))
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// needsEscape reports the non-ASCII characters Escape writes visibly.
func needsEscape(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1 controls
		return true
	case r == 0x2028 || r == 0x2029:
		return true
	}
	return isBidiControl(r)
}

// isBidiControl reports the bidirectional controls (U+061C, U+200E,
// U+200F, U+202A–U+202E, U+2066–U+2069), which Escape shows visibly and
// the JSON formats write as \u escapes (jsonsafe.go).
func isBidiControl(r rune) bool {
	switch {
	case r == 0x061c || r == 0x200e || r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
