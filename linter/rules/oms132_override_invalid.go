package rules

import (
	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS132", Name: "override-invalid", Severity: linter.Error,
		Summary: "MAGENTO_DC__OVERRIDE is not valid JSON, or not a JSON object (Magento ignores invalid JSON silently).",
		Check: func(c *linter.Context) {
			o := c.ServiceBus().Override
			if o == nil || o.Err == "" {
				return
			}
			file, span := o.Var.Where(o.ErrOff)
			what := "Magento ignores it without a message, so the connector runs with the files' settings (or none)"
			if o.Fatal {
				what = "set it to a JSON object such as {\"serviceBus\":{...}}"
			}
			c.Report(file, span, effective.OverrideVar, "%s is %s; %s", linter.Plain(o.Var.Describe()), linter.Plain(o.Err), linter.Plain(what))
		},
	})
}
