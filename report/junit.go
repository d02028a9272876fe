package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

func init() { register("junit", writeJUnit) }

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr,omitempty"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr,omitempty"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure"`
	// Error is an input that could not be linted (lint --recursive): the
	// test could not run, which JUnit tells apart from a failed one.
	Error *junitFailure `xml:"error"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes JUnit XML for CI test reports (GitLab, Jenkins, Azure).
// One test suite per checked file; one failing test case per finding, of
// every severity (type says which); a file without findings holds one
// passing case, so a clean run still shows passing tests rather than none.
func writeJUnit(w io.Writer, r *Result, _ Options) error {
	doc := junitSuites{Name: r.ToolName}
	cases := map[string][]junitCase{}
	for _, f := range r.reported() {
		line, col, _, _ := Region(f)
		msg := r.message(f)
		text := fmt.Sprintf("%s:%d:%d: %s: %s [%s %s]", Escape(f.File), line, col, f.Severity, msg, f.Rule, f.Name)
		if a := r.advice(f); a != "" {
			text += "\n" + a
		}
		text += "\n" + docsURL(f.Rule)
		cases[f.File] = append(cases[f.File], junitCase{
			Name:      fmt.Sprintf("%s %s at %d:%d", f.Rule, f.Name, line, col),
			Classname: classname(f.File), File: Escape(f.File), Line: line,
			Failure: &junitFailure{Message: msg, Type: f.Severity.String(), Text: text},
		})
	}
	// Inputs that could not be linted are error cases, so a report that
	// CI shows alone does not pass a run that exits 2.
	for _, e := range r.Errors {
		msg := Escape(r.Redactor.String(e.Message))
		name := Escape(e.Path)
		cases[e.Path] = append(cases[e.Path], junitCase{
			Name: "not linted", Classname: classname(e.Path), File: name, Line: e.Line,
			Error: &junitFailure{Message: msg, Type: "not-linted", Text: runErrorText(e, msg)},
		})
	}
	files := r.fileNames()
	if len(files) == 0 {
		files = []string{r.ToolName}
	}
	for _, name := range files {
		s := junitSuite{Name: Escape(name), Cases: cases[name]}
		if len(s.Cases) == 0 {
			s.Cases = []junitCase{{Name: "no findings", Classname: classname(name), File: Escape(name)}}
		}
		s.Tests = len(s.Cases)
		for _, c := range s.Cases {
			if c.Failure != nil {
				s.Failures++
			}
			if c.Error != nil {
				s.Errors++
			}
		}
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	return writeXML(w, doc)
}

// classname groups a file's cases: omslint.app/etc/env.php reads well in
// CI test views, which split classnames at dots only for display.
func classname(file string) string {
	return "omslint." + Escape(strings.TrimPrefix(file, "./"))
}

// runErrorText is an input error as a line of the text report would read:
// PATH[:LINE[:COL]]: message.
func runErrorText(e RunError, msg string) string {
	loc := Escape(e.Path)
	if e.Line > 0 {
		loc += fmt.Sprintf(":%d", e.Line)
		if e.Col > 0 {
			loc += fmt.Sprintf(":%d", e.Col)
		}
	}
	return loc + ": " + msg
}
