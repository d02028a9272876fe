package jsonpos

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/omslint/omslint/position"
)

// DefaultMaxDepth bounds nesting. Composer files nest a handful of levels;
// the bound keeps hostile input from exhausting the stack.
const DefaultMaxDepth = 512

// Options bound the work done on one file.
type Options struct {
	// MaxDepth is the deepest container nesting accepted; 0 means
	// DefaultMaxDepth.
	MaxDepth int
}

// Doc is a parsed JSON file.
type Doc struct {
	Root *Node
	// Lines maps offsets of this file to positions; use it for snippets.
	Lines *position.LineIndex
	// BOM is true when the file starts with a UTF-8 byte-order mark. It is
	// skipped here, but Composer rejects such files (seld/jsonlint:
	// "BOM detected, make sure your input does not include a Unicode
	// Byte-Order-Mark"), which a rule may want to say.
	BOM bool
}

// Error is a syntax error or a limit hit, at the place the parser stopped.
type Error struct {
	Pos position.Pos
	Msg string
	// Limit is true when the input is valid so far but beyond a limit
	// (nesting depth), not malformed.
	Limit bool
	// Quoted is the text of the input Msg quotes ("character 'x'"), empty
	// when it quotes none: a report can mask it, since a stray character
	// may be part of a credential.
	Quoted string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg)
}

// Parse parses src with default options.
func Parse(src []byte) (*Doc, error) { return ParseWith(src, Options{}) }

// ParseWith parses src as one strict RFC 8259 JSON value (what PHP's
// json_decode accepts): no comments, no trailing commas, strings must be
// valid UTF-8. Surrounding whitespace and a leading BOM are allowed.
func ParseWith(src []byte, opt Options) (*Doc, error) {
	if len(src) > math.MaxInt32 {
		// Ranges are 32-bit; omslint reads at most --max-size anyway.
		return nil, &Error{Pos: position.Pos{Line: 1, Col: 1}, Msg: "file larger than 2 GiB", Limit: true}
	}
	// One string copy of the file: every key, string and number is a
	// substring of it (a 1.25 MB composer.lock has some 70,000 of them;
	// one allocation each was a third of the parse).
	p := &parser{src: src, text: string(src), lines: position.NewLineIndex(src), maxDepth: opt.MaxDepth}
	if p.maxDepth <= 0 {
		p.maxDepth = DefaultMaxDepth
	}
	doc := &Doc{Lines: p.lines}
	if HasBOM(src) {
		doc.BOM = true
		p.bom = true
		p.off = len(bom)
	}
	p.skipSpace()
	root, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.off < len(p.src) {
		return nil, p.unexpected(p.off, "unexpected %s after the top-level value")
	}
	doc.Root = root
	return doc, nil
}

var bom = []byte{0xEF, 0xBB, 0xBF}

var colon, lbracket, comma = []byte{':'}, []byte{'['}, []byte{','}

// HasBOM reports whether src starts with a UTF-8 byte-order mark, which
// Parse and Pick skip (as RFC 8259 allows) and Composer refuses.
func HasBOM(src []byte) bool { return bytes.HasPrefix(src, bom) }

// node returns a new node holding v, from a slab: one allocation per 256
// nodes instead of one each.
func (p *parser) node(v Node) *Node {
	if len(p.slab) == cap(p.slab) {
		// The first slab is sized to the file: every value but the
		// top one follows a ':', '[' or ',' (counting those inside
		// strings too only overestimates), so the bundled root's
		// 189-byte auth.json takes 6 nodes, not 95 (12 KB), and its
		// 884-byte composer.json 43, not 256 (32 KB).
		n := 256
		if p.slab == nil {
			n = min(n, 1+bytes.Count(p.src, colon)+bytes.Count(p.src, lbracket)+bytes.Count(p.src, comma))
		}
		p.slab = make([]Node, 0, n)
	}
	p.slab = append(p.slab, v)
	return &p.slab[len(p.slab)-1]
}

type parser struct {
	slab     []Node
	src      []byte
	text     string // src as a string, for substrings without copies
	off      int
	lines    *position.LineIndex
	bom      bool
	maxDepth int
}

// pos converts an offset. Columns on the first line do not count a BOM:
// editors hide it, so the column a user sees starts after it.
func (p *parser) pos(off int) position.Pos {
	ps := p.lines.Pos(off)
	if p.bom && ps.Line == 1 && off >= len(bom) {
		ps.Col--
	}
	return ps
}

func (p *parser) rng(start, end int) position.Range {
	return position.Range{Start: int32(start), End: int32(end)}
}

// Span resolves a range of this file to lines and columns (columns on the
// first line do not count a BOM, as in error positions).
func (d *Doc) Span(r position.Range) position.Span {
	return position.Span{Start: d.pos(int(r.Start)), End: d.pos(int(r.End))}
}

func (d *Doc) pos(off int) position.Pos {
	ps := d.Lines.Pos(off)
	if d.BOM && ps.Line == 1 && off >= len(bom) {
		ps.Col--
	}
	return ps
}

