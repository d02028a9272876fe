package phpconf

import (
	"bytes"
	"errors"
	"fmt"
	"time"
)

// The fast route reads the subset of PHP that Magento's writers and most
// hand edits produce: `<?php return [ ... ];` made of array literals,
// quoted strings without interpolation, decimal numbers, true/false/null
// and comments. It builds exactly the tree the full parser route builds
// (a test compares both on the corpus and on generated files), at a
// fraction of the time and memory. On anything outside the subset it gives
// up and the full PHP parser decides, so a syntax error is always reported
// by the real parser, at the place php -l reports it.

// errNotSubset means "let the full parser read this file".
var errNotSubset = errors.New("not in the fast subset")

type fastParser struct {
	f        *File
	src      []byte
	pos      int
	maxDepth int
	// deadline bounds the PHP parser on all the expressions of the file
	// together (each gets what is left), as Options.Timeout bounds a
	// whole-file parse.
	deadline time.Time
	// exprParses counts expressions given to the PHP parser one by one;
	// past maxExprParses the file goes to the full route (fastexpr.go).
	exprParses int
	comments   []Comment

	// The tree is allocated in slabs rather than node by node: a large
	// env.php has hundreds of thousands of nodes, and one allocation per
	// node dominated the time (allocation and garbage collection).
	els   []Element
	vals  []Value
	arrs  []Array
	ptrs  []*Element
	stack []*Element // items of the arrays being read, innermost last
}

// slab sizes grow with the file so a small file allocates little.
const (
	minSlab = 16
	maxSlab = 4096
)

func slabSize(want int) int { return min(max(want, minSlab), maxSlab) }

// Real env.php files hold one element per 30 to 90 bytes and one array per
// three to four elements: the first slabs are sized from the file, so a
// typical file needs one or two of each.
const (
	bytesPerElement = 48
	bytesPerArray   = 160
)

func (p *fastParser) newElement() *Element {
	if len(p.els) == cap(p.els) {
		p.els = make([]Element, 0, slabSize(max(cap(p.els)*2, len(p.src)/bytesPerElement)))
	}
	p.els = p.els[:len(p.els)+1]
	return &p.els[len(p.els)-1]
}

func (p *fastParser) newValue() *Value {
	if len(p.vals) == cap(p.vals) {
		p.vals = make([]Value, 0, slabSize(max(cap(p.vals)*2, len(p.src)/bytesPerElement)))
	}
	p.vals = p.vals[:len(p.vals)+1]
	return &p.vals[len(p.vals)-1]
}

// dropValue gives back the value just taken (a key is read as a value
// first); it must be the last one taken.
func (p *fastParser) dropValue(v *Value) {
	if n := len(p.vals); n > 0 && &p.vals[n-1] == v {
		*v = Value{}
		p.vals = p.vals[:n-1]
	}
}

func (p *fastParser) newArray() *Array {
	if len(p.arrs) == cap(p.arrs) {
		p.arrs = make([]Array, 0, slabSize(max(cap(p.arrs)*2, len(p.src)/bytesPerArray)))
	}
	p.arrs = p.arrs[:len(p.arrs)+1]
	return &p.arrs[len(p.arrs)-1]
}

// items copies the items of an array from the stack into a slab; the slice
// is capped so appending to it never writes into a neighbour's items.
func (p *fastParser) items(mark int) []*Element {
	n := len(p.stack) - mark
	if n == 0 {
		return nil
	}
	if cap(p.ptrs)-len(p.ptrs) < n {
		p.ptrs = make([]*Element, 0, max(n, slabSize(max(cap(p.ptrs)*2, len(p.src)/bytesPerElement))))
	}
	i := len(p.ptrs)
	p.ptrs = append(p.ptrs, p.stack[mark:]...)
	clear(p.stack[mark:])
	p.stack = p.stack[:mark]
	return p.ptrs[i : i+n : i+n]
}

