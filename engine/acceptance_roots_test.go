package engine_test

// Set B of the acceptance test: real-world shaped Magento roots (env.php,
// config.php with the module list of a 2.4 install and the MSI family
// disabled, composer.json, composer.lock with packages arrays, auth.json)
// with one fault each (OMS2xx, OMS3xx, OMS401). Set C: .omslint.yaml
// environment profiles (OMS403, OMS501-OMS504, OMS113 under production).

import (
	"fmt"
	"github.com/omslint/omslint/internal/testcorpus"
	"os"
	"strings"
	"testing"

	"github.com/omslint/omslint/linter"
)

var coreModules = strings.Fields(`Magento_Store Magento_Directory Magento_Config Magento_Theme Magento_Backend
Magento_Eav Magento_Customer Magento_AdminAnalytics Magento_AdminNotification Magento_AdvancedPricingImportExport
Magento_Amqp Magento_Indexer Magento_Cms Magento_Catalog Magento_CatalogImportExport Magento_CatalogInventory
Magento_CatalogRule Magento_CatalogSearch Magento_CatalogUrlRewrite Magento_CatalogWidget Magento_Checkout
Magento_CheckoutAgreements Magento_CmsUrlRewrite Magento_ConfigurableProduct Magento_Contact Magento_Cookie
Magento_Cron Magento_Csp Magento_CurrencySymbol Magento_Analytics Magento_Deploy Magento_Developer
Magento_Dhl Magento_Downloadable Magento_Elasticsearch Magento_Elasticsearch7 Magento_OpenSearch Magento_Email
Magento_EncryptionKey Magento_Fedex Magento_GiftMessage Magento_GoogleAdwords Magento_GoogleAnalytics
Magento_GoogleGtag Magento_GoogleOptimizer Magento_GraphQl Magento_GraphQlCache Magento_GroupedProduct
Magento_ImportExport Magento_Integration Magento_InstantPurchase Magento_JwtUserToken Magento_LayeredNavigation
Magento_LoginAsCustomer Magento_LoginAsCustomerAdminUi Magento_LoginAsCustomerApi Magento_Marketplace
Magento_MediaContent Magento_MediaContentApi Magento_MediaGallery Magento_MediaGalleryApi Magento_MediaStorage
Magento_MessageQueue Magento_Msrp Magento_MysqlMq Magento_Multishipping Magento_NewRelicReporting
Magento_Newsletter Magento_OfflinePayments Magento_OfflineShipping Magento_PageCache Magento_Payment
Magento_Paypal Magento_PaypalCaptcha Magento_Persistent Magento_ProductAlert Magento_ProductVideo
Magento_Quote Magento_QuoteAnalytics Magento_QuoteGraphQl Magento_ReCaptchaAdminUi Magento_ReCaptchaCheckout
Magento_ReCaptchaUi Magento_ReCaptchaValidation Magento_ReCaptchaValidationApi Magento_RelatedProductGraphQl
Magento_ReleaseNotification Magento_RemoteStorage Magento_Reports Magento_RequireJs Magento_Review
Magento_Robots Magento_Rss Magento_Rule Magento_Sales Magento_SalesAnalytics Magento_SalesGraphQl
Magento_SalesInventory Magento_SalesRule Magento_SalesSequence Magento_SampleData Magento_Search
Magento_Security Magento_SendFriend Magento_Shipping Magento_Sitemap Magento_Swatches Magento_SwatchesGraphQl
Magento_Tax Magento_TaxImportExport Magento_Translation Magento_TwoFactorAuth Magento_Ui Magento_Ups
Magento_UrlRewrite Magento_UrlRewriteGraphQl Magento_User Magento_Usps Magento_Variable Magento_Vault
Magento_Version Magento_Webapi Magento_WebapiAsync Magento_WebapiSecurity Magento_Weee Magento_Widget
Magento_Wishlist Magento_WishlistAnalytics Magento_WishlistGraphQl Magento_Bundle Magento_BundleImportExport
Magento_CacheInvalidate Magento_Captcha Magento_CardinalCommerce Magento_CatalogCmsGraphQl
Magento_CatalogCustomerGraphQl Magento_CatalogGraphQl Magento_CatalogInventoryGraphQl Magento_CatalogPageBuilderAnalytics
Magento_ComposerRootUpdatePlugin Magento_ConfigurableImportExport Magento_ConfigurableProductGraphQl
Magento_ConfigurableProductSales Magento_CustomerAnalytics Magento_CustomerDownloadableGraphQl
Magento_CustomerGraphQl Magento_CustomerImportExport Magento_DirectoryGraphQl Magento_DownloadableGraphQl
Magento_DownloadableImportExport Magento_EavGraphQl Magento_GiftMessageGraphQl Magento_GraphQlServer
Magento_GroupedCatalogInventory Magento_GroupedImportExport Magento_GroupedProductGraphQl Magento_PageBuilder
Magento_PageBuilderAnalytics Magento_PaymentGraphQl Magento_PaypalGraphQl Magento_ReviewAnalytics
Magento_ReviewGraphQl Magento_SendFriendGraphQl Magento_StoreGraphQl Magento_TaxGraphQl Magento_ThemeGraphQl
Magento_VaultGraphQl Magento_WeeeGraphQl PayPal_Braintree PayPal_BraintreeGraphQl Vertex_AddressValidationApi
Yotpo_Yotpo Dotdigitalgroup_Email Dotdigitalgroup_Chat Klarna_Core Klarna_Ordermanagement Amazon_Core
Amazon_Login Amazon_Payment Acme_InventorySync Acme_Checkout`)

