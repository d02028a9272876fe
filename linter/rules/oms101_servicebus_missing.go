package rules

import (
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS101", Name: "servicebus-missing", Severity: linter.Error,
		Summary: "env.php has no top-level 'serviceBus' block, so the connector has no MIB URL or credentials.",
		Check: func(c *linter.Context) {
			t := c.EnvTree()
			if t == nil || c.ServiceBus().Present {
				return // config.php or MAGENTO_DC__OVERRIDE may set it
			}
			// A shop that does not use the connector needs no serviceBus:
			// the error stands only when a file shows the connector or
			// none can tell (a lone env.php).
			if c.Project.Connector() == magento.ConnectorNotUsed {
				return
			}
			for _, el := range t.Root.Items {
				if el.Key.Str == ServiceBusKey && !el.Key.IsInt && !el.Key.Dynamic {
					return
				}
				if serviceBusNearMiss(el.Key) {
					return // OMS102 reports the misspelling
				}
			}
			c.ReportAt(c.Project.Env, arrayOpening(t.Root), "", "no top-level 'serviceBus' key: the OMS connector has no MIB URL, OAuth credentials or shared secret")
		},
	})
}

// arrayOpening spans `[` or `array (`: where a finding about a missing key
// of that array points.
func arrayOpening(a *phpconf.Array) phpconf.Range {
	return phpconf.Range{Start: a.Range.Start, End: a.Open.End}
}
