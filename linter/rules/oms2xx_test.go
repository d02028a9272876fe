package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

// config builds a config.php whose 'modules' key is on line 3 and whose
// modules start on line 4, one per line, in the given order.
func config(mods ...string) string {
	s := "<?php\nreturn [\n    'modules' => [\n"
	for i, m := range mods {
		s += "        " + m
		if i < len(mods)-1 {
			s += ","
		}
		s += "\n"
	}
	return s + "    ]\n];\n"
}

const (
	cfgPath  = magento.ConfigPHPPath
	jsonPath = magento.ComposerJSONPath
	lockPath = magento.ComposerLockPath
	authPath = magento.AuthJSONPath
	envPath  = magento.EnvPHPPath
)

func TestOMS201(t *testing.T) {
	runRootCases(t, "OMS201", []rootCase{
		{"every enabled MSI module, at its value", map[string]string{cfgPath: config(
			"'Magento_Store' => 1",
			"'Magento_Inventory' => 1",
			"'Magento_InventoryApi' => 1",
			"'Magento_InventorySales' => 0",
			"'Magento_InventoryMessageBus' => 1",
			"'Magento_CatalogInventory' => 1",
			"'Magento_InventoryCatalogAdminUi' => true",
		)}, []string{"app/etc/config.php:5:32", "app/etc/config.php:6:35", "app/etc/config.php:10:46"}},
		{"detected by composer.json only", map[string]string{envPath: noSBEnv,
			jsonPath: `{"require": {"magento/mcom-connector": "^4.5"}}`,
			cfgPath:  config("'Magento_Inventory' => 1"),
		}, []string{"app/etc/config.php:4:32"}},
		{"detected by config.php connector module", map[string]string{envPath: noSBEnv,
			cfgPath: config("'Magento_ServiceBus' => 1", "'Magento_InventoryApi' => 1"),
		}, []string{"app/etc/config.php:5:35"}},
		{"no connector: MSI is fine", map[string]string{envPath: noSBEnv,
			cfgPath: config("'Magento_Inventory' => 1", "'Magento_InventoryApi' => 1"),
		}, nil},
		{"all MSI disabled", map[string]string{cfgPath: config(
			"'Magento_Inventory' => 0", "'Magento_InventoryApi' => 0", "'Magento_InventoryMessageBus' => 1",
		)}, nil},
		{"expression is not checked", map[string]string{cfgPath: config(
			"'Magento_Inventory' => getenv('MSI')", "'Magento_InventoryMessageBus' => 1",
		)}, nil},
		{"config.php does not parse", map[string]string{cfgPath: "<?php\nreturn [\n    'modules' => [\n        'Magento_Inventory' => 1\n    \n];\n"}, nil},
		{"no config.php", map[string]string{}, nil},
		{"listed twice: PHP keeps the last", map[string]string{cfgPath: config(
			"'Magento_Inventory' => 1", "'Magento_InventoryApi' => 0", "'Magento_Inventory' => 0", "'Magento_InventoryApi' => 1",
		)}, []string{"app/etc/config.php:7:35"}},
	})
}

func TestOMS201Fix(t *testing.T) {
	src := config("'Magento_Inventory' => 1", "'Magento_InventoryMessageBus' => 1")
	root := writeRoot(t, map[string]string{cfgPath: src})
	_, fs := lintRoot(t, root, "OMS201")
	if len(fs) != 1 || !fs[0].Fixable() {
		t.Fatalf("want one fixable finding, got %v", fs)
	}
	if got, want := applyFix(t, src, fs[0]), config("'Magento_Inventory' => 0", "'Magento_InventoryMessageBus' => 1"); got != want {
		t.Errorf("fixed:\n%s\nwant:\n%s", got, want)
	}
	if fs[0].Key != "modules.Magento_Inventory" {
		t.Errorf("key %q", fs[0].Key)
	}
}

func TestOMS202(t *testing.T) {
	runRootCases(t, "OMS202", []rootCase{
		{"disabled: at its value", map[string]string{cfgPath: config(
			"'Magento_Store' => 1", "'Magento_InventoryMessageBus' => 0", "'Magento_ServiceBus' => 1",
		)}, []string{"app/etc/config.php:5:42"}},
		{"absent: at the modules key", map[string]string{cfgPath: config(
			"'Magento_Store' => 1", "'Magento_ServiceBus' => 1",
		)}, []string{"app/etc/config.php:3:5"}},
		{"array( layout, false", map[string]string{cfgPath: "<?php\nreturn array (\n  'modules' => \n  array (\n    'Magento_InventoryMessageBus' => false,\n  ),\n);\n"},
			[]string{"app/etc/config.php:5:38"}},
		{"enabled", map[string]string{cfgPath: config("'Magento_InventoryMessageBus' => 1")}, nil},
		{"no connector detected", map[string]string{envPath: noSBEnv, cfgPath: config("'Magento_Store' => 1")}, nil},
	})
}

