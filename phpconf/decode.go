package phpconf

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// decodeQuoted decodes a single- or double-quoted PHP string token,
// including an optional b/B prefix. ok is false for anything else.
func decodeQuoted(raw string) (s string, quote byte, ok bool) {
	if len(raw) > 0 && (raw[0] == 'b' || raw[0] == 'B') {
		raw = raw[1:]
	}
	if len(raw) < 2 || raw[len(raw)-1] != raw[0] {
		return "", 0, false
	}
	body := raw[1 : len(raw)-1]
	switch raw[0] {
	case '\'':
		return unescapeSingle(body), '\'', true
	case '"':
		return unescapeDouble(body, true), '"', true
	}
	return "", 0, false
}

// unescapeSingle applies PHP's single-quote rules: only \\ and \' are escapes.
func unescapeSingle(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == '\'') {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unescapeDouble applies PHP's double-quote escapes (\n \t \r \v \e \f \\
// \$ \" \0-\777 \xHH \u{H+}); unknown escapes stay as written. In a heredoc
// \" is not an escape (quoteEsc false).
func unescapeDouble(s string, quoteEsc bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		n := s[i+1]
		switch n {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'v':
			b.WriteByte('\v')
		case 'e':
			b.WriteByte(0x1b)
		case 'f':
			b.WriteByte('\f')
		case '\\', '$':
			b.WriteByte(n)
		case '"':
			if !quoteEsc {
				b.WriteString(`\"`)
			} else {
				b.WriteByte('"')
			}
		case 'x':
			j := i + 2
			for j < len(s) && j < i+4 && isHex(s[j]) {
				j++
			}
			if j == i+2 {
				b.WriteString(`\x`)
				break
			}
			v, _ := strconv.ParseUint(s[i+2:j], 16, 8)
			b.WriteByte(byte(v))
			i = j - 1
			continue
		case 'u':
			if i+2 < len(s) && s[i+2] == '{' {
				if end := strings.IndexByte(s[i+3:], '}'); end > 0 {
					if v, err := strconv.ParseUint(s[i+3:i+3+end], 16, 32); err == nil && v <= utf8.MaxRune {
						b.WriteRune(rune(v))
						i = i + 3 + end
						continue
					}
				}
			}
			b.WriteString(`\u`)
		default:
			if n >= '0' && n <= '7' {
				j := i + 1
				for j < len(s) && j < i+4 && s[j] >= '0' && s[j] <= '7' {
					j++
				}
				v, _ := strconv.ParseUint(s[i+1:j], 8, 16)
				b.WriteByte(byte(v))
				i = j - 1
				continue
			}
			b.WriteByte('\\')
			b.WriteByte(n)
		}
		i++
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// decodeHeredoc decodes the body of a heredoc or nowdoc: the text between
// the opening line and the closing marker, with the closing marker's
// indentation removed from every line (PHP 7.3 flexible heredoc).
func decodeHeredoc(body string, nowdoc bool) string {
	// The last line of the body holds only the closing marker's indentation
	// (the marker token itself starts at the label).
	indent := ""
	if i := strings.LastIndexByte(body, '\n'); i >= 0 && strings.TrimLeft(body[i+1:], " \t") == "" {
		indent = body[i+1:]
		body = body[:i]
	} else if i < 0 && strings.TrimLeft(body, " \t") == "" {
		return ""
	}
	body = strings.TrimSuffix(body, "\r")
	if indent != "" {
		lines := strings.Split(body, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimPrefix(l, indent)
		}
		body = strings.Join(lines, "\n")
	}
	if nowdoc {
		return body
	}
	return unescapeDouble(body, false)
}

// parseInt decodes a PHP integer literal (decimal, 0x, 0b, 0o, legacy
// octal, with _ separators). ok is false on overflow: PHP makes it a float.
func parseInt(raw string) (int64, bool) {
	s := strings.ReplaceAll(raw, "_", "")
	if len(s) > 1 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O') {
		s = "0" + s[2:]
	}
	n, err := strconv.ParseInt(s, 0, 64)
	return n, err == nil
}

// parseFloat decodes a PHP float literal, or an integer literal that
// overflowed int64.
func parseFloat(raw string) float64 {
	s := strings.ReplaceAll(raw, "_", "")
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	if u, err := strconv.ParseUint(s, 0, 64); err == nil {
		return float64(u)
	}
	return 0
}
