package phpconf

import "strings"

// Style is the layout of a file (and of one array in it) that new text must
// follow so that an edit looks as if the file's own writer had made it.
type Style struct {
	// Long writes nested arrays as `array (...)` rather than `[...]`.
	Long bool
	// LongOpen is the file's spelling of a long array's opener, such as
	// "array (" (var_export) or "array(".
	LongOpen string
	// Indent is one level of indentation ("    ", "  ", "\t").
	Indent string
	// ElemIndent is the indentation of the elements of the array the style
	// was detected for; CloseIndent that of the line of its closing bracket.
	ElemIndent  string
	CloseIndent string
	// Quote is the quote character for keys: '\'' or '"'.
	Quote byte
	// TrailingComma: the last element of a multi-line array is followed by
	// a comma (var_export does this, Magento's short-array writer does not).
	TrailingComma bool
	// Newline is "\n" or "\r\n".
	Newline string
	// NestedOnNewLine: a nested array starts on the line after `=>`, at the
	// key's indentation (var_export); ArrowTrailer is what follows `=>` on
	// the key's line then (var_export leaves one space).
	NestedOnNewLine bool
	ArrowTrailer    string
}

// ModernStyle is the layout of Magento 2.2.5+'s env.php writer: short
// arrays, 4-space indent, no trailing commas, LF.
func ModernStyle() Style {
	return Style{Indent: "    ", ElemIndent: "    ", Quote: '\'', Newline: "\n", LongOpen: "array ("}
}

// VarExportStyle is the layout of PHP's var_export, which Magento 2.0/2.1
// and ece-tools write: `array (`, 2-space indent, trailing commas, nested
// arrays on the line after `'key' => `.
func VarExportStyle() Style {
	return Style{Long: true, LongOpen: "array (", Indent: "  ", ElemIndent: "  ", Quote: '\'',
		TrailingComma: true, Newline: "\n", NestedOnNewLine: true, ArrowTrailer: " "}
}

// styleSample is how many elements DetectStyle looks at.
const styleSample = 20000

// DetectStyle reads the layout of array a (the returned array when a is nil)
// and of the file around it. What a itself shows wins over what the rest of
// the file shows, which wins over the defaults of the writer the file looks
// like (var_export for `array (` files, Magento's short-array writer else).
func DetectStyle(f *File, a *Array) Style {
	if f == nil || f.Root == nil {
		return ModernStyle()
	}
	if a == nil {
		a = f.Root
	}
	st := ModernStyle()
	if a.Long {
		st = VarExportStyle()
	}
	if f.CRLF {
		st.Newline = "\r\n"
	}
	src := f.Src
	votes := styleVotes{indent: map[string]int{}}
	// The file's habits are read from its first styleSample elements: a
	// config of 10 MB repeats them hundreds of thousands of times, and a
	// fix that inserts one key walked all of them (10 % of a 10 MB lint).
	// Every real env.php and config.php is far smaller, so their fixes are
	// unchanged.
	seen := 0
	var visit func(arr *Array)
	visit = func(arr *Array) {
		votes.array(f, arr)
		for _, el := range arr.Items {
			if seen++; seen > styleSample {
				return
			}
			votes.element(f, el)
			if el.Value != nil && el.Value.Kind == KindArray {
				visit(el.Value.Array)
			}
		}
	}
	visit(f.Root)

	if u := votes.bestIndent(); u != "" {
		st.Indent = u
	}
	if votes.longOpen != "" {
		st.LongOpen = votes.longOpen
	}
	if votes.single+votes.double > 0 {
		st.Quote = '\''
		if votes.double > votes.single {
			st.Quote = '"'
		}
	}
	if votes.comma+votes.noComma > 0 {
		st.TrailingComma = votes.comma > votes.noComma
	}
	if votes.nextLine+votes.sameLine > 0 {
		st.NestedOnNewLine = votes.nextLine > votes.sameLine
		st.ArrowTrailer = votes.trailer
	}

	// The array's own layout.
	st.Long = a.Long
	if a.Long && int(a.Open.Start) > int(a.Range.Start) {
		if o := string(src[int(a.Range.Start):int(a.Open.End)]); isLongOpen(o) {
			st.LongOpen = o
		}
	}
	st.CloseIndent = indentOf(f, int(a.Open.Start))
	if startsLine(src, int(a.Close.Start)) {
		st.CloseIndent = indentOf(f, int(a.Close.Start))
	}
	st.ElemIndent = st.CloseIndent + st.Indent
	for i := len(a.Items) - 1; i >= 0; i-- {
		if off := int(a.Items[i].Range().Start); startsLine(src, off) {
			st.ElemIndent = indentOf(f, off)
			break
		}
	}
	for i := len(a.Items) - 1; i >= 0; i-- {
		if q := a.Items[i].Key.Quote; q != 0 {
			st.Quote = q
			break
		}
	}
	if len(a.Items) > 0 {
		st.TrailingComma = a.TrailingComma
	}
	return st
}

