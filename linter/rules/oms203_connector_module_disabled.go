package rules

import (
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS203", Name: "connector-module-disabled", Severity: linter.Error, Fixable: true,
		Summary: "A module of the OMS connector is listed in config.php with 0 (disabled).",
		Check: func(c *linter.Context) {
			if !connectorConfigRule(c) {
				return
			}
			_, mods := configModules(c)
			moduleItems(mods, func(name string, el *phpconf.Element) {
				// Magento_InventoryMessageBus is a connector module too,
				// but OMS202 is its own, more specific rule: one problem,
				// one finding.
				if name == magento.InventoryMessageBusModule || !magento.IsConnectorModule(name) {
					return
				}
				if moduleStateOf(el.Value) != moduleDisabled {
					return
				}
				f := c.ReportAt(c.Project.Config, el.Value.Range, el.Path(),
					"OMS connector module %s is disabled: the OMS messages it handles are not exchanged with OMS", name)
				f.Fix = setModuleFix(el, "1")
			})
		},
	})
}
