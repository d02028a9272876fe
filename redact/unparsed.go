package redact

import "bytes"

// unparsedRanges finds, in the source of a PHP file that did not parse,
// the strings that stand in the value of a secret key when the file is
// read token by token across lines: the per-line fallback (lexicalRanges)
// cannot see a value on the line after its key ('secret' =>\n'abc' 'x'),
// an arrow on the next line, the strings of a secret key's array on lines
// of their own, a string spanning lines, a heredoc, or a comment between
// a key and its arrow; the line a syntax error is reported on is often
// one of those. It is one forward pass (linear): brackets and parentheses
// nest, `=>` makes the element secret when the key before it names a
// secret (IsSecretKeyName, or the last segment of an extra secret path),
// `,` starts the next element, `;` ends the statement; everything inside
// a secret element is secret (its array's keys too), bare words and
// variables as well as strings. Comments are
// skipped; an unterminated string or heredoc masks to the end of the file.
// Like AfterSecretKey it only ever hides more.
func unparsedRanges(src []byte, extra []string) [][2]int {
	last := map[string]bool{}
	for _, p := range extra {
		last[lastSegment(p)] = true
	}
	secretKey := func(k string) bool { return IsSecretKeyName(k) || last[k] }

	type frame struct{ inherited, elem bool }
	stack := []frame{{}}
	top := func() *frame { return &stack[len(stack)-1] }
	secret := func() bool { f := top(); return f.inherited || f.elem }
	var rs [][2]int
	key := "" // the last string or bare word: the key if `=>` follows
	text := ""
	add := func(s, e int) {
		if secret() && e > s {
			rs = append(rs, [2]int{s, e})
		}
	}
	n := len(src)
	for i := 0; i < n; i++ {
		c := src[i]
		switch {
		case c == '/' && i+1 < n && src[i+1] == '/', c == '#' && (i+1 >= n || src[i+1] != '['):
			for i < n && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < n && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				return rs
			}
			i += 2 + end + 1
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for j < n && src[j] != c {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j, n)
			add(i+1, j)
			key = string(src[i+1 : j])
			i = j
		case c == '<' && bytes.HasPrefix(src[i:], []byte("<<<")):
			if text == "" {
				text = string(src) // once: heredocBody reads a string
			}
			body, next, ok := heredocBody(text, i)
			if !ok {
				key = ""
				i += 2
				continue
			}
			add(body[0], body[1])
			key = ""
			i = next - 1
		case c == '=' && i+1 < n && src[i+1] == '>':
			if secretKey(key) {
				top().elem = true
			}
			key = ""
			i++
		case c == '[' || c == '(' || c == '{':
			stack = append(stack, frame{inherited: secret()})
			key = ""
		case c == ']' || c == ')' || c == '}':
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			key = ""
		case c == ',':
			top().elem = false
			key = ""
		case c == ';':
			stack = stack[:1]
			stack[0] = frame{}
			key = ""
		case isWordByte(c) || c == '$' && i+1 < n && isWordByte(src[i+1]):
			// A bare word, number or variable: in a secret value of a file
			// that does not parse, an unquoted secret ('password' => my
			// pass,) is one.
			j := i + 1
			for j < n && isWordByte(src[j]) {
				j++
			}
			add(i, j)
			key = string(src[i:j])
			i = j - 1
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
		default:
			key = ""
		}
	}
	return rs
}
