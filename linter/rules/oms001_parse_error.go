package rules

import (
	"errors"
	"strings"

	"github.com/omslint/omslint/jsonpos"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/position"
	"github.com/omslint/omslint/redact"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS001", Name: "parse-error", Severity: linter.Error,
		Summary: "The file is not valid PHP (env.php, config.php) or not valid JSON (composer.json, composer.lock, auth.json), so Magento or Composer cannot load it.",
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
					c.Report(s.Path, phpconf.Span{Start: e.Pos, End: e.End}, "", "%s", redact.ParseErrorMessage(s.Data, e))
				}
			}
			for _, f := range c.Project.InvalidComposerFiles() {
				var je *jsonpos.Error
				if !errors.As(f.Err, &je) {
					continue
				}
				span := phpconf.Span{Start: je.Pos, End: je.Pos}
				if je.Limit {
					c.Report(f.Source.Path, span, "", "cannot analyse the file: %s", linter.Plain(je.Msg))
					continue
				}
				c.Report(f.Source.Path, span, "", "not valid JSON: %s; Composer stops on it, and the rules that read it cannot check it",
					linter.Plain(jsonErrorMessage(je)))
			}
			for _, s := range c.Project.BOMComposerFiles() {
				// The rest of the file is read and checked: only Composer
				// stops on it.
				c.Report(s.Path, phpconf.Span{Start: position.Pos{Line: 1, Col: 1}, End: position.Pos{Line: 1, Col: 1}}, "",
					"the file starts with a UTF-8 byte order mark (BOM): Composer stops on it (\"BOM detected, make sure your input does not include a Unicode Byte-Order-Mark\"); save it as UTF-8 without BOM")
			}
		},
	})
}

// jsonErrorMessage is the syntax error's message with the character it
// quotes masked unless it is JSON punctuation: a stray letter or digit may
// be part of a credential (auth.json holds nothing else), while `}` or `,`
// is what tells the user where the syntax went wrong. The file did not
// parse, so the redactor does not know its secrets.
func jsonErrorMessage(e *jsonpos.Error) string {
	if e.Quoted == "" {
		return e.Msg
	}
	switch e.Quoted {
	case "character '{'", "character '}'", "character '['", "character ']'", "character ','",
		"character ':'", "character '\"'":
		return e.Msg
	}
	return strings.Replace(e.Msg, e.Quoted, "character "+redact.Mask, 1)
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