func (p *parser) errf(off int, format string, args ...any) *Error {
	return &Error{Pos: p.pos(off), Msg: fmt.Sprintf(format, args...)}
}

// unexpected is errf for what sits at off: format's first verb is its
// description (describe), which the error also keeps as Quoted.
func (p *parser) unexpected(off int, format string, args ...any) *Error {
	what := p.describe(off)
	e := p.errf(off, format, append([]any{what}, args...)...)
	if strings.HasPrefix(what, "character ") {
		e.Quoted = what
	}
	return e
}

// describe names what sits at off for error messages.
func (p *parser) describe(off int) string {
	if off >= len(p.src) {
		return "end of input"
	}
	r, size := utf8.DecodeRune(p.src[off:])
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf("byte 0x%02x", p.src[off])
	}
	return fmt.Sprintf("character %q", r)
}

func (p *parser) skipSpace() {
	for p.off < len(p.src) {
		switch p.src[p.off] {
		case ' ', '\t', '\n', '\r':
			p.off++
		default:
			return
		}
	}
}

// value parses one value at p.off (whitespace already skipped). depth is
// the number of enclosing containers.
func (p *parser) value(depth int) (*Node, error) {
	if p.off >= len(p.src) {
		return nil, p.errf(p.off, "unexpected end of input, expected a value")
	}
	switch c := p.src[p.off]; {
	case c == '{' || c == '[':
		if depth >= p.maxDepth {
			e := p.errf(p.off, "nesting deeper than %d levels", p.maxDepth)
			e.Limit = true
			return nil, e
		}
		if c == '{' {
			return p.object(depth + 1)
		}
		return p.array(depth + 1)
	case c == '"':
		start := p.off
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return p.node(Node{Kind: KindString, Range: p.rng(start, p.off), Raw: p.text[start:p.off], Str: s}), nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return p.literal("true", p.node(Node{Kind: KindBool, Bool: true}))
	case c == 'f':
		return p.literal("false", p.node(Node{Kind: KindBool}))
	case c == 'n':
		return p.literal("null", p.node(Node{Kind: KindNull}))
	default:
		return nil, p.unexpected(p.off, "unexpected %s, expected a value")
	}
}

func (p *parser) literal(word string, n *Node) (*Node, error) {
	start := p.off
	if !bytes.HasPrefix(p.src[p.off:], []byte(word)) {
		return nil, p.errf(p.off, "invalid literal, expected %q", word)
	}
	p.off += len(word)
	n.Range = p.rng(start, p.off)
	n.Raw = word
	return n, nil
}

func (p *parser) object(depth int) (*Node, error) {
	start := p.off
	p.off++ // '{'
	n := p.node(Node{Kind: KindObject})
	p.skipSpace()
	if p.off < len(p.src) && p.src[p.off] == '}' {
		p.off++
		n.Range = p.rng(start, p.off)
		return n, nil
	}
	for {
		p.skipSpace()
		if p.off >= len(p.src) || p.src[p.off] != '"' {
			return nil, p.unexpected(p.off, "unexpected %s, expected a string key")
		}
		kstart := p.off
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		krange := p.rng(kstart, p.off)
		p.skipSpace()
		if p.off >= len(p.src) || p.src[p.off] != ':' {
			return nil, p.unexpected(p.off, "unexpected %s, expected ':' after key")
		}
		p.off++
		p.skipSpace()
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		n.Members = append(n.Members, Member{Key: key, KeyRange: krange, Value: v})
		done, err := p.separator('}')
		if err != nil {
			return nil, err
		}
		if done {
			n.Range = p.rng(start, p.off)
			return n, nil
		}
	}
}

// separator reads what follows a member or element: ',' (more to come)
// or the closing bracket (done).
func (p *parser) separator(closing byte) (done bool, err error) {
	p.skipSpace()
	if p.off >= len(p.src) {
		return false, p.errf(p.off, "unexpected end of input, expected ',' or '%c'", closing)
	}
	switch p.src[p.off] {
	case ',':
		p.off++
		return false, nil
	case closing:
		p.off++
		return true, nil
	}
	return false, p.unexpected(p.off, "unexpected %s, expected ',' or '%c'", closing)
}

func (p *parser) array(depth int) (*Node, error) {
	start := p.off
	p.off++ // '['
	n := p.node(Node{Kind: KindArray})
	p.skipSpace()
	if p.off < len(p.src) && p.src[p.off] == ']' {
		p.off++
		n.Range = p.rng(start, p.off)
		return n, nil
	}
	for {
		p.skipSpace()
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		n.Elems = append(n.Elems, v)
		done, err := p.separator(']')
		if err != nil {
			return nil, err
		}
		if done {
			n.Range = p.rng(start, p.off)
			return n, nil
		}
	}
}

// number reads a number at p.off.
func (p *parser) number() (*Node, error) {
	start := p.off
	end, bad, msg := scanNumber(p.src, p.off)
	if msg != "" {
		return nil, p.errf(bad, "%s", msg)
	}
	p.off = end
	raw := p.text[start:p.off]
	// The grammar scanNumber checks is a subset of ParseFloat's; the only
	// possible error is a range error, whose ±Inf/0 result is kept.
	f, _ := strconv.ParseFloat(raw, 64)
	return p.node(Node{Kind: KindNumber, Range: p.rng(start, p.off), Raw: raw, Num: f}), nil
}

