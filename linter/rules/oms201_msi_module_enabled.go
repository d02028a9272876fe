package rules

import (
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS201", Name: "msi-module-enabled", Severity: linter.Error, Fixable: true,
		Summary: "A Magento_Inventory* (MSI) module is enabled although the OMS connector manages stock; every MSI module except Magento_InventoryMessageBus must be 0.",
		Check: func(c *linter.Context) {
			if !connectorConfigRule(c) {
				return
			}
			_, mods := configModules(c)
			moduleItems(mods, func(name string, el *phpconf.Element) {
				if !magento.IsMSIModule(name) || moduleStateOf(el.Value) != moduleEnabled {
					return
				}
				f := c.ReportAt(c.Project.Config, el.Value.Range, el.Path(),
					"MSI module %s is enabled: with the OMS connector, stock comes from OMS and every Magento_Inventory* module except %s must be 0",
					name, magento.InventoryMessageBusModule)
				f.Fix = setModuleFix(el, "0")
			})
		},
	})
}
