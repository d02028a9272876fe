package rules

import (
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS201", Name: "msi-module-enabled", Severity: linter.Error, Fixable: true,
		Summary: "A Magento_Inventory* (MSI) module is enabled although the OMS connector manages stock; every MSI module except Magento_InventoryMessageBus must be 0.",
		Check: func(c *linter.Context) {
			if !connectorConfigRule(c) {
				return
			}
			list, _, _ := effectiveModules(c)
			for _, s := range list {
				if !magento.IsMSIModule(s.name) || moduleStateOf(s.value) != moduleEnabled {
					continue
				}
				f := s.report(c, "MSI module %s is enabled: with the OMS connector, stock comes from OMS and every Magento_Inventory* module except %s must be 0%s",
					s.name, magento.InventoryMessageBusModule, moduleWhere(c, s))
				f.Fix = s.fix("0")
			}
		},
	})
}
