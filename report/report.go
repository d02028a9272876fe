// Package report writes findings in every output format. All writers get
// the same Result and pass every string that came from user files through
// the Result's redactor, so secrets are masked in one place.
package report

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/position"
	"github.com/omslint/omslint/redact"
)

// Source is a file findings may point into, for snippets and lines.
type Source struct {
	Data  []byte
	Lines *position.LineIndex
	// Foreign marks a file that is not in its role's language at all (an
	// env.php without a PHP open tag, a composer.json that does not start
	// like JSON: a link to /etc/shadow, a key or a log), or a Composer
	// file that is not valid JSON (its credentials could not be read, so
	// they could not be masked). Findings still point into it, but no
	// line of it is ever printed.
	Foreign bool
	// Kept, when Data is nil, holds only some lines (sorted by number)
	// with their offsets: what a long run keeps of a file for the
	// snippets of its findings, instead of the file (a slice, not a map:
	// a fleet keeps tens of thousands of these).
	Kept []KeptLine
}

// KeptLine is one line of a file kept for a snippet.
type KeptLine struct {
	N     int // line number, from 1
	Start int // byte offset of the line in the file
	Text  string
	// Mask are the line's secret ranges known from its file
	// (redact.Redactor.FileRanges), so the run's redactor need not keep
	// the file's spans.
	Mask [][2]int
}

// nameOnly and foreignNameOnly are the kept form of a file of which no
// line is kept: one each for the whole run (a fleet has 50,000 files).
var nameOnly, foreignNameOnly = &Source{}, &Source{Foreign: true}

// Keep returns a source holding only the given lines of s (in any order,
// repeats allowed) of file, with their secret ranges from red (the
// redactor that knows file's spans).
func (s *Source) Keep(file string, lines []int, red *redact.Redactor) *Source {
	if s.Foreign || len(lines) == 0 {
		// Never printed, or nothing to print: no line kept.
		if s.Foreign {
			return foreignNameOnly
		}
		return nameOnly
	}
	out := &Source{}
	lines = slices.Clone(lines)
	slices.Sort(lines)
	lines = slices.Compact(lines) // a thousand findings on one line keep it once
	for _, n := range lines {
		line, ok := s.line(n)
		if !ok {
			continue
		}
		if s.Data != nil {
			line.Mask = red.FileRanges(file, line.Start, line.Text)
		}
		out.Kept = append(out.Kept, line)
	}
	out.Kept = slices.Clip(out.Kept)
	return out
}

// Whole reports whether s holds the file's text (not only kept lines).
func (s *Source) Whole() bool { return s != nil && s.Data != nil }

func (s *Source) line(n int) (KeptLine, bool) {
	if s.Data == nil {
		i, ok := slices.BinarySearchFunc(s.Kept, n, func(k KeptLine, n int) int { return k.N - n })
		if !ok {
			return KeptLine{}, false
		}
		return s.Kept[i], true
	}
	if n < 1 || n > s.Lines.LineCount() {
		return KeptLine{}, false
	}
	st, e := s.Lines.LineBounds(n)
	return KeptLine{N: n, Start: st, Text: string(s.Data[st:e])}, true
}

// Result is everything one run reports.
type Result struct {
	ToolName    string
	ToolVersion string
	Findings    []*linter.Finding
	// Files is how many files were read.
	Files int
	// Sources maps a finding's File to its content, for snippets.
	Sources map[string]*Source
	// Redactor masks secrets; never nil in real runs.
	Redactor *redact.Redactor
	// Baselined counts findings hidden by a baseline; Suppressed by config
	// ignores and inline comments.
	Baselined  int
	Suppressed int
	// BelowMinSeverity counts findings hidden by --min-severity.
	BelowMinSeverity int
	// Roots counts the Magento roots linted, with lint --recursive only
	// (nil otherwise); RootsWithoutConnector those whose files show that
	// the shop does not use the OMS connector.
	Roots, RootsWithoutConnector *int
	// Notes are every note of the run (notes.go: what a single file
	// could not check, where --follow-symlinks wrote); ReportNotes are
	// those the formats show, StderrNotes those for standard error.
	Notes []Note
	// Written lists the files --fix rewrote.
	Written []string
	// Errors are the inputs that could not be linted (lint --recursive: a
	// root that cannot be read, a wrong .omslint.yaml); the others were.
	Errors []RunError
}

// RunError is one input that could not be linted. Line and Col are set
// when the error is at a place in a file (a config mistake).
type RunError struct {
	Path      string
	Message   string
	Line, Col int
}

