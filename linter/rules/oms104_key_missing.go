package rules

import (
	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS104", Name: "key-missing", Severity: linter.Error, Fixable: true,
		Summary: "One of the seven required serviceBus keys is absent (an error; a warning for secure_endpoint, which --fix inserts as true).",
		Check: func(c *linter.Context) {
			sb := sbBlock(c)
			if sb == nil || sb.DynamicKey {
				return // a dynamic key may be any of them: OMS004 says so
			}
			if repositoryBlock(c, sb) {
				return // each environment's env.php adds them: OMS007
			}
			var rn renames
			for _, k := range missingKeys(sb) {
				where := ""
				switch {
				case sb.Section.Layer == effective.OverrideVar:
					where = " (" + sb.Section.Var.Describe() + " replaces the whole section)"
				case len(sb.Layers) > 1:
					where = " (neither config.php nor env.php sets it)"
				case sb.Section.Layer == effective.LayerConfig:
					where = " (the block is in config.php)"
				}
				f := c.ReportOrigin(sb.Section, ServiceBusKey+"."+k.PHP,
					"'serviceBus' has no '%s' key; expected %s%s", linter.Plain(k.PHP), linter.Plain(k.Expect), linter.Plain(where))
				if !k.Bool {
					continue
				}
				f.Severity = linter.Warning
				// When an unknown key is a typo of secure_endpoint, OMS105
				// renames it; inserting too would make a duplicate.
				if rn.to == nil {
					rn = blockRenames(sb)
				}
				if rn.target[k.PHP] != nil {
					f.Hint = "OMS105 renames the misspelled key instead"
					continue
				}
				if sb.Section.Src == nil {
					continue // the override: set it there
				}
				f.Fix = &linter.Fix{
					Description: "insert 'secure_endpoint' => true",
					Edits:       []phpconf.Edit{phpconf.InsertElement(sb.Section.Src.Tree, sb.Section.Elem.Value.Array, k.PHP, "true")},
				}
			}
		},
	})
}