var msiModules = strings.Fields(`Magento_Inventory Magento_InventoryAdminUi Magento_InventoryAdvancedCheckout
Magento_InventoryApi Magento_InventoryBundleImportExport Magento_InventoryBundleProduct Magento_InventoryBundleProductAdminUi
Magento_InventoryBundleProductIndexer Magento_InventoryCache Magento_InventoryCatalog Magento_InventoryCatalogAdminUi
Magento_InventoryCatalogApi Magento_InventoryCatalogFrontendUi Magento_InventoryCatalogSearch
Magento_InventoryCatalogSearchBundleProduct Magento_InventoryCatalogSearchConfigurableProduct
Magento_InventoryConfigurableProduct Magento_InventoryConfigurableProductFrontendUi Magento_InventoryConfigurableProductIndexer
Magento_InventoryConfiguration Magento_InventoryConfigurationApi Magento_InventoryDistanceBasedSourceSelection
Magento_InventoryDistanceBasedSourceSelectionAdminUi Magento_InventoryDistanceBasedSourceSelectionApi
Magento_InventoryElasticsearch Magento_InventoryExportStock Magento_InventoryExportStockApi Magento_InventoryGraphQl
Magento_InventoryGroupedProduct Magento_InventoryGroupedProductAdminUi Magento_InventoryGroupedProductIndexer
Magento_InventoryImportExport Magento_InventoryInStorePickup Magento_InventoryInStorePickupAdminUi
Magento_InventoryInStorePickupApi Magento_InventoryInStorePickupFrontend Magento_InventoryInStorePickupGraphQl
Magento_InventoryInStorePickupMultishipping Magento_InventoryInStorePickupQuote Magento_InventoryInStorePickupQuoteGraphQl
Magento_InventoryInStorePickupSales Magento_InventoryInStorePickupSalesAdminUi Magento_InventoryInStorePickupSalesApi
Magento_InventoryInStorePickupShipping Magento_InventoryInStorePickupShippingAdminUi Magento_InventoryInStorePickupShippingApi
Magento_InventoryInStorePickupWebapiExtension Magento_InventoryIndexer Magento_InventoryLowQuantityNotification
Magento_InventoryLowQuantityNotificationAdminUi Magento_InventoryLowQuantityNotificationApi
Magento_InventoryMultiDimensionalIndexerApi Magento_InventoryProductAlert Magento_InventoryQuoteGraphQl
Magento_InventoryRequisitionList Magento_InventoryReservationCli Magento_InventoryReservations
Magento_InventoryReservationsApi Magento_InventoryResult Magento_InventorySales Magento_InventorySalesAdminUi
Magento_InventorySalesApi Magento_InventorySalesAsyncOrder Magento_InventorySalesFrontendUi
Magento_InventorySetupFixtureGenerator Magento_InventoryShipping Magento_InventoryShippingAdminUi
Magento_InventorySourceDeductionApi Magento_InventorySourceSelection Magento_InventorySourceSelectionApi
Magento_InventorySwatchesFrontendUi Magento_InventoryVisualMerchandiser Magento_InventoryWishlist`)

var connModules = []string{"Magento_ServiceBus", "Magento_CommonMessageBus", "Magento_CatalogMessageBus",
	"Magento_InventoryMessageBus", "Magento_SalesMessageBus", "Magento_PostsalesMessageBus", "Magento_MessageBusLog",
	"Magento_AmqpMessageBus", "Magento_McomMultipleLocationInventory", "Magento_McomTransactionalEmails"}

// rootSpec describes one real-world shaped checkout.
type rootSpec struct {
	mageMode   string
	serviceBus bool
	modules    map[string]string // module -> value literal; "" drops it
	withScopes bool
	// composer
	requireConnector bool
	connector        string // locked version of magento/mcom-connector; "" none
	magentoPkg       string
	magentoVer       string
	legacyRepo       bool
	legacyAuth       bool
	noComposer       bool
}

func defaultRoot() rootSpec {
	m := map[string]string{}
	for _, n := range coreModules {
		m[n] = "1"
	}
	for _, n := range msiModules {
		m[n] = "0"
	}
	for _, n := range connModules {
		m[n] = "1"
	}
	m["Magento_TwoFactorAuth"] = "0"
	return rootSpec{mageMode: "production", serviceBus: true, modules: m, withScopes: true, requireConnector: true,
		connector: "4.5.0", magentoPkg: "magento/product-community-edition", magentoVer: "2.4.6"}
}

func (r rootSpec) envPHP(t *testing.T) string {
	b, err := os.ReadFile(corpusDir(t) + "/24-gigatodadze-alldigital.php")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(b), "'MAGE_MODE' => 'production'", "'MAGE_MODE' => '"+r.mageMode+"'", 1)
	if !r.serviceBus {
		return src
	}
	lines, _ := layout{ind: "    "}.block("'serviceBus'", nil, cleanEntries())
	out, _, _ := insertBlock(src, lines)
	return out
}

