// Package jsonpos reads JSON files (composer.json, composer.lock, auth.json)
// into an ordered tree where every key and value knows its place in the
// file, so a finding can point at the exact line and column. It knows
// nothing about Composer or Magento.
package jsonpos

import (
	"strconv"

	"github.com/omslint/omslint/position"
)

// Kind is the kind of a JSON value.
type Kind int

const (
	KindObject Kind = iota
	KindArray
	KindString
	KindNumber
	KindBool
	KindNull
)

var kindNames = [...]string{"object", "array", "string", "number", "bool", "null"}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Node is one JSON value. Only the fields of its Kind are set.
type Node struct {
	Kind Kind
	// Range covers the whole value (byte offsets): quotes of a string,
	// brackets of a container. Doc.Span gives its line and column: they
	// are computed only for what a finding reports (a 1.25 MB
	// composer.lock has some 70,000 nodes and a rule reports a few).
	Range position.Range
	// Raw is the source text of a scalar (string with its quotes, number,
	// true/false/null); empty for containers, which can be large.
	Raw  string
	Str  string  // KindString: the decoded value
	Num  float64 // KindNumber: the value as float64 (±Inf when out of range); Raw keeps the exact text
	Bool bool    // KindBool
	// Members are the object's members in file order, duplicates included.
	Members []Member
	Elems   []*Node // KindArray
}

// Member is one `"key": value` pair of an object.
type Member struct {
	Key      string         // decoded key
	KeyRange position.Range // the key with its quotes (Doc.Span resolves it)
	Value    *Node
}

// Get returns the value of key in an object, or nil when n is nil, not an
// object, or has no such key. With duplicate keys it returns the last one,
// because that is the value PHP's json_decode (and so Composer) keeps.
func (n *Node) Get(key string) *Node {
	if m := n.Member(key); m != nil {
		return m.Value
	}
	return nil
}

// Member returns the member for key (the last one when duplicated) or nil.
// Rules need it to point at the key rather than the value.
func (n *Node) Member(key string) *Member {
	if n == nil || n.Kind != KindObject {
		return nil
	}
	for i := len(n.Members) - 1; i >= 0; i-- {
		if n.Members[i].Key == key {
			return &n.Members[i]
		}
	}
	return nil
}

// Index returns element i of an array, or nil.
func (n *Node) Index(i int) *Node {
	if n == nil || n.Kind != KindArray || i < 0 || i >= len(n.Elems) {
		return nil
	}
	return n.Elems[i]
}

// Path walks keys from n: an object step is a member name, an array step a
// decimal index. It returns nil as soon as a step does not resolve, so
// callers can chain without checks: root.Path("extra", "magento-root-dir").
func (n *Node) Path(steps ...string) *Node {
	cur := n
	for _, s := range steps {
		if cur == nil {
			return nil
		}
		switch cur.Kind {
		case KindObject:
			cur = cur.Get(s)
		case KindArray:
			i, err := strconv.Atoi(s)
			if err != nil {
				return nil
			}
			cur = cur.Index(i)
		default:
			return nil
		}
	}
	return cur
}

// AsString returns the decoded string and true when n is a JSON string.
func (n *Node) AsString() (string, bool) {
	if n == nil || n.Kind != KindString {
		return "", false
	}
	return n.Str, true
}

// Keys returns the object's keys in file order (duplicates included).
func (n *Node) Keys() []string {
	if n == nil || n.Kind != KindObject {
		return nil
	}
	keys := make([]string, len(n.Members))
	for i, m := range n.Members {
		keys[i] = m.Key
	}
	return keys
}

// Duplicates returns the members whose key already appeared earlier in the
// same object (each later occurrence), for rules that flag them.
func (n *Node) Duplicates() []*Member {
	if n == nil || n.Kind != KindObject {
		return nil
	}
	var dups []*Member
	seen := make(map[string]bool, len(n.Members))
	for i := range n.Members {
		if seen[n.Members[i].Key] {
			dups = append(dups, &n.Members[i])
		}
		seen[n.Members[i].Key] = true
	}
	return dups
}
