package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/fatih/color"

	"github.com/omslint/omslint/linter"
)

func init() { register("text", writeText) }

type palette struct {
	err, warn, info, loc, dim, marker, fix *color.Color
}

func newPalette(on bool) palette {
	mk := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	return palette{
		err: mk(color.FgRed, color.Bold), warn: mk(color.FgYellow, color.Bold), info: mk(color.FgCyan, color.Bold),
		loc: mk(color.Bold), dim: mk(color.Faint), marker: mk(color.FgGreen, color.Bold), fix: mk(color.FgGreen),
	}
}

func (p palette) severity(s linter.Severity) *color.Color {
	switch s {
	case linter.Error:
		return p.err
	case linter.Warning:
		return p.warn
	}
	return p.info
}

// writeText prints `file:line:col: severity: message [ID name]`, the source
// line with a marker under the span, the fix or hint, then a summary.
func writeText(w io.Writer, r *Result, o Options) error {
	lines := snippetCache{}
	p := newPalette(o.Color)
	var b strings.Builder
	for _, f := range r.Findings {
		line, col, _, _ := Region(f)
		label := ""
		switch {
		case f.Fixed:
			label = " " + p.fix.Sprint("[fixed]")
		case f.Fixable():
			label = " " + p.fix.Sprint("[fixable]")
		}
		fmt.Fprintf(&b, "%s: %s: %s [%s %s]%s\n",
			p.loc.Sprintf("%s:%d:%d", f.File, line, col),
			p.severity(f.Severity).Sprint(f.Severity.String()),
			r.message(f), f.Rule, f.Name, label)
		if !f.Span.IsZero() {
			if sl := lines.get(r, f.File, line); sl != nil {
				writeSnippet(&b, p, f, line, sl)
			}
		}
		if f.Fix != nil && f.Fix.Description != "" && !f.Fixed {
			fmt.Fprintf(&b, "      %s %s\n", p.dim.Sprint("= fix:"), r.Redactor.String(f.Fix.Description))
		} else if f.Hint != "" {
			fmt.Fprintf(&b, "      %s %s\n", p.dim.Sprint("= hint:"), r.Redactor.String(f.Hint))
		}
	}
	s := r.Summary()
	fmt.Fprintf(&b, "%s\n", summaryLine(s, r))
	_, err := io.WriteString(w, b.String())
	return err
}

// snippetLine is a source line prepared once for every finding on it:
// masking and the column index of a line of megabytes (a minified file
// with thousands of findings on one line) are not redone per finding.
type snippetLine struct {
	orig, text string
	toMasked   func(int) int
	// cols[i] is the byte offset of character column i+1 of orig, for
	// long lines only (short ones are scanned).
	cols []int32
}

type snippetCache map[string]map[int]*snippetLine

func (c snippetCache) get(r *Result, file string, n int) *snippetLine {
	if sl, ok := c[file][n]; ok {
		return sl
	}
	var sl *snippetLine
	if orig, text, toMasked, ok := r.snippetLine(file, n); ok {
		sl = &snippetLine{orig: orig, text: text, toMasked: toMasked}
		if len(orig) > maxSnippet {
			sl.cols = make([]int32, 0, len(orig))
			for off := range orig {
				sl.cols = append(sl.cols, int32(off))
			}
		}
	}
	if c[file] == nil {
		c[file] = map[int]*snippetLine{}
	}
	c[file][n] = sl
	return sl
}

// byteAt is the byte offset of 1-based character column col (past the
// end: len(orig)).
func (sl *snippetLine) byteAt(col int) int {
	if sl.cols == nil {
		return colToByte(sl.orig, col)
	}
	if col-1 < len(sl.cols) {
		return int(sl.cols[max(col-1, 0)])
	}
	return len(sl.orig)
}

// writeSnippet prints the (masked) line and a ^ marker under the span's
// part on it. The span's columns count characters of the original line;
// they are mapped onto the masked text, so a marker under a secret is as
// wide as its mask. The marker copies the line's tabs so it stays aligned
// in any terminal. Very long lines are cut around the span.
func writeSnippet(b *strings.Builder, p palette, f *linter.Finding, line int, sl *snippetLine) {
	gutter := fmt.Sprintf("%5d | ", line)
	startCol := f.Span.Start.Col
	endCol := f.Span.End.Col
	start, end := 0, 0
	if f.Span.Start.Line == line {
		start = sl.toMasked(sl.byteAt(startCol))
	}
	if f.Span.End.Line == line {
		end = sl.toMasked(sl.byteAt(endCol))
	} else {
		end = sl.toMasked(len(sl.orig))
	}
	if end < start {
		end = start
	}
	text, start, end := clip(sl.text, start, end)
	fmt.Fprintf(b, "%s%s\n", p.dim.Sprint(gutter), text)
	var pad strings.Builder
	for _, ch := range text[:start] {
		if ch == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	width := max(utf8.RuneCountInString(text[start:end]), 1)
	fmt.Fprintf(b, "%s%s%s\n", p.dim.Sprint("      | "), pad.String(), p.marker.Sprint(strings.Repeat("^", width)))
}

// colToByte is the byte offset of 1-based character column col in s (past
// the end: len(s)).
func colToByte(s string, col int) int {
	i := 1
	for off := range s {
		if i >= col {
			return off
		}
		i++
	}
	return len(s)
}

// maxSnippet bounds the bytes of a snippet line shown: a minified or
// hostile file can hold megabytes on one line.
const maxSnippet = 240

// clip cuts a long line to about maxSnippet bytes around [start, end),
// marking cuts with "…", and returns the new offsets.
func clip(text string, start, end int) (string, int, int) {
	if len(text) <= maxSnippet {
		return text, start, end
	}
	from := max(0, start-maxSnippet/3)
	to := min(len(text), max(end, from+maxSnippet))
	if to-from > maxSnippet && end-start > maxSnippet/2 {
		to = from + maxSnippet
	}
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	out := text[from:to]
	shift := 0
	if from > 0 {
		out = "…" + out
		shift = len("…") - from
	} else {
		shift = 0
	}
	if to < len(text) {
		out += "…"
	}
	start = min(start+shift, len(out))
	end = min(max(end+shift, start), len(out))
	if from > 0 && start < len("…") {
		start = len("…")
	}
	return out, start, end
}

func summaryLine(s Summary, r *Result) string {
	parts := []string{
		plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Infos, "info"),
	}
	out := fmt.Sprintf("%s checked: %s", plural(s.Files, "file"), strings.Join(parts, ", "))
	if s.Fixed > 0 {
		out += fmt.Sprintf(", %d fixed", s.Fixed)
	}
	if r.Suppressed > 0 {
		out += fmt.Sprintf(", %d suppressed", r.Suppressed)
	}
	if r.Baselined > 0 {
		out += fmt.Sprintf(", %d hidden by the baseline", r.Baselined)
	}
	if r.BelowMinSeverity > 0 {
		out += fmt.Sprintf(", %d below --min-severity", r.BelowMinSeverity)
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
