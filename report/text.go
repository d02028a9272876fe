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
//
// Less noise when a rule fires many times in one file: its first finding
// there is printed in full, the others one line each, their message cut
// before the explanation all of them share (see textGroups). The first
// finding of each rule in the run points at its docs (`omslint explain
// ID`). After --fix, the files written and how many findings each had
// fixed come before the summary, which says what is left.
func writeText(w io.Writer, r *Result, o Options) error {
	var b strings.Builder
	p := newPalette(o.Color)
	writeTextFindings(&b, r, r.Findings, p, map[string]bool{})
	writeTextEnd(&b, r, p)
	_, err := io.WriteString(w, b.String())
	return err
}

// TextStream writes the text format in parts, as a long run produces them
// (lint --recursive: each root's findings as soon as its turn comes), and
// then the rest and the summary. The output is what writeText prints for
// the same findings, in the order they were handed over.
type TextStream struct {
	w         io.Writer
	p         palette
	docsShown map[string]bool
	streamed  map[*linter.Finding]bool
}

// NewTextStream starts a text report on w.
func NewTextStream(w io.Writer, o Options) *TextStream {
	return &TextStream{w: w, p: newPalette(o.Color), docsShown: map[string]bool{}, streamed: map[*linter.Finding]bool{}}
}

// Part writes the findings of part (one root's, with its sources and the
// run's redactor) now.
func (t *TextStream) Part(part *Result) error {
	if len(part.Findings) == 0 {
		return nil
	}
	var b strings.Builder
	writeTextFindings(&b, part, part.Findings, t.p, t.docsShown)
	for _, f := range part.Findings {
		t.streamed[f] = true
	}
	_, err := io.WriteString(t.w, b.String())
	return err
}

// Finish writes the findings of r not written by Part (the cross-root
// ones), then the notes and the summary of the whole run.
func (t *TextStream) Finish(r *Result) error {
	var rest []*linter.Finding
	for _, f := range r.Findings {
		if !t.streamed[f] {
			rest = append(rest, f)
		}
	}
	var b strings.Builder
	writeTextFindings(&b, r, rest, t.p, t.docsShown)
	writeTextEnd(&b, r, t.p)
	_, err := io.WriteString(t.w, b.String())
	return err
}

// writeTextFindings writes findings fs of r; docsShown says which rules
// already pointed at their docs in this run.
func writeTextFindings(b *strings.Builder, r *Result, fs []*linter.Finding, p palette, docsShown map[string]bool) {
	lines := snippetCache{}
	groups, msgs := textGroups(r, fs)
	for i, f := range fs {
		line, col, _, _ := Region(f)
		label := ""
		switch {
		case f.Fixed:
			label = " " + p.fix.Sprint("[fixed]")
		case f.Fixable():
			label = " " + p.fix.Sprint("[fixable]")
		}
		msg := msgs[i]
		g := groups[groupKey{f.File, f.Rule}]
		repeat := g != nil && g.shown
		if repeat {
			msg = msg[:len(msg)-g.shared]
		}
		fmt.Fprintf(b, "%s: %s: %s [%s %s]%s\n",
			p.loc.Sprintf("%s:%d:%d", Escape(f.File), line, col),
			p.severity(f.Severity).Sprint(f.Severity.String()),
			msg, f.Rule, f.Name, label)
		if repeat {
			continue
		}
		if g != nil {
			g.shown = true
		}
		if !f.Span.IsZero() {
			if sl := lines.get(r, f.File, line); sl != nil {
				writeSnippet(b, p, f, line, sl)
			}
		}
		if f.Fix != nil && f.Fix.Description != "" && !f.Fixed {
			fmt.Fprintf(b, "      %s %s\n", p.dim.Sprint("= fix:"), Escape(r.Redactor.String(f.Fix.Description)))
		} else if f.Hint != "" {
			fmt.Fprintf(b, "      %s %s\n", p.dim.Sprint("= hint:"), Escape(r.Redactor.String(f.Hint)))
		}
		for _, rel := range f.Related {
			fmt.Fprintf(b, "      %s %s\n", p.dim.Sprint("= see:"), r.Redactor.String(relatedText(rel)))
		}
		if g != nil {
			fmt.Fprintf(b, "      %s %s\n", p.dim.Sprint("= and"), fmt.Sprintf("%d more %s in %s, one line each below", g.count-1, f.Rule, Escape(f.File)))
		}
		if !docsShown[f.Rule] {
			docsShown[f.Rule] = true
			fmt.Fprintf(b, "      %s omslint explain %s\n", p.dim.Sprint("= docs:"), f.Rule)
		}
	}
}

