package rules_test

import (
	"strings"
	"testing"
)

func TestOMS004(t *testing.T) {
	runCases(t, "OMS004", []ruleCase{
		{name: "clean", src: clean},
		{name: "getenv secret", src: with(map[string]string{"secret": "        'secret' => getenv('OMS_SECRET')"}),
			want: []string{"10:21 serviceBus.secret info"}, msg: "getenv('OMS_SECRET')"},
		{name: "fallback literal is masked", src: with(map[string]string{"secret": "        'secret' => getenv('OMS_SECRET') ?: 'kP9wQ2mZ7vL4xR8tY1nB6cF3hJ5gD0sA'"}),
			want: []string{"10:21 serviceBus.secret info"}, msg: "getenv('OMS_SECRET') ?: '********'"},
		{name: "constant url", src: with(map[string]string{"url": "        'url' => OMS_URL"}),
			want: []string{"5:18 serviceBus.url info"}, msg: "OMS_URL"},
		{name: "concatenation", src: with(map[string]string{"url": "        'url' => 'https://' . $_ENV['MIB_HOST'] . '/'"}),
			want: []string{"5:18 serviceBus.url info"}},
		{name: "whole block", src: "<?php\nreturn [\n    'serviceBus' => json_decode(getenv('OMS'), true)\n];\n",
			want: []string{"3:21 serviceBus info"}},
		{name: "dynamic key", src: with(map[string]string{"url": "        URL_KEY => 'https://mib.acme-retail.com/'"}),
			want: []string{"5:9 serviceBus.URL_KEY info"}},
		{name: "expression elsewhere is not checked", src: "<?php\nreturn [\n    'db' => ['host' => getenv('DB_HOST')],\n" + clean[len("<?php\nreturn [\n"):]},
		{name: "misspelled block is not read", src: "<?php\nreturn [\n    'service_bus' => ['url' => getenv('X')]\n];\n"},
		// The walk skips branches without a checked path; a dotted key
		// string still has the path it spells.
		{name: "dotted key at the top", src: "<?php\nreturn [\n    'db' => ['x' => [1, 2]],\n    'serviceBus.url' => getenv('X')\n];\n",
			want: []string{"4:25 serviceBus.url info"}},
		{name: "earlier duplicate is dropped by PHP", src: "<?php\nreturn [\n    'serviceBus' => ['url' => getenv('X')],\n    'serviceBus' => []\n];\n"},
	})
}

func TestOMS004SuppressesValueRules(t *testing.T) {
	src := with(map[string]string{
		"url":             "        'url' => getenv('MIB_URL')",
		"oauth_client_id": "        'oauth_client_id' => CLIENT_ID",
		"secret":          "        'secret' => $_ENV['OMS_SECRET']",
		"secure_endpoint": "        'secure_endpoint' => (bool) getenv('SECURE')",
	})
	for _, f := range lint(t, src) {
		if f.Rule != "OMS004" && f.Rule != "OMS101" && f.Rule != "OMS131" { // OMS131: $_ENV
			t.Errorf("unexpected %s: %s", f.Rule, f.Message)
		}
	}
}

// Module flags OMS201–OMS203 would check, and MAGE_MODE when OMS303 would
// check it, are reported too when an expression sets them.
func TestOMS004Root(t *testing.T) {
	dynEnv := strings.Replace(devEnv, "'developer'", "getenv('MAGE_MODE')", 1)
	runRootCases(t, "OMS004", []rootCase{
		{"MSI module set by an expression", map[string]string{cfgPath: config(
			"'Magento_Inventory' => getenv('MSI')", "'Magento_InventoryMessageBus' => 1",
		)}, []string{"app/etc/config.php:4:32"}},
		{"connector module set by an expression", map[string]string{cfgPath: config(
			"'Magento_InventoryMessageBus' => (int) getenv('IMB')",
		)}, []string{"app/etc/config.php:4:42"}},
		{"other module set by an expression", map[string]string{cfgPath: config(
			"'Magento_TwoFactorAuth' => getenv('TFA')", "'Magento_InventoryMessageBus' => 1",
		)}, nil},
		{"no connector: modules are not checked", map[string]string{envPath: noSBEnv, cfgPath: config(
			"'Magento_Inventory' => getenv('MSI')",
		)}, nil},
		{"MAGE_MODE expression with 3.2.0 locked", map[string]string{envPath: dynEnv, lockPath: lock(pkg("magento/mcom-connector", "3.2.0"))}, []string{"app/etc/env.php:3:20"}},
		{"MAGE_MODE expression with 3.4.0 locked", map[string]string{envPath: dynEnv, lockPath: lock(pkg("magento/mcom-connector", "3.4.0"))}, nil},
	})
}
