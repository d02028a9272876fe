package rules

import (
	"strings"

	"github.com/omslint/omslint/phpconf"
)

// insertElement returns the edits that add `key => valueText` as the last
// element of array a (held by owner) in the style the array already uses:
// the indentation of its elements, the quote character of their keys, the
// `=>` spacing, the trailing-comma convention and the file's line breaks.
// A trailing same-line comment stays with the element it belongs to.
//
// TODO(edit-merge): use phpconf.InsertElement (style-aware insertion, being
// built in a parallel branch) and drop this helper.
func insertElement(f *phpconf.File, owner *phpconf.Element, a *phpconf.Array, key, valueText string) []phpconf.Edit {
	src := f.Src
	nl := "\n"
	if f.CRLF {
		nl = "\r\n"
	}
	q := byte('\'')
	sep := " => "
	for _, el := range a.Items {
		if !el.Key.Implicit && !el.Key.IsInt && !el.Key.Dynamic {
			q = keyQuote(el.Key)
			between := string(src[el.Key.Span.End.Offset:el.Value.Span.Start.Offset])
			if strings.Contains(between, "=>") && !strings.ContainsAny(between, "\r\n") {
				sep = between
			}
			break
		}
	}
	elem := quoted(key, q) + sep + valueText

	if len(a.Items) == 0 {
		ind := lineIndent(f, owner.Key.Span.Start)
		unit := ind
		if unit == "" {
			unit = "    "
		}
		comma := ""
		if a.Long {
			comma = "," // var_export writes a comma after every element
		}
		at := a.Open.End.Offset
		if a.Open.End.Line == a.Close.Start.Line {
			return []phpconf.Edit{{Start: at, End: at, Text: nl + ind + unit + elem + comma + nl + ind}}
		}
		ind = lineIndent(f, a.Close.Start)
		return []phpconf.Edit{{Start: at, End: at, Text: nl + ind + unit + elem + comma}}
	}

	last := a.Items[len(a.Items)-1]
	lastEnd := last.Span.End.Offset
	if a.TrailingComma && !last.Comma.IsZero() {
		lastEnd = last.Comma.End.Offset
	}
	start := last.Span.Start
	ls, _ := f.Lines.LineBounds(start.Line)
	prefix := string(src[ls:start.Offset])
	if strings.TrimLeft(prefix, " \t") != "" {
		// Elements share a line: continue on it.
		if a.TrailingComma {
			return []phpconf.Edit{{Start: lastEnd, End: lastEnd, Text: " " + elem + ","}}
		}
		return []phpconf.Edit{{Start: lastEnd, End: lastEnd, Text: ", " + elem}}
	}
	// One element per line: add a line after the last element's line (after
	// its trailing comment, if any).
	at := lastEnd
	_, le := f.Lines.LineBounds(f.Lines.Pos(lastEnd).Line)
	rest := strings.TrimSpace(string(src[lastEnd:le]))
	if rest == "" || strings.HasPrefix(rest, "//") || strings.HasPrefix(rest, "#") {
		at = le
	}
	line := nl + prefix + elem
	if a.TrailingComma {
		return []phpconf.Edit{{Start: at, End: at, Text: line + ","}}
	}
	if at == last.Span.End.Offset {
		return []phpconf.Edit{{Start: at, End: at, Text: "," + line}}
	}
	return []phpconf.Edit{
		{Start: last.Span.End.Offset, End: last.Span.End.Offset, Text: ","},
		{Start: at, End: at, Text: line},
	}
}

// lineIndent is the leading white space of the line holding p.
func lineIndent(f *phpconf.File, p phpconf.Pos) string {
	ls, le := f.Lines.LineBounds(p.Line)
	line := string(f.Src[ls:le])
	return line[:len(line)-len(strings.TrimLeft(line, " \t"))]
}
