package phpconf

import (
	"bytes"
	"errors"
	"time"

	"github.com/VKCOM/php-parser/pkg/ast"
)

// The fast route and PHP expressions. A quarter of the real env.php files
// in the corpus hold an expression somewhere (getenv('DB_PASSWORD'),
// $_ENV[...], a constant, a concatenation). Sending the whole file to the
// PHP parser for that made one getenv() in a 10 MB env.php cost 2.6 s and
// 450 MB instead of 0.25 s and 70 MB. So the fast route finds where such
// a value ends, at the token level, and gives the PHP parser only that
// text; the same converter as the full route turns the result into a
// Value, with the parser's offsets moved to the value's place in the file.
// Anything the token scan is not sure about (heredocs, interpolation,
// `?>`, attributes, a `;`), and any snippet that is not exactly one valid
// expression, sends the whole file to the full route as before, so syntax
// errors are still reported by the real parser on the real file.

// maxExprParses bounds the expressions of one file read through the PHP
// parser one at a time. Each costs some 50–100 µs (the parser sets up its
// pools per call), so a file made of expressions is cheaper to parse
// whole: past this many, the full route reads the file.
const maxExprParses = 256

// envRead recognises the two commonest expressions of env.php without the
// PHP parser: getenv('NAME') (any case, optionally `\getenv`) and
// $_ENV['NAME'], written without spaces or comments inside and with a
// quoted name free of escapes and interpolation, and returns where the
// expression ends. The PHP parser would make each a plain expression value
// spanning exactly these bytes. (Each call of the PHP parser sets up a
// 1,024-entry token pool: $_ENV through the parser was 1.49 MB of the
// 1.77 MB a lint of a corpus file allocated.)
//
// A fallback to a string literal, `getenv('X') ?: 'lit'` or
// `$_ENV['X'] ?? 'lit'` (spaces allowed around the operator), the forms
// lint --resolve-env evaluates, is read the same way.
func envRead(src []byte, i int) (end int, ok bool) {
	end, ok = envGetenv(src, i)
	if !ok {
		end, ok = envSuperglobal(src, i)
	}
	if !ok {
		return 0, false
	}
	j := end
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	if j+1 >= len(src) || src[j] != '?' || src[j+1] != ':' && src[j+1] != '?' {
		return end, true
	}
	j += 2
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	if j >= len(src) || src[j] != '\'' && src[j] != '"' {
		return end, true // another fallback: valueEnds sends it to the parser
	}
	k := skipQuoted(src, j, src[j])
	if k < 0 || src[j] == '"' && interpolates(src[j:k]) || bytes.ContainsAny(src[j:k], "\n\r") {
		return end, true
	}
	return k, true
}

func envGetenv(src []byte, i int) (end int, ok bool) {
	if i < len(src) && src[i] == '\\' {
		i++
	}
	const name = "getenv("
	if i+len(name) > len(src) || !bytes.EqualFold(src[i:i+len(name)], []byte(name)) {
		return 0, false
	}
	return quotedName(src, i+len(name), ')')
}

// envSuperglobal recognises $_ENV['NAME'] (superglobal names are case
// sensitive in PHP: $_env is another variable).
func envSuperglobal(src []byte, i int) (end int, ok bool) {
	const name = "$_ENV["
	if !bytes.HasPrefix(src[i:], []byte(name)) {
		return 0, false
	}
	return quotedName(src, i+len(name), ']')
}

// quotedName reads a quoted name at i followed at once by closing, and
// returns the offset after closing.
func quotedName(src []byte, i int, closing byte) (end int, ok bool) {
	if i >= len(src) || src[i] != '\'' && src[i] != '"' {
		return 0, false
	}
	q := src[i]
	j := i + 1
	for j < len(src) && src[j] != q {
		if c := src[j]; c == '\\' || c == '$' || c == '{' || c == '\n' || c == '\r' {
			return 0, false
		}
		j++
	}
	if j+1 >= len(src) || src[j+1] != closing {
		return 0, false
	}
	return j + 2, true
}

// exprPrefix makes a snippet a statement the parser accepts; its length is
// subtracted from every offset the parser gives.
const exprPrefix = "<?php return "

