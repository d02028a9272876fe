package phpconf

import "strings"

// PHPString is s as a single-quoted PHP literal, escaped as var_export does
// it (`\` → `\\`, `'` → `\'`). Other bytes, NUL and line breaks included,
// are written as they are: inside single quotes PHP reads them literally
// (var_export's `” . "\0" . ”` for NUL is an expression, not a literal).
func PHPString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' || s[i] == '\'' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('\'')
	return b.String()
}

// phpDoubleString is s as a double-quoted PHP literal; `$` is escaped so
// nothing is interpolated.
func phpDoubleString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\', '"', '$':
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

func quoteKey(key string, q byte) string {
	if q == '"' {
		return phpDoubleString(key)
	}
	return PHPString(key)
}

// ReplaceValue replaces the value of el with text (PHP source, for example
// PHPString(s), "true" or a FormatArray result).
func ReplaceValue(el *Element, text string) Edit {
	r := el.Value.Range
	return Edit{Start: int(r.Start), End: int(r.End), Text: text}
}

// RenameKey renames el's key to newKey, keeping the key's quote character
// (a key without quotes, such as an int, gets its siblings' quote). An
// element without a key gets one.
func RenameKey(f *File, el *Element, newKey string) Edit {
	q := el.Key.Quote
	if q == 0 {
		q = DetectStyle(f, el.Parent).Quote
	}
	if el.Key.Implicit {
		off := int(el.Range().Start)
		return Edit{Start: off, End: off, Text: quoteKey(newKey, q) + " => "}
	}
	return Edit{Start: int(el.Key.Range.Start), End: int(el.Key.Range.End), Text: quoteKey(newKey, q)}
}

// KV is one entry of an array written by FormatArray: Raw is the PHP
// source of a scalar value (PHPString(s), "true", "42", "getenv('X')");
// when Array is not nil the entry is a nested array instead.
type KV struct {
	Key   string
	Raw   string
	Array []KV
}

// Nested returns a KV holding a nested array (empty when no entries).
func Nested(key string, entries ...KV) KV {
	if entries == nil {
		entries = []KV{}
	}
	return KV{Key: key, Array: entries}
}

// FormatArray writes entries as a multi-line array literal in style st. The
// text starts at the opening bracket; base is the indentation of the line
// that will hold the closing bracket (elements get base+st.Indent), which is
// st.ElemIndent when the result is the value of an element InsertElement
// adds. Empty arrays take the shape their writer gives them: `array (` +
// line break + `)` for var_export, `[` + blank line + `]` for Magento's.
func FormatArray(entries []KV, st Style, base string) string {
	nl := st.Newline
	if nl == "" {
		nl = "\n"
	}
	open, close := "[", "]"
	if st.Long {
		open, close = st.LongOpen, ")"
		if open == "" {
			open = "array ("
		}
	}
	if len(entries) == 0 {
		if st.Long {
			return open + nl + base + close
		}
		return open + nl + nl + base + close
	}
	inner := base + st.Indent
	var b strings.Builder
	b.WriteString(open)
	for i, kv := range entries {
		b.WriteString(nl)
		b.WriteString(inner)
		b.WriteString(quoteKey(kv.Key, st.Quote))
		if kv.Array != nil {
			b.WriteString(arrow(st, inner, true))
			b.WriteString(FormatArray(kv.Array, st, inner))
		} else {
			b.WriteString(" => ")
			b.WriteString(kv.Raw)
		}
		if i < len(entries)-1 || st.TrailingComma {
			b.WriteByte(',')
		}
	}
	b.WriteString(nl)
	b.WriteString(base)
	b.WriteString(close)
	return b.String()
}

// arrow is what goes between a key and its value: var_export breaks the
// line before a nested array and repeats the key's indentation.
func arrow(st Style, indent string, nested bool) string {
	if nested && st.NestedOnNewLine {
		nl := st.Newline
		if nl == "" {
			nl = "\n"
		}
		return " =>" + st.ArrowTrailer + nl + indent
	}
	return " => "
}

// isArrayText reports whether PHP source text is a multi-line array literal.
func isArrayText(s string) bool {
	t := strings.TrimLeft(s, " \t")
	long := len(t) >= 5 && strings.EqualFold(t[:5], "array")
	return (long || strings.HasPrefix(t, "[")) && strings.ContainsAny(s, "\n")
}

