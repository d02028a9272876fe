package rules

import (
	"slices"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS202", Name: "inventory-message-bus-disabled", Severity: linter.Error, Fixable: true,
		Summary: "Magento_InventoryMessageBus, the connector module that receives stock from OMS, is disabled or absent in config.php.",
		Check: func(c *linter.Context) {
			if !connectorConfigRule(c) {
				return
			}
			const name = magento.InventoryMessageBusModule
			modsEl, mods := configModules(c)
			cfg := c.Project.Config
			if modsEl == nil {
				// No 'modules' key at all: point at the returned array.
				c.ReportAt(cfg, arrayOpening(c.ConfigTree().Root), "modules."+name,
					"config.php has no 'modules' array, so %s is not installed: the connector cannot receive stock from OMS", name)
				return
			}
			if mods == nil {
				return // 'modules' is an expression: not checkable
			}
			list, override, ok := effectiveModules(c)
			if !ok {
				return
			}
			i := slices.IndexFunc(list, func(s moduleSetting) bool { return s.name == name })
			if i < 0 && override != nil {
				c.ReportOrigin(*override, "modules."+name,
					"%s is not in the 'modules' of %s, which replaces the files' list: the connector module that receives stock from OMS is not enabled", name, linter.Plain(override.Var.Describe()))
				return
			}
			if i < 0 {
				c.ReportAt(cfg, modsEl.Key.Range, "modules."+name,
					"%s is not in config.php: the connector module that receives stock from OMS is not installed", name)
				return
			}
			s := list[i]
			if moduleStateOf(s.value) != moduleDisabled {
				return
			}
			f := s.report(c, "%s is disabled: it belongs to the OMS connector (not to MSI) and must stay enabled, or stock updates from OMS are dropped%s", name, moduleWhere(c, s))
			f.Fix = s.fix("1")
		},
	})
}
