package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/omslint/omslint/linter"
)

func init() { register("github", writeGitHub) }

// writeGitHub prints one GitHub Actions workflow command per finding:
//
//	::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=ID name::message
//
// (warning and notice for the other severities), which GitHub shows as an
// annotation on the file and in the job summary. The hint or fix goes on a
// second line of the message. An input that could not be linted (lint
// --recursive) gets an ::error of its own. Nothing else is printed: the
// exit code says whether the gate passed.
func writeGitHub(w io.Writer, r *Result, _ Options) error {
	var b strings.Builder
	for _, f := range r.reported() {
		line, col, endLine, endCol := Region(f)
		msg := r.message(f)
		if extra := r.advice(f); extra != "" {
			msg += "\n" + extra
		}
		fmt.Fprintf(&b, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			githubLevel(f.Severity), escapeProperty(Escape(f.File)), line, col, endLine, endCol,
			escapeProperty(f.Rule+" "+f.Name), escapeData(msg))
	}
	// Inputs that could not be linted (lint --recursive) are annotated
	// too, so a job that shows only annotations still names them.
	for _, e := range r.Errors {
		loc := ""
		if e.Path != "" {
			loc = " file=" + escapeProperty(e.Path)
			if e.Line > 0 {
				loc += fmt.Sprintf(",line=%d", e.Line)
				if e.Col > 0 {
					loc += fmt.Sprintf(",col=%d", e.Col)
				}
			}
			loc += ","
		} else {
			loc = " "
		}
		fmt.Fprintf(&b, "::error%stitle=%s::%s\n", loc, escapeProperty("omslint: not linted"), escapeData(r.Redactor.String(e.Message)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func githubLevel(s linter.Severity) string {
	switch s {
	case linter.Error:
		return "error"
	case linter.Warning:
		return "warning"
	}
	return "notice"
}

// escapeData escapes a workflow command's message as the runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: as data, and
// also ':' and ',' which would end the value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// advice is the fix description or the hint, secrets masked; "" when none.
func (r *Result) advice(f *linter.Finding) string {
	switch {
	case f.Fix != nil && f.Fix.Description != "" && !f.Fixed:
		return "fix: " + Escape(r.Redactor.String(f.Fix.Description))
	case f.Hint != "":
		return "hint: " + Escape(r.Redactor.String(f.Hint))
	}
	return ""
}