// styleVotes counts what the file's arrays do, so that the layout of a new
// nested array follows the majority rather than one odd hand edit.
type styleVotes struct {
	indent             map[string]int
	indentOrder        []string
	longOpen           string
	single, double     int
	comma, noComma     int
	nextLine, sameLine int
	trailer            string
	trailerSet         bool
}

func (v *styleVotes) array(f *File, arr *Array) {
	src := f.Src
	if arr.Long && v.longOpen == "" && int(arr.Open.Start) > int(arr.Range.Start) {
		if o := string(src[int(arr.Range.Start):int(arr.Open.End)]); isLongOpen(o) {
			v.longOpen = o
		}
	}
	if len(arr.Items) == 0 || f.SameLine(arr.Open.Start, arr.Close.Start) {
		return
	}
	if arr.TrailingComma {
		v.comma++
	} else {
		v.noComma++
	}
	first := int(arr.Items[0].Range().Start)
	if !startsLine(src, first) {
		return
	}
	base, child := indentOf(f, int(arr.Open.Start)), indentOf(f, first)
	if len(child) > len(base) && strings.HasPrefix(child, base) {
		u := child[len(base):]
		if v.indent[u] == 0 {
			v.indentOrder = append(v.indentOrder, u)
		}
		v.indent[u]++
	}
}

func (v *styleVotes) element(f *File, el *Element) {
	switch el.Key.Quote {
	case '\'':
		v.single++
	case '"':
		v.double++
	}
	if el.Key.Implicit || el.Value == nil || el.Value.Kind != KindArray {
		return
	}
	if f.SameLine(el.Key.Range.End, el.Value.Range.Start) {
		v.sameLine++
		return
	}
	v.nextLine++
	if v.trailerSet {
		return
	}
	gap := string(f.Src[int(el.Key.Range.End):int(el.Value.Range.Start)])
	if i := strings.Index(gap, "=>"); i >= 0 {
		rest := gap[i+2:]
		if j := strings.IndexAny(rest, "\r\n"); j >= 0 && strings.Trim(rest[:j], " \t") == "" {
			v.trailer, v.trailerSet = rest[:j], true
		}
	}
}

func (v *styleVotes) bestIndent() string {
	best, n := "", 0
	for _, u := range v.indentOrder {
		if v.indent[u] > n {
			best, n = u, v.indent[u]
		}
	}
	return best
}

func isLongOpen(s string) bool {
	if len(s) < 6 || !strings.EqualFold(s[:5], "array") || s[len(s)-1] != '(' {
		return false
	}
	return strings.Trim(s[5:len(s)-1], " \t") == ""
}

// lineStart is the offset of the first byte of the line holding off.
func lineStart(src []byte, off int) int {
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

// lineEnd is the offset of the line break ending the line holding off (or
// of the end of src), before a "\r\n".
func lineEnd(src []byte, off int) int {
	for off < len(src) && src[off] != '\n' {
		off++
	}
	if off < len(src) && off > 0 && src[off-1] == '\r' {
		off--
	}
	return off
}

// indentOf is the leading spaces and tabs of the line holding off.
// It is a substring of the file (no copy: style votes take one per array).
func indentOf(f *File, off int) string {
	src := f.Src
	s := lineStart(src, off)
	e := s
	for e < len(src) && (src[e] == ' ' || src[e] == '\t') {
		e++
	}
	return f.text[s:e]
}

// startsLine reports whether only spaces and tabs precede off on its line.
// It looks back from off and stops at the first other byte: DetectStyle
// asks it for each item of an array, and scanning from the line's start
// made a 10 MB array on one line (500,000 items) quadratic (minutes).
func startsLine(src []byte, off int) bool {
	for i := off - 1; i >= 0; i-- {
		switch src[i] {
		case '\n':
			return true
		case ' ', '\t':
		default:
			return false
		}
	}
	return true
}
