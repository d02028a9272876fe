package rules

import (
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS122", Name: "secure-endpoint-false", Severity: linter.Warning,
		Summary: "serviceBus.secure_endpoint is false, where every published example uses true.",
		Check: func(c *linter.Context) {
			el := sbLiteral(c, "secure_endpoint")
			if el == nil || el.Value.Kind != phpconf.KindBool || el.Value.Bool {
				return
			}
			c.ReportEntry(el, "'%s' is false; every published example uses true (what the connector does with false is not documented)", el.Path())
		},
	})
}
