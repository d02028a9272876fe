package phpconf

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// php8Message rewords a syntax error of the parser (yacc token names:
// "syntax error: unexpected T_STRING, expecting ']'") the way PHP 8.2's own
// parser says it (`php -l`: `syntax error, unexpected identifier
// "database", expecting "]"`), so the message a user sees matches what PHP
// would print. src[off:end] is the unexpected token's text.
//
// One difference is on purpose: PHP quotes the content of an unexpected
// string literal; omslint does so only when the string is followed by
// `=>` (a key: the missing-comma case), since in any other place it may be
// a secret value of a file that did not parse (its secrets are not known
// to the redactor).
//
// quoted is the token text the message quotes (with its quotes, as in the
// message), "" when none: the caller masks it when it stands where a
// secret value would (OMS001, redact.AfterSecretKey): a password holding an
// apostrophe ends early and its tail is an "identifier".
func php8Message(msg string, src []byte, off, end int) (out, quoted string) {
	rest, ok := strings.CutPrefix(msg, "syntax error: ")
	if !ok {
		return msg, ""
	}
	unexp, ok := strings.CutPrefix(rest, "unexpected ")
	if !ok {
		return "syntax error, " + rest, ""
	}
	tok, expecting, _ := strings.Cut(unexp, ", expecting ")
	// PHP's lexer reports brackets before the parser does: an unclosed one
	// at the end of the file, or a closing one that does not match.
	if m, ok := bracketMessage(tok, src, off); ok {
		return m, ""
	}
	what, quoted := unexpectedToken(tok, src, off, end)
	out = "syntax error, unexpected " + what
	if expecting != "" {
		var names []string
		for _, e := range strings.Split(expecting, " or ") {
			names = append(names, expectedToken(e))
		}
		out += ", expecting " + strings.Join(names, " or ")
	}
	return out, quoted
}

// tokenKinds are the tokens PHP 8 describes by kind (and, for most, the
// text): zend_language_parser.y's %token aliases.
var tokenKinds = map[string]string{
	"T_LNUMBER":                  "integer",
	"T_DNUMBER":                  "floating-point number",
	"T_STRING":                   "identifier",
	"T_NAME_FULLY_QUALIFIED":     "fully qualified name",
	"T_NAME_RELATIVE":            "namespace-relative name",
	"T_NAME_QUALIFIED":           "namespaced name",
	"T_VARIABLE":                 "variable",
	"T_INLINE_HTML":              "inline HTML",
	"T_ENCAPSED_AND_WHITESPACE":  "string content",
	"T_CONSTANT_ENCAPSED_STRING": "quoted string",
	"T_STRING_VARNAME":           "variable name",
	"T_NUM_STRING":               "number",
	"T_START_HEREDOC":            "heredoc start",
	"T_END_HEREDOC":              "heredoc end",
	"T_BAD_CHARACTER":            "invalid character",
}

// tokenSpellings are the keyword and operator tokens whose PHP 8 name is
// their text (`token "=>"`) and is not the lower-cased name without T_.
var tokenSpellings = map[string]string{
	"T_DOUBLE_ARROW": "=>", "T_OBJECT_OPERATOR": "->", "T_NULLSAFE_OBJECT_OPERATOR": "?->",
	"T_PAAMAYIM_NEKUDOTAYIM": "::", "T_ELLIPSIS": "...", "T_COALESCE": "??", "T_COALESCE_EQUAL": "??=",
	"T_NS_SEPARATOR": "\\", "T_OPEN_TAG": "<?php", "T_OPEN_TAG_WITH_ECHO": "<?=", "T_CLOSE_TAG": "?>",
	"T_DOLLAR_OPEN_CURLY_BRACES": "${", "T_CURLY_OPEN": "{$", "T_INC": "++", "T_DEC": "--",
	"T_BOOLEAN_OR": "||", "T_BOOLEAN_AND": "&&", "T_IS_IDENTICAL": "===", "T_IS_NOT_IDENTICAL": "!==",
	"T_IS_EQUAL": "==", "T_IS_NOT_EQUAL": "!=", "T_IS_SMALLER_OR_EQUAL": "<=", "T_IS_GREATER_OR_EQUAL": ">=",
	"T_SPACESHIP": "<=>", "T_POW": "**", "T_SL": "<<", "T_SR": ">>", "T_PLUS_EQUAL": "+=",
	"T_MINUS_EQUAL": "-=", "T_MUL_EQUAL": "*=", "T_POW_EQUAL": "**=", "T_DIV_EQUAL": "/=",
	"T_CONCAT_EQUAL": ".=", "T_MOD_EQUAL": "%=", "T_AND_EQUAL": "&=", "T_OR_EQUAL": "|=",
	"T_XOR_EQUAL": "^=", "T_SL_EQUAL": "<<=", "T_SR_EQUAL": ">>=", "T_ATTRIBUTE": "#[",
	"T_AMPERSAND_FOLLOWED_BY_VAR_OR_VARARG": "&", "T_AMPERSAND_NOT_FOLLOWED_BY_VAR_OR_VARARG": "&",
	"T_LOGICAL_OR": "or", "T_LOGICAL_AND": "and", "T_LOGICAL_XOR": "xor",
	"T_INT_CAST": "(int)", "T_DOUBLE_CAST": "(double)", "T_STRING_CAST": "(string)",
	"T_ARRAY_CAST": "(array)", "T_OBJECT_CAST": "(object)", "T_BOOL_CAST": "(bool)", "T_UNSET_CAST": "(unset)",
	"T_LINE": "__LINE__", "T_FILE": "__FILE__", "T_DIR": "__DIR__", "T_CLASS_C": "__CLASS__",
	"T_TRAIT_C": "__TRAIT__", "T_METHOD_C": "__METHOD__", "T_FUNC_C": "__FUNCTION__", "T_NS_C": "__NAMESPACE__",
	"T_HALT_COMPILER": "__halt_compiler", "T_YIELD_FROM": "yield from",
}

