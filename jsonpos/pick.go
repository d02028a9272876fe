package jsonpos

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/bits"
	"unicode/utf8"

	"github.com/omslint/omslint/position"
)

// Field is one string member picked out of an object by Pick.
type Field struct {
	// OK is true when the object's last member of that name (the one
	// Node.Get returns) is a JSON string; Str and Range are set then.
	OK  bool
	Str string // the decoded value
	// Range is the string with its quotes (Picked.Span resolves it).
	Range position.Range
}

// Picked is what Pick keeps of a file: for each section, the picked
// fields of every object element, and the file to resolve positions in.
type Picked struct {
	nfields  int
	sections [][]Field // per section: nfields Fields per object element
	doc      *Doc      // its line index is built on the first Span
}

// Len is the number of object elements in section s (0 when the file has
// no such top-level member or its value is not an array).
func (p *Picked) Len(s int) int {
	if p == nil || s < 0 || s >= len(p.sections) || p.nfields == 0 {
		return 0
	}
	return len(p.sections[s]) / p.nfields
}

// Field returns field f of object element i of section s.
func (p *Picked) Field(s, i, f int) Field {
	return p.sections[s][i*p.nfields+f]
}

// Span resolves a range of the file to lines and columns, exactly as
// Doc.Span does (columns on the first line do not count a BOM). The line
// index is built on the first call: most runs report nothing from the file.
func (p *Picked) Span(r position.Range) position.Span { return p.doc.Span(r) }

// Pick reads src as ParseWith does, without building a tree. It keeps, for
// each top-level member whose key is sections[s] (the last such member,
// as Node.Get) and whose value is an array, the string members named
// fields of each object element of that array, the way
// root.Get(sections[s]).Elems[i].Get(fields[f]).AsString() reads them.
// Everything else is validated with the same grammar and limits and
// skipped. It accepts exactly what ParseWith accepts: on any error it
// returns ParseWith's error (same message, same position), and should the
// two ever disagree the tree's answer is the one kept.
//
// composer.lock is the use: of 1.25 MB, the rules need each package's
// name and version.
func Pick(src []byte, sections, fields []string, opt Options) (*Picked, error) {
	if pk, ok := pick(src, sections, fields, opt); ok {
		return pk, nil
	}
	doc, err := ParseWith(src, opt)
	if err != nil {
		return nil, err
	}
	return pickTree(doc, sections, fields), nil
}

// pickTree is Pick's answer read from the full tree.
func pickTree(doc *Doc, sections, fields []string) *Picked {
	pk := &Picked{nfields: len(fields), sections: make([][]Field, len(sections)), doc: doc}
	for s, name := range sections {
		list := doc.Root.Get(name)
		if list == nil || list.Kind != KindArray {
			continue
		}
		out := []Field{}
		for _, el := range list.Elems {
			if el.Kind != KindObject {
				continue
			}
			for _, f := range fields {
				var fd Field
				if v := el.Get(f); v != nil && v.Kind == KindString {
					fd = Field{OK: true, Str: v.Str, Range: v.Range}
				}
				out = append(out, fd)
			}
		}
		pk.sections[s] = out
	}
	return pk
}

// skimmer validates JSON without building anything; false means "not
// accepted" (ParseWith then says why).
type skimmer struct {
	src      []byte
	off      int
	maxDepth int
	keyBuf   []byte
	// escaped is set by str when the string it read holds an escape.
	escaped bool
}

func pick(src []byte, sections, fields []string, opt Options) (*Picked, bool) {
	if len(src) > math.MaxInt32 || len(fields) == 0 {
		return nil, false
	}
	k := &skimmer{src: src, maxDepth: opt.MaxDepth}
	if k.maxDepth <= 0 {
		k.maxDepth = DefaultMaxDepth
	}
	pk := &Picked{nfields: len(fields), sections: make([][]Field, len(sections))}
	pk.doc = &Doc{Lines: position.LazyLineIndex(src), BOM: HasBOM(src)}
	if pk.doc.BOM {
		k.off = len(bom)
	}
	k.space()
	ok := false
	if k.off < len(src) && src[k.off] == '{' {
		ok = k.object(1, func(key []byte, depth int) bool {
			s := indexOf(sections, key)
			if s < 0 {
				return k.value(depth)
			}
			pk.sections[s] = nil // the last member of that name wins
			if k.off >= len(k.src) || k.src[k.off] != '[' {
				return k.value(depth)
			}
			list, ok := k.list(depth, fields)
			pk.sections[s] = list
			return ok
		})
	} else {
		ok = k.value(0)
	}
	if !ok {
		return nil, false
	}
	k.space()
	if k.off != len(src) {
		return nil, false
	}
	return pk, true
}