// Summary counts findings by severity.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	Fixed    int `json:"fixed"`
	// Suppressed (config ignores, inline comments), Baselined and
	// BelowMinSeverity (--min-severity) findings are not listed; the counts
	// say how many were hidden. Every field is always present (0 included).
	Suppressed       int `json:"suppressed"`
	Baselined        int `json:"baselined"`
	BelowMinSeverity int `json:"belowMinSeverity"`
	// Fixable counts the listed findings --fix would repair.
	Fixable int `json:"fixable"`
	// Roots and RootsWithoutConnector: lint --recursive only.
	Roots                 *int `json:"roots,omitempty"`
	RootsWithoutConnector *int `json:"rootsWithoutConnector,omitempty"`
}

// Summary counts the result's findings.
func (r *Result) Summary() Summary {
	s := Summary{Files: r.Files, Suppressed: r.Suppressed, Baselined: r.Baselined, BelowMinSeverity: r.BelowMinSeverity,
		Roots: r.Roots, RootsWithoutConnector: r.RootsWithoutConnector}
	for _, f := range r.Findings {
		if f.Fixed {
			s.Fixed++
			continue
		}
		if f.Fixable() {
			s.Fixable++
		}
		switch f.Severity {
		case linter.Error:
			s.Errors++
		case linter.Warning:
			s.Warnings++
		case linter.Info:
			s.Infos++
		}
	}
	return s
}

// Options shape human-oriented formats.
type Options struct {
	Color bool
	// ToFile: the report goes to a file (--output), not to a person at a
	// terminal: --show-secrets does not apply, even to text, since the
	// file outlives the session and is readable by others (0644).
	ToFile bool
}

// Writer writes a result in one format.
type Writer func(w io.Writer, r *Result, o Options) error

var writers = map[string]Writer{}

// register adds a format; each format file registers itself.
func register(name string, w Writer) { writers[name] = w }

// Formats lists the format names.
func Formats() []string {
	out := make([]string, 0, len(writers))
	for k := range writers {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Write writes r in the named format.
func Write(w io.Writer, format string, r *Result, o Options) error {
	wr, ok := writers[format]
	if !ok {
		return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	if (o.ToFile || !redact.ShowsSecrets(format)) && r.Redactor != nil && r.Redactor.Off {
		masked := *r
		masked.Redactor = r.Redactor.Masking()
		r = &masked
	}
	if jsonFormats[format] {
		jw := &jsonBidiWriter{w: w}
		if err := wr(jw, r, o); err != nil {
			return err
		}
		return jw.Close()
	}
	return wr(w, r, o)
}

// jsonFormats are the formats whose output is JSON: bidirectional controls
// are written there as \u escapes (jsonsafe.go).
var jsonFormats = map[string]bool{"json": true, "sarif": true, "codequality": true}

// message is a finding's message with secrets masked.
// Very long messages (a value of megabytes quoted in one) are cut.
func (r *Result) message(f *linter.Finding) string {
	return Shorten(Escape(r.Redactor.String(f.MarkedMessage())), maxMessage)
}

// maxMessage bounds a message in bytes.
const maxMessage = 1000

// Shorten cuts s to about max bytes, keeping its start and end (where the
// rule id and the advice usually are) around a "…".
func Shorten(s string, max int) string {
	if len(s) <= max {
		return s
	}
	head, tail := max*2/3, max/3
	for head > 0 && !utf8.RuneStart(s[head]) {
		head--
	}
	from := len(s) - tail
	for from < len(s) && !utf8.RuneStart(s[from]) {
		from++
	}
	return s[:head] + "…" + s[from:]
}

// snippetLine returns source line n of file with secrets masked, and a
// mapping from byte offsets of the original line to the masked one (for
// markers); ok is false when the file is unknown.
func (r *Result) snippetLine(file string, n int) (orig, line string, toMasked func(int) int, ok bool) {
	src := r.Sources[file]
	if src == nil || src.Foreign {
		return "", "", nil, false
	}
	kl, ok := src.line(n)
	if !ok {
		return "", "", nil, false
	}
	if src.Data == nil {
		line, toMasked = r.Redactor.LineMapRanges(kl.Text, kl.Mask)
		return kl.Text, line, toMasked, true
	}
	line, toMasked = r.Redactor.LineMap(file, kl.Start, kl.Text)
	return kl.Text, line, toMasked, true
}