func TestOMS202Fix(t *testing.T) {
	src := config("'Magento_InventoryMessageBus' => 0")
	root := writeRoot(t, map[string]string{cfgPath: src})
	_, fs := lintRoot(t, root, "OMS202")
	if len(fs) != 1 || !fs[0].Fixable() {
		t.Fatalf("want one fixable finding, got %v", fs)
	}
	if got, want := applyFix(t, src, fs[0]), config("'Magento_InventoryMessageBus' => 1"); got != want {
		t.Errorf("fixed:\n%s\nwant:\n%s", got, want)
	}
	// Absent: no fix (the module must be installed).
	root = writeRoot(t, map[string]string{cfgPath: config("'Magento_Store' => 1")})
	if _, fs := lintRoot(t, root, "OMS202"); len(fs) != 1 || fs[0].Fixable() {
		t.Errorf("absent module: want one finding without fix, got %v", fs)
	}
}

func TestOMS203(t *testing.T) {
	runRootCases(t, "OMS203", []rootCase{
		{"every disabled connector module", map[string]string{cfgPath: config(
			"'Magento_ServiceBus' => 0",
			"'Magento_SalesMessageBus' => 1",
			"'Magento_CatalogMessageBus' => 0",
			"'Magento_InventoryMessageBus' => 0", // OMS202's
			"'Magento_McomTransactionalEmails' => 0",
			"'Magento_Sales' => 0",
		)}, []string{"app/etc/config.php:4:33", "app/etc/config.php:6:40", "app/etc/config.php:8:46"}},
		{"all enabled", map[string]string{cfgPath: config("'Magento_ServiceBus' => 1", "'Magento_InventoryMessageBus' => 1")}, nil},
	})
	src := config("'Magento_ServiceBus' => 0", "'Magento_InventoryMessageBus' => 1")
	root := writeRoot(t, map[string]string{cfgPath: src})
	_, fs := lintRoot(t, root, "OMS203")
	if len(fs) != 1 || applyFix(t, src, fs[0]) != config("'Magento_ServiceBus' => 1", "'Magento_InventoryMessageBus' => 1") {
		t.Errorf("fix: %v", fs)
	}
}

func TestOMS204(t *testing.T) {
	lockNoConnector := `{"packages": [{"name": "magento/product-community-edition", "version": "2.4.6"}]}`
	runRootCases(t, "OMS204", []rootCase{
		{"config.php without connector: at modules", map[string]string{
			cfgPath: config("'Magento_Store' => 1", "'Magento_Inventory' => 0"),
		}, []string{"app/etc/config.php:3:5"}},
		{"composer.json only: at require", map[string]string{
			jsonPath: "{\n    \"name\": \"acme/store\",\n    \"require\": {\n        \"magento/product-community-edition\": \"2.4.6\"\n    }\n}\n",
			lockPath: lockNoConnector,
		}, []string{"composer.json:3:5"}},
		{"connector in composer.lock", map[string]string{
			cfgPath:  config("'Magento_Store' => 1"),
			lockPath: `{"packages": [{"name": "magento/mcom-connector", "version": "4.5.0"}]}`,
		}, nil},
		{"connector in composer.json", map[string]string{
			cfgPath:  config("'Magento_Store' => 1"),
			jsonPath: `{"require": {"magento/mcom-connector": "^4.5"}}`,
		}, nil},
		{"connector module in config.php", map[string]string{
			cfgPath: config("'Magento_ServiceBus' => 1"),
		}, nil},
		{"no serviceBus", map[string]string{envPath: noSBEnv, cfgPath: config("'Magento_Store' => 1")}, nil},
		{"only env.php and composer.lock", map[string]string{lockPath: lockNoConnector}, nil},
		{"composer.json invalid", map[string]string{jsonPath: `{"require": {,}}`}, nil},
		// Which modules an expression lists cannot be known.
		{"config.php modules is an expression", map[string]string{
			cfgPath: "<?php\nreturn [\n    'modules' => require __DIR__ . '/modules.php'\n];\n",
		}, nil},
	})
	// Nor can it show that the connector is not used (OMS101 gating).
	runRootCases(t, "OMS101", []rootCase{
		{"config.php modules is an expression: cannot tell", map[string]string{envPath: noSBEnv,
			cfgPath: "<?php\nreturn [\n    'modules' => require __DIR__ . '/modules.php'\n];\n"}, []string{"app/etc/env.php:2:8"}},
	})
}

