package rules

import (
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS203", Name: "connector-module-disabled", Severity: linter.Error, Fixable: true,
		Summary: "A module of the OMS connector is listed in config.php with 0 (disabled).",
		Check: func(c *linter.Context) {
			if !connectorConfigRule(c) {
				return
			}
			list, _, _ := effectiveModules(c)
			for _, s := range list {
				// Magento_InventoryMessageBus is a connector module too,
				// but OMS202 is its own, more specific rule: one problem,
				// one finding.
				if s.name == magento.InventoryMessageBusModule || !magento.IsConnectorModule(s.name) {
					continue
				}
				if moduleStateOf(s.value) != moduleDisabled {
					continue
				}
				f := s.report(c, "OMS connector module %s is disabled: the OMS messages it handles are not exchanged with OMS%s", s.name, moduleWhere(c, s))
				f.Fix = s.fix("1")
			}
		},
	})
}
