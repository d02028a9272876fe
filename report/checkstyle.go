package report

import (
	"encoding/xml"
	"io"
	"sort"
)

func init() { register("checkstyle", writeCheckstyle) }

type checkstyleDoc struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	// Line and Column are left out only for an input that could not be
	// linted and has no position (every finding has one).
	Line     int    `xml:"line,attr,omitempty"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// writeCheckstyle writes Checkstyle XML (the format Jenkins' warnings
// plugin, reviewdog and many IDEs read): every checked file, sorted, each
// with its findings; source is omslint.ID.name.
func writeCheckstyle(w io.Writer, r *Result, _ Options) error {
	doc := checkstyleDoc{Version: "4.3"}
	byFile := map[string][]checkstyleError{}
	for _, f := range r.reported() {
		line, col, _, _ := Region(f)
		byFile[f.File] = append(byFile[f.File], checkstyleError{
			Line: line, Column: col, Severity: f.Severity.String(),
			Message: r.message(f), Source: "omslint." + f.Rule + "." + f.Name,
		})
	}
	// Inputs that could not be linted (lint --recursive) are errors of
	// their path, so a job that reads only this file still sees them.
	for _, e := range r.Errors {
		byFile[e.Path] = append(byFile[e.Path], checkstyleError{
			Line: e.Line, Column: e.Col, Severity: "error",
			Message: Escape(r.Redactor.String(e.Message)), Source: "omslint.not-linted",
		})
	}
	for _, name := range r.fileNames() {
		doc.Files = append(doc.Files, checkstyleFile{Name: Escape(name), Errors: byFile[name]})
	}
	return writeXML(w, doc)
}

// fileNames lists every checked file, every file a finding points at and
// every input that could not be linted, sorted.
func (r *Result) fileNames() []string {
	// Only these formats call it: ListsEveryFile says so.
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for n := range r.Sources {
		add(n)
	}
	for _, f := range r.Findings {
		add(f.File)
	}
	for _, e := range r.Errors {
		add(e.Path)
	}
	sort.Strings(out)
	return out
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// ListsEveryFile reports whether a format lists every file read, with or
// without findings (checkstyle and JUnit, through Result.fileNames); the
// others need only the files findings point into, so a long run need not
// keep the names of the rest (engine.Options.ForgetCleanFiles).
func ListsEveryFile(format string) bool { return format == "checkstyle" || format == "junit" }
