package rules

import (
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS103", Name: "servicebus-not-array", Severity: linter.Error,
		Summary: "'serviceBus' holds something other than an array, so the connector finds none of its settings.",
		Check: func(c *linter.Context) {
			sb := c.ServiceBus()
			if !sb.Present || sb.Value == nil {
				return
			}
			switch sb.Value.Kind {
			case phpconf.KindArray, phpconf.KindExpr: // KindExpr: OMS004
				return
			}
			o := sb.Section
			file, span := linter.OriginSpan(o)
			where := ""
			switch {
			case o.Src != nil:
				span = o.Src.Tree.Span(o.Elem.Value.Range)
				if o.Layer == effective.LayerConfig {
					where = " (in config.php)"
				}
			case o.Var != nil:
				where = " (in " + o.Var.Describe() + ")"
			}
			c.Report(file, span, ServiceBusKey, "'serviceBus' holds %s; expected an array of the connector settings (%s)%s",
				linter.Plain(kindPhrase(sb.Value)), linter.Plain(connector.PHPNames()), linter.Plain(where))
		},
	})
}