func (r rootSpec) configPHP() string {
	var b strings.Builder
	b.WriteString("<?php\nreturn [\n    'modules' => [\n")
	var names []string
	names = append(names, coreModules...)
	names = append(names, msiModules...)
	names = append(names, connModules...)
	first := true
	for _, n := range names {
		v, ok := r.modules[n]
		if !ok || v == "" {
			continue
		}
		if !first {
			b.WriteString(",\n")
		}
		first = false
		fmt.Fprintf(&b, "        '%s' => %s", n, v)
	}
	b.WriteString("\n    ]")
	if r.withScopes {
		b.WriteString(`,
    'scopes' => [
        'websites' => [
            'admin' => [
                'website_id' => '0',
                'code' => 'admin',
                'name' => 'Admin',
                'sort_order' => '0',
                'default_group_id' => '0',
                'is_default' => '0'
            ],
            'base' => [
                'website_id' => '1',
                'code' => 'base',
                'name' => 'Main Website',
                'sort_order' => '0',
                'default_group_id' => '1',
                'is_default' => '1'
            ],
            'b2b' => [
                'website_id' => '2',
                'code' => 'b2b',
                'name' => 'B2B Website',
                'sort_order' => '1',
                'default_group_id' => '2',
                'is_default' => '0'
            ]
        ],
        'groups' => [
            0 => [
                'group_id' => '0',
                'website_id' => '0',
                'code' => 'default',
                'name' => 'Default',
                'root_category_id' => '0',
                'default_store_id' => '0'
            ]
        ],
        'stores' => [
            'admin' => [
                'store_id' => '0',
                'code' => 'admin',
                'website_id' => '0',
                'group_id' => '0',
                'name' => 'Admin',
                'sort_order' => '0',
                'is_active' => '1'
            ]
        ]
    ]`)
	}
	b.WriteString(",\n    'i18n' => [\n        'dictionaries' => [\n\n        ]\n    ]\n];\n")
	return b.String()
}

func (r rootSpec) composerJSON() string {
	req := `        "magento/composer-dependency-version-audit-plugin": "~0.1",
        "magento/composer-root-update-plugin": "^2.0.3",
        "` + r.magentoPkg + `": "` + r.magentoVer + `"`
	if r.requireConnector {
		req += `,
        "magento/mcom-connector": "^` + strings.TrimPrefix(r.connector, "v") + `"`
	}
	repos := `        {
            "type": "composer",
            "url": "https://repo.magento.com/"
        }`
	if r.legacyRepo {
		repos += `,
        {
            "type": "composer",
            "url": "https://mcom-connector.bcn.magento.com"
        }`
	}
	return `{
    "name": "acme/shop",
    "description": "eCommerce Platform for Growth (Community Edition)",
    "type": "project",
    "license": [
        "OSL-3.0",
        "AFL-3.0"
    ],
    "config": {
        "allow-plugins": {
            "dealerdirect/phpcodesniffer-composer-installer": true,
            "laminas/laminas-dependency-plugin": true,
            "magento/*": true
        },
        "preferred-install": "dist",
        "sort-packages": true
    },
    "version": "` + r.magentoVer + `",
    "require": {
` + req + `
    },
    "autoload": {
        "exclude-from-classmap": [
            "**/dev/**",
            "**/update/**",
            "**/Test/**"
        ],
        "files": [
            "app/etc/NonComposerComponentRegistration.php"
        ],
        "psr-0": {
            "": [
                "app/code/",
                "generated/code/"
            ]
        },
        "psr-4": {
            "Magento\\": "app/code/Magento/",
            "Magento\\Framework\\": "lib/internal/Magento/Framework/",
            "Magento\\Setup\\": "setup/src/Magento/Setup/"
        }
    },
    "minimum-stability": "stable",
    "prefer-stable": true,
    "repositories": [
` + repos + `
    ],
    "extra": {
        "magento-force": "override"
    }
}
`
}

func lockPackage(name, version, typ string, require map[string]string) string {
	var req []string
	for k, v := range require {
		req = append(req, fmt.Sprintf("                %q: %q", k, v))
	}
	reqs := "{}"
	if len(req) > 0 {
		reqs = "{\n" + strings.Join(req, ",\n") + "\n            }"
	}
	return `        {
            "name": "` + name + `",
            "version": "` + version + `",
            "dist": {
                "type": "zip",
                "url": "https://repo.magento.com/archives/` + name + `/` + strings.ReplaceAll(name, "/", "-") + `-` + version + `.0.zip",
                "shasum": "3e8f5c6f0c1c2b2d9a6b0f0f3f8b7e1c2d3a4b5c"
            },
            "require": ` + reqs + `,
            "type": "` + typ + `",
            "license": [
                "OSL-3.0",
                "AFL-3.0"
            ],
            "description": "Package ` + name + `",
            "time": "2023-03-14T10:12:45+00:00"
        }`
}