// writeTextEnd writes the files --fix wrote, the notes and the summary.
func writeTextEnd(b *strings.Builder, r *Result, p palette) {
	writeFixedFiles(b, r)
	s := r.Summary()
	for _, n := range r.ReportNotes() {
		fmt.Fprintf(b, "%s %s\n", p.dim.Sprint("note:"), n)
	}
	fmt.Fprintf(b, "%s\n", summaryLine(s, r))
}

type groupKey struct{ file, rule string }

// textGroup is a rule that fires more than once in one file with
// messages that end in the same explanation.
type textGroup struct {
	count int
	// shared is how many bytes at the end of every (masked) message of the
	// group are the same explanation, starting at a ": " or "; ":
	// repeats are printed without it.
	shared int
	shown  bool
}

// textGroups finds the rules that fire more than once in one file with a
// shared explanation; messages[i] is the masked message of fs[i]
// (masked once: a message may quote megabytes).
func textGroups(r *Result, fs []*linter.Finding) (groups map[groupKey]*textGroup, messages []string) {
	messages = make([]string, len(fs))
	byKey := map[groupKey][]string{}
	for i, f := range fs {
		messages[i] = r.message(f)
		k := groupKey{f.File, f.Rule}
		byKey[k] = append(byKey[k], messages[i])
	}
	out := map[groupKey]*textGroup{}
	for k, ms := range byKey {
		if len(ms) < 2 {
			continue
		}
		// Findings that share no explanation are distinct problems (a
		// missing key and an unknown one): each is printed in full.
		if n := sharedExplanation(ms); n > 0 {
			out[k] = &textGroup{count: len(ms), shared: n}
		}
	}
	return out, messages
}

// sharedExplanation is the length of the longest common suffix of msgs
// that starts at a ": " or "; " separator and leaves every message a
// non-empty head; 0 when there is none.
func sharedExplanation(msgs []string) int {
	suffix := msgs[0]
	for _, m := range msgs[1:] {
		n := 0
		for n < len(suffix) && n < len(m) && suffix[len(suffix)-1-n] == m[len(m)-1-n] {
			n++
		}
		suffix = suffix[len(suffix)-n:]
	}
	shortest := len(msgs[0])
	for _, m := range msgs {
		shortest = min(shortest, len(m))
	}
	for i := 0; i+1 < len(suffix); i++ {
		if (suffix[i] == ':' || suffix[i] == ';') && suffix[i+1] == ' ' && len(suffix)-i < shortest {
			return len(suffix) - i
		}
	}
	return 0
}

// writeFixedFiles lists, after --fix, each file that had findings fixed
// and how many: "wrote app/etc/config.php: 3 findings fixed".
func writeFixedFiles(b *strings.Builder, r *Result) {
	var files []string
	count := map[string]int{}
	for _, f := range r.Findings {
		if f.Fixed {
			if count[f.File] == 0 {
				files = append(files, f.File)
			}
			count[f.File]++
		}
	}
	written := map[string]bool{}
	for _, w := range r.Written {
		written[w] = true
	}
	for _, file := range files {
		if written[file] {
			fmt.Fprintf(b, "wrote %s: %s fixed\n", Escape(file), plural(count[file], "finding"))
		} else {
			fmt.Fprintf(b, "fixed %s in %s (the fixed text is on standard output)\n", plural(count[file], "finding"), Escape(file))
		}
	}
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
	text, start, end = escapeSpan(text, start, end)
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

// summaryLine counts what is listed: "4 files checked: 5 errors, 7
// warnings, 0 infos; 5 fixable with --fix"; after --fix, "…: 5 fixed;
// left: 2 errors, 4 warnings, 0 infos".
func summaryLine(s Summary, r *Result) string {
	counts := strings.Join([]string{
		plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Infos, "info"),
	}, ", ")
	out := fmt.Sprintf("%s checked: %s", plural(s.Files, "file"), counts)
	if s.Fixed > 0 {
		out = fmt.Sprintf("%s checked: %d fixed; left: %s", plural(s.Files, "file"), s.Fixed, counts)
	}
	if s.Fixable > 0 {
		if s.Fixed > 0 {
			out += fmt.Sprintf(" (%d more fixable)", s.Fixable)
		} else {
			out += fmt.Sprintf("; %d fixable with --fix", s.Fixable)
		}
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
	if s.Roots != nil {
		out += fmt.Sprintf("; %s", plural(*s.Roots, "Magento root"))
		if s.RootsWithoutConnector != nil {
			out += fmt.Sprintf(", %d not using the OMS connector", *s.RootsWithoutConnector)
		}
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
