package redact

import "strings"

// ExprLiteralRanges returns the byte ranges of the text inside the string
// literals of a PHP expression on a secret key: quoted strings, backticks,
// heredoc and nowdoc bodies. A literal that is the argument of getenv(),
// env(), constant(), $_ENV[] or $_SERVER[] is left out: it names where the
// secret comes from. One pass over raw, linear in its length (a look back
// for the lookup stops at the first byte that is not white space).
func ExprLiteralRanges(raw string) [][2]int {
	var rs [][2]int
	for i := 0; i < len(raw); i++ {
		switch q := raw[i]; {
		case q == '\'' || q == '"' || q == '`':
			j := i + 1
			for j < len(raw) && raw[j] != q {
				if raw[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j, len(raw))
			if j > i+1 && !namesLookup(raw[:i]) {
				rs = append(rs, [2]int{i + 1, j})
			}
			i = j
		case q == '<' && strings.HasPrefix(raw[i:], "<<<"):
			body, end, ok := heredocBody(raw, i)
			if !ok {
				continue
			}
			if body[1] > body[0] && !namesLookup(raw[:i]) {
				rs = append(rs, body)
			}
			i = end - 1
		case q == '/' && i+1 < len(raw) && (raw[i+1] == '/' || raw[i+1] == '*'):
			// A comment is not a literal, but its quotes must not open one.
			end := len(raw)
			if raw[i+1] == '*' {
				if k := strings.Index(raw[i+2:], "*/"); k >= 0 {
					end = i + 2 + k + 2
				}
			} else if k := strings.IndexByte(raw[i:], '\n'); k >= 0 {
				end = i + k
			}
			i = end - 1
		}
	}
	return rs
}

// heredocBody finds the heredoc or nowdoc opened at raw[at:] ("<<<"): the
// byte range of its body (the lines between the opening and the closing
// label) and the offset just after the closing label. A heredoc with no
// closing label runs to the end of raw.
func heredocBody(raw string, at int) (body [2]int, end int, ok bool) {
	i := at + 3
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t') {
		i++
	}
	quote := byte(0)
	if i < len(raw) && (raw[i] == '\'' || raw[i] == '"') {
		quote = raw[i]
		i++
	}
	ls := i
	for i < len(raw) && isWordByte(raw[i]) {
		i++
	}
	label := raw[ls:i]
	if label == "" || label[0] >= '0' && label[0] <= '9' {
		return body, 0, false
	}
	if quote != 0 {
		if i >= len(raw) || raw[i] != quote {
			return body, 0, false
		}
		i++
	}
	nl := strings.IndexByte(raw[i:], '\n')
	if nl < 0 {
		return body, 0, false
	}
	start := i + nl + 1
	// The closing label is the first line whose text, after indentation,
	// is the label not followed by a word byte.
	for p := start; p <= len(raw); {
		q := p
		for q < len(raw) && (raw[q] == ' ' || raw[q] == '\t') {
			q++
		}
		if strings.HasPrefix(raw[q:], label) && (q+len(label) == len(raw) || !isWordByte(raw[q+len(label)])) {
			bodyEnd := max(start, p-1) // the newline before the closing line
			return [2]int{start, bodyEnd}, q + len(label), true
		}
		k := strings.IndexByte(raw[p:], '\n')
		if k < 0 {
			break
		}
		p += k + 1
	}
	return [2]int{start, len(raw)}, len(raw), true
}

// namesLookup reports whether the text before a literal ends with what
// makes the literal name a variable or constant rather than be a value:
// getenv(, env(, constant(, $_ENV[, $_SERVER[ (any case, white space
// allowed). It looks back over white space only, so a scan calling it
// once per literal stays linear.
func namesLookup(before string) bool {
	i := len(before)
	for i > 0 && isSpaceByte(before[i-1]) {
		i--
	}
	if i == 0 || before[i-1] != '(' && before[i-1] != '[' {
		return false
	}
	bracket := before[i-1]
	i--
	for i > 0 && isSpaceByte(before[i-1]) {
		i--
	}
	j := i
	for j > 0 && (isWordByte(before[j-1]) || before[j-1] == '$') {
		j--
	}
	word := strings.ToLower(before[j:i])
	if bracket == '(' {
		// getenv( and constant( also namespaced or prefixed (\getenv);
		// env( only as a whole word (not myenv).
		return word == "env" || strings.HasSuffix(word, "getenv") || strings.HasSuffix(word, "constant")
	}
	return strings.HasSuffix(word, "$_env") || strings.HasSuffix(word, "$_server")
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// MaskExpr masks the literals of an expression on a secret key that
// ExprLiteralRanges finds, for messages that name the expression.
func MaskExpr(raw string) string { return apply(raw, ExprLiteralRanges(raw)) }
