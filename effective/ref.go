package effective

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// placeholderRe is Magento's own pattern for deployment-config
// placeholders, DeploymentConfig::ENV_NAME_PATTERN in
// lib/internal/Magento/Framework/App/DeploymentConfig.php (magento/magento2):
//
//	~^#env\(\s*(?<name>\w+)\s*(,\s*"(?<default>[^"]+)")?\)$~
//
// translated exactly: PCRE's \w (no /u) is [A-Za-z0-9_], its \s also
// matches \v, and its $ (no /D) also matches before a final newline.
var placeholderRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^#env\([\t\n\v\f\r ]*([A-Za-z0-9_]+)[\t\n\v\f\r ]*(,[\t\n\v\f\r ]*"([^"]+)")?\)\n?$`)
})

// RefKind is how a value reads the environment.
type RefKind int

const (
	// RefPlaceholder is Magento's `#env(NAME)` / `#env(NAME, "default")`
	// string, resolved by DeploymentConfig on single-key reads.
	RefPlaceholder RefKind = iota + 1
	// RefGetenv is `getenv('NAME')`, optionally `?: literal`.
	RefGetenv
	// RefSuperglobal is `$_ENV['NAME']`, optionally `?? literal`.
	RefSuperglobal
)

// Ref is a value that reads an environment variable.
type Ref struct {
	Kind RefKind
	Name string
	// Fallback is the literal used when the variable does not give a
	// value (the placeholder's default, the operand after ?: or ??); nil
	// when there is none.
	Fallback *Literal
	// Source is the text as written (an expression's source, or the
	// placeholder string), for messages.
	Source string
}

// Literal is a PHP scalar literal (or a placeholder default, a string).
type Literal struct {
	Kind LitKind
	Str  string
	Bool bool
	Int  int64
	// Off is the offset of the literal in the expression's source (or of
	// the default in the placeholder string).
	Off int
}

// LitKind is the kind of a Literal.
type LitKind int

const (
	LitString LitKind = iota
	LitBool
	LitNull
	LitInt
)

// ParsePlaceholder recognises a Magento #env() placeholder with
// Magento's exact pattern; `#env(X, "")` and other near misses are not
// placeholders (they stay literal strings).
func ParsePlaceholder(s string) (*Ref, bool) {
	// Every value is asked; only a "#env(" can match (the pattern is
	// case-sensitive and anchored), and most runs then never compile it.
	if !strings.HasPrefix(s, "#env(") {
		return nil, false
	}
	m := placeholderRe().FindStringSubmatchIndex(s)
	if m == nil {
		return nil, false
	}
	r := &Ref{Kind: RefPlaceholder, Name: s[m[2]:m[3]], Source: s}
	if m[6] >= 0 {
		r.Fallback = &Literal{Kind: LitString, Str: s[m[6]:m[7]], Off: m[6]}
	}
	return r, true
}

