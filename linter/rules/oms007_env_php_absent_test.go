package rules_test

import "testing"

// completeBlock is every required serviceBus key, the secrets read from
// the environment.
const completeBlock = "'url' => 'https://mib.example.com/', 'oauth_server_url' => 'https://oauth.example.com/', 'oauth_client_id' => 'c', " +
	"'oauth_client_secret' => getenv('S'), 'application_id' => 'a', 'secret' => getenv('T'), 'secure_endpoint' => true"

func TestOMS007(t *testing.T) {
	const (
		connJSON = "{\n    \"require\": {\n        \"magento/product-community-edition\": \"2.4.6\",\n        \"magento/mcom-connector\": \"^4.5\"\n    }\n}\n"
		connLock = `{"packages": [{"name": "magento/product-community-edition", "version": "2.4.6"}, {"name": "magento/mcom-connector", "version": "4.5.0"}]}`
		noConn   = "{\n    \"require\": {\n        \"magento/product-community-edition\": \"2.4.6\"\n    }\n}\n"
	)
	runRootCases(t, "OMS007", []rootCase{
		{"composer.json shows it: at the package", map[string]string{envPath: absent, jsonPath: connJSON,
			cfgPath: config("'Magento_ServiceBus' => 1")}, []string{"composer.json:4:9"}},
		{"config.php module only: at the module", map[string]string{envPath: absent, jsonPath: noConn,
			cfgPath: config("'Magento_Store' => 1", "'Magento_ServiceBus' => 1")}, []string{"app/etc/config.php:5:9"}},
		{"composer.lock only", map[string]string{envPath: absent, lockPath: connLock}, []string{"composer.lock:1:128"}},
		{"require-dev counts", map[string]string{envPath: absent,
			jsonPath: `{"require-dev": {"magento/module-service-bus": "*"}}`}, []string{"composer.json:1:18"}},
		{"no connector anywhere", map[string]string{envPath: absent, jsonPath: noConn,
			cfgPath: config("'Magento_Inventory' => 1")}, nil},
		{"env.php present", map[string]string{jsonPath: connJSON}, nil},
		// A partial block in config.php is checked there; what it lacks
		// comes from each environment's env.php (OMS104 is quiet).
		{"partial serviceBus in config.php: at the block", map[string]string{envPath: absent, jsonPath: connJSON,
			cfgPath: "<?php\nreturn [\n    'modules' => ['Magento_ServiceBus' => 1],\n    'serviceBus' => ['url' => 'https://mib.example.com/']\n];\n"}, []string{"app/etc/config.php:4:5"}},
		{"complete serviceBus in config.php", map[string]string{envPath: absent, jsonPath: connJSON,
			cfgPath: "<?php\nreturn [\n    'modules' => ['Magento_ServiceBus' => 1],\n    'serviceBus' => [" + completeBlock + "]\n];\n"}, nil},
		{"env.php present without serviceBus", map[string]string{envPath: noSBEnv, jsonPath: connJSON}, nil},
	})
}

// TestOMS101Gating: OMS101 is an error only when something shows the
// connector or nothing can tell (docs/usage.md "Shops without the
// connector").
func TestOMS101Gating(t *testing.T) {
	runRootCases(t, "OMS101", []rootCase{
		{"no connector in composer or config.php", map[string]string{envPath: noSBEnv,
			jsonPath: `{"require": {"magento/product-community-edition": "2.4.6"}}`,
			cfgPath:  config("'Magento_Store' => 1")}, nil},
		{"config.php alone shows none", map[string]string{envPath: noSBEnv, cfgPath: config("'Magento_Store' => 1")}, nil},
		{"composer.json shows it", map[string]string{envPath: noSBEnv,
			jsonPath: `{"require": {"magento/mcom-connector": "^4.5"}}`}, []string{"app/etc/env.php:2:8"}},
		{"a message-bus module package shows it", map[string]string{envPath: noSBEnv,
			jsonPath: `{"require": {"magento/module-sales-message-bus": "*"}}`}, []string{"app/etc/env.php:2:8"}},
		{"config.php module shows it", map[string]string{envPath: noSBEnv,
			cfgPath: config("'Magento_CatalogMessageBus' => 0")}, []string{"app/etc/env.php:2:8"}},
		{"nothing can tell: env.php alone", map[string]string{envPath: noSBEnv}, []string{"app/etc/env.php:2:8"}},
		{"config.php does not parse: cannot tell", map[string]string{envPath: noSBEnv,
			cfgPath: "<?php\nreturn [\n"}, []string{"app/etc/env.php:2:8"}},
		{"composer.json invalid: cannot tell", map[string]string{envPath: noSBEnv,
			jsonPath: `{"require": {,}}`}, []string{"app/etc/env.php:2:8"}},
	})
}

// TestNoEnvPHPEveryShape runs every rule on each combination of the other
// files of a root without env.php, and on each file alone: no rule may
// assume env.php (a panic is an internal error, which lintRoot fails on).
func TestNoEnvPHPEveryShape(t *testing.T) {
	all := map[string]string{
		cfgPath:  config("'Magento_Inventory' => 1", "'Magento_ServiceBus' => 1"),
		jsonPath: `{"require": {"magento/mcom-connector": "3.2.0"}, "repositories": [{"type": "composer", "url": "https://mcom-connector.bcn.magento.com"}]}`,
		lockPath: lock(pkg("magento/mcom-connector", "3.2.0"), pkg("magento/product-community-edition", "2.4.6")),
		authPath: `{"http-basic": {"mcom-connector.bcn.magento.com": {"username": "u", "password": "p"}}}`,
	}
	names := []string{cfgPath, jsonPath, lockPath, authPath}
	for mask := 0; mask < 1<<len(names); mask++ {
		files := map[string]string{envPath: absent}
		for i, n := range names {
			if mask&(1<<i) != 0 {
				files[n] = all[n]
			}
		}
		root := writeRoot(t, files)
		for _, id := range []string{"OMS001", "OMS101", "OMS201", "OMS301", "OMS302", "OMS303", "OMS401", "OMS402"} {
			lintRoot(t, root, id)
		}
	}
}

// TestOMS104Repository: in a root without env.php, a config.php block's
// missing keys are not OMS104 (they come from each environment's env.php:
// OMS007); with env.php, or with the override, they are.
func TestOMS104Repository(t *testing.T) {
	const partial = "<?php\nreturn [\n    'serviceBus' => ['url' => 'https://mib.example.com/']\n];\n"
	runRootCases(t, "OMS104", []rootCase{
		{"repository, partial config.php block", map[string]string{envPath: absent, cfgPath: partial}, nil},
		{"env.php without the keys: missing", map[string]string{envPath: noSBEnv, cfgPath: partial},
			[]string{"app/etc/config.php:3:5", "app/etc/config.php:3:5", "app/etc/config.php:3:5", "app/etc/config.php:3:5", "app/etc/config.php:3:5", "app/etc/config.php:3:5"}},
	})
}