// fastParse tries the fast route; errNotSubset means fall back. A
// LimitError is final (the full route would refuse the file too).
func fastParse(f *File, maxDepth int, timeout time.Duration) error {
	p := &fastParser{f: f, src: f.Src, maxDepth: maxDepth, deadline: time.Now().Add(timeout)}
	root, err := p.file()
	if err != nil {
		return err
	}
	f.Root = root
	f.Comments = p.comments
	return nil
}

func (p *fastParser) file() (*Array, error) {
	// Inline text (a BOM, a stray line) may precede the open tag; any other
	// `<?` before it would be PHP the subset does not cover.
	i := bytes.Index(p.src, []byte("<?"))
	if i < 0 || i+6 > len(p.src) || !bytes.EqualFold(p.src[i+2:i+5], []byte("php")) || !isSpace(p.src[i+5]) {
		return nil, errNotSubset
	}
	p.pos = i + 5
	p.trivia()
	if !p.keyword("return") {
		return nil, errNotSubset
	}
	p.trivia()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if v.Kind != KindArray {
		return nil, errNotSubset
	}
	p.trivia()
	if p.pos >= len(p.src) || p.src[p.pos] != ';' {
		return nil, errNotSubset
	}
	p.pos++
	p.trivia()
	if bytes.HasPrefix(p.src[p.pos:], []byte("?>")) {
		p.pos += 2
		if bytes.HasPrefix(p.src[p.pos:], []byte("\r\n")) {
			p.pos += 2
		} else if p.pos < len(p.src) && p.src[p.pos] == '\n' {
			p.pos++
		}
	}
	if p.pos != len(p.src) {
		return nil, errNotSubset
	}
	return v.Array, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// trivia skips white space and comments, recording comments. A comment
// the subset cannot be sure about (an unclosed one, `?>` inside a line
// comment, a `#[` attribute) stops the scan: the next token check fails
// and the file falls back.
func (p *fastParser) trivia() {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\r' && (p.pos+1 >= len(p.src) || p.src[p.pos+1] != '\n'):
			// php -l takes a lone CR for white space; the PHP parser
			// reports it. Let that parser decide, so both routes agree.
			return
		case isSpace(c):
			p.pos++
		case c == '#' || c == '/' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '/':
			if c == '#' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '[' {
				return
			}
			end := p.pos
			for end < len(p.src) && p.src[end] != '\n' && p.src[end] != '\r' {
				if p.src[end] == '?' && end+1 < len(p.src) && p.src[end+1] == '>' {
					return
				}
				end++
			}
			p.comment(p.pos, end)
			p.pos = end
		case c == '/' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '*':
			end := bytes.Index(p.src[p.pos+2:], []byte("*/"))
			if end < 0 {
				return
			}
			end += p.pos + 4
			p.comment(p.pos, end)
			p.pos = end
		default:
			return
		}
	}
}

func (p *fastParser) comment(start, end int) {
	p.comments = append(p.comments, Comment{Text: p.f.text[start:end], Span: p.f.Lines.Span(start, end)})
}

// keyword consumes a case-insensitive keyword not followed by a name byte.
func (p *fastParser) keyword(kw string) bool {
	end := p.pos + len(kw)
	if end > len(p.src) || !bytes.EqualFold(p.src[p.pos:end], []byte(kw)) || end < len(p.src) && isIdent(p.src[end]) {
		return false
	}
	p.pos = end
	return true
}