func (r rootSpec) composerLock() string {
	var pk []string
	pk = append(pk, lockPackage("laminas/laminas-code", "4.7.1", "library", map[string]string{"php": ">=7.4"}))
	pk = append(pk, lockPackage("magento/framework", "103.0.6", "magento2-library", map[string]string{"php": "~8.1.0||~8.2.0"}))
	pk = append(pk, lockPackage("magento/magento2-base", r.magentoVer, "magento2-component", nil))
	if r.connector != "" {
		pk = append(pk, lockPackage("magento/mcom-connector", r.connector, "metapackage", map[string]string{"magento/module-service-bus": r.connector}))
		pk = append(pk, lockPackage("magento/module-inventory-message-bus", "101.2.0", "magento2-module", nil))
		pk = append(pk, lockPackage("magento/module-service-bus", "101.2.0", "magento2-module", nil))
	}
	pk = append(pk, lockPackage("magento/module-catalog", "104.0.6", "magento2-module", nil))
	pk = append(pk, lockPackage(r.magentoPkg, r.magentoVer, "metapackage", map[string]string{"magento/framework": "103.0.6"}))
	pk = append(pk, lockPackage("monolog/monolog", "2.9.1", "library", nil))
	return `{
    "_readme": [
        "This file locks the dependencies of your project to a known state",
        "Read more about it at https://getcomposer.org/doc/01-basic-usage.md#installing-dependencies",
        "This file is @generated automatically"
    ],
    "content-hash": "0f8c0c1c3f7e5c3e6b4b2a8f1c9d8e7a",
    "packages": [
` + strings.Join(pk, ",\n") + `
    ],
    "packages-dev": [
` + lockPackage("phpunit/phpunit", "9.5.28", "library", nil) + `
    ],
    "aliases": [],
    "minimum-stability": "stable",
    "stability-flags": [],
    "prefer-stable": true,
    "prefer-lowest": false,
    "platform": [],
    "platform-dev": [],
    "plugin-api-version": "2.3.0"
}
`
}

func (r rootSpec) authJSON() string {
	s := `{
    "http-basic": {
        "repo.magento.com": {
            "username": "0123456789abcdef0123456789abcdef",
            "password": "fedcba9876543210fedcba9876543210"
        }`
	if r.legacyAuth {
		s += `,
        "mcom-connector.bcn.magento.com": {
            "username": "acme",
            "password": "legacy-token-0123"
        }`
	}
	return s + "\n    }\n}\n"
}

func (r rootSpec) files(t *testing.T) map[string]string {
	fs := map[string]string{envRel: r.envPHP(t), "app/etc/config.php": r.configPHP()}
	if !r.noComposer {
		fs["composer.json"] = r.composerJSON()
		fs["composer.lock"] = r.composerLock()
		fs["auth.json"] = r.authJSON()
	}
	return fs
}

// lineOf is the 1-based line of the n-th (1-based) occurrence of sub.
func lineOf(t *testing.T, s, sub string, n int) int {
	off := 0
	for i := 0; i < n; i++ {
		j := strings.Index(s[off:], sub)
		if j < 0 {
			t.Fatalf("%q not found", sub)
		}
		off += j + len(sub)
	}
	return strings.Count(s[:off], "\n") + 1
}

func corpusDir(t *testing.T) string { return testcorpus.Dir(t, "envphp") }