// tokenName is the PHP 8 name of a keyword or operator token: `"=>"`,
// `"return"`; ok is false for a token described by its kind.
func tokenName(t string) (string, bool) {
	if len(t) >= 3 && t[0] == '\'' && t[len(t)-1] == '\'' {
		return `"` + t[1:len(t)-1] + `"`, true // ';' → ";"
	}
	if s, ok := tokenSpellings[t]; ok {
		return `"` + s + `"`, true
	}
	if _, ok := tokenKinds[t]; ok {
		return "", false
	}
	if w, ok := strings.CutPrefix(t, "T_"); ok {
		return `"` + strings.ToLower(w) + `"`, true // T_RETURN → "return"
	}
	return "", false
}

func expectedToken(t string) string {
	if t == "$end" {
		return "end of file"
	}
	if k, ok := tokenKinds[t]; ok {
		return k
	}
	if n, ok := tokenName(t); ok {
		return n
	}
	return t
}

// unexpectedToken is PHP 8's name of the unexpected token and the quoted
// text in it ("" when it quotes none).
func unexpectedToken(t string, src []byte, off, end int) (what, quoted string) {
	if t == "$end" {
		return "end of file", ""
	}
	text := ""
	if off >= 0 && end <= len(src) && off < end {
		text = string(src[off:end])
	}
	if n, ok := tokenName(t); ok {
		return "token " + n, ""
	}
	kind, ok := tokenKinds[t]
	if !ok {
		return t, ""
	}
	switch t {
	case "T_CONSTANT_ENCAPSED_STRING":
		kind = "single-quoted string"
		if strings.HasPrefix(text, `"`) {
			kind = "double-quoted string"
		}
		if len(text) >= 2 && followedByArrow(src, end) {
			q := quoteTokenText(text[1 : len(text)-1])
			return kind + " " + q, q
		}
		return kind, ""
	case "T_ENCAPSED_AND_WHITESPACE", "T_INLINE_HTML", "T_START_HEREDOC", "T_END_HEREDOC":
		return kind, "" // may be part of a secret value
	}
	if text == "" {
		return kind, ""
	}
	q := quoteTokenText(text)
	return kind + " " + q, q
}

// followedByArrow reports whether `=>` follows src[end:] after white space.
func followedByArrow(src []byte, end int) bool {
	i := end
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r' || src[i] == '\n') {
		i++
	}
	return i+1 < len(src) && src[i] == '=' && src[i+1] == '>'
}

// quoteTokenText quotes a token's text as PHP does: up to the first line
// break, at most 30 bytes and then "...".
func quoteTokenText(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i] + "..."
	}
	if len(s) > 30 {
		cut := 30
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return `"` + s + `"`
}

// bracketMessage is PHP 8's lexer message for the bracket problem at the
// unexpected token tok (at src[off]): "Unclosed '[' on line 2" at the end
// of the file, "Unclosed '[' does not match ')'" or "Unmatched ')'" at a
// closing bracket. ok is false when there is none, or when the scan cannot
// be sure (a heredoc, a closing tag).
func bracketMessage(tok string, src []byte, off int) (string, bool) {
	closer := byte(0)
	switch tok {
	case "$end":
		off = len(src)
	case "')'", "']'", "'}'":
		closer = tok[1]
	default:
		return "", false
	}
	stack, ok := openBrackets(src, off)
	if !ok {
		return "", false
	}
	match := map[byte]byte{')': '(', ']': '[', '}': '{'}
	switch {
	case closer == 0 && len(stack) > 0:
		top := stack[len(stack)-1]
		line := 1 + strings.Count(string(src[:top]), "\n")
		return "Unclosed '" + string(src[top]) + "' on line " + strconv.Itoa(line), true
	case closer != 0 && len(stack) == 0:
		return "Unmatched '" + string(closer) + "'", true
	case closer != 0 && src[stack[len(stack)-1]] != match[closer]:
		return "Unclosed '" + string(src[stack[len(stack)-1]]) + "' does not match '" + string(closer) + "'", true
	}
	return "", false
}

// openBrackets scans src[:end] as PHP code and returns the offsets of the
// brackets still open at end, skipping strings and comments. ok is false
// on what it does not follow (heredoc, nowdoc, ?>).
func openBrackets(src []byte, end int) (stack []int, ok bool) {
	end = min(end, len(src))
	for i := 0; i < end; i++ {
		switch c := src[i]; c {
		case '(', '[', '{':
			stack = append(stack, i)
		case ')', ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case '\'', '"', '`':
			j := i + 1
			for j < end && src[j] != c {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		case '#', '/':
			if c == '/' && i+1 < end && src[i+1] == '*' {
				j := i + 2
				for j+1 < end && !(src[j] == '*' && src[j+1] == '/') {
					j++
				}
				i = j + 1
				continue
			}
			if c == '/' && !(i+1 < end && src[i+1] == '/') {
				continue
			}
			if c == '#' && i+1 < end && src[i+1] == '[' {
				stack = append(stack, i+1) // an attribute #[
				i++
				continue
			}
			for i < end && src[i] != '\n' {
				if src[i] == '?' && i+1 < end && src[i+1] == '>' {
					return nil, false
				}
				i++
			}
		case '<':
			if i+2 < end && src[i+1] == '<' && src[i+2] == '<' {
				return nil, false
			}
		case '?':
			if i+1 < end && src[i+1] == '>' {
				return nil, false
			}
		}
	}
	return stack, true
}
