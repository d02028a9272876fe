// Package magento holds what omslint knows about Magento and the OMS
// connector as data: connector packages and modules, known connector
// defects, and Composer/Magento version handling. Each fact names its
// source (docs/domain.md cites the originals).
package magento

import "strings"

// Package is a Composer package of the connector.
type Package struct {
	Name string
	// Meta is true for magento/mcom-connector, which only pulls in the
	// module packages.
	Meta   bool
	Source string
}

// ConnectorMetaPackage is the package `composer require` installs.
const ConnectorMetaPackage = "magento/mcom-connector"

// ConnectorPackages are the connector's Composer packages (domain.md §3).
var ConnectorPackages = []Package{
	{Name: ConnectorMetaPackage, Meta: true, Source: "OMS setup tutorial: `composer require magento/mcom-connector`"},
	{Name: "magento/module-service-bus", Source: "connector setups (domain.md §3); rules.md connector detection"},
	{Name: "magento/module-inventory-message-bus", Source: "OMS setup tutorial, per-module install (`~0.1`)"},
	{Name: "magento/module-sales-message-bus", Source: "OMS setup tutorial, per-module install (`~0.1`)"},
	{Name: "magento/module-catalog-message-bus", Source: "OMS setup tutorial, per-module install (`~0.1`)"},
}

// Module is a Magento module (config.php name) of the connector.
type Module struct {
	Name string
	// Confirmed is true when the official OMS docs print the name
	// verbatim; the others were seen in connector setups only, so a rule
	// should not claim a missing one must exist.
	Confirmed bool
	Source    string
}

// InventoryMessageBusModule is the connector module whose name looks like
// MSI but must stay enabled (OMS202).
const InventoryMessageBusModule = "Magento_InventoryMessageBus"

// ConnectorModules are the connector's module names (domain.md §3).
var ConnectorModules = []Module{
	{Name: "Magento_ServiceBus", Source: "connector setups (domain.md §3)"},
	{Name: "Magento_CommonMessageBus", Source: "connector setups (domain.md §3)"},
	{Name: "Magento_CatalogMessageBus", Source: "connector setups (domain.md §3)"},
	{Name: InventoryMessageBusModule, Confirmed: true, Source: "OMS docs (setup tutorial, stock troubleshooting); magento/inventory issue 1929"},
	{Name: "Magento_SalesMessageBus", Source: "connector setups (domain.md §3)"},
	{Name: "Magento_PostsalesMessageBus", Source: "connector setups (domain.md §3)"},
	{Name: "Magento_MessageBusLog", Source: "connector setups (domain.md §3)"},
	{Name: "Magento_AmqpMessageBus", Source: "connector setups (domain.md §3)"},
	{Name: "Magento_McomMultipleLocationInventory", Source: "connector setups (domain.md §3)"},
	{Name: "Magento_McomTransactionalEmails", Source: "connector setups (domain.md §3)"},
}

// IsConnectorPackage reports whether name is a connector Composer package.
// Composer package names are case-insensitive.
func IsConnectorPackage(name string) bool {
	for _, p := range ConnectorPackages {
		if strings.EqualFold(p.Name, name) {
			return true
		}
	}
	return false
}

// IsConnectorModule reports whether name is a connector module. Module
// names are compared exactly: Magento's config.php keys are case-sensitive.
func IsConnectorModule(name string) bool {
	for _, m := range ConnectorModules {
		if m.Name == name {
			return true
		}
	}
	return false
}

// IsMSIModule reports whether name is a Multi-Source Inventory module, which
// must be disabled with OMS: every Magento_Inventory* module (including
// Magento_Inventory itself) except Magento_InventoryMessageBus, which is
// the connector's (setup tutorial prerequisite; devdocs "Disable Inventory
// Management"; magento/inventory issue 1929 for the exception).
// Magento_CatalogInventory is the legacy stock module, not MSI.
func IsMSIModule(name string) bool {
	return strings.HasPrefix(name, "Magento_Inventory") && name != InventoryMessageBusModule
}
