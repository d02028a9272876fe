package rules

import (
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS104", Name: "key-missing", Severity: linter.Error, Fixable: true,
		Summary: "One of the seven required serviceBus keys is absent (an error; a warning for secure_endpoint, which --fix inserts as true).",
		Check: func(c *linter.Context) {
			sb, a := sbBlock(c)
			if a == nil {
				return
			}
			for _, el := range a.Items {
				if el.Key.Dynamic {
					return // the key may be any of the seven: OMS004 says so
				}
			}
			for _, k := range connector.Keys {
				if k.Optional || a.Get(k.PHP) != nil {
					continue
				}
				f := c.ReportAt(c.Project.Env, sb.Key.Range, ServiceBusKey+"."+k.PHP,
					"'serviceBus' has no '%s' key; expected %s", k.PHP, k.Expect)
				if !k.Bool {
					continue
				}
				f.Severity = linter.Warning
				// When an unknown key is a typo of secure_endpoint, OMS105
				// renames it; inserting too would make a duplicate.
				if blockRenames(a).target[k.PHP] != nil {
					f.Hint = "OMS105 renames the misspelled key instead"
					continue
				}
				f.Fix = &linter.Fix{
					Description: "insert 'secure_endpoint' => true",
					Edits:       []phpconf.Edit{phpconf.InsertElement(c.EnvTree(), a, k.PHP, "true")},
				}
			}
		},
	})
}
