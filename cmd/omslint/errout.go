package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/report"
)

// printErr prints err on w as "omslint: MESSAGE" (suffix appended),
// escaped with report.Escape: errors name files and folders of the
// checkout, and a name holding a newline or ESC must not forge a line (a
// GitHub workflow command) or a terminal sequence. Whatever its kind
// (package failure), every line printed is escaped: a failure.InputError
// or InternalError is one line (a newline in a file name shows as \n); a
// failure.Lines (a config file's mistakes, a --fix WriteError) one line
// per message; any other error (a usage error, cobra's "Did you mean")
// keeps its own line breaks, each line escaped, and a line that would
// start a workflow command (GitHub's runner trims leading white space and
// reads "::error ...") gets the "omslint: " prefix too, whatever an
// argument holds.
func printErr(w io.Writer, err error, suffix string) {
	var ls failure.Lines
	if errors.As(err, &ls) && ls.Error() == err.Error() && len(ls.Lines()) > 0 {
		lines := ls.Lines()
		for i, l := range lines {
			s := ""
			if i == len(lines)-1 {
				s = suffix
			}
			fmt.Fprintf(w, "omslint: %s%s\n", report.Escape(l), s)
		}
		return
	}
	var (
		in *failure.InputError
		ie *failure.InternalError
	)
	if errors.As(err, &in) || errors.As(err, &ie) {
		fmt.Fprintf(w, "omslint: %s%s\n", report.Escape(err.Error()), suffix)
		return
	}
	lines := strings.Split(err.Error(), "\n")
	for i, l := range lines {
		lines[i] = report.Escape(l)
		if i > 0 && strings.HasPrefix(strings.TrimLeft(l, " \t"), "::") {
			lines[i] = "omslint: " + lines[i]
		}
	}
	fmt.Fprintf(w, "omslint: %s%s\n", strings.Join(lines, "\n"), suffix)
}
