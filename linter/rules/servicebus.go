package rules

import (
	"regexp"
	"strings"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

// sbBlock returns the top-level serviceBus element and its array when the
// block is present under the exact key and holds an array literal: the
// only case in which the connector reads it and the key rules (OMS104 and
// later) run. A misspelled block (OMS102), a non-array (OMS103) or an
// expression (OMS004) gives nil.
func sbBlock(c *linter.Context) (*phpconf.Element, *phpconf.Array) {
	el := serviceBus(c)
	if el == nil || el.Value == nil || el.Value.Kind != phpconf.KindArray {
		return nil, nil
	}
	return el, el.Value.Array
}

// sbLiteral returns the element of a known key when it is present and
// holds a literal (not an expression, which OMS004 reports instead).
func sbLiteral(c *linter.Context, name string) *phpconf.Element {
	_, a := sbBlock(c)
	if a == nil {
		return nil
	}
	el := a.Get(name)
	if el == nil || el.Value == nil || el.Value.Kind == phpconf.KindExpr {
		return nil
	}
	return el
}

// sbString returns the element of a string key and its value when it holds
// a usable string: a string literal that is neither empty (OMS107) nor a
// placeholder (OMS108). The value rules (URL, secret) check only these, so
// one fault gives one finding.
func sbString(c *linter.Context, name string) (*phpconf.Element, string) {
	el := sbLiteral(c, name)
	if el == nil || el.Value.Kind != phpconf.KindString {
		return nil, ""
	}
	s := el.Value.Str
	if strings.TrimSpace(s) == "" || isPlaceholder(s) {
		return nil, ""
	}
	return el, s
}

var (
	// Template markers anywhere in a value: <MIB_URL>, {{ secret }},
	// ${OMS_SECRET}, %OMS_SECRET%. The inner text must look like a name, so
	// percent-encoding (%2F) and random secrets rarely match.
	placeholderMarkRe = regexp.MustCompile(`<\s*[A-Za-z][A-Za-z0-9 _.\-]*>|\{\{[^{}]*\}\}|\$\{[^{}]*\}|%[A-Za-z_][A-Za-z0-9_.\-]{2,}%`)
	// Whole values (trimmed, case-insensitive) that are placeholder words.
	placeholderWordRe = regexp.MustCompile(`(?i)^(changeme|change-me|change_me|replace_me|replaceme|todo|tbd|placeholder|dummy|x{3,}([-_ .]x+)*|your[_-].*)$`)
)

// IsPlaceholder reports whether a string value is a template placeholder
// (rules.md OMS108); the generator refuses the same values.
func IsPlaceholder(s string) bool { return isPlaceholder(s) }

func isPlaceholder(s string) bool {
	t := strings.TrimSpace(s)
	return placeholderWordRe.MatchString(t) || placeholderMarkRe.MatchString(t)
}

// keyQuote returns the quote character to write a new or renamed key with:
// the key's own, else single quotes (Magento's writers use them).
func keyQuote(k phpconf.Key) byte {
	if k.Quote == '"' {
		return '"'
	}
	return '\''
}

// quoted writes a key name (plain ASCII, no escapes needed) in quotes.
func quoted(name string, q byte) string {
	return string(q) + name + string(q)
}

// kindPhrase names a value's kind for a message: "an int", "an array".
func kindPhrase(v *phpconf.Value) string {
	switch v.Kind {
	case phpconf.KindInt:
		return "an int"
	case phpconf.KindArray:
		return "an array"
	case phpconf.KindExpr:
		return "an expression"
	case phpconf.KindNull:
		return "null"
	}
	return "a " + v.Kind.String()
}
