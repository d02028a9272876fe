package redact

import "strings"

// lexicalRanges finds, for each `=>` whose key (the quoted or bare word
// before it) names a secret, the quoted strings after it up to the next
// `,`, `]`, `)`, `;` or `=>`; the quotes stay, the text between them is
// masked, and an unterminated string masks to the end of the line. It is
// for lines of files that did not parse, so the quoting may be wrong: a
// value such as 'it's' ends at the last quote of its kind that a `,`, `]`,
// `)`, `;` or the end of the line follows, before the next `=>`, so the
// tail after a stray apostrophe is masked too.
func lexicalRanges(line string) [][2]int {
	var rs [][2]int
	for from := 0; ; {
		a := strings.Index(line[from:], "=>")
		if a < 0 {
			return rs
		}
		a += from
		from = a + 2
		if !IsSecretKeyName(keyBefore(line[:a])) {
			continue
		}
		next := len(line)
		if k := strings.Index(line[a+2:], "=>"); k >= 0 {
			next = a + 2 + k
		}
	scan:
		for i := a + 2; i < next; i++ {
			switch q := line[i]; q {
			case ',', ']', ')', ';':
				break scan
			case '\'', '"', '`':
				j := closingQuote(line[:next], i, q, next == len(line))
				if j > i+1 {
					rs = append(rs, [2]int{i + 1, j})
				}
				i = j
				from = max(from, j)
			}
		}
	}
}

// closingQuote returns the offset of the quote that ends the string opened
// by q at s[open]: the last unescaped q that white space and then a `,`,
// `]`, `)`, `;` or the end of the line (when s ends there: eol) follows;
// without one, the first unescaped q; without that, len(s).
func closingQuote(s string, open int, q byte, eol bool) int {
	first, last := -1, -1
	for j := open + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case q:
			if first < 0 {
				first = j
			}
			k := j + 1
			for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
				k++
			}
			if k == len(s) && eol || k < len(s) && strings.IndexByte(",]);\r\n", s[k]) >= 0 {
				last = j
			}
		}
	}
	switch {
	case last >= 0:
		return last
	case first >= 0:
		return first
	}
	return len(s)
}

// keyBefore is the key written just before an arrow: a quoted string or a
// bare word.
func keyBefore(s string) string {
	s = strings.TrimRight(s, " \t")
	if s == "" {
		return ""
	}
	if q := s[len(s)-1]; q == '\'' || q == '"' {
		if i := strings.LastIndexByte(s[:len(s)-1], q); i >= 0 {
			return s[i+1 : len(s)-1]
		}
		return ""
	}
	i := len(s)
	for i > 0 && (isWordByte(s[i-1])) {
		i--
	}
	return s[i:]
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