// exprEnd returns the offset where the expression starting at start ends:
// the first `,`, `=>`, `)` or `]` outside brackets, strings and comments.
// ok is false when the text holds something the scan does not follow.
func exprEnd(src []byte, start int) (end int, ok bool) {
	depth := 0
	n := len(src)
	for i := start; i < n; {
		c := src[i]
		switch {
		case c == '\'':
			j := skipQuoted(src, i, '\'')
			if j < 0 {
				return 0, false
			}
			i = j
			continue
		case c == '"':
			j := skipQuoted(src, i, '"')
			if j < 0 || interpolates(src[i:j]) {
				return 0, false
			}
			i = j
			continue
		case c == '`', c == ';':
			return 0, false
		case c == '<' && bytes.HasPrefix(src[i:], []byte("<<<")):
			return 0, false // heredoc or nowdoc
		case c == '?' && i+1 < n && src[i+1] == '>':
			return 0, false
		case c == '#' && i+1 < n && src[i+1] == '[':
			return 0, false // an attribute
		case c == '#' || c == '/' && i+1 < n && src[i+1] == '/':
			j := i
			for j < n && src[j] != '\n' && src[j] != '\r' {
				if src[j] == '?' && j+1 < n && src[j+1] == '>' {
					return 0, false
				}
				j++
			}
			i = j
			continue
		case c == '/' && i+1 < n && src[i+1] == '*':
			j := bytes.Index(src[i+2:], []byte("*/"))
			if j < 0 {
				return 0, false
			}
			i += j + 4
			continue
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			if depth == 0 {
				return i, c != '}'
			}
			depth--
		case c == ',' && depth == 0:
			return i, true
		case c == '=' && i+1 < n && src[i+1] == '>' && depth == 0:
			return i, true
		}
		i++
	}
	return 0, false
}

// skipQuoted returns the offset after the string literal opening at i, or
// -1 when it is not closed.
func skipQuoted(src []byte, i int, q byte) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case q:
			return j + 1
		}
	}
	return -1
}

// interpolates reports whether a double-quoted literal embeds variables:
// `{$a["x"]}` may hold quotes the scan would take for the literal's end.
func interpolates(lit []byte) bool {
	for j := 1; j+1 < len(lit); j++ {
		switch {
		case lit[j] == '\\':
			j++
		case lit[j] == '$' && (lit[j+1] == '{' || isIdent(lit[j+1])):
			return true
		case lit[j] == '{' && lit[j+1] == '$':
			return true
		}
	}
	return false
}

// expr reads the value (or key) at start that is not a literal of the
// subset, through the PHP parser.
func (p *fastParser) expr(start int) (*Value, error) {
	if p.exprParses++; p.exprParses > maxExprParses {
		return nil, errNotSubset
	}
	end, ok := exprEnd(p.src, start)
	if !ok {
		return nil, errNotSubset
	}
	text := p.src[start:end]
	buf := make([]byte, 0, len(exprPrefix)+len(text)+2)
	buf = append(buf, exprPrefix...)
	buf = append(buf, text...)
	buf = append(buf, ";\n"...)
	if tooDeep(buf, p.maxDepth) >= 0 {
		return nil, errNotSubset // the full route reports the limit
	}
	left := time.Until(p.deadline)
	if left <= 0 {
		return nil, ErrTimeout
	}
	root, perr, err := safeParse(buf, left)
	if err != nil {
		return nil, err
	}
	if perr != nil || root == nil || len(root.Stmts) != 1 {
		return nil, errNotSubset
	}
	ret, ok := root.Stmts[0].(*ast.StmtReturn)
	if !ok || ret.Expr == nil || ret.Expr.GetPosition() == nil || ret.Expr.GetPosition().StartPos != len(exprPrefix) {
		return nil, errNotSubset
	}
	c := converter{f: p.f, maxDepth: p.maxDepth, base: start - len(exprPrefix)}
	cv, err := c.value(ret.Expr, 0)
	if err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return nil, errNotSubset
		}
		return nil, err
	}
	if cv.Kind == KindArray {
		return nil, errNotSubset // only literals reach here as arrays
	}
	p.comments = append(p.comments, collectComments(root, &c)...)
	v := p.newValue()
	*v = *cv
	p.pos = end
	return v, nil
}