// TestOMS2xxLoneFile: a single env.php reads the root around it as
// context. Findings on the context files (config.php, composer files)
// are the engine's to drop; on env.php itself, OMS303 (MAGE_MODE with the
// locked connector) is reported, since the lock is known. The same env.php
// copied out of any root gets no OMS2xx/OMS3xx at all.
func TestOMS2xxLoneFile(t *testing.T) {
	root := writeRoot(t, map[string]string{
		cfgPath:  config("'Magento_Inventory' => 1", "'Magento_InventoryMessageBus' => 0"),
		jsonPath: `{"repositories": [{"type": "composer", "url": "https://mcom-connector.bcn.magento.com"}]}`,
		lockPath: lock(pkg("magento/mcom-connector", "3.2.0"), pkg("magento/product-community-edition", "2.4.6")),
		envPath:  devEnv,
	})
	p, err := magento.LoadFile(filepath.Join(root, envPath), "", magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Single() || p.Root == "" || p.Config == nil {
		t.Fatalf("LoadFile in a root: Single=%v Root=%q Config=%v, want the root as context", p.Single(), p.Root, p.Config != nil)
	}
	fs, err := linter.Run(p, linter.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got303 := false
	for _, f := range fs {
		if f.File != p.Only {
			continue
		}
		if f.Rule == "OMS303" {
			got303 = true
			continue
		}
		if f.Rule[:4] == "OMS2" || f.Rule[:4] == "OMS3" {
			t.Errorf("%s on env.php: %s", f.Rule, f.Message)
		}
	}
	if !got303 {
		t.Errorf("no OMS303 on env.php with connector 3.2.0 locked in its root")
	}

	alone := filepath.Join(t.TempDir(), "env.php")
	if err := os.WriteFile(alone, []byte(devEnv), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err = magento.LoadFile(alone, "", magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.HasRoot() {
		t.Fatalf("env.php in an empty folder has root %q", p.Root)
	}
	fs, err = linter.Run(p, linter.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Rule[:4] == "OMS2" || f.Rule[:4] == "OMS3" {
			t.Errorf("%s on a lone env.php: %s", f.Rule, f.Message)
		}
	}
}

// TestOMS204NamesFilesLookedAt: the message names the files present, never
// a config.php (or composer file) that does not exist.
func TestOMS204NamesFilesLookedAt(t *testing.T) {
	lockNoConnector := `{"packages": [{"name": "magento/product-community-edition", "version": "2.4.6"}]}`
	jsonNoConnector := "{\"require\": {\"magento/product-community-edition\": \"2.4.6\"}}"
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"composer.json only", map[string]string{jsonPath: jsonNoConnector},
			"not installed: no magento/mcom-connector in composer.json"},
		{"composer.json and lock", map[string]string{jsonPath: jsonNoConnector, lockPath: lockNoConnector},
			"not installed: no magento/mcom-connector in composer.json or composer.lock"},
		{"config.php only", map[string]string{cfgPath: config("'Magento_Store' => 1")},
			"not installed: no connector module in config.php"},
		{"all three", map[string]string{cfgPath: config("'Magento_Store' => 1"), jsonPath: jsonNoConnector, lockPath: lockNoConnector},
			"not installed: no connector module in config.php and no magento/mcom-connector in composer.json or composer.lock"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, fs := lintRoot(t, writeRoot(t, c.files), "OMS204")
			if len(fs) != 1 {
				t.Fatalf("%d OMS204 findings", len(fs))
			}
			if !strings.HasSuffix(fs[0].Message, c.want) {
				t.Errorf("message %q\nwant it to end with %q", fs[0].Message, c.want)
			}
			if _, ok := c.files[cfgPath]; !ok && strings.Contains(fs[0].Message, "config.php") {
				t.Errorf("names config.php, which does not exist: %q", fs[0].Message)
			}
		})
	}
}

// TestModulesEnvOverConfig: Magento reads env.php's 'modules' over
// config.php's, module by module (array_replace_recursive, domain.md §8),
// so OMS201–OMS203 and OMS004 judge the flag env.php sets, where it sets
// it, and the fix edits env.php.
func TestModulesEnvOverConfig(t *testing.T) {
	// env.php: 'modules' on line 4, its flags on line 5.
	envMods := func(flags string) string {
		return strings.Replace(clean, "    'MAGE_MODE' => 'production',\n", "    'MAGE_MODE' => 'production',\n    'modules' => [\n        "+flags+"\n    ],\n", 1)
	}
	cfg := config("'Magento_Inventory' => 0", "'Magento_InventoryMessageBus' => 1", "'Magento_ServiceBus' => 1")
	runRootCases(t, "OMS201", []rootCase{
		{"env.php enables an MSI module config.php disables", map[string]string{cfgPath: cfg, envPath: envMods("'Magento_Inventory' => 1")},
			[]string{"app/etc/env.php:5:32"}},
		{"env.php disables one config.php enables", map[string]string{envPath: envMods("'Magento_InventoryApi' => 0"),
			cfgPath: config("'Magento_InventoryApi' => 1", "'Magento_InventoryMessageBus' => 1")}, nil},
		{"a module only env.php lists", map[string]string{cfgPath: cfg, envPath: envMods("'Magento_InventorySales' => 1")},
			[]string{"app/etc/env.php:5:37"}},
		{"env.php's modules an expression: not checkable", map[string]string{cfgPath: config("'Magento_Inventory' => 1"),
			envPath: strings.Replace(clean, "    'MAGE_MODE' => 'production',\n", "    'MAGE_MODE' => 'production',\n    'modules' => \\Mods::all(),\n", 1)}, nil},
	})
	runRootCases(t, "OMS202", []rootCase{
		{"env.php disables it", map[string]string{cfgPath: cfg, envPath: envMods("'Magento_InventoryMessageBus' => 0")}, []string{"app/etc/env.php:5:42"}},
		{"env.php enables what config.php disables", map[string]string{envPath: envMods("'Magento_InventoryMessageBus' => 1"),
			cfgPath: config("'Magento_InventoryMessageBus' => 0", "'Magento_ServiceBus' => 1")}, nil},
	})
	runRootCases(t, "OMS203", []rootCase{
		{"env.php disables a connector module", map[string]string{cfgPath: cfg, envPath: envMods("'Magento_ServiceBus' => 0")}, []string{"app/etc/env.php:5:33"}},
	})
	runRootCases(t, "OMS004", []rootCase{
		{"env.php sets an MSI flag by an expression", map[string]string{cfgPath: cfg, envPath: envMods("'Magento_Inventory' => getenv('MSI')")}, []string{"app/etc/env.php:5:32"}},
	})

	src := envMods("'Magento_Inventory' => 1")
	root := writeRoot(t, map[string]string{cfgPath: cfg, envPath: src})
	_, fs := lintRoot(t, root, "OMS201")
	if len(fs) != 1 || !fs[0].Fixable() || !strings.Contains(fs[0].Message, "set in env.php's 'modules'") {
		t.Fatalf("want one fixable finding naming env.php, got %s", dump(fs))
	}
	if got, want := applyFix(t, src, fs[0]), envMods("'Magento_Inventory' => 0"); got != want {
		t.Errorf("fixed:\n%s\nwant:\n%s", got, want)
	}
}

// TestModulesFromOverride: with a known environment, a 'modules' member of
// MAGENTO_DC__OVERRIDE replaces the files' lists whole (array_replace):
// the rules judge its flags, at the JSON value, without a fix.
func TestModulesFromOverride(t *testing.T) {
	cfg := config("'Magento_Inventory' => 0", "'Magento_InventoryMessageBus' => 1", "'Magento_ServiceBus' => 1")
	files := map[string]string{envPHP: sbEnv(cleanLines...), cfgPHP: cfg}
	ov := func(json string) []string { return []string{"MAGENTO_DC__OVERRIDE=" + json} }
	runEnvCases(t, "OMS201", []envCase{
		{name: "the override enables MSI", files: files, vars: ov(`{"modules":{"Magento_Inventory":1,"Magento_InventoryMessageBus":1}}`),
			want: []string{"$MAGENTO_DC__OVERRIDE:1:33"}, msg: "from MAGENTO_DC__OVERRIDE, whose 'modules' replaces the files' list"},
		{name: "environment unknown: config.php's", files: files},
		{name: "an override without modules", files: files, vars: ov(`{"db":{}}`)},
	})
	runEnvCases(t, "OMS202", []envCase{
		{name: "the override's list lacks it", files: files, vars: ov(`{"modules":{"Magento_Inventory":0}}`),
			want: []string{"$MAGENTO_DC__OVERRIDE:1:2"}, msg: "is not in the 'modules' of MAGENTO_DC__OVERRIDE"},
		{name: "the override disables it", files: files, vars: ov(`{"modules":{"Magento_InventoryMessageBus":false}}`),
			want: []string{"$MAGENTO_DC__OVERRIDE:1:43"}},
	})
	runEnvCases(t, "OMS203", []envCase{
		{name: "the override disables a connector module", files: files, vars: ov(`{"modules":{"Magento_InventoryMessageBus":1,"Magento_ServiceBus":0}}`),
			want: []string{"$MAGENTO_DC__OVERRIDE:1:66"}},
	})
	fs := lintEnv(t, envCase{files: files, vars: ov(`{"modules":{"Magento_Inventory":1,"Magento_InventoryMessageBus":1}}`)})
	for _, f := range only(fs, "OMS201") {
		if f.Fixable() {
			t.Errorf("a flag of the override has no fix in a file: %s", f.Message)
		}
	}
}
