package phpconf

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
	"unsafe"

	"github.com/VKCOM/php-parser/pkg/ast"
	"github.com/VKCOM/php-parser/pkg/conf"
	perrors "github.com/VKCOM/php-parser/pkg/errors"
	"github.com/VKCOM/php-parser/pkg/parser"
	"github.com/VKCOM/php-parser/pkg/position"
	"github.com/VKCOM/php-parser/pkg/token"
	"github.com/VKCOM/php-parser/pkg/version"
)

// Options bound the work done on one file.
type Options struct {
	// Timeout bounds the PHP parser; 0 means DefaultTimeout plus two
	// seconds per MiB of input. It is a safety net for hangs nobody has
	// found yet (the known ones are refused before parsing), so it is
	// generous: a loaded CI machine must never time out on a real file.
	Timeout time.Duration
	// FullParser skips the fast route (fastparse.go) and always uses the
	// PHP parser; tests use it to compare both routes.
	FullParser bool
	// MaxDepth is the deepest array nesting accepted; 0 means DefaultMaxDepth.
	MaxDepth int
}

const (
	DefaultTimeout  = 10 * time.Second
	DefaultMaxDepth = 256
	// MaxInput is the largest source Parse reads: the tree keeps 32-bit
	// offsets (see Range). Callers read far less (16 MiB by default).
	MaxInput = 1<<31 - 1
)

// ErrTimeout is returned when the PHP parser does not finish in time.
var ErrTimeout = errors.New("the PHP parser did not finish in time (input it cannot handle)")

// LimitError is returned for input beyond a limit (nesting depth).
type LimitError struct {
	Msg string
	Pos Pos
}

func (e *LimitError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg) }

// Parse reads src as a PHP configuration file. A syntax error is not an
// error of Parse: it is reported in File.Err, so the linter can turn it into
// a finding. Parse returns an error only when the parser could not be run to
// completion (timeout, a limit); it never panics.
//
// The File keeps src and shares its memory (every Raw and most Str are
// substrings of it, without a copy): src must not be modified afterwards.
func Parse(name string, src []byte, opts Options) (*File, error) {
	if len(src) > MaxInput {
		return nil, &LimitError{Msg: fmt.Sprintf("the file is %d bytes; at most %d can be read", len(src), MaxInput), Pos: Pos{Offset: 0, Line: 1, Col: 1}}
	}
	f := NewFile(name, src)
	f.BOM = bytes.HasPrefix(src, []byte("\xef\xbb\xbf"))
	f.CRLF = bytes.Count(src, []byte("\r\n"))*2 > bytes.Count(src, []byte("\n"))
	f.FinalNewline = len(src) > 0 && src[len(src)-1] == '\n'

	if off := heredocHang(src); off >= 0 {
		// Valid PHP, but the parser would spin forever on it.
		f.Err = &ParseError{Msg: "omslint cannot read a heredoc whose text starts with `$$` (the PHP parser it uses never finishes on it); write the value as a quoted string", Pos: f.Lines.Pos(off), End: f.Lines.Pos(off + 3)}
		return f, nil
	}
	maxDepth := opts.MaxDepth
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	if !opts.FullParser {
		switch err := fastParse(f, maxDepth, opts.timeout(len(src))); {
		case err == nil:
			return f, nil
		case !errors.Is(err, errNotSubset):
			return nil, err
		}
	}
	if off := tooDeep(src, maxDepth); off >= 0 {
		return nil, depthLimit(f, off, maxDepth)
	}
	root, perr, err := safeParse(src, opts.timeout(len(src)))
	if err != nil {
		return nil, err
	}
	if perr != nil {
		f.Err = perr
		f.Err.Pos = f.Lines.Pos(perr.Pos.Offset)
		f.Err.End = f.Lines.Pos(perr.End.Offset)
		return f, nil
	}
	c := converter{f: f, maxDepth: maxDepth}
	if err := c.file(root); err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			f.Root, f.Err = nil, pe
			return f, nil
		}
		return nil, err
	}
	return f, nil
}

// NewFile returns src as a File with nothing parsed (Root and Err nil): for
// a source that could not be parsed, whose lines are still shown. Like
// Parse, it shares src's memory: src must not be modified afterwards.
func NewFile(name string, src []byte) *File {
	return &File{Name: name, Src: src, Lines: NewLineIndex(src), text: unsafe.String(unsafe.SliceData(src), len(src))}
}

