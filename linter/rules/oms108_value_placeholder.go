package rules

import (
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS108", Name: "value-placeholder", Severity: linter.Error,
		Summary: "A serviceBus value is a template placeholder (<...>, {{...}}, ${...}, %...%, changeme, your_..., xxx) that was never filled in.",
		Check: func(c *linter.Context) {
			for _, k := range connector.Keys {
				el := sbLiteral(c, k.PHP)
				if k.Bool || el == nil || el.Value.Kind != phpconf.KindString || !isPlaceholder(el.Value.Str) {
					continue
				}
				if k.Secret {
					c.ReportEntry(el, "'%s' is a template placeholder, not a real value; expected %s", el.Path(), k.Expect)
					continue
				}
				c.ReportEntry(el, "'%s' is a template placeholder (%s), not a real value; expected %s", el.Path(), valueText(el), k.Expect)
			}
		},
	})
}
