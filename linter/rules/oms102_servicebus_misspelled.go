package rules

import (
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS102", Name: "servicebus-misspelled", Severity: linter.Error, Fixable: true,
		Summary: "A top-level key is a misspelling of 'serviceBus' (servicebus, service_bus, ServiceBus): the connector does not read it.",
		Check: func(c *linter.Context) {
			t := c.EnvTree()
			if t == nil || t.Root.Get(ServiceBusKey) != nil {
				return
			}
			var misses []*phpconf.Element
			for _, el := range t.Root.Items {
				if serviceBusNearMiss(el.Key) {
					misses = append(misses, el)
				}
			}
			consequence := "so it sees no serviceBus configuration at all"
			if sb := c.ServiceBus(); sb.Present {
				consequence = "so it ignores this block and reads only the one in " + sb.Section.Layer
			}
			for _, el := range misses {
				f := c.ReportAt(c.Project.Env, el.Key.Range, el.Path(),
					"top-level key '%s' is not 'serviceBus': the connector reads only the exact camelCase key, %s", el.Key.Str, linter.Plain(consequence))
				// Renaming two near misses would make a duplicate key: fix
				// only a lone one.
				if len(misses) == 1 {
					f.Fix = &linter.Fix{
						Description: "rename '" + el.Key.Str + "' to 'serviceBus'",
						Edits:       []phpconf.Edit{phpconf.RenameKey(t, el, ServiceBusKey)},
					}
				}
			}
		},
	})
}