func (o Options) timeout(size int) time.Duration {
	if o.Timeout > 0 {
		return o.Timeout
	}
	return DefaultTimeout + time.Duration(size>>20)*2*time.Second
}

type parseResult struct {
	root  *ast.Root
	perr  *ParseError
	panic any
}

// safeParse runs the parser on a copy of src with "\n" appended (this keeps
// every original offset and removes the scanner's end-of-input panics and
// its out-of-memory loop), recovers panics, and gives up after timeout: a
// heredoc starting with `$$` makes the scanner spin forever, and recover()
// cannot stop that. The abandoned goroutine is left to the process exit.
func safeParse(src []byte, timeout time.Duration) (*ast.Root, *ParseError, error) {
	padded := make([]byte, len(src)+1)
	copy(padded, src)
	padded[len(src)] = '\n'
	// PHP takes a lone "\r" as a line break; the parser rejects it as an
	// unexpected character. The same byte as "\n" keeps every offset and
	// means the same to PHP (values are decoded from the original bytes).
	for i, b := range padded[:len(src)] {
		if b == '\r' && padded[i+1] != '\n' {
			padded[i] = '\n'
		}
	}

	done := make(chan parseResult, 1)
	go func() {
		var res parseResult
		defer func() {
			if r := recover(); r != nil {
				res.panic = r
			}
			done <- res
		}()
		var first *perrors.Error
		cfg := conf.Config{
			Version: &version.Version{Major: 8, Minor: 1},
			ErrorHandlerFunc: func(e *perrors.Error) {
				if first == nil {
					first = e
				}
			},
		}
		node, err := parser.Parse(padded, cfg)
		if err != nil {
			res.perr = &ParseError{Msg: err.Error()}
			return
		}
		if first != nil {
			off, end := len(src), len(src)
			if first.Pos != nil && first.Pos.StartPos < len(src) {
				off = first.Pos.StartPos
				end = min(max(first.Pos.EndPos, off), len(src))
			}
			msg, quoted := php8Message(first.Msg, src, off, end)
			res.perr = &ParseError{Msg: printable(msg), Quoted: printable(quoted), Pos: Pos{Offset: off}, End: Pos{Offset: end}}
			return
		}
		r, _ := node.(*ast.Root)
		res.root = r
	}()

	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case res := <-done:
		if res.panic != nil {
			// The parser's panics are all on malformed input, nearly all at
			// its end: report them as a syntax error at the end of file.
			return nil, &ParseError{Msg: "syntax error, unexpected end of file", Pos: Pos{Offset: len(src)}, End: Pos{Offset: len(src)}}, nil
		}
		if res.perr == nil && res.root == nil {
			return nil, &ParseError{Msg: "syntax error", Pos: Pos{Offset: 0}}, nil
		}
		return res.root, res.perr, nil
	case <-timer.C:
		return nil, nil, ErrTimeout
	}
}

type converter struct {
	f        *File
	maxDepth int
	// base is added to every parser offset: the fast route parses one
	// expression of the file on its own (fastexpr.go), and its offsets
	// start at that snippet, not at the file.
	base int
}

// off turns a parser offset into an offset of the file.
func (c *converter) off(pos int) int { return pos + c.base }

func (c *converter) rng(p *position.Position) Range {
	if p == nil {
		return Range{}
	}
	end := min(c.off(p.EndPos), len(c.f.Src))
	start := min(c.off(p.StartPos), end)
	return rng(start, end)
}

// span resolves a parser position (for what the tree keeps resolved: the
// reason a file has no array).
func (c *converter) span(p *position.Position) Span {
	r := c.rng(p)
	return c.f.Span(r)
}

func (c *converter) raw(p *position.Position) string {
	return c.f.Raw(c.rng(p))
}

