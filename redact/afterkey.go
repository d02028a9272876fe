package redact

import (
	"bytes"
	"strings"

	"github.com/omslint/omslint/phpconf"
)

// AfterSecretKey reports whether src[off] stands in the value of a key that
// names a secret, read lexically (for files that did not parse, whose tree
// and so whose secrets are unknown): 'password' => 'abc'def' puts def
// there. It looks back from off for the `key =>` of the element off is in,
// then of each enclosing array ('password' => ['a', 'b'] is secret whole),
// skipping brackets that close before off and siblings' keys; a `;` or the
// start of the file ends the search. Strings are not tracked: a bracket or
// comma inside a quoted key or value can mislead it, which is why callers
// only use it to decide whether to hide a token, never to show one.
func AfterSecretKey(src []byte, off int) bool {
	off = min(off, len(src))
	depth := 0
	sibling := false // a comma at this level: the next => is a sibling's
	for i := off - 1; i >= 0; i-- {
		switch c := src[i]; {
		case c == ';':
			return false
		case c == ']' || c == ')':
			depth++
		case c == '[' || c == '(':
			if depth > 0 {
				depth--
			} else {
				sibling = false // now in the enclosing element
			}
		case c == ',' && depth == 0:
			sibling = true
		case c == '>' && i > 0 && src[i-1] == '=' && depth == 0:
			i--
			if !sibling && IsSecretKeyName(keyBeforeArrow(src, i)) {
				return true
			}
			sibling = true // look for the enclosing element's key
		}
	}
	return false
}

// keyBeforeArrow is the key written before the `=>` at src[arrow]
// (keyBefore of lexical.go, on the line the key ends on).
func keyBeforeArrow(src []byte, arrow int) string {
	j := arrow
	for {
		for j > 0 && (src[j-1] == ' ' || src[j-1] == '\t' || src[j-1] == '\r' || src[j-1] == '\n') {
			j--
		}
		// A comment between the key and its arrow ('secret' /* c */ =>).
		if j < 2 || src[j-1] != '/' || src[j-2] != '*' {
			break
		}
		open := bytes.LastIndex(src[:j-2], []byte("/*"))
		if open < 0 {
			break
		}
		j = open
	}
	start := bytes.LastIndexByte(src[:j], '\n') + 1
	return keyBefore(string(src[start:j]))
}

// ParseErrorMessage is a PHP syntax error's message with the token text it
// quotes masked when that token stands where a secret value would (the
// tree did not parse, so the redactor does not know the file's secrets):
// 'password' => 'abc'def' makes def an "identifier". Every place that
// prints a syntax error of a PHP config file (OMS001, generate --write)
// asks here.
func ParseErrorMessage(src []byte, e *phpconf.ParseError) string {
	if e.Quoted == "" || !AfterSecretKey(src, e.Pos.Offset) {
		return e.Msg
	}
	return strings.Replace(e.Msg, e.Quoted, `"`+Mask+`"`, 1)
}
