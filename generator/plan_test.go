package generator_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/generator"
	"github.com/omslint/omslint/magento"
)

func loadPlan(t *testing.T, root string, envName string, cloud bool) (generator.PlanHeader, []generator.Step) {
	t.Helper()
	p, err := magento.LoadRoot(root, magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var env *config.Environment
	if envName != "" {
		cfg, err := config.Load(filepath.Join(root, config.FileName))
		if err != nil {
			t.Fatal(err)
		}
		env = cfg.Environments[envName]
	}
	h := generator.PlanHeader{Root: filepath.Base(root), Env: envName, Cloud: cloud}
	return h, generator.Plan(p, generator.PlanOptions{Env: env, Cloud: cloud})
}

func TestPlanGolden(t *testing.T) {
	for _, c := range []struct {
		name, env string
		cloud     bool
	}{{"msi", "production", false}, {"msi", "", true}} {
		h, steps := loadPlan(t, filepath.Join("../fixtures/plan", c.name), c.env, c.cloud)
		suffix := ""
		if c.cloud {
			suffix = "-cloud"
		}
		golden(t, "../plan/"+c.name+suffix+".txt", generator.PlanText(h, steps))
		sh := generator.PlanShell(h, steps)
		golden(t, "../plan/"+c.name+suffix+".sh", sh)
		bashN(t, sh)
		j, err := generator.PlanJSON(h, steps)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "../plan/"+c.name+suffix+".json", j)
	}
}

// TestPlanDisablesExactlyTheEnabledMSIModules: every Magento_Inventory*
// module set to 1 in config.php, none set to 0, never the connector's
// Magento_InventoryMessageBus, never the legacy Magento_CatalogInventory.
func TestPlanDisablesExactlyTheEnabledMSIModules(t *testing.T) {
	h, steps := loadPlan(t, "../fixtures/plan/msi", "production", false)
	sh := generator.PlanShell(h, steps)
	re := regexp.MustCompile(`(?m)^bin/magento module:disable (.*)$`)
	m := re.FindAllStringSubmatch(sh, -1)
	if len(m) != 1 {
		t.Fatalf("want one module:disable line, got %d:\n%s", len(m), sh)
	}
	if got, want := m[0][1], "Magento_Inventory Magento_InventoryApi Magento_InventoryCatalog"; got != want {
		t.Errorf("module:disable %s, want %s", got, want)
	}
	if !strings.Contains(sh, "\nbin/magento module:enable Magento_InventoryMessageBus Magento_SalesMessageBus\n") {
		t.Errorf("module:enable line missing:\n%s", sh)
	}
	for _, want := range []string{"composer config --unset repositories.mcom\n", "composer config --unset http-basic.mcom-connector.bcn.magento.com\n",
		"composer require magento/mcom-connector\n", "bin/magento setup:upgrade --keep-generated\n", "omslint generate --env production --write\n",
		"bin/magento oms:service-bus:register\n", "bin/magento cache:flush\n", "#   - stock code main, website base (sales channel acme-web)\n"} {
		if !strings.Contains(sh, want) {
			t.Errorf("missing %q", want)
		}
	}
	order := []string{"repositories.mcom", "composer require", "module:disable", "module:enable", "generate", "setup:upgrade", "oms:service-bus:register", "bin/magento config:set --scope=websites --scope-code=base mcom_configuration/general/store_id acme-web\n", "cache:flush", "MCOM > Integration", "Manage Stock Aggregates", "Export Full Catalog"}
	last := -1
	for _, o := range order {
		i := strings.Index(sh, o)
		if i <= last {
			t.Errorf("%q out of order", o)
		}
		last = i
	}
}

func TestPlanLeavesOutSatisfiedSteps(t *testing.T) {
	// example-root: connector required, serviceBus complete; setup:upgrade
	// is still needed for the module changes, but not composer require.
	_, steps := loadPlan(t, "../fixtures/cases/example-root", "", false)
	for _, s := range steps {
		if s.ID == "composer-require-connector" || s.ID == "servicebus-write" {
			t.Errorf("satisfied step listed: %s", s.ID)
		}
	}
	_, cloud := loadPlan(t, "../fixtures/cases/example-root", "", true)
	for _, s := range cloud {
		if s.ID == "setup-upgrade" {
			t.Error("--cloud lists setup:upgrade")
		}
	}
}

func bashN(t *testing.T, script string) {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	cmd := exec.Command("bash", "-n")
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("bash -n: %v\n%s", err, out)
	}
	if !strings.Contains(script, "\nset -euo pipefail\n") {
		t.Error("no set -euo pipefail")
	}
}