// file finds the returned array: the first top-level `return`, following
// `return $var;` to the last top-level `$var = [...]` before it.
func (c *converter) file(root *ast.Root) error {
	c.f.Comments = collectComments(root, c)
	if root == nil {
		c.f.NoArray = "the file has no return statement"
		c.f.NoArraySpan = c.f.Lines.Span(0, 0)
		return nil
	}
	assigned := map[string]*ast.ExprArray{}
	for _, st := range root.Stmts {
		switch s := st.(type) {
		case *ast.StmtExpression:
			if as, ok := s.Expr.(*ast.ExprAssign); ok {
				if name := varName(as.Var); name != "" {
					if arr, ok := as.Expr.(*ast.ExprArray); ok {
						assigned[name] = arr
					} else {
						delete(assigned, name)
					}
				}
			}
		case *ast.StmtReturn:
			if s.Expr == nil {
				c.f.NoArray = "the file returns nothing"
				c.f.NoArraySpan = c.span(s.Position)
				return nil
			}
			arr, ok := s.Expr.(*ast.ExprArray)
			if !ok {
				if name := varName(s.Expr); name != "" && assigned[name] != nil {
					arr = assigned[name]
				}
			}
			if arr == nil {
				c.f.NoArray = "the file returns an expression, not an array literal: " + truncate(c.raw(exprPos(s.Expr)), 60)
				c.f.NoArraySpan = c.span(exprPos(s.Expr))
				return nil
			}
			a, err := c.array(arr, 1)
			if err != nil {
				return err
			}
			c.f.Root = a
			return nil
		}
	}
	c.f.NoArray = "the file has no top-level return statement"
	c.f.NoArraySpan = c.f.Lines.Span(0, 0)
	return nil
}

func exprPos(v ast.Vertex) *position.Position {
	if v == nil {
		return nil
	}
	return v.GetPosition()
}

func varName(v ast.Vertex) string {
	if ev, ok := v.(*ast.ExprVariable); ok {
		if id, ok := ev.Name.(*ast.Identifier); ok {
			return string(id.Value)
		}
	}
	return ""
}

func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) > n {
		return string([]rune(s)[:n]) + "…"
	}
	return s
}

func (c *converter) array(n *ast.ExprArray, depth int) (*Array, error) {
	a := &Array{Range: c.rng(n.Position), Long: n.ArrayTkn != nil}
	if depth > c.maxDepth {
		return nil, &LimitError{Msg: fmt.Sprintf("arrays nested deeper than %d levels", c.maxDepth), Pos: c.f.Pos(int(a.Range.Start))}
	}
	if n.OpenBracketTkn != nil {
		a.Open = c.rng(n.OpenBracketTkn.Position)
	}
	if n.CloseBracketTkn != nil {
		a.Close = c.rng(n.CloseBracketTkn.Position)
	}
	var next int64
	for i, it := range n.Items {
		item, ok := it.(*ast.ExprArrayItem)
		if !ok || item.Position == nil || item.Val == nil {
			if i < len(n.Items)-1 || i == 0 {
				// `[1,,2]` parses, but PHP refuses to compile it; php -l
				// reports the line of the comma before the gap.
				off := int(a.Range.Start)
				if i > 0 && i-1 < len(n.SeparatorTkns) && n.SeparatorTkns[i-1] != nil && n.SeparatorTkns[i-1].Position != nil {
					off = c.off(n.SeparatorTkns[i-1].Position.StartPos)
				}
				return nil, &ParseError{Msg: "Cannot use empty array elements in arrays", Pos: c.f.Lines.Pos(off), End: c.f.Lines.Pos(off + 1)}
			}
			// The empty item after a trailing comma.
			a.TrailingComma = true
			continue
		}
		el := &Element{Parent: a}
		if i < len(n.SeparatorTkns) && n.SeparatorTkns[i] != nil {
			el.Comma = c.rng(n.SeparatorTkns[i].Position)
		}
		if item.Key != nil {
			el.Key = c.key(item.Key)
		} else {
			el.Key = Key{IsInt: true, Int: next, Implicit: true, Range: c.rng(item.Val.GetPosition())}
		}
		if el.Key.IsInt && el.Key.Int >= next && !el.Key.Dynamic {
			next = el.Key.Int + 1
		}
		v, err := c.value(item.Val, depth)
		if err != nil {
			return nil, err
		}
		if item.EllipsisTkn != nil || item.AmpersandTkn != nil {
			// `...$x` and `&$x`: the value is the whole item, and so is
			// the implicit key (the element starts at the `...` or `&`).
			v = &Value{Kind: KindExpr, Range: c.rng(item.Position)}
			if el.Key.Implicit {
				el.Key.Range = v.Range
			}
		}
		if v.Kind == KindArray {
			v.Array.Owner = el
		}
		el.Value = v
		a.Items = append(a.Items, el)
	}
	return a, nil
}