func (p *fastParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

// value reads one value at nesting depth: an array literal, a scalar
// literal, or else an expression (fastexpr.go).
func (p *fastParser) value(depth int) (*Value, error) {
	start := p.pos
	c := p.peek()
	if c == '[' {
		return p.array(start, start, false, depth)
	}
	if (c == 'a' || c == 'A') && p.keyword("array") {
		p.trivia()
		if p.peek() != '(' {
			return nil, errNotSubset
		}
		return p.array(start, p.pos, true, depth)
	}
	comments := len(p.comments)
	v, err := p.scalar(start)
	switch {
	case err == nil && p.valueEnds(p.pos):
		return v, nil
	case err == nil:
		p.dropValue(v) // a literal that starts an expression: 'a' . 'b'
	case !errors.Is(err, errNotSubset):
		return nil, err
	}
	// Not a literal of the subset: read it as an expression, from the
	// start again (a sign may have consumed a comment).
	p.pos = start
	p.comments = p.comments[:comments]
	if end, ok := envRead(p.src, start); ok && p.valueEnds(end) {
		v := p.newValue()
		*v = Value{Kind: KindExpr, Range: rng(start, end)}
		p.pos = end
		return v, nil
	}
	return p.expr(start)
}

// valueEnds reports whether a value ending at i is followed, after white
// space only, by what may follow a whole value: `,`, `=>`, `]` or `)`.
// Anything else (an operator, a comment) makes the value part of an
// expression, or needs the PHP parser to tell where comments belong.
func (p *fastParser) valueEnds(i int) bool {
	for i < len(p.src) && isSpace(p.src[i]) {
		i++
	}
	if i >= len(p.src) {
		return false
	}
	switch p.src[i] {
	case ',', ']', ')':
		return true
	case '=':
		return i+1 < len(p.src) && p.src[i+1] == '>'
	}
	return false
}

// scalar reads a string, number, bool or null literal.
func (p *fastParser) scalar(start int) (*Value, error) {
	c := p.peek()
	switch {
	case c == '\'' || c == '"':
		return p.str(start)
	case c >= '0' && c <= '9':
		return p.number(start, false)
	case c == '-' || c == '+':
		p.pos++
		// The parser allows trivia between the sign and the number.
		p.trivia()
		if c := p.peek(); c < '0' || c > '9' {
			return nil, errNotSubset
		}
		return p.number(start, c == '-')
	case isIdent(c):
		return p.constant(start)
	}
	return nil, errNotSubset
}

func (p *fastParser) val(kind Kind, start int) *Value {
	v := p.newValue()
	*v = Value{Kind: kind, Range: rng(start, p.pos)}
	return v
}

func (p *fastParser) constant(start int) (*Value, error) {
	for _, kw := range []string{"true", "false", "null"} {
		if p.keyword(kw) {
			// `true(` or `true::` would be something else: the caller's
			// next-token check rejects anything but , => ] ).
			v := p.val(KindBool, start)
			switch kw {
			case "true":
				v.Bool = true
			case "null":
				v.Kind = KindNull
			}
			return v, nil
		}
	}
	return nil, errNotSubset
}

func (p *fastParser) number(start int, neg bool) (*Value, error) {
	ds := p.pos
	for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		p.pos++
	}
	digits := p.f.text[ds:p.pos]
	isFloat := false
	if p.peek() == '.' && p.pos+1 < len(p.src) && p.src[p.pos+1] >= '0' && p.src[p.pos+1] <= '9' {
		isFloat = true
		p.pos++
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
		}
	}
	// Hex, octal, exponents, separators, `1.`: the full parser's job.
	if c := p.peek(); isIdent(c) || c == '.' || (!isFloat && len(digits) > 1 && digits[0] == '0') {
		return nil, errNotSubset
	}
	v := p.val(KindInt, start)
	lit := p.f.text[ds:p.pos]
	if isFloat {
		v.Kind, v.Float = KindFloat, parseFloat(lit)
		if neg {
			v.Float = -v.Float
		}
		return v, nil
	}
	if neg {
		lit = "-" + lit
	}
	n, ok := parseInt(lit)
	if !ok {
		return nil, errNotSubset // overflow: PHP makes it a float
	}
	v.Int = n
	return v, nil
}