// TestPlanConnectorFromLock: a connector locked in composer.lock (and not
// in composer.json) is installed, a malformed lock shows nothing, and the
// step is listed when neither file has the connector.
func TestPlanConnectorFromLock(t *testing.T) {
	env := []byte("<?php\nreturn ['MAGE_MODE' => 'production'];\n")
	json := []byte(`{"require": {"magento/product-community-edition": "2.4.7"}}`)
	for name, c := range map[string]struct {
		lock string
		want bool
	}{
		"locked":           {`{"packages": [{"name": "magento/product-community-edition", "version": "2.4.7"}, {"name": "Magento/MCOM-Connector", "version": "4.5.0"}]}`, false},
		"locked in dev":    {`{"packages": [], "packages-dev": [{"name": "magento/module-service-bus", "version": "4.5.0"}]}`, false},
		"not locked":       {`{"packages": [{"name": "magento/product-community-edition", "version": "2.4.7"}]}`, true},
		"malformed":        {`{"packages": [{"name": "magento/mcom-connector",}]}`, true},
		"last section won": {`{"packages": [{"name": "magento/mcom-connector"}], "packages": []}`, true},
	} {
		root := t.TempDir()
		for rel, data := range map[string][]byte{magento.EnvPHPPath: env, magento.ComposerJSONPath: json, magento.ComposerLockPath: []byte(c.lock)} {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(root, rel)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, rel), data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		_, steps := loadPlan(t, root, "", false)
		got := false
		for _, s := range steps {
			got = got || s.ID == "composer-require-connector"
		}
		if got != c.want {
			t.Errorf("%s: composer require listed = %v, want %v", name, got, c.want)
		}
	}
}

// TestPlanServiceBusIsTheEffectiveBlock: the serviceBus step asks what
// Magento reads (config.php's block under env.php's), so keys config.php
// sets are not reported missing, and a block only config.php has is done.
func TestPlanServiceBusIsTheEffectiveBlock(t *testing.T) {
	const (
		full = `'url' => 'https://mib.example.com/', 'oauth_server_url' => 'https://oauth.example.com/', 'oauth_client_id' => 'c', 'oauth_client_secret' => getenv('S'), 'application_id' => 'a', 'secret' => getenv('T'), 'secure_endpoint' => true`
		part = `'url' => 'https://mib.example.com/', 'oauth_server_url' => 'https://oauth.example.com/'`
		rest = `'oauth_client_id' => 'c', 'oauth_client_secret' => getenv('S'), 'application_id' => 'a', 'secret' => getenv('T'), 'secure_endpoint' => true`
	)
	php := func(sb string) []byte {
		if sb == "" {
			return []byte("<?php\nreturn ['MAGE_MODE' => 'production'];\n")
		}
		return []byte("<?php\nreturn ['serviceBus' => [" + sb + "]];\n")
	}
	for name, c := range map[string]struct {
		env, config string // "-": no such file
		want        string // the step's why, "" for no step
	}{
		"env.php has all":                {full, "", ""},
		"config.php has all":             {"", full, ""},
		"repository, config.php has all": {"-", full, ""},
		"split over both":                {part, rest, ""},
		"split, one key nowhere":         {part, `'oauth_client_id' => 'c'`, "the serviceBus of config.php and env.php lacks oauth_client_secret, application_id, secret, secure_endpoint"},
		"env.php part only":              {part, "", "the serviceBus of env.php lacks oauth_client_id, oauth_client_secret, application_id, secret, secure_endpoint"},
		"none":                           {"", "", "neither env.php nor config.php has a serviceBus block"},
	} {
		root := t.TempDir()
		files := map[string][]byte{magento.ConfigPHPPath: php(c.config), magento.ComposerJSONPath: []byte(`{"require": {"magento/product-community-edition": "2.4.7", "magento/mcom-connector": "^2"}}`)}
		if c.env != "-" {
			files[magento.EnvPHPPath] = php(c.env)
		}
		for rel, data := range files {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(root, rel)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, rel), data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		_, steps := loadPlan(t, root, "", false)
		got := ""
		for _, s := range steps {
			if strings.HasPrefix(s.ID, "servicebus-") {
				got = s.Why
			}
		}
		if c.want == "" && got != "" || !strings.HasPrefix(got, c.want) {
			t.Errorf("%s: serviceBus step why = %q, want %q", name, got, c.want)
		}
	}
}