// key normalises a literal key as PHP does; anything else is Dynamic.
func (c *converter) key(n ast.Vertex) Key {
	v, err := c.value(n, 0)
	if err != nil || v == nil {
		return Key{Range: c.rng(n.GetPosition()), Str: c.raw(n.GetPosition()), Dynamic: true}
	}
	return keyFromValue(v, c.f)
}

func (c *converter) value(n ast.Vertex, depth int) (*Value, error) {
	p := n.GetPosition()
	v := &Value{Kind: KindExpr, Range: c.rng(p)}
	switch x := n.(type) {
	case *ast.ExprArray:
		a, err := c.array(x, depth+1)
		if err != nil {
			return nil, err
		}
		v.Kind, v.Array = KindArray, a
	case *ast.ScalarString:
		if s, q, ok := decodeQuoted(c.f.Raw(v.Range)); ok {
			v.Kind, v.Str, v.Quote = KindString, s, q
		}
	case *ast.ScalarHeredoc:
		literal := true
		for _, part := range x.Parts {
			if _, ok := part.(*ast.ScalarEncapsedStringPart); !ok {
				literal = false
			}
		}
		if literal && x.OpenHeredocTkn != nil && x.CloseHeredocTkn != nil &&
			x.OpenHeredocTkn.Position != nil && x.CloseHeredocTkn.Position != nil {
			open := c.raw(x.OpenHeredocTkn.Position)
			bodyStart, bodyEnd := c.off(x.OpenHeredocTkn.Position.EndPos), c.off(x.CloseHeredocTkn.Position.StartPos)
			if bodyStart <= bodyEnd && bodyEnd <= len(c.f.Src) {
				v.Kind = KindString
				v.Str = decodeHeredoc(string(c.f.Src[bodyStart:bodyEnd]), strings.Contains(open, "'"))
			}
		}
	case *ast.ScalarLnumber:
		if i, ok := parseInt(string(x.Value)); ok {
			v.Kind, v.Int = KindInt, i
		} else {
			v.Kind, v.Float = KindFloat, parseFloat(string(x.Value))
		}
	case *ast.ScalarDnumber:
		v.Kind, v.Float = KindFloat, parseFloat(string(x.Value))
	case *ast.ExprUnaryMinus, *ast.ExprUnaryPlus:
		var inner ast.Vertex
		neg := false
		if m, ok := x.(*ast.ExprUnaryMinus); ok {
			inner, neg = m.Expr, true
		} else {
			inner = x.(*ast.ExprUnaryPlus).Expr
		}
		switch num := inner.(type) {
		case *ast.ScalarLnumber:
			raw := string(num.Value)
			if neg {
				raw = "-" + raw
			}
			if i, ok := parseInt(raw); ok {
				v.Kind, v.Int = KindInt, i
			} else {
				v.Kind, v.Float = KindFloat, parseFloat(strings.TrimPrefix(raw, "-"))
				if neg {
					v.Float = -v.Float
				}
			}
		case *ast.ScalarDnumber:
			v.Kind, v.Float = KindFloat, parseFloat(string(num.Value))
			if neg {
				v.Float = -v.Float
			}
		}
	case *ast.ExprConstFetch:
		switch strings.ToLower(constName(x.Const)) {
		case "true":
			v.Kind, v.Bool = KindBool, true
		case "false":
			v.Kind = KindBool
		case "null":
			v.Kind = KindNull
		}
	}
	return v, nil
}

// constName returns the name of an unqualified or fully qualified constant
// (`true`, `\true`), or "" for anything else.
func constName(n ast.Vertex) string {
	var parts []ast.Vertex
	switch x := n.(type) {
	case *ast.Name:
		parts = x.Parts
	case *ast.NameFullyQualified:
		parts = x.Parts
	}
	if len(parts) != 1 {
		return ""
	}
	if np, ok := parts[0].(*ast.NamePart); ok {
		return string(np.Value)
	}
	return ""
}