// InsertElement appends `key => valueText` as the last element of a, in
// a's layout (see DetectStyle): the indentation of its elements, its keys'
// quote, its trailing-comma habit, the file's line break. valueText is used
// as it is; write a nested array with FormatArray(entries, st, st.ElemIndent)
// so that it lines up. Only bytes between the last element (or the opening
// bracket of an empty array) and the closing bracket are touched: comments
// after the last element stay on its line.
func InsertElement(f *File, a *Array, key string, valueText string) Edit {
	if f == nil || a == nil {
		return Edit{}
	}
	src := f.Src
	st := DetectStyle(f, a)
	sep := arrow(st, st.ElemIndent, isArrayText(valueText))
	if s := siblingArrow(f, a); s != "" && !isArrayText(valueText) {
		sep = s
	}
	elem := quoteKey(key, st.Quote) + sep + valueText
	multiLine := !f.SameLine(a.Open.Start, a.Close.Start)

	if len(a.Items) == 0 {
		openEnd, closeStart := int(a.Open.End), int(a.Close.Start)
		// A nested `[]` in a multi-line file opens up as its writer would
		// write it (a top-level `return [];` stays on its line).
		nestedInMultiLine := a != f.Root && f.Root != nil && !f.SameLine(f.Root.Open.Start, f.Root.Close.Start)
		if !hasComment(f, openEnd, closeStart) && (multiLine || nestedInMultiLine || isArrayText(valueText)) {
			text := st.Newline + st.ElemIndent + elem
			if st.TrailingComma {
				text += ","
			}
			return Edit{Start: openEnd, End: closeStart, Text: text + st.Newline + st.CloseIndent}
		}
		if hasComment(f, openEnd, closeStart) {
			// Keep the comments: put the element right after the bracket.
			text := st.Newline + st.ElemIndent + elem + ","
			return Edit{Start: openEnd, End: openEnd, Text: text}
		}
		// `[]` or `[ ]` with a scalar: stay on one line.
		return Edit{Start: openEnd, End: closeStart, Text: elem}
	}

	last := a.Items[len(a.Items)-1]
	after := int(last.Range().End)
	if a.TrailingComma && !last.Comma.IsZero() {
		after = int(last.Comma.End)
	}
	if !multiLine || f.SameLine(last.Range().End, a.Close.Start) || !startsLine(src, int(last.Range().Start)) {
		// One-line array (or elements sharing lines): stay on the line.
		if a.TrailingComma {
			return Edit{Start: after, End: after, Text: " " + elem + ","}
		}
		return Edit{Start: after, End: after, Text: ", " + elem}
	}
	// Put the new element on a line of its own after the rest of the last
	// element's line (a trailing `// comment` stays where it is), unless a
	// block comment runs past that line's end.
	eol := lineEnd(src, after)
	if crossesComment(f, eol) || eol > int(a.Close.Start) {
		eol = after
	}
	if a.TrailingComma {
		return Edit{Start: eol, End: eol, Text: st.Newline + st.ElemIndent + elem + ","}
	}
	end := int(last.Range().End)
	return Edit{Start: end, End: eol, Text: "," + string(src[end:eol]) + st.Newline + st.ElemIndent + elem}
}

// siblingArrow is what separates the key of a's last keyed element from
// its value when that stays on one line (`"url"=>`, `'a'  =>  `), or "".
func siblingArrow(f *File, a *Array) string {
	for i := len(a.Items) - 1; i >= 0; i-- {
		el := a.Items[i]
		if el.Key.Implicit || el.Value == nil {
			continue
		}
		gap := string(f.Src[int(el.Key.Range.End):int(el.Value.Range.Start)])
		if strings.Contains(gap, "=>") && strings.Trim(gap, " \t=>") == "" && strings.Count(gap, "=>") == 1 {
			return gap
		}
		return ""
	}
	return ""
}

func hasComment(f *File, start, end int) bool {
	for _, c := range f.Comments {
		if c.Span.Start.Offset >= start && c.Span.End.Offset <= end {
			return true
		}
	}
	return false
}

// crossesComment reports whether a block comment runs over off. (A `//`
// or `#` comment token holds its line break, so it always "crosses" its
// line's end without hiding anything after it.)
func crossesComment(f *File, off int) bool {
	for _, c := range f.Comments {
		if strings.HasPrefix(c.Text, "/*") && c.Span.Start.Offset < off && off < c.Span.End.Offset {
			return true
		}
	}
	return false
}