// list reads a section's array at k.off (on '['; the array's parent is at
// depth), picking fields of its object elements.
func (k *skimmer) list(depth int, fields []string) ([]Field, bool) {
	if depth >= k.maxDepth {
		return nil, false
	}
	out := []Field{}
	ok := k.array(depth+1, func(depth int) bool {
		if k.src[k.off] != '{' {
			return k.value(depth)
		}
		if depth >= k.maxDepth {
			return false
		}
		at := len(out)
		for range fields {
			out = append(out, Field{})
		}
		return k.object(depth+1, func(key []byte, depth int) bool {
			f := indexOf(fields, key)
			if f < 0 {
				return k.value(depth)
			}
			out[at+f] = Field{}
			if k.src[k.off] != '"' {
				return k.value(depth)
			}
			start := k.off
			if !k.str() {
				return false
			}
			tok := k.src[start:k.off]
			s := string(tok[1 : len(tok)-1])
			if k.escaped {
				b, ok := appendDecoded(nil, tok)
				if !ok {
					return false
				}
				s = string(b)
			}
			out[at+f] = Field{OK: true, Str: s, Range: position.Range{Start: int32(start), End: int32(k.off)}}
			return true
		})
	})
	return out, ok
}

func indexOf(names []string, key []byte) int {
	for i, n := range names {
		if string(key) == n {
			return i
		}
	}
	return -1
}

// appendDecoded appends the decoded text of a validated string token
// (with its quotes) to buf, with the parser's escape decoder.
func appendDecoded(buf, tok []byte) ([]byte, bool) {
	for i := 1; i < len(tok)-1; {
		if tok[i] != '\\' {
			buf = append(buf, tok[i])
			i++
			continue
		}
		r, end, _, msg := scanEscape(tok, i)
		if msg != "" {
			return buf, false
		}
		buf = utf8.AppendRune(buf, r)
		i = end
	}
	return buf, true
}

// space skips JSON white space.
func (k *skimmer) space() { k.off = skipSpace(k.src, k.off) }

