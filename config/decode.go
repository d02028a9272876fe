package config

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// decoder walks the yaml.Node tree and collects every mistake instead of
// stopping at the first one.
type decoder struct {
	file string
	errs ErrorList
	// known, when set, tells which rule IDs name a rule (the registry is
	// package linter's, which imports this one).
	known func(id string) bool
}

// maxErrors bounds the list for a file that is not a config file at all
// (someone pointed --config at a large YAML document).
const maxErrors = 50

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	if len(d.errs) >= maxErrors {
		return
	}
	e := &Error{File: d.file, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Col = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

// deref follows an alias so `*anchor` works wherever its target would.
// Aliases are followed one step per use, never expanded as a whole tree, so
// an alias bomb costs nothing: the schema has fixed depth.
func deref(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names what the user wrote, for "expected X, got Y" messages.
// It says what kind of value it is, never the value itself.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing"
		case "!!bool":
			return "true/false"
		case "!!int", "!!float":
			return "a number"
		case "!!str":
			return "a string"
		default:
			return "a value tagged " + n.ShortTag()
		}
	}
	return "an unexpected value"
}

// mapping calls fn for each key/value pair of n, in order. It reports a
// value that is not a mapping, keys that are not plain strings, duplicate
// keys (YAML forbids them, but many parsers keep the last silently, as PHP
// does in env.php) and, when known is not nil, keys outside known. A null
// value is an empty mapping: `rules:` with nothing under it is harmless.
func (d *decoder) mapping(n *yaml.Node, where string, known []string, fn func(key, val *yaml.Node)) {
	n = deref(n)
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%sexpected a mapping, got %s", prefix(where), describe(n))
		return
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "%sa key must be a plain name, got %s", prefix(where), describe(k))
			continue
		}
		if k.ShortTag() == "!!merge" {
			d.errorf(k, "%smerge keys (<<) are not supported; write the keys out", prefix(where))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.errorf(k, "%sduplicate key '%s' (first at line %d)", prefix(where), k.Value, first.Line)
			continue
		}
		seen[k.Value] = k
		if known != nil && !contains(known, k.Value) {
			d.unknownKey(k, where, known)
			continue
		}
		fn(k, v)
	}
}

func (d *decoder) unknownKey(k *yaml.Node, where string, known []string) {
	msg := fmt.Sprintf("%sunknown key '%s'", prefix(where), k.Value)
	if s := suggest(k.Value, known); s != "" {
		msg += fmt.Sprintf(" (did you mean '%s'?)", s)
	} else {
		msg += "; expected one of: " + strings.Join(known, ", ")
	}
	d.errorf(k, "%s", msg)
}

// text reads a scalar written for a string field. Numbers and dates are
// accepted as their spelling (an id of `1234` is text to OMS). Booleans
// are refused: `application-id: yes` is more likely a slip than an id.
// A null is returned with Set false and no error.
func (d *decoder) text(n *yaml.Node, where string) (Field, bool) {
	n = deref(n)
	f := Field{Line: n.Line, Col: n.Column}
	if isNull(n) {
		return f, true
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s: expected a string, got %s", where, describe(n))
		return f, false
	}
	switch n.ShortTag() {
	case "!!str", "!!int", "!!float", "!!timestamp":
	default:
		d.errorf(n, "%s: expected a string, got %s (quote it if it is meant as text)", where, describe(n))
		return f, false
	}
	f.Value, f.Set = n.Value, true
	if name, ok := parseRef(n.Value); ok {
		f.IsRef, f.RefName = true, name
	} else if strings.Contains(n.Value, "${") {
		// Half a reference (`https://${HOST}/`) would be compared with
		// env.php literally; say so rather than silently mismatch.
		d.errorf(n, "%s: a reference must be the whole value, written ${NAME} with NAME of letters, digits and '_'", where)
		return f, false
	}
	return f, true
}

// boolean reads a true/false field. YAML 1.1 spellings (yes, on) are
// strings in YAML 1.2 and are refused with a hint, not guessed.
func (d *decoder) boolean(n *yaml.Node, where string) (Field, bool) {
	n = deref(n)
	f := Field{Line: n.Line, Col: n.Column}
	if isNull(n) {
		return f, true
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		hint := ""
		if n.Kind == yaml.ScalarNode && contains([]string{"yes", "no", "on", "off", "y", "n"}, strings.ToLower(n.Value)) {
			hint = " (YAML 1.2 reads '" + n.Value + "' as text: write true or false)"
		}
		d.errorf(n, "%s: expected true or false, got %s%s", where, describe(n), hint)
		return f, false
	}
	f.Bool = n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
	f.Value, f.Set = fmt.Sprint(f.Bool), true
	return f, true
}

// enum reads a string that must be one of allowed. Unlike service-bus
// values, enum values are not secret, so the message quotes them.
func (d *decoder) enum(n *yaml.Node, where string, allowed []string) (string, bool) {
	n = deref(n)
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.errorf(n, "%s: expected one of %s, got %s", where, strings.Join(allowed, " | "), describe(n))
		return "", false
	}
	if !contains(allowed, n.Value) {
		msg := fmt.Sprintf("%s: '%s' is not one of %s", where, n.Value, strings.Join(allowed, " | "))
		if s := suggest(n.Value, allowed); s != "" {
			msg += fmt.Sprintf(" (did you mean '%s'?)", s)
		}
		d.errorf(n, "%s", msg)
		return "", false
	}
	return n.Value, true
}

// list calls fn for each item of a sequence; a null is an empty list. With
// oneOK a single scalar stands for a one-item list (`rules: OMS113`).
func (d *decoder) list(n *yaml.Node, where string, oneOK bool, fn func(item *yaml.Node)) {
	n = deref(n)
	switch {
	case isNull(n):
	case n.Kind == yaml.SequenceNode:
		for _, it := range n.Content {
			fn(it)
		}
	case oneOK && n.Kind == yaml.ScalarNode:
		fn(n)
	default:
		d.errorf(n, "%s: expected a list, got %s", where, describe(n))
	}
}

// prefix starts a message with where it happened; top-level messages have
// no prefix, the file:line:col says enough.
func prefix(where string) string {
	if where == "" {
		return ""
	}
	return where + ": "
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
