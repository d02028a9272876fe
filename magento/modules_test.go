package magento

import "testing"

func TestIsConnectorModule(t *testing.T) {
	tests := map[string]bool{
		"Magento_ServiceBus":                    true,
		"Magento_InventoryMessageBus":           true,
		"Magento_McomTransactionalEmails":       true,
		"Magento_McomMultipleLocationInventory": true,
		"magento_servicebus":                    false,
		"Magento_Inventory":                     false,
		"Magento_Sales":                         false,
		"":                                      false,
	}
	for name, want := range tests {
		if got := IsConnectorModule(name); got != want {
			t.Errorf("IsConnectorModule(%q) = %v", name, got)
		}
	}
}

func TestIsMSIModule(t *testing.T) {
	tests := map[string]bool{
		"Magento_Inventory":                    true,
		"Magento_InventoryApi":                 true,
		"Magento_InventorySales":               true,
		"Magento_InventoryCatalogAdminUi":      true,
		"Magento_InventoryMessageBus":          false,
		"Magento_CatalogInventory":             false,
		"Magento_ServiceBus":                   false,
		"magento_inventoryapi":                 false,
		"Vendor_InventoryExtra":                false,
		"Magento_InventoryMessageBusExtension": true, // only the exact connector name is exempt
	}
	for name, want := range tests {
		if got := IsMSIModule(name); got != want {
			t.Errorf("IsMSIModule(%q) = %v", name, got)
		}
	}
}

func TestIsConnectorPackage(t *testing.T) {
	tests := map[string]bool{
		"magento/mcom-connector":               true,
		"Magento/MCOM-Connector":               true,
		"magento/module-service-bus":           true,
		"magento/module-inventory-message-bus": true,
		"magento/module-catalog-message-bus":   true,
		"magento/module-sales-message-bus":     true,
		"magento/module-inventory":             false,
		"magento/product-community-edition":    false,
	}
	for name, want := range tests {
		if got := IsConnectorPackage(name); got != want {
			t.Errorf("IsConnectorPackage(%q) = %v", name, got)
		}
	}
}

func TestConnectorDataHasSources(t *testing.T) {
	confirmed := 0
	for _, m := range ConnectorModules {
		if m.Source == "" {
			t.Errorf("module %s has no source", m.Name)
		}
		if m.Confirmed {
			confirmed++
		}
	}
	// domain.md §3: only Magento_InventoryMessageBus is confirmed verbatim.
	if confirmed != 1 {
		t.Errorf("%d confirmed modules, want 1", confirmed)
	}
	meta := 0
	for _, p := range ConnectorPackages {
		if p.Source == "" {
			t.Errorf("package %s has no source", p.Name)
		}
		if p.Meta {
			meta++
		}
	}
	if meta != 1 || len(ConnectorPackages) != 5 || len(ConnectorModules) != 10 {
		t.Errorf("package/module tables changed: %d meta, %d packages, %d modules", meta, len(ConnectorPackages), len(ConnectorModules))
	}
}