// scanNumber scans -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? exactly
// at off (on '-' or a digit). It returns where the number ends, or the
// offset and text of what is wrong (msg is "" when nothing is). The parser
// and the skimmer (Pick) share it, so they accept the same numbers.
func scanNumber(src []byte, off int) (end, bad int, msg string) {
	digits := func() int {
		n := 0
		for off < len(src) && src[off] >= '0' && src[off] <= '9' {
			off++
			n++
		}
		return n
	}
	if src[off] == '-' {
		off++
	}
	if off < len(src) && src[off] == '0' {
		off++
		if off < len(src) && src[off] >= '0' && src[off] <= '9' {
			return 0, off, "invalid number: leading zero"
		}
	} else if digits() == 0 {
		return 0, off, "invalid number: expected a digit"
	}
	if off < len(src) && src[off] == '.' {
		off++
		if digits() == 0 {
			return 0, off, "invalid number: expected a digit after '.'"
		}
	}
	if off < len(src) && (src[off] == 'e' || src[off] == 'E') {
		off++
		if off < len(src) && (src[off] == '+' || src[off] == '-') {
			off++
		}
		if digits() == 0 {
			return 0, off, "invalid number: expected a digit in the exponent"
		}
	}
	return off, 0, ""
}

// str scans a string at p.off (on the opening quote) and decodes it.
func (p *parser) str() (string, error) {
	start := p.off
	p.off++
	var buf []byte
	plain := p.off // start of the current run without escapes
	for {
		if p.off >= len(p.src) {
			sp := p.pos(start)
			return "", p.errf(p.off, "unterminated string (opened at %d:%d)", sp.Line, sp.Col)
		}
		c := p.src[p.off]
		switch {
		case c == '"':
			s := p.src[plain:p.off]
			p.off++
			if buf == nil {
				return p.text[plain : p.off-1], nil
			}
			return string(append(buf, s...)), nil
		case c < 0x20:
			return "", p.errf(p.off, "control character 0x%02x in string (must be escaped)", c)
		case c == '\\':
			buf = append(buf, p.src[plain:p.off]...)
			if buf == nil {
				buf = []byte{}
			}
			var err error
			if buf, err = p.escape(buf); err != nil {
				return "", err
			}
			plain = p.off
		case c < utf8.RuneSelf:
			p.off++
		default:
			// PHP's json_decode fails on malformed UTF-8, so Composer
			// would too: reject rather than substitute U+FFFD.
			r, size := utf8.DecodeRune(p.src[p.off:])
			if r == utf8.RuneError && size <= 1 {
				return "", p.errf(p.off, "invalid UTF-8 in string")
			}
			p.off += size
		}
	}
}

// escape decodes one escape sequence at p.off (on the backslash).
func (p *parser) escape(buf []byte) ([]byte, error) {
	r, end, bad, msg := scanEscape(p.src, p.off)
	if msg != "" {
		return nil, p.errf(bad, "%s", msg)
	}
	p.off = end
	return utf8.AppendRune(buf, r), nil
}

// scanEscape reads one escape sequence at off (on the backslash): the
// character it stands for and where it ends, or the offset and text of
// what is wrong (msg is "" when nothing is). Shared by the parser and the
// skimmer (Pick), so they accept the same strings.
func scanEscape(src []byte, off int) (r rune, end, bad int, msg string) {
	at := off
	if off+1 >= len(src) {
		return 0, 0, len(src), "unterminated string"
	}
	c := src[off+1]
	off += 2
	switch c {
	case '"', '\\', '/':
		return rune(c), off, 0, ""
	case 'b':
		return '\b', off, 0, ""
	case 'f':
		return '\f', off, 0, ""
	case 'n':
		return '\n', off, 0, ""
	case 'r':
		return '\r', off, 0, ""
	case 't':
		return '\t', off, 0, ""
	case 'u':
		r, ok := hex4(src, off)
		if !ok {
			return 0, 0, at, `invalid \u escape`
		}
		off += 4
		if !utf16.IsSurrogate(r) {
			return r, off, 0, ""
		}
		// Only a high half followed by a low half is a character; PHP's
		// json_decode rejects anything else (JSON_ERROR_UTF16).
		if off+1 < len(src) && src[off] == '\\' && src[off+1] == 'u' {
			if r2, ok := hex4(src, off+2); ok {
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					return dec, off + 6, 0, ""
				}
			}
		}
		return 0, 0, at, "unpaired UTF-16 surrogate in \\u escape"
	}
	return 0, 0, at, "invalid escape sequence"
}

// hex4 reads four hexadecimal digits at off.
func hex4(src []byte, off int) (rune, bool) {
	if off+4 > len(src) {
		return 0, false
	}
	var r rune
	for _, c := range src[off : off+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
