package rules

import (
	"github.com/omslint/omslint/connector"
	"strings"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS107", Name: "value-empty", Severity: linter.Error,
		Summary: "A serviceBus string value is empty or only white space.",
		Check: func(c *linter.Context) {
			for _, k := range connector.Keys {
				el := sbLiteral(c, k.PHP)
				if k.Bool || el == nil || el.Value.Kind != phpconf.KindString {
					continue
				}
				switch {
				case el.Value.Str == "":
					c.ReportEntry(el, "'%s' is empty; expected %s", el.Path(), k.Expect)
				case strings.TrimSpace(el.Value.Str) == "":
					c.ReportEntry(el, "'%s' holds only white space; expected %s", el.Path(), k.Expect)
				}
			}
		},
	})
}
