package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/position"
)

func init() { register("json", writeJSON) }

// jsonFinding is the JSON contract of cli.md; fields may be added, never
// renamed.
type jsonFinding struct {
	Rule      string `json:"rule"`
	Name      string `json:"name"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Key       string `json:"key,omitempty"`
	// KeyPath is Key split into the keys it names: unambiguous when a
	// key holds a dot (an auth.json host). Present whenever key is.
	KeyPath []string `json:"keyPath,omitempty"`
	Fixable bool     `json:"fixable"`
	Fixed   bool     `json:"fixed"`
	Hint    string   `json:"hint,omitempty"`
	DocsURL string   `json:"docsUrl"`
	// Related are the other places of a cross-root finding (OMS6xx).
	Related []jsonRelated `json:"related,omitempty"`
}

type jsonRelated struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Message   string `json:"message,omitempty"`
}

type jsonDoc struct {
	Tool struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"tool"`
	Findings []jsonFinding `json:"findings"`
	// Errors lists the inputs that could not be linted (lint
	// --recursive); always present, [] when there are none.
	Errors  []jsonError `json:"errors"`
	Summary Summary     `json:"summary"`
	// Notes are Result.ReportNotes (omitted when none).
	Notes []string `json:"notes,omitempty"`
}

type jsonError struct {
	Path    string `json:"path"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
}

func writeJSON(w io.Writer, r *Result, _ Options) error {
	d := r.jsonDoc()
	if len(r.Findings) > 0 {
		// Written finding by finding where the placeholder is
		// (spliceArray): a fleet's findings are not held twice more, as
		// a tree and as one buffer.
		d.Findings = []jsonFinding{{Rule: jsonMark}}
	}
	doc, err := jsonIndent(d, "")
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if len(r.Findings) == 0 {
		bw.Write(doc)
	} else if err := spliceArray(bw, doc, jsonMark,
		func(prefix string) ([]byte, error) { return jsonIndent(jsonFinding{Rule: jsonMark}, prefix) },
		len(r.Findings), func(i int, prefix string) ([]byte, error) { return jsonIndent(toJSON(r, r.Findings[i]), prefix) }); err != nil {
		return err
	}
	return bw.Flush()
}

// jsonMark is the rule of the placeholder finding: no rule id holds a NUL.
const jsonMark = "\x00omslint-findings\x00"

// jsonDoc is the report without its findings.
func (r *Result) jsonDoc() jsonDoc {
	var d jsonDoc
	d.Tool.Name, d.Tool.Version = r.ToolName, r.ToolVersion
	d.Findings = []jsonFinding{}
	d.Errors = make([]jsonError, 0, len(r.Errors))
	for _, e := range r.Errors {
		d.Errors = append(d.Errors, jsonError{Path: e.Path, Message: r.Redactor.String(e.Message), Line: e.Line, Column: e.Col})
	}
	d.Summary = r.Summary()
	d.Notes = r.ReportNotes()
	return d
}

// jsonIndent is v as the JSON format writes it (two spaces, no HTML
// escapes) with prefix before every line but the first; the whole
// document (prefix "") ends with a newline, an element does not.
func jsonIndent(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	out := b.Bytes()
	if prefix != "" {
		out = bytes.TrimSuffix(out, []byte("\n"))
	}
	return out, nil
}

func toJSON(r *Result, f *linter.Finding) jsonFinding {
	line, col, endLine, endCol := Region(f)
	var related []jsonRelated
	for _, rel := range f.Related {
		l, c, el, ec := spanRegion(rel.Span)
		related = append(related, jsonRelated{File: rel.File, Line: l, Column: c, EndLine: el, EndColumn: ec,
			Message: r.Redactor.String(rel.Message)})
	}
	return jsonFinding{
		Related: related,
		Rule:    f.Rule, Name: f.Name, Severity: f.Severity.String(),
		Message: r.message(f), File: f.File,
		Line: line, Column: col, EndLine: endLine, EndColumn: endCol,
		Key: f.Key, KeyPath: keyPath(f), Fixable: f.Fixable() || f.Fixed, Fixed: f.Fixed,
		Hint:    r.Redactor.String(f.Hint),
		DocsURL: docsURL(f.Rule),
	}
}

// Region is a finding's 1-based region; a finding on the whole file points
// at 1:1. endColumn is one past the last character (cli.md).
func Region(f *linter.Finding) (line, col, endLine, endCol int) {
	return spanRegion(f.Span)
}

func spanRegion(s position.Span) (line, col, endLine, endCol int) {
	if s.IsZero() {
		return 1, 1, 1, 1
	}
	return s.Start.Line, s.Start.Col, s.End.Line, s.End.Col
}

func docsURL(id string) string {
	if r := linter.Lookup(id); r != nil {
		return r.DocsURL()
	}
	return linter.DocsBaseURL + id + ".md"
}

// keyPath is the finding's key as its keys: the runner's, else (a finding
// made outside the rules) the dotted key split at each dot.
func keyPath(f *linter.Finding) []string {
	if f.Key == "" {
		return nil
	}
	if f.KeyPath != nil {
		return f.KeyPath
	}
	return strings.Split(f.Key, ".")
}

// relatedText is a related place as text reports show it.
func relatedText(rel linter.Related) string {
	if rel.Span.IsZero() {
		return rel.File + ": " + rel.Message
	}
	return fmt.Sprintf("%s:%d:%d: %s", rel.File, rel.Span.Start.Line, rel.Span.Start.Col, rel.Message)
}
