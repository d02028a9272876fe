package rules

import (
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS103", Name: "servicebus-not-array", Severity: linter.Error,
		Summary: "'serviceBus' holds something other than an array, so the connector finds none of its settings.",
		Check: func(c *linter.Context) {
			el := serviceBus(c)
			if el == nil || el.Value == nil {
				return
			}
			switch el.Value.Kind {
			case phpconf.KindArray, phpconf.KindExpr: // KindExpr: OMS004
				return
			}
			c.ReportEnv(el, "'serviceBus' holds %s; expected an array of the connector settings (%s)",
				kindPhrase(el.Value), connector.PHPNames())
		},
	})
}