func rootCases(t *testing.T) []accCase {
	var cases []accCase
	const cfg, lock, cj, auth = "app/etc/config.php", "composer.lock", "composer.json", "auth.json"
	mk := func(name string, r rootSpec, wants func(fs map[string]string) []want) {
		fs := r.files(t)
		c := accCase{set: "B", name: name, files: fs, modes: map[string]os.FileMode{envRel: 0o600}}
		if wants != nil {
			c.wants = wants(fs)
		}
		cases = append(cases, c)
	}
	at := func(fs map[string]string, rule, file, sub string) want {
		return want{rule: rule, file: file, lines: []int{lineOf(t, fs[file], sub, 1)}}
	}
	connEntry := func(fs map[string]string, rule string) want {
		name := lineOf(t, fs[lock], `"name": "magento/mcom-connector"`, 1)
		return want{rule: rule, file: lock, lines: []int{name - 1, name, name + 1}}
	}
	// clean shapes
	mk("clean-4.5.0/2.4.6", defaultRoot(), nil)
	r := defaultRoot()
	r.connector, r.magentoVer = "v4.5.0", "2.4.6-p3"
	mk("clean-v4.5.0/2.4.6-p3", r, nil)
	r = defaultRoot()
	r.magentoPkg, r.magentoVer = "magento/product-enterprise-edition", "2.4.5-p1"
	mk("clean-commerce-2.4.5-p1", r, nil)
	r = defaultRoot()
	r.connector, r.magentoVer = "3.4.0", "2.3.7-p4"
	mk("clean-3.4.0/2.3.7", r, nil)
	r = defaultRoot()
	r.connector, r.magentoVer = "2.5.0", "2.2.11"
	mk("clean-2.5.0/2.2.11", r, nil)
	r = defaultRoot()
	r.connector, r.magentoVer, r.mageMode = "3.2.1", "2.3.4", "developer"
	mk("clean-3.2.1-developer-is-past-range", r, func(fs map[string]string) []want {
		// 3.2.1 is after 3.1.1–3.2.0 and is not 3.3.0: no defect
		return nil
	})
	r = defaultRoot()
	r.connector, r.magentoVer, r.mageMode = "3.4.0", "2.3.7", "developer"
	mk("clean-3.4.0-developer", r, nil)
	r = defaultRoot()
	r.noComposer = true
	mk("clean-no-composer", r, nil)
	// OMS201
	for _, m := range []string{"Magento_Inventory", "Magento_InventoryCatalog", "Magento_InventorySalesApi", "Magento_InventoryInStorePickupGraphQl"} {
		r = defaultRoot()
		r.modules[m] = "1"
		mod := m
		mk("msi-enabled-"+m, r, func(fs map[string]string) []want { return []want{at(fs, "OMS201", cfg, "'"+mod+"' => 1")} })
	}
	r = defaultRoot()
	for _, m := range msiModules {
		r.modules[m] = "1"
	}
	mk("msi-all-enabled", r, func(fs map[string]string) []want {
		var ws []want
		for _, m := range msiModules {
			ws = append(ws, at(fs, "OMS201", cfg, "'"+m+"' => 1"))
		}
		return ws
	})
	r = defaultRoot()
	r.modules["Acme_InventorySync"] = "1"
	r.modules["Magento_CatalogInventory"] = "1"
	mk("non-msi-inventory-names", r, nil)
	// OMS202
	r = defaultRoot()
	r.modules["Magento_InventoryMessageBus"] = "0"
	mk("imb-disabled", r, func(fs map[string]string) []want {
		return []want{at(fs, "OMS202", cfg, "'Magento_InventoryMessageBus' => 0")}
	})
	r = defaultRoot()
	r.modules["Magento_InventoryMessageBus"] = ""
	mk("imb-absent", r, func(fs map[string]string) []want { return []want{at(fs, "OMS202", cfg, "'modules'")} })
	// OMS203
	for _, m := range []string{"Magento_ServiceBus", "Magento_SalesMessageBus", "Magento_CommonMessageBus", "Magento_McomTransactionalEmails", "Magento_AmqpMessageBus"} {
		r = defaultRoot()
		r.modules[m] = "0"
		mod := m
		mk("connector-disabled-"+m, r, func(fs map[string]string) []want { return []want{at(fs, "OMS203", cfg, "'"+mod+"' => 0")} })
	}
	// OMS204: serviceBus in env.php, connector nowhere else
	r = defaultRoot()
	for _, m := range connModules {
		r.modules[m] = ""
	}
	r.connector, r.requireConnector = "", false
	mk("connector-not-installed", r, func(fs map[string]string) []want {
		return []want{{rule: "OMS204"}, {rule: "OMS202", file: cfg, lines: []int{lineOf(t, fs[cfg], "'modules'", 1)}, optional: true}}
	})
	// connector only in composer.lock: OMS2xx still run
	r = defaultRoot()
	r.serviceBus = false
	for _, m := range connModules {
		r.modules[m] = ""
	}
	r.requireConnector = false
	r.modules["Magento_InventoryCatalog"] = "1"
	mk("detected-by-lock-only", r, func(fs map[string]string) []want {
		open := lineOf(t, fs[envRel], "return [", 1)
		return []want{{rule: "OMS101", file: envRel, lines: []int{open}},
			at(fs, "OMS202", cfg, "'modules'"), at(fs, "OMS201", cfg, "'Magento_InventoryCatalog' => 1")}
	})
	// no connector anywhere: a shop that does not use the connector, so
	// no OMS2xx and no OMS101 (docs/usage.md "Shops without the
	// connector")
	r = defaultRoot()
	r.serviceBus = false
	for _, m := range connModules {
		r.modules[m] = ""
	}
	r.requireConnector, r.connector = false, ""
	r.modules["Magento_InventoryCatalog"] = "1"
	mk("no-connector-anywhere", r, func(fs map[string]string) []want {
		return nil
	})
	// OMS301
	r = defaultRoot()
	r.legacyRepo = true
	mk("legacy-repo-composer", r, func(fs map[string]string) []want {
		return []want{at(fs, "OMS301", cj, "mcom-connector.bcn.magento.com")}
	})
	r = defaultRoot()
	r.legacyAuth = true
	mk("legacy-repo-auth", r, func(fs map[string]string) []want {
		return []want{at(fs, "OMS301", auth, "mcom-connector.bcn.magento.com")}
	})
	// OMS302
	for _, c := range []struct{ conn, mag string }{
		{"3.1.1", "2.3.2"}, {"3.1.5", "2.3.3"}, {"3.2.0", "2.3.3"}, {"v3.2.0", "2.3.3"}, {"3.3.0", "2.3.5"},
		{"2.3.0", "2.2.8"}, {"2.4.0", "2.2.10"},
	} {
		r = defaultRoot()
		r.connector, r.magentoVer = c.conn, c.mag
		mk("defect-"+c.conn, r, func(fs map[string]string) []want { return []want{connEntry(fs, "OMS302")} })
	}
	for _, c := range []struct{ conn, mag string }{{"3.1.0", "2.3.2"}, {"3.4.0", "2.3.5"}, {"2.5.0", "2.2.10"}, {"2.2.0", "2.2.10"}, {"4.3.0", "2.4.4"}} {
		r = defaultRoot()
		r.connector, r.magentoVer = c.conn, c.mag
		mk("no-defect-"+c.conn, r, nil)
	}
	r = defaultRoot()
	r.connector, r.magentoVer = "3.2.0-p1", "2.3.3"
	mk("defect-3.2.0-p1", r, func(fs map[string]string) []want {
		w := connEntry(fs, "OMS302")
		w.optional = true
		return []want{w}
	})
	// 3.3.0-p1: Composer reads it as a patch release after 3.3.0; rules.md
	// lists exact 3.3.0 only, so either reading is accepted.
	r = defaultRoot()
	r.connector, r.magentoVer = "3.3.0-p1", "2.3.5"
	mk("defect-3.3.0-p1", r, func(fs map[string]string) []want {
		w := connEntry(fs, "OMS302")
		w.optional = true
		return []want{w}
	})
	// OMS303
	r = defaultRoot()
	r.connector, r.magentoVer, r.mageMode = "3.2.0", "2.3.3", "developer"
	mk("webapi-developer", r, func(fs map[string]string) []want {
		return []want{connEntry(fs, "OMS302"), at(fs, "OMS303", envRel, "'MAGE_MODE' => 'developer'")}
	})
	r = defaultRoot()
	r.connector, r.magentoVer, r.mageMode = "3.2.0", "2.3.3", "default"
	mk("webapi-default-mode", r, func(fs map[string]string) []want { return []want{connEntry(fs, "OMS302")} })
	// OMS304
	for _, c := range []struct{ conn, mag string }{{"4.5.0", "2.3.7"}, {"3.4.0", "2.4.6"}, {"2.5.0", "2.3.0"}, {"4.4.0", "2.2.11"}, {"v3.4.0", "2.4.0-p1"}} {
		r = defaultRoot()
		r.connector, r.magentoVer = c.conn, c.mag
		mk("mismatch-"+c.conn+"/"+c.mag, r, func(fs map[string]string) []want { return []want{connEntry(fs, "OMS304")} })
	}
	// harder real-world shapes
	mkf := func(name string, r rootSpec, mutate func(fs map[string]string), wants func(fs map[string]string) []want) {
		fs := r.files(t)
		mutate(fs)
		c := accCase{set: "B", name: name, files: fs, modes: map[string]os.FileMode{envRel: 0o600}}
		if wants != nil {
			c.wants = wants(fs)
		}
		cases = append(cases, c)
	}
	varExport := func(fs map[string]string) {
		// Magento 2.1/2.2 config.php: var_export layout
		c := fs[cfg]
		c = strings.Replace(c, "return [", "return array (", 1)
		c = strings.Replace(c, "    'modules' => [", "  'modules' => \n  array (", 1)
		c = strings.ReplaceAll(c, "        'Magento_", "    'Magento_")
		c = strings.Replace(c, "\n    ],\n    'scopes'", ",\n  ),\n    'scopes'", 1)
		c = strings.Replace(c, "\n];\n", "\n);\n", 1)
		fs[cfg] = strings.Replace(c, "        ]\n    ]\n);", "        ]\n    ],\n);", 1)
	}
	r = defaultRoot()
	r.modules["Magento_InventoryApi"] = "1"
	r.modules["Magento_InventoryMessageBus"] = "0"
	mkf("var-export-config", r, varExport, func(fs map[string]string) []want {
		return []want{at(fs, "OMS201", cfg, "'Magento_InventoryApi' => 1"), at(fs, "OMS202", cfg, "'Magento_InventoryMessageBus' => 0")}
	})
	r = defaultRoot()
	mkf("repos-object-legacy", r, func(fs map[string]string) {
		fs[cj] = strings.Replace(fs[cj], `"repositories": [
        {
            "type": "composer",
            "url": "https://repo.magento.com/"
        }
    ]`, `"repositories": {
        "0": {
            "type": "composer",
            "url": "https://repo.magento.com/"
        },
        "mcom": {
            "type": "composer",
            "url": "https://mcom-connector.bcn.magento.com/"
        }
    }`, 1)
	}, func(fs map[string]string) []want {
		return []want{at(fs, "OMS301", cj, "mcom-connector.bcn.magento.com")}
	})
	r = defaultRoot()
	mkf("lock-minified-defect", r, func(fs map[string]string) {
		l := strings.Replace(fs[lock], `"version": "4.5.0"`, `"version": "3.3.0"`, 1)
		l = strings.Replace(l, `"version": "2.4.6"`, `"version": "2.3.5"`, -1)
		var b strings.Builder
		for _, line := range strings.Split(l, "\n") {
			b.WriteString(strings.TrimSpace(line))
		}
		fs[lock] = b.String()
	}, func(fs map[string]string) []want { return []want{{rule: "OMS302", file: lock, lines: []int{1}}} })
	r = defaultRoot()
	r.magentoVer = "2.3.7"
	mkf("mismatch-magento2-base-only", r, func(fs map[string]string) {
		fs[lock] = strings.Replace(fs[lock], `"name": "magento/product-community-edition"`, `"name": "acme/some-metapackage"`, 1)
	}, func(fs map[string]string) []want { return []want{connEntry(fs, "OMS304")} })
	r = defaultRoot()
	r.connector, r.magentoVer, r.mageMode = "v3.2.0", "2.3.3", "developer"
	mk("webapi-developer-v", r, func(fs map[string]string) []want {
		return []want{connEntry(fs, "OMS302"), at(fs, "OMS303", envRel, "'MAGE_MODE' => 'developer'")}
	})
	r = defaultRoot()
	r.requireConnector = false
	mkf("only-composer-json-no-connector", r, func(fs map[string]string) {
		delete(fs, cfg)
		delete(fs, lock)
		delete(fs, auth)
	}, func(fs map[string]string) []want { return []want{{rule: "OMS204"}} })
	r = defaultRoot()
	for _, m := range connModules {
		r.modules[m] = ""
	}
	mkf("only-config-no-connector", r, func(fs map[string]string) {
		delete(fs, cj)
		delete(fs, lock)
		delete(fs, auth)
	}, func(fs map[string]string) []want {
		return []want{{rule: "OMS204"}, {rule: "OMS202", file: cfg, lines: []int{lineOf(t, fs[cfg], "'modules'", 1)}, optional: true}}
	})
	r = defaultRoot()
	mkf("connector-only-module-service-bus", r, func(fs map[string]string) {
		fs[cj] = strings.Replace(fs[cj], `"magento/mcom-connector"`, `"magento/module-service-bus"`, 1)
	}, nil)
	// OMS0xx on config.php
	r = defaultRoot()
	mkf("config-dup-module", r, func(fs map[string]string) {
		fs[cfg] = strings.Replace(fs[cfg], "        'Magento_Directory' => 1,\n", "        'Magento_Directory' => 1,\n        'Magento_InventoryCatalog' => 0,\n", 1)
	}, func(fs map[string]string) []want {
		return []want{{rule: "OMS003", file: cfg, lines: []int{lineOf(t, fs[cfg], "'Magento_InventoryCatalog' => 0", 2)}}}
	})
	mkf("config-parse-error", r, func(fs map[string]string) {
		fs[cfg] = strings.Replace(fs[cfg], "        'Magento_Store' => 1,\n", "        'Magento_Store' => 1\n", 1)
	}, func(fs map[string]string) []want { return []want{at(fs, "OMS001", cfg, "'Magento_Directory'")} })
	mkf("config-dynamic-msi", r, func(fs map[string]string) {
		fs[cfg] = strings.Replace(fs[cfg], "'Magento_InventoryApi' => 0", "'Magento_InventoryApi' => (int) getenv('MSI_ON')", 1)
	}, func(fs map[string]string) []want { return []want{at(fs, "OMS004", cfg, "'Magento_InventoryApi'")} })
	mkf("config-suppressed", r, func(fs map[string]string) {
		fs[cfg] = strings.Replace(fs[cfg], "'Magento_InventoryApi' => 0,", "'Magento_InventoryApi' => 1, // omslint-ignore OMS201 a custom module needs the API interfaces", 1)
	}, nil)
	mkf("config-suppressed-next-line", r, func(fs map[string]string) {
		fs[cfg] = strings.Replace(fs[cfg], "        'Magento_InventoryApi' => 0,", "        // omslint-ignore OMS201 a custom module needs the API interfaces\n        'Magento_InventoryApi' => 1,", 1)
	}, nil)
	mkf("env-not-array-no-serviceBus-root", r, func(fs map[string]string) {
		fs[envRel] = "<?php\n$config = ['MAGE_MODE' => 'production'];\nreturn $config;\n"
	}, func(fs map[string]string) []want {
		// rules.md: OMS002 (no array literal is returned); the code follows
		// `return $var;` to its array and lints it (OMS101 here).
		return []want{{rule: "OMS002", file: envRel, lines: []int{1, 2, 3}, optional: true}, {rule: "OMS101", file: envRel, lines: []int{2}, optional: true}}
	})
	// OMS401 on a root
	r = defaultRoot()
	cases = append(cases, accCase{set: "B", name: "mode-0644", files: r.files(t), modes: map[string]os.FileMode{envRel: 0o644},
		wants: []want{{rule: "OMS401", file: envRel}}})
	cases = append(cases, accCase{set: "B", name: "mode-0666", files: r.files(t), modes: map[string]os.FileMode{envRel: 0o666},
		wants: []want{{rule: "OMS401", file: envRel}}})
	return cases
}