var (
	tokenPtrType   = reflect.TypeOf((*token.Token)(nil))
	tokenSliceType = reflect.TypeOf([]*token.Token(nil))
	vertexType     = reflect.TypeOf((*ast.Vertex)(nil)).Elem()
)

// collectComments gathers every comment of the file. The parser keeps
// comments as "free-floating" trivia of the token that follows them, on any
// node type, so the tree is walked generically rather than node by node.
func collectComments(root *ast.Root, c *converter) []Comment {
	if root == nil {
		return nil
	}
	var out []Comment
	seen := map[int]bool{}
	addTok := func(t *token.Token) {
		if t == nil {
			return
		}
		for _, ff := range t.FreeFloating {
			if ff == nil || ff.Position == nil || (ff.ID != token.T_COMMENT && ff.ID != token.T_DOC_COMMENT) {
				continue
			}
			start := c.off(ff.Position.StartPos)
			if seen[start] || start < 0 || start >= len(c.f.Src) {
				continue
			}
			seen[start] = true
			// A line comment's token includes its line break: keep the
			// span on the comment's own line.
			end := min(c.off(ff.Position.EndPos), len(c.f.Src))
			for end > start && (c.f.Src[end-1] == '\n' || c.f.Src[end-1] == '\r') {
				end--
			}
			sp := c.f.Lines.Span(start, end)
			out = append(out, Comment{Text: string(c.f.Src[sp.Start.Offset:sp.End.Offset]), Span: sp})
		}
	}
	// Depth is bounded by the node nesting; deep trees are refused by the
	// converter's depth limit, so bound the walk the same way.
	var walk func(v reflect.Value, depth int)
	walk = func(v reflect.Value, depth int) {
		if depth > 4*DefaultMaxDepth+64 {
			return
		}
		switch v.Kind() {
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem(), depth)
			}
		case reflect.Ptr:
			if v.IsNil() {
				return
			}
			if v.Type() == tokenPtrType {
				addTok(v.Interface().(*token.Token))
				return
			}
			if v.Elem().Kind() == reflect.Struct {
				walk(v.Elem(), depth+1)
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				fv := v.Field(i)
				switch {
				case fv.Type() == tokenPtrType:
					if !fv.IsNil() {
						addTok(fv.Interface().(*token.Token))
					}
				case fv.Type() == tokenSliceType:
					for j := 0; j < fv.Len(); j++ {
						addTok(fv.Index(j).Interface().(*token.Token))
					}
				case fv.Kind() == reflect.Slice && fv.Type().Elem() == vertexType:
					for j := 0; j < fv.Len(); j++ {
						walk(fv.Index(j), depth+1)
					}
				case fv.Type() == vertexType || fv.Kind() == reflect.Ptr:
					walk(fv, depth+1)
				}
			}
		}
	}
	walk(reflect.ValueOf(root), 0)
	sort.Slice(out, func(i, j int) bool { return out[i].Span.Start.Offset < out[j].Span.Start.Offset })
	return out
}

// heredocHang finds a heredoc whose body starts with `$$`, on which the
// parser's scanner loops forever; it returns its offset or -1.
func heredocHang(src []byte) int {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("<<<"))
		if j < 0 {
			return -1
		}
		start := i + j
		k := start + 3
		for k < len(src) && (src[k] == ' ' || src[k] == '\t' || src[k] == '\'' || src[k] == '"') {
			k++
		}
		for k < len(src) && (src[k] == '_' || src[k] >= 'a' && src[k] <= 'z' || src[k] >= 'A' && src[k] <= 'Z' || src[k] >= '0' && src[k] <= '9' || src[k] >= 0x80) {
			k++
		}
		for k < len(src) && (src[k] == '\'' || src[k] == '"') {
			k++
		}
		if k < len(src) && src[k] == '\r' {
			k++
		}
		if k < len(src) && src[k] == '\n' {
			k++
			if bytes.HasPrefix(src[k:], []byte("$$")) {
				return start
			}
		}
		i = start + 3
	}
}

// printable escapes control bytes in a parser message ("Unexpected
// character in input: '\x0d'"), so a report never carries raw control
// characters to a terminal or a CI log.
func printable(msg string) string {
	var b strings.Builder
	for _, r := range msg {
		if r < 0x20 || r == 0x7f {
			fmt.Fprintf(&b, "\\x%02x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