func (p *fastParser) str(start int) (*Value, error) {
	q := p.src[p.pos]
	i := p.pos + 1
	for ; i < len(p.src); i++ {
		c := p.src[i]
		if c == '\\' {
			i++
			continue
		}
		if c == q {
			break
		}
		// Interpolation ("$x", "{$x}") makes an expression.
		if q == '"' && (c == '$' && i+1 < len(p.src) && (isIdent(p.src[i+1]) && !(p.src[i+1] >= '0' && p.src[i+1] <= '9') || p.src[i+1] == '{') ||
			c == '{' && i+1 < len(p.src) && p.src[i+1] == '$') {
			return nil, errNotSubset
		}
	}
	if i >= len(p.src) {
		return nil, errNotSubset
	}
	p.pos = i + 1
	v := p.val(KindString, start)
	s, quote, ok := decodeQuoted(p.f.text[start:p.pos])
	if !ok {
		return nil, errNotSubset
	}
	v.Str, v.Quote = s, quote
	return v, nil
}

// array reads `[ ... ]` or `array ( ... )`; start is where the literal
// begins (`[` or `array`), open the offset of `[` or `(`.
func (p *fastParser) array(start, open int, long bool, depth int) (*Value, error) {
	depth++
	if depth > p.maxDepth {
		return nil, &LimitError{Msg: fmt.Sprintf("arrays nested deeper than %d levels", p.maxDepth), Pos: p.f.Pos(start)}
	}
	closeCh := byte(']')
	if long {
		closeCh = ')'
	}
	a := p.newArray()
	*a = Array{Long: long, Open: rng(open, open+1)}
	p.pos = open + 1
	mark := len(p.stack)
	var next int64
	for {
		p.trivia()
		if p.peek() == closeCh {
			break
		}
		el := p.newElement()
		el.Parent = a
		// Read the first value as if its key were implicit; if it turns
		// out to be a key, it is a scalar and the path was not used.
		first, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		p.trivia()
		if bytes.HasPrefix(p.src[p.pos:], []byte("=>")) {
			p.pos += 2
			p.trivia()
			if first.Kind == KindArray {
				return nil, errNotSubset // an array as a key is an error PHP reports
			}
			el.Key = keyFromValue(first, p.f)
			p.dropValue(first)
			v, err := p.value(depth)
			if err != nil {
				return nil, err
			}
			el.Value = v
		} else {
			el.Key = Key{IsInt: true, Int: next, Implicit: true, Range: first.Range}
			el.Value = first
		}
		if el.Value.Kind == KindArray {
			el.Value.Array.Owner = el
		}
		if el.Key.IsInt && el.Key.Int >= next {
			next = el.Key.Int + 1
		}
		p.stack = append(p.stack, el)
		p.trivia()
		switch p.peek() {
		case ',':
			el.Comma = rng(p.pos, p.pos+1)
			p.pos++
			p.trivia()
			if p.peek() == closeCh {
				a.TrailingComma = true
			}
			continue
		case closeCh:
		default:
			return nil, errNotSubset
		}
		break
	}
	a.Items = p.items(mark)
	a.Close = rng(p.pos, p.pos+1)
	p.pos++
	a.Range = rng(start, p.pos)
	v := p.newValue()
	*v = Value{Kind: KindArray, Range: a.Range, Array: a}
	return v, nil
}

// keyFromValue normalises a literal key as PHP does (see converter.key).
func keyFromValue(v *Value, f *File) Key {
	k := Key{Range: v.Range}
	switch v.Kind {
	case KindString:
		nk := NormalizeStringKey(v.Str)
		k.IsInt, k.Int, k.Str, k.Quote = nk.IsInt, nk.Int, nk.Str, v.Quote
	case KindInt:
		k.IsInt, k.Int = true, v.Int
	case KindFloat:
		k.IsInt, k.Int = true, int64(v.Float)
	case KindBool:
		k.IsInt = true
		if v.Bool {
			k.Int = 1
		}
	case KindNull:
		k.Str = ""
	default:
		k.Dynamic, k.Str = true, f.Raw(v.Range)
	}
	return k
}
