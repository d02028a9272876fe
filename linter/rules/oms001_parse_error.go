package rules

import (
	"errors"
	"strings"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/redact"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS001", Name: "parse-error", Severity: linter.Error,
		Summary: "The file is not valid PHP, so Magento cannot load it.",
		Check: func(c *linter.Context) {
			for _, s := range phpSources(c) {
				switch {
				case s.ReadErr != nil:
					// The parser could not finish (a known hang, a limit):
					// the file cannot be checked, which must fail the gate.
					off := 0
					var le *phpconf.LimitError
					if errors.As(s.ReadErr, &le) {
						off = le.Pos.Offset
					}
					c.Report(s.Path, s.Tree.Lines.Span(off, off), "", "cannot analyse the file: %s", readErrMsg(s.ReadErr))
				case s.Tree.Err != nil:
					e := s.Tree.Err
					c.Report(s.Path, phpconf.Span{Start: e.Pos, End: e.End}, "", "%s", parseErrorMessage(s.Data, e))
				}
			}
		},
	})
}

// readErrMsg drops the position prefix a LimitError carries: the finding
// has the position already.
func readErrMsg(err error) string {
	var le *phpconf.LimitError
	if errors.As(err, &le) {
		return le.Msg
	}
	return err.Error()
}

// parseErrorMessage is the syntax error's message with the token text it
// quotes masked when that token stands where a secret value would (the
// tree did not parse, so the redactor does not know the file's secrets):
// 'password' => 'abc'def' makes def an "identifier".
func parseErrorMessage(src []byte, e *phpconf.ParseError) string {
	if e.Quoted == "" || !redact.AfterSecretKey(src, e.Pos.Offset) {
		return e.Msg
	}
	return strings.Replace(e.Msg, e.Quoted, `"`+redact.Mask+`"`, 1)
}