// skipSpace returns the offset of the first byte at or after i that is not
// JSON white space. Indentation (runs of spaces after a line break) is
// most of a pretty-printed file's white space: a run of spaces is skipped
// eight bytes at a time.
func skipSpace(src []byte, i int) int {
	for i < len(src) {
		switch src[i] {
		case ' ':
			// A lock's indentation is runs of 4 to 24 spaces: the first
			// of eight bytes that is not a space ends the run, found with
			// one XOR and a count of trailing zero bits (a fifth less
			// time for the real-size lock's skim than testing whether
			// all eight are spaces and going on byte by byte).
			for i+8 <= len(src) {
				if x := binary.LittleEndian.Uint64(src[i:]) ^ spaces8; x != 0 {
					i += bits.TrailingZeros64(x) >> 3
					break
				}
				i += 8
			}
			if i < len(src) && src[i] == ' ' {
				i++
			}
		case '\n', '\t', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// value skims one value at k.off (white space skipped); depth is the
// number of enclosing containers, as in parser.value. It is a loop over a
// stack of the containers open inside the value rather than recursion:
// most of a lock is values no rule reads (sources, autoload, authors), and
// a call per container and member was a third of the skim.
func (k *skimmer) value(depth int) bool {
	src := k.src
	var openBuf [32]byte
	open := openBuf[:0] // '{' or '[' for each container open in the value
	i := k.off
	for {
		// A value is expected at i.
		if i >= len(src) {
			return false
		}
		switch c := src[i]; {
		case c == '{' || c == '[':
			if depth+len(open) >= k.maxDepth {
				return false
			}
			open = append(open, c)
			i = skipSpace(src, i+1)
			if i < len(src) && src[i] == c+2 { // '}' is '{'+2, ']' is '['+2
				open = open[:len(open)-1]
				i++
				break
			}
			if c == '{' {
				if i = k.member(i); i < 0 {
					return false
				}
			}
			continue
		case c == '"':
			k.off = i
			if !k.str() {
				return false
			}
			i = k.off
		case c == '-' || (c >= '0' && c <= '9'):
			k.off = i
			if !k.number() {
				return false
			}
			i = k.off
		case c == 't' || c == 'f' || c == 'n':
			k.off = i
			if !k.literal(literals[c]) {
				return false
			}
			i = k.off
		default:
			return false
		}
		// After a value: close what it ends, or go on to the next
		// element or member.
		for {
			if len(open) == 0 {
				k.off = i
				return true
			}
			i = skipSpace(src, i)
			if i >= len(src) {
				return false
			}
			top := open[len(open)-1]
			if src[i] == top+2 {
				open = open[:len(open)-1]
				i++
				continue
			}
			if src[i] != ',' {
				return false
			}
			i = skipSpace(src, i+1)
			if top == '{' {
				if i = k.member(i); i < 0 {
					return false
				}
			}
			break
		}
	}
}

var literals = [256]string{'t': "true", 'f': "false", 'n': "null"}

// member skims `"key" :` at i and the white space after it, returning
// where the value starts, or -1.
func (k *skimmer) member(i int) int {
	if i >= len(k.src) || k.src[i] != '"' {
		return -1
	}
	k.off = i
	if !k.str() {
		return -1
	}
	i = skipSpace(k.src, k.off)
	if i >= len(k.src) || k.src[i] != ':' {
		return -1
	}
	return skipSpace(k.src, i+1)
}

func (k *skimmer) literal(word string) bool {
	if !bytes.HasPrefix(k.src[k.off:], []byte(word)) {
		return false
	}
	k.off += len(word)
	return true
}

// object skims an object at k.off (on '{') at depth, calling member for
// each member with k.off on its value (white space skipped). Keys are
// decoded only when they hold an escape.
func (k *skimmer) object(depth int, member func(key []byte, depth int) bool) bool {
	k.off++
	k.space()
	if k.off < len(k.src) && k.src[k.off] == '}' {
		k.off++
		return true
	}
	for {
		k.space()
		if k.off >= len(k.src) || k.src[k.off] != '"' {
			return false
		}
		start := k.off
		if !k.str() {
			return false
		}
		key := k.src[start+1 : k.off-1]
		if k.escaped {
			// Decoded into a buffer kept for the next key: keys are
			// compared, never kept.
			var ok bool
			if k.keyBuf, ok = appendDecoded(k.keyBuf[:0], k.src[start:k.off]); !ok {
				return false
			}
			key = k.keyBuf
		}
		k.space()
		if k.off >= len(k.src) || k.src[k.off] != ':' {
			return false
		}
		k.off++
		k.space()
		if k.off >= len(k.src) || !member(key, depth) {
			return false
		}
		done, ok := k.separator('}')
		if !ok {
			return false
		}
		if done {
			return true
		}
	}
}

func (k *skimmer) array(depth int, elem func(depth int) bool) bool {
	k.off++
	k.space()
	if k.off < len(k.src) && k.src[k.off] == ']' {
		k.off++
		return true
	}
	for {
		k.space()
		if k.off >= len(k.src) || !elem(depth) {
			return false
		}
		done, ok := k.separator(']')
		if !ok {
			return false
		}
		if done {
			return true
		}
	}
}

func (k *skimmer) separator(closing byte) (done, ok bool) {
	k.space()
	if k.off >= len(k.src) {
		return false, false
	}
	switch k.src[k.off] {
	case ',':
		k.off++
		return false, true
	case closing:
		k.off++
		return true, true
	}
	return false, false
}

// number skims a number (scanNumber, the parser's grammar).
func (k *skimmer) number() bool {
	end, _, msg := scanNumber(k.src, k.off)
	k.off = end
	return msg == ""
}

// plainByte marks the bytes a string runs over without a second look:
// ASCII other than control characters, '"' and '\\'.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

const (
	spaces8 = 0x2020202020202020
	ones8   = 0x0101010101010101
	highs8  = 0x8080808080808080
)

// plain8 reports whether the eight bytes of x are all plainByte: none is
// a control character, '"', '\\' or a byte of a multi-byte character
// (the SWAR tests for a zero byte of x^c and a byte below 0x20; each is
// exact in whether any byte matches).
func plain8(x uint64) bool {
	quote := x ^ (ones8 * '"')
	bslash := x ^ (ones8 * '\\')
	t := (quote - ones8) &^ quote
	t |= (bslash - ones8) &^ bslash
	t |= (x - ones8*0x20) &^ x
	return (t|x)&highs8 == 0
}

// str skims a string at k.off (on the opening quote), accepting what
// parser.str accepts.
func (k *skimmer) str() bool {
	k.off++
	k.escaped = false
	src := k.src
	for {
		i := k.off
		for i+8 <= len(src) && plain8(binary.LittleEndian.Uint64(src[i:])) {
			i += 8
		}
		for i < len(src) && plainByte[src[i]] {
			i++
		}
		k.off = i
		if i >= len(src) {
			return false
		}
		switch c := src[i]; {
		case c == '"':
			k.off++
			return true
		case c < 0x20:
			return false
		case c == '\\':
			k.escaped = true
			if !k.escape() {
				return false
			}
		default:
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size <= 1 {
				return false
			}
			k.off += size
		}
	}
}

// escape skims one escape sequence at k.off (on the backslash), with
// the parser's scanEscape.
func (k *skimmer) escape() bool {
	_, end, _, msg := scanEscape(k.src, k.off)
	k.off = end
	return msg == ""
}