func TestAcceptanceRoots(t *testing.T) { runSet(t, "B", rootCases(t)) }

// ---------------------------------------------------------------------
// set C: profiles

func profileCases(t *testing.T) []accCase {
	const y = ".omslint.yaml"
	sb := `    service-bus:
      url: https://mib.acme-corp.com/
      oauth-server-url: https://oauth.acme-corp.com/
      application-id: acme-magento
      oauth-client-id: acme-magento-client
      oauth-client-secret: ${ACC_OMS_CS}
      secret: ${ACC_OMS_SECRET}
      secure-endpoint: true
`
	channels := `    sales-channels:
      - id: acme-web
        website: base
        stock-aggregate: ACME_EU
      - id: acme-b2b
        website: b2b
        stock-aggregate: ACME_B2B
`
	head := "fail-on: error\nenvironments:\n  production:\n    kind: production\n"
	var cases []accCase
	mk := func(name, yaml string, r rootSpec, vars map[string]string, wants func(fs map[string]string) []want) {
		fs := r.files(t)
		fs[y] = yaml
		c := accCase{set: "C", name: name, files: fs, modes: map[string]os.FileMode{envRel: 0o600}, env: "production", vars: vars}
		if wants != nil {
			c.wants = wants(fs)
		}
		cases = append(cases, c)
	}
	at := func(fs map[string]string, rule, file, sub string, n int) want {
		return want{rule: rule, file: file, lines: []int{lineOf(t, fs[file], sub, n)}}
	}
	d := defaultRoot()
	mk("clean", head+sb+channels, d, nil, nil)
	mk("clean-secrets-set", head+sb+channels, d, map[string]string{"ACC_OMS_CS": "S3cr3t-0auth-Cl1ent-Value-7f9a2b4c", "ACC_OMS_SECRET": "Sh4red-Secret-Value-0123456789abcdef-9x"}, nil)
	mk("secret-differs", head+sb+channels, d, map[string]string{"ACC_OMS_SECRET": "another-secret-value-0123456789abcdef"}, func(fs map[string]string) []want {
		return []want{at(fs, "OMS501", envRel, "'secret' =>", 1)}
	})
	// OMS403
	mk("literal-secret", head+strings.Replace(sb, "${ACC_OMS_SECRET}", "Sh4red-Secret-Value-0123456789abcdef-9x", 1)+channels, d, nil, func(fs map[string]string) []want {
		return []want{at(fs, "OMS403", y, "secret: Sh4red", 1)}
	})
	mk("literal-client-secret", head+strings.Replace(sb, "${ACC_OMS_CS}", "'S3cr3t-0auth-Cl1ent-Value-7f9a2b4c'", 1)+channels, d, nil, func(fs map[string]string) []want {
		return []want{at(fs, "OMS403", y, "oauth-client-secret:", 1)}
	})
	// OMS501
	for _, c := range []struct{ from, to, key string }{
		{"url: https://mib.acme-corp.com/", "url: https://mib2.acme-corp.com/", "'url' =>"},
		{"oauth-server-url: https://oauth.acme-corp.com/", "oauth-server-url: https://oauth.acme-corp.com/v2/", "'oauth_server_url' =>"},
		{"application-id: acme-magento", "application-id: acme-store", "'application_id' =>"},
		{"oauth-client-id: acme-magento-client", "oauth-client-id: other-client", "'oauth_client_id' =>"},
		{"secure-endpoint: true", "secure-endpoint: false", "'secure_endpoint' =>"},
	} {
		cc := c
		mk("mismatch-"+c.to, head+strings.Replace(sb, c.from, c.to, 1)+channels, d, nil, func(fs map[string]string) []want {
			return []want{at(fs, "OMS501", envRel, cc.key, 1)}
		})
	}
	// OMS502
	mk("channel-no-aggregate", head+sb+strings.Replace(channels, "        stock-aggregate: ACME_B2B\n", "", 1), d, nil, func(fs map[string]string) []want {
		l := lineOf(t, fs[y], "- id: acme-b2b", 1)
		return []want{{rule: "OMS502", file: y, lines: []int{l, l + 1}}}
	})
	mk("channel-two-aggregates", head+sb+channels+"      - id: acme-web\n        website: base\n        stock-aggregate: ACME_US\n", d, nil, func(fs map[string]string) []want {
		l1, l2 := lineOf(t, fs[y], "- id: acme-web", 1), lineOf(t, fs[y], "- id: acme-web", 2)
		return []want{{rule: "OMS502", file: y, lines: []int{l1, l2, l2 + 1, l2 + 2}}}
	})
	// OMS503
	mk("website-twice", head+sb+strings.Replace(channels, "website: b2b", "website: base", 1), d, nil, func(fs map[string]string) []want {
		return []want{{rule: "OMS503", file: y, lines: []int{lineOf(t, fs[y], "website: base", 1), lineOf(t, fs[y], "website: base", 2)}}}
	})
	// OMS504
	mk("unknown-website", head+sb+strings.Replace(channels, "website: b2b", "website: wholesale", 1), d, nil, func(fs map[string]string) []want {
		return []want{at(fs, "OMS504", y, "website: wholesale", 1)}
	})
	noScopes := defaultRoot()
	noScopes.withScopes = false
	mk("unknown-website-no-scopes", head+sb+strings.Replace(channels, "website: b2b", "website: wholesale", 1), noScopes, nil, nil)
	mk("mismatch-trailing-slash", head+strings.Replace(sb, "url: https://mib.acme-corp.com/", "url: https://mib.acme-corp.com", 1)+channels, d, nil, func(fs map[string]string) []want {
		return []want{at(fs, "OMS501", envRel, "'url' =>", 1)}
	})
	mk("literal-secret-other-env", head+sb+channels+"  staging:\n    kind: preproduction\n    service-bus:\n      secret: plain-text-staging-secret\n", d, nil, func(fs map[string]string) []want {
		return []want{at(fs, "OMS403", y, "secret: plain-text-staging-secret", 1)}
	})
	mk("secret-quoted-ref", head+strings.Replace(sb, "${ACC_OMS_SECRET}", "\"${ACC_OMS_SECRET}\"", 1)+channels, d, nil, nil)
	// OMS113 as error under kind: production, warning otherwise
	mock := strings.Replace(sb, "https://mib.acme-corp.com/", "http://mom-mock.loc/", 1)
	r := defaultRoot()
	mockEnv := func(fs map[string]string) {
		fs[envRel] = strings.Replace(fs[envRel], "'https://mib.acme-corp.com/'", "'http://mom-mock.loc/'", 1)
	}
	for _, kind := range []string{"production", "development", "preproduction"} {
		fs := r.files(t)
		mockEnv(fs)
		fs[y] = strings.Replace(head, "kind: production", "kind: "+kind, 1) + mock + channels
		sev := linter.Warning
		if kind == "production" {
			sev = linter.Error
		}
		cases = append(cases, accCase{set: "C", name: "mock-host-" + kind, files: fs, modes: map[string]os.FileMode{envRel: 0o600}, env: "production",
			wants: []want{{rule: "OMS113", file: envRel, lines: []int{lineOf(t, fs[envRel], "'url' =>", 1)}, sev: sev}}})
	}
	return cases
}

func TestAcceptanceProfiles(t *testing.T) { runSet(t, "C", profileCases(t)) }
