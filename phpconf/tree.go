// Package phpconf reads PHP configuration files of the shape Magento writes
// (app/etc/env.php, app/etc/config.php: `<?php return [ ... ];`) into an
// ordered, positioned tree, without executing PHP, and edits them as byte
// ranges. It knows nothing about Magento or OMS.
package phpconf

import (
	"bytes"
	"strconv"
	"strings"
	"unsafe"

	"github.com/omslint/omslint/position"
)

// Kind is the kind of a value in the tree.
type Kind uint8

const (
	KindString Kind = iota
	KindInt
	KindFloat
	KindBool
	KindNull
	KindArray
	// KindExpr is anything that is not a literal: getenv(), $_ENV[...],
	// constants, concatenation, ternaries, interpolated strings. PHP is never
	// executed, so its value is unknown; File.Raw(Range) is its source.
	KindExpr
)

var kindNames = [...]string{"string", "int", "float", "bool", "null", "array", "expression"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Value is one value of the tree. Fields are ordered largest first so a
// value packs into 56 bytes: a large env.php has hundreds of thousands.
//
// A value's source text is File.Raw(v.Range); it is not kept on the value
// (sixteen bytes times every value of a large file).
type Value struct {
	// Str is the decoded string (KindString).
	Str   string
	Int   int64   // KindInt
	Float float64 // KindFloat
	Array *Array  // KindArray
	Range Range
	Kind  Kind
	Bool  bool // KindBool
	// Quote is the quote character of a string literal ('\'' or '"'), 0 for
	// heredoc/nowdoc and for other kinds.
	Quote byte
}

// IsScalar reports whether the value is a literal other than an array.
func (v *Value) IsScalar() bool {
	return v != nil && v.Kind != KindArray && v.Kind != KindExpr
}

// Key is the key of an array element, normalised as PHP would: "8" and 8
// are the same int key, "08" stays a string, true is 1, null is "".
type Key struct {
	Int int64
	// Str is the string key; for a Dynamic key, its source text.
	Str string
	// Range is the key's source; for an implicit key, the value's.
	Range Range
	IsInt bool
	// Implicit is true for an element without `key =>`; PHP gives it the
	// next integer key, and Range is the element's value range.
	Implicit bool
	// Dynamic is true when the key is an expression (a constant, a
	// concatenation): its value is unknown and String returns the source.
	Dynamic bool
	Quote   byte
}

// String is the key as it appears in a dotted path.
func (k Key) String() string {
	switch {
	case k.Dynamic:
		return k.Str
	case k.IsInt:
		return strconv.FormatInt(k.Int, 10)
	}
	return k.Str
}

// Same reports whether two keys address the same PHP array slot.
func (k Key) Same(o Key) bool {
	if k.Dynamic || o.Dynamic {
		return false
	}
	if k.IsInt != o.IsInt {
		return false
	}
	if k.IsInt {
		return k.Int == o.Int
	}
	return k.Str == o.Str
}

// Element is one `key => value` entry of an array literal.
//
// The tree keeps byte ranges, not line and column: a 10 MB env.php holds
// some 300,000 elements, and positions for each (most never reported) made
// the tree 13 times the size of the file. File.Span resolves a range when
// a finding needs one. The path is computed on demand for the same reason.
type Element struct {
	Key   Key
	Value *Value
	// Parent is the array holding the element.
	Parent *Array
	// Comma is the range of the comma after the element; zero when none.
	Comma Range
}

// Range covers the key (or the value when there is no key) to the end of
// the value, without the separating comma.
func (e *Element) Range() Range {
	return Range{Start: e.Key.Range.Start, End: e.Value.Range.End}
}

// Path is the dotted path of the element from the returned array
// ("serviceBus.url"). It is built on each call: keep it when needed twice.
func (e *Element) Path() string {
	if e == nil {
		return ""
	}
	n := 0
	for el := e; el != nil; el = el.holder() {
		n += len(el.Key.String()) + 1
	}
	buf := make([]byte, n-1)
	i := len(buf)
	for el := e; el != nil; el = el.holder() {
		k := el.Key.String()
		i -= len(k)
		copy(buf[i:], k)
		if i > 0 {
			i--
			buf[i] = '.'
		}
	}
	return unsafe.String(unsafe.SliceData(buf), len(buf))
}

// holder is the element whose array holds e, or nil at the top.
func (e *Element) holder() *Element {
	if e.Parent == nil {
		return nil
	}
	return e.Parent.Owner
}

// Array is an array literal.
type Array struct {
	Items []*Element
	// Owner is the element whose value the array is; nil for the returned
	// array and for arrays used as something other than a value.
	Owner *Element

	// index maps keys to the last element holding them, built on the
	// first Get of a large array: rules that look up every key of a
	// config.php `modules` list (hundreds or thousands) stay linear. A
	// tree is read by one goroutine at a time, so no lock.
	index *keyIndex

	Range Range
	// Open is the range of `[` or `(`; Close of `]` or `)`.
	Open  Range
	Close Range
	// Long is true for `array( ... )`, false for `[ ... ]`.
	Long bool
	// TrailingComma is true when the last element is followed by a comma.
	TrailingComma bool
}

// Path is the dotted path of the element holding the array ("" for the
// returned array).
func (a *Array) Path() string {
	if a == nil {
		return ""
	}
	return a.Owner.Path()
}

// keyIndex maps the keys of a large array to the last element holding
// them. String and int keys have a map each: an entry is then a string or
// an int64 and a pointer, not a whole Key.
type keyIndex struct {
	strs map[string]*Element
	ints map[int64]*Element
	// list is true when every key is implicit: key i is Items[i], and no
	// map is built (a list of millions of values costs no index).
	list bool
}

func (a *Array) keyIndex() *keyIndex {
	if a.index == nil && a.isList() {
		a.index = &keyIndex{list: true}
	}
	if a.index == nil {
		// Sized once for what it holds: growing a map of thousands of
		// keys leaves its old tables behind.
		ints := 0
		for _, el := range a.Items {
			if el.Key.IsInt {
				ints++
			}
		}
		x := &keyIndex{strs: make(map[string]*Element, len(a.Items)-ints), ints: make(map[int64]*Element, ints)}
		for _, el := range a.Items {
			switch {
			case el.Key.Dynamic:
			case el.Key.IsInt:
				x.ints[el.Key.Int] = el // the last one wins, as in PHP
			default:
				x.strs[el.Key.Str] = el
			}
		}
		a.index = x
	}
	return a.index
}

// isList reports whether every key of a is implicit.
func (a *Array) isList() bool {
	for _, el := range a.Items {
		if !el.Key.Implicit {
			return false
		}
	}
	return true
}

// indexFrom is the array size from which Get builds an index.
const indexFrom = 16

// Get returns the last element with the given string key (PHP keeps the
// last of duplicates), or nil.
func (a *Array) Get(key string) *Element {
	if a == nil {
		return nil
	}
	want := NormalizeStringKey(key)
	if len(a.Items) >= indexFrom {
		x := a.keyIndex()
		switch {
		case x.list && want.IsInt && want.Int >= 0 && want.Int < int64(len(a.Items)):
			return a.Items[want.Int]
		case x.list:
			return nil
		case want.IsInt:
			return x.ints[want.Int]
		}
		return x.strs[want.Str]
	}
	for i := len(a.Items) - 1; i >= 0; i-- {
		if a.Items[i].Key.Same(want) {
			return a.Items[i]
		}
	}
	return nil
}

// Duplicates calls fn for each element whose key an earlier element of the
// array already holds (PHP keeps the later value), with the first holder.
// Implicit and dynamic keys are left out: an implicit key is always new,
// and a dynamic one is unknown. A large array without duplicates (the
// common case) is checked against the index Get builds anyway, so no
// second map is made for it.
func (a *Array) Duplicates(fn func(first, dup *Element)) {
	if a == nil {
		return
	}
	keyed := func(el *Element) bool { return !el.Key.Dynamic && !el.Key.Implicit }
	if len(a.Items) < indexFrom {
		for i, el := range a.Items {
			if !keyed(el) {
				continue
			}
			for _, prev := range a.Items[:i] {
				if keyed(prev) && prev.Key.Same(el.Key) {
					fn(prev, el)
					break
				}
			}
		}
		return
	}
	nKeyed, nKnown := 0, 0 // explicit literal keys; all but dynamic ones
	for _, el := range a.Items {
		if keyed(el) {
			nKeyed++
		}
		if !el.Key.Dynamic {
			nKnown++
		}
	}
	if nKeyed < 2 {
		return // a list (implicit keys only) needs no map
	}
	if x := a.keyIndex(); nKnown == len(x.strs)+len(x.ints) {
		return // every non-dynamic key is distinct
	}
	first := make(map[Key]*Element)
	for _, el := range a.Items {
		if !keyed(el) {
			continue
		}
		k := slotKey(el.Key)
		if prev, ok := first[k]; ok {
			fn(prev, el)
			continue
		}
		first[k] = el
	}
}

// slotKey is the part of a key that names its array slot (what Same
// compares).
func slotKey(k Key) Key {
	if k.IsInt {
		return Key{IsInt: true, Int: k.Int}
	}
	return Key{Str: k.Str}
}

// Lookup follows a dotted path ("serviceBus.url") through nested arrays.
func (a *Array) Lookup(path string) *Element {
	cur := a
	var el *Element
	for _, part := range strings.Split(path, ".") {
		if cur == nil {
			return nil
		}
		el = cur.Get(part)
		if el == nil {
			return nil
		}
		cur = nil
		if el.Value != nil && el.Value.Kind == KindArray {
			cur = el.Value.Array
		}
	}
	return el
}

// Walk calls fn for every element of the array and of nested arrays, depth
// first in source order. fn returning false skips the element's children.
func (a *Array) Walk(fn func(*Element) bool) {
	if a == nil {
		return
	}
	for _, el := range a.Items {
		if fn(el) && el.Value != nil && el.Value.Kind == KindArray {
			el.Value.Array.Walk(fn)
		}
	}
}

// Comment is a PHP comment (`//`, `#`, `/* */`, `/** */`) in the file.
type Comment struct {
	Text string
	Span Span
}

// ParseError is a syntax error reported by the PHP parser.
type ParseError struct {
	Msg string
	Pos Pos
	// End is one past the offending token (equal to Pos at end of file).
	End Pos
	// Quoted is the token text Msg quotes (`"database"`, with the quotes),
	// "" when it quotes none: OMS001 masks it where a secret value would
	// stand.
	Quoted string
}

func (e *ParseError) Error() string {
	return strconv.Itoa(e.Pos.Line) + ":" + strconv.Itoa(e.Pos.Col) + ": " + e.Msg
}

// Range is a byte range in the source (position.Range).
type Range = position.Range

// rng makes a Range from int offsets (checked against MaxInput by Parse).
func rng(start, end int) Range { return Range{Start: int32(start), End: int32(end)} }

// File is a parsed PHP configuration file.
type File struct {
	Name  string
	Src   []byte
	Lines *LineIndex
	// Root is the returned array literal; nil when the file does not return
	// one (see NoArray) or did not parse (see Err).
	Root *Array
	// Err is the first syntax error; when set, Root is nil.
	Err *ParseError
	// NoArray explains why a file that parsed has no Root, and NoArraySpan
	// points at what was returned instead (or the file start).
	NoArray     string
	NoArraySpan Span
	Comments    []Comment
	// BOM is true when the file starts with a UTF-8 byte order mark.
	BOM bool
	// CRLF is true when most line breaks are "\r\n".
	CRLF bool
	// FinalNewline is true when the file ends with a line break.
	FinalNewline bool

	// text is Src as one string: every Raw and Str without escapes is a
	// substring of it, so a large file is not copied once per node.
	text string
}

// Lookup follows a dotted path from the returned array.
func (f *File) Lookup(path string) *Element {
	if f == nil || f.Root == nil {
		return nil
	}
	return f.Root.Lookup(path)
}

// Text returns the source text of a span.
func (f *File) Text(s Span) string {
	return f.text[s.Start.Offset:s.End.Offset]
}

// Raw returns the source text of a range.
func (f *File) Raw(r Range) string {
	return f.text[r.Start:r.End]
}

// Span resolves a range to lines and columns.
func (f *File) Span(r Range) Span {
	return f.Lines.Span(int(r.Start), int(r.End))
}

// Pos resolves a byte offset to a line and column.
func (f *File) Pos(off int) Pos {
	return f.Lines.Pos(off)
}

// SameLine reports whether offsets a <= b are on one line (no line break
// between them): cheaper than comparing two Line results.
func (f *File) SameLine(a, b int32) bool {
	return a >= b || bytes.IndexByte(f.Src[a:b], '\n') < 0
}

// Line is the 1-based line of a byte offset.
func (f *File) Line(off int32) int {
	return f.Lines.Line(int(off))
}

// NormalizeStringKey turns a string key into the key PHP would use: a
// canonical decimal integer string becomes an int key.
func NormalizeStringKey(s string) Key {
	if n, ok := canonicalInt(s); ok {
		return Key{IsInt: true, Int: n}
	}
	return Key{Str: s}
}

// canonicalInt reports whether s is a decimal integer in canonical form
// ("0", "12", "-3"; not "012", "+1", "-0", " 1"), as PHP's array key cast.
func canonicalInt(s string) (int64, bool) {
	if s == "" || len(s) > 20 {
		return 0, false
	}
	d := s
	if d[0] == '-' {
		d = d[1:]
		if d == "" || d == "0" {
			return 0, false
		}
	}
	if d[0] == '0' && len(d) > 1 {
		return 0, false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