// ParseExpr recognises the plain forms of PHP that read the environment
// and that --resolve-env evaluates: getenv('NAME'), getenv('NAME') ?: lit,
// $_ENV['NAME'] and $_ENV['NAME'] ?? lit, where lit is a string, bool,
// null or int literal. getenv may be written \getenv and in any case;
// blanks and comments may separate the tokens. Anything else (a second
// argument, concatenation, nesting, a double-quoted string with escapes
// or interpolation) is not recognised.
func ParseExpr(src string) (*Ref, bool) {
	toks, ok := lex(src)
	if !ok || len(toks) < 4 {
		return nil, false
	}
	r := &Ref{Source: src}
	var rest []token
	switch {
	case toks[0].kind == tIdent && strings.EqualFold(strings.TrimPrefix(toks[0].text, `\`), "getenv"):
		if len(toks) < 4 || toks[1].text != "(" || toks[2].kind != tString || toks[3].text != ")" {
			return nil, false
		}
		r.Kind, r.Name, rest = RefGetenv, toks[2].str, toks[4:]
	case toks[0].kind == tVar && toks[0].text == "$_ENV":
		if toks[1].text != "[" || toks[2].kind != tString || toks[3].text != "]" {
			return nil, false
		}
		r.Kind, r.Name, rest = RefSuperglobal, toks[2].str, toks[4:]
	default:
		return nil, false
	}
	if len(rest) == 0 {
		return r, true
	}
	op := rest[0].text
	switch {
	case r.Kind == RefGetenv && op == "?:" && len(rest) == 2:
	case r.Kind == RefGetenv && op == "?" && len(rest) == 3 && rest[1].text == ":":
		rest = rest[1:]
	case r.Kind == RefSuperglobal && op == "??" && len(rest) == 2:
	default:
		return nil, false
	}
	lit, ok := rest[1].literal()
	if !ok {
		return nil, false
	}
	r.Fallback = lit
	return r, true
}

type tokKind int

const (
	tPunct tokKind = iota
	tIdent
	tVar
	tString
	tNumber
)

type token struct {
	kind tokKind
	text string // source
	str  string // decoded string
	off  int
}

func (t token) literal() (*Literal, bool) {
	switch t.kind {
	case tString:
		return &Literal{Kind: LitString, Str: t.str, Off: t.off}, true
	case tNumber:
		n, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			return nil, false
		}
		return &Literal{Kind: LitInt, Int: n, Off: t.off}, true
	case tIdent:
		switch strings.ToLower(t.text) {
		case "true", "false":
			return &Literal{Kind: LitBool, Bool: strings.EqualFold(t.text, "true"), Off: t.off}, true
		case "null":
			return &Literal{Kind: LitNull, Off: t.off}, true
		}
	}
	return nil, false
}

// lex splits a short PHP expression into tokens, skipping blanks and
// comments. It knows only what the plain forms need; anything else fails.
func lex(s string) ([]token, bool) {
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			i++
		case c == '#' && !(i+1 < len(s) && s[i+1] == '['), c == '/' && i+1 < len(s) && s[i+1] == '/':
			for i < len(s) && s[i] != '\n' {
				if s[i] == '?' && i+1 < len(s) && s[i+1] == '>' {
					return nil, false
				}
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			k := strings.Index(s[i+2:], "*/")
			if k < 0 {
				return nil, false
			}
			i += k + 4
		case c == '\'':
			str, end, ok := singleQuoted(s, i)
			if !ok {
				return nil, false
			}
			out = append(out, token{kind: tString, text: s[i:end], str: str, off: i + 1})
			i = end
		case c == '"':
			k := strings.IndexByte(s[i+1:], '"')
			if k < 0 {
				return nil, false
			}
			body := s[i+1 : i+1+k]
			if strings.ContainsAny(body, `\$`) {
				return nil, false // escapes or interpolation: not plain
			}
			out = append(out, token{kind: tString, text: s[i : i+k+2], str: body, off: i + 1})
			i += k + 2
		case c == '$':
			j := i + 1
			for j < len(s) && isWord(s[j]) {
				j++
			}
			out = append(out, token{kind: tVar, text: s[i:j], off: i})
			i = j
		case c == '\\' || isWord(c) && !('0' <= c && c <= '9'):
			j := i + 1
			for j < len(s) && isWord(s[j]) {
				j++
			}
			out = append(out, token{kind: tIdent, text: s[i:j], off: i})
			i = j
		case '0' <= c && c <= '9' || c == '-' && i+1 < len(s) && '0' <= s[i+1] && s[i+1] <= '9':
			j := i + 1
			for j < len(s) && '0' <= s[j] && s[j] <= '9' {
				j++
			}
			out = append(out, token{kind: tNumber, text: s[i:j], off: i})
			i = j
		case c == '?' && i+1 < len(s) && (s[i+1] == ':' || s[i+1] == '?'):
			out = append(out, token{kind: tPunct, text: s[i : i+2], off: i})
			i += 2
		case strings.IndexByte("()[]?:", c) >= 0:
			out = append(out, token{kind: tPunct, text: s[i : i+1], off: i})
			i++
		default:
			return nil, false
		}
	}
	return out, true
}

func singleQuoted(s string, i int) (string, int, bool) {
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if j+1 < len(s) && (s[j+1] == '\'' || s[j+1] == '\\') {
				j++
			}
			b.WriteByte(s[j])
		case '\'':
			return b.String(), j + 1, true
		default:
			b.WriteByte(s[j])
		}
	}
	return "", 0, false
}

func isWord(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}
