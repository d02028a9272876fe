package generator

// TODO(edit-merge): this file is a minimal stand-in for the edit branch's
// phpconf.DetectStyle, phpconf.InsertElement and phpconf.Apply; replace it
// with them once that branch is merged into main.

import (
	"sort"
	"strings"

	"github.com/omslint/omslint/phpconf"
)

// style is the layout an inserted element follows.
type style struct {
	long          bool   // `array (` (var_export) rather than `[`
	indent        string // one level
	elemIndent    string // of the array's elements
	closeIndent   string // of the line of its closing bracket
	trailingComma bool
	newline       string
	quote         byte
	// nestedOnNewLine: var_export puts a nested array on the line after
	// `'key' =>` (which it ends with a space).
	nestedOnNewLine bool
}

func (s style) quoteKey(k string) string {
	if s.quote == '"' {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`).Replace(k) + `"`
	}
	return phpString(k)
}

func detectStyle(f *phpconf.File, a *phpconf.Array) style {
	src := f.Src
	st := style{long: f.Root.Long, indent: Indent, newline: "\n", quote: '\''}
	if f.CRLF {
		st.newline = "\r\n"
	}
	if f.Root.Long {
		st.indent, st.trailingComma, st.nestedOnNewLine = "  ", true, true
	}
	st.closeIndent = indentOf(src, a.Open.Start.Offset)
	if startsLine(src, a.Close.Start.Offset) {
		st.closeIndent = indentOf(src, a.Close.Start.Offset)
	}
	st.elemIndent = st.closeIndent + st.indent
	for i := len(a.Items) - 1; i >= 0; i-- {
		if off := a.Items[i].Span.Start.Offset; startsLine(src, off) {
			st.elemIndent = indentOf(src, off)
			if strings.HasPrefix(st.elemIndent, st.closeIndent) && len(st.elemIndent) > len(st.closeIndent) {
				st.indent = st.elemIndent[len(st.closeIndent):]
			}
			break
		}
	}
	for i := len(a.Items) - 1; i >= 0; i-- {
		if q := a.Items[i].Key.Quote; q != 0 {
			st.quote = q
			break
		}
	}
	if len(a.Items) > 0 {
		st.trailingComma = a.TrailingComma
	}
	// A nested array in the file shows whether `=>` breaks the line.
	a.Walk(func(el *phpconf.Element) bool {
		if el.Value != nil && el.Value.Kind == phpconf.KindArray && !el.Key.Implicit {
			st.nestedOnNewLine = el.Value.Span.Start.Line > el.Key.Span.End.Line
			return false
		}
		return true
	})
	return st
}

// insertElement appends `key => valueText` as the last element of a, in
// a's layout, touching only bytes between the last element and the
// closing bracket.
func insertElement(f *phpconf.File, a *phpconf.Array, key, valueText string) phpconf.Edit {
	src := f.Src
	st := detectStyle(f, a)
	arrow := " => "
	if st.nestedOnNewLine && strings.Contains(valueText, "\n") {
		arrow = " => " + st.newline + st.elemIndent
	}
	elem := st.quoteKey(key) + arrow + valueText
	if len(a.Items) == 0 {
		text := st.newline + st.elemIndent + elem
		if st.trailingComma {
			text += ","
		}
		return phpconf.Edit{Start: a.Open.End.Offset, End: a.Close.Start.Offset, Text: text + st.newline + st.closeIndent}
	}
	last := a.Items[len(a.Items)-1]
	after := last.Span.End.Offset
	if a.TrailingComma && !last.Comma.IsZero() {
		after = last.Comma.End.Offset
	}
	eol := lineEnd(src, after)
	if eol > a.Close.Start.Offset {
		eol = after
	}
	if a.TrailingComma {
		return phpconf.Edit{Start: eol, End: eol, Text: st.newline + st.elemIndent + elem + ","}
	}
	end := last.Span.End.Offset
	return phpconf.Edit{Start: end, End: eol, Text: "," + string(src[end:eol]) + st.newline + st.elemIndent + elem}
}

// applyEdits applies non-overlapping edits to src.
func applyEdits(src []byte, edits []phpconf.Edit) []byte {
	es := append([]phpconf.Edit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Start < es[j].Start })
	var out []byte
	prev := 0
	for _, e := range es {
		out = append(out, src[prev:e.Start]...)
		out = append(out, e.Text...)
		prev = e.End
	}
	return append(out, src[prev:]...)
}

func lineStart(src []byte, off int) int {
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

func lineEnd(src []byte, off int) int {
	for off < len(src) && src[off] != '\n' {
		off++
	}
	if off < len(src) && off > 0 && src[off-1] == '\r' {
		off--
	}
	return off
}

func indentOf(src []byte, off int) string {
	s := lineStart(src, off)
	e := s
	for e < len(src) && (src[e] == ' ' || src[e] == '\t') {
		e++
	}
	return string(src[s:e])
}

func startsLine(src []byte, off int) bool {
	for i := lineStart(src, off); i < off; i++ {
		if src[i] != ' ' && src[i] != '\t' {
			return false
		}
	}
	return true
}
