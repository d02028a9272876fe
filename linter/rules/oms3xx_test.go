package rules_test

import (
	"strings"
	"testing"
)

// lock builds a composer.lock with one package per line pair: the
// connector's "version" value is on line 5 when it is listed first.
func lock(pkgs ...[2]string) string {
	var b strings.Builder
	b.WriteString("{\n    \"packages\": [\n")
	for i, p := range pkgs {
		b.WriteString("        {\n            \"name\": \"" + p[0] + "\",\n            \"version\": \"" + p[1] + "\"\n        }")
		if i < len(pkgs)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("    ],\n    \"packages-dev\": []\n}\n")
	return b.String()
}

func pkg(name, version string) [2]string { return [2]string{name, version} }

const (
	connVersionPos = "composer.lock:5:24" // "version" value of the first package
)

func TestOMS301(t *testing.T) {
	arrayForm := `{
    "name": "acme/store",
    "repositories": [
        {
            "type": "composer",
            "url": "https://repo.magento.com/"
        },
        {
            "type": "composer",
            "url": "https://mcom-connector.bcn.magento.com"
        }
    ]
}`
	objectForm := `{
    "repositories": {
        "magento": {"type": "composer", "url": "https://repo.magento.com/"},
        "mcom": {
            "type": "composer",
            "url": "https://MCOM-connector.bcn.magento.com/"
        }
    }
}`
	auth := `{
    "http-basic": {
        "repo.magento.com": {
            "username": "0123456789abcdef",
            "password": "fedcba9876543210"
        },
        "mcom-connector.bcn.magento.com": {
            "username": "acme",
            "password": "hunter2-legacy"
        }
    }
}`
	runRootCases(t, "OMS301", []rootCase{
		{"array form: at the url", map[string]string{jsonPath: arrayForm}, []string{"composer.json:10:20"}},
		{"object form", map[string]string{jsonPath: objectForm}, []string{"composer.json:6:20"}},
		{"auth.json http-basic key", map[string]string{authPath: auth}, []string{"auth.json:7:9"}},
		{"both files", map[string]string{jsonPath: arrayForm, authPath: auth}, []string{"auth.json:7:9", "composer.json:10:20"}},
		{"only repo.magento.com", map[string]string{jsonPath: `{"repositories": [{"type": "composer", "url": "https://repo.magento.com/"}]}`,
			authPath: `{"http-basic": {"repo.magento.com": {"username": "a", "password": "b"}}}`}, nil},
		{"a port and a sub-domain count", map[string]string{jsonPath: `{"repositories": [{"type": "composer", "url": "https://mcom-connector.bcn.magento.com:443/"}, {"type": "composer", "url": "https://cdn.mcom-connector.bcn.magento.com"}]}`},
			[]string{"composer.json:1:47", "composer.json:1:123"}},
		{"a longer host name that contains it", map[string]string{jsonPath: `{"repositories": [{"type": "composer", "url": "https://notmcom-connector.bcn.magento.com/"}, {"type": "composer", "url": "https://mcom-connector.bcn.magento.com.example.net/"}]}`,
			authPath: `{"http-basic": {"mcom-connector.bcn.magento.community": {"username": "a", "password": "b"}}}`}, nil},
		{"host outside repositories", map[string]string{jsonPath: `{"description": "was on mcom-connector.bcn.magento.com"}`}, nil},
		{"invalid composer.json: nothing", map[string]string{jsonPath: strings.Replace(arrayForm, "]", "],", 1)}, nil},
	})
}

func TestOMS302(t *testing.T) {
	runRootCases(t, "OMS302", []rootCase{
		{"3.2.0: at the version value", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "3.2.0"))}, []string{connVersionPos}},
		{"3.1.1", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "3.1.1"))}, []string{connVersionPos}},
		{"v2.4.0", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "v2.4.0"))}, []string{connVersionPos}},
		{"second package", map[string]string{lockPath: lock(pkg("magento/framework", "103.0.6"), pkg("magento/mcom-connector", "3.3.0"))}, []string{"composer.lock:9:24"}},
		{"3.3.0-p1 is past the range", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "3.3.0-p1"))}, nil},
		{"3.4.0", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "3.4.0"))}, nil},
		{"4.5.0", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "4.5.0"))}, nil},
		{"branch", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "dev-master"))}, nil},
		{"only required, not locked", map[string]string{jsonPath: `{"require": {"magento/mcom-connector": "3.2.0"}}`}, nil},
	})
	root := writeRoot(t, map[string]string{lockPath: lock(pkg("magento/mcom-connector", "3.3.0"))})
	_, fs := lintRoot(t, root, "OMS302")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "Export Order") || !strings.Contains(fs[0].Message, "fixed in 3.4.0") {
		t.Errorf("message must name the defect and the fixed version: %v", fs)
	}
}

func TestOMS303(t *testing.T) {
	runRootCases(t, "OMS303", []rootCase{
		{"3.2.0 in developer mode: at MAGE_MODE", map[string]string{envPath: devEnv, lockPath: lock(pkg("magento/mcom-connector", "3.2.0"))}, []string{"app/etc/env.php:3:20"}},
		{"3.2.0 in production mode", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "3.2.0"))}, nil},
		{"3.3.0 in developer mode", map[string]string{envPath: devEnv, lockPath: lock(pkg("magento/mcom-connector", "3.3.0"))}, nil},
		{"no lock", map[string]string{envPath: devEnv}, nil},
	})
}

func TestOMS304(t *testing.T) {
	runRootCases(t, "OMS304", []rootCase{
		{"3.x on 2.4", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "3.4.0"), pkg("magento/product-community-edition", "2.4.6-p3"))}, []string{connVersionPos}},
		{"4.x on 2.3 (framework)", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "4.5.0"), pkg("magento/framework", "102.0.7"))}, []string{connVersionPos}},
		{"2.x on 2.3 enterprise", map[string]string{lockPath: lock(pkg("magento/product-enterprise-edition", "2.3.7"), pkg("magento/mcom-connector", "2.5.0"))}, []string{"composer.lock:9:24"}},
		{"4.x on 2.4", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "4.5.0"), pkg("magento/product-community-edition", "2.4.7"))}, nil},
		{"3.x on 2.3", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "3.4.0"), pkg("magento/magento2-base", "2.3.5-p2"))}, nil},
		{"Magento unknown", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "3.4.0"))}, nil},
		{"unknown connector major", map[string]string{lockPath: lock(pkg("magento/mcom-connector", "5.0.0"), pkg("magento/product-community-edition", "2.4.7"))}, nil},
	})
}

// OMS303 reads the MAGE_MODE Magento reads (domain.md §8): env.php over
// config.php, MAGENTO_DC__OVERRIDE over both, getenv()/$_ENV/#env()
// resolved when the environment is known (else their fallback), and
// reports where the value comes from.
func TestOMS303Effective(t *testing.T) {
	lock320 := lock(pkg("magento/mcom-connector", "3.2.0"))
	mode := func(v string) string { return strings.Replace(noSBEnv, "'production'", v, 1) }
	cfgMode := func(v string) string { return "<?php\nreturn [\n    'MAGE_MODE' => " + v + "\n];\n" }
	runEnvCases(t, "OMS303", []envCase{
		{name: "config.php alone sets developer", files: map[string]string{envPHP: "<?php\nreturn [];\n", cfgPHP: cfgMode("'developer'"), lockPath: lock320},
			want: []string{cfgPHP + ":3:20"}, msg: "(set in config.php)"},
		{name: "env.php production wins over config.php", files: map[string]string{envPHP: mode("'production'"), cfgPHP: cfgMode("'developer'"), lockPath: lock320}},
		{name: "getenv, developer in the environment", files: map[string]string{envPHP: mode("getenv('MAGE_MODE')"), lockPath: lock320},
			vars: []string{"MAGE_MODE=developer"}, want: []string{"$MAGE_MODE:1:1"}, msg: "read by getenv('MAGE_MODE')"},
		{name: "getenv, unset: false", files: map[string]string{envPHP: mode("getenv('MAGE_MODE')"), lockPath: lock320}, vars: []string{}},
		{name: "$_ENV with a fallback, set to production", files: map[string]string{envPHP: mode("$_ENV['MAGE_MODE'] ?? 'developer'"), lockPath: lock320},
			vars: []string{"MAGE_MODE=production"}},
		{name: "#env default, environment unknown", files: map[string]string{envPHP: mode(`'#env(MAGE_MODE, "developer")'`), lockPath: lock320},
			want: []string{envPHP + ":3:20"}, msg: "the default of a #env() placeholder"},
		{name: "the override replaces env.php's", files: map[string]string{envPHP: mode("'production'"), lockPath: lock320},
			vars: []string{`MAGENTO_DC__OVERRIDE={"MAGE_MODE":"developer"}`}, want: []string{"$MAGENTO_DC__OVERRIDE:1:14"}, msg: "from MAGENTO_DC__OVERRIDE"},
		{name: "3.4.0 is not affected", files: map[string]string{envPHP: mode("getenv('MAGE_MODE')"), lockPath: lock(pkg("magento/mcom-connector", "3.4.0"))},
			vars: []string{"MAGE_MODE=developer"}},
	})
	// Unknown environment: OMS004 names the variable instead.
	runEnvCases(t, "OMS004", []envCase{
		{name: "getenv, environment unknown", files: map[string]string{envPHP: mode("getenv('MAGE_MODE')"), lockPath: lock320},
			want: []string{envPHP + ":3:20"}, msg: "reads the environment variable MAGE_MODE (getenv('MAGE_MODE')), unknown without --resolve-env"},
		{name: "getenv, environment known", files: map[string]string{envPHP: mode("getenv('MAGE_MODE')"), lockPath: lock320}, vars: []string{"MAGE_MODE=production"}},
		{name: "a constant in config.php", files: map[string]string{envPHP: "<?php\nreturn [];\n", cfgPHP: cfgMode("MODE"), lockPath: lock320},
			want: []string{cfgPHP + ":3:20"}, msg: "set by an expression, MODE,"},
	})
}

// The defects' titles are omslint's words: with MAGE_MODE=developer read
// from the environment (a value to mask), "in developer mode" of OMS302 and
// OMS303 must not be marked as a value and masked with it.
func TestDefectTitlesAreToolWords(t *testing.T) {
	fs := lintEnv(t, envCase{files: map[string]string{
		envPHP:   strings.Replace(noSBEnv, "'production'", "getenv('MAGE_MODE')", 1),
		lockPath: lock(pkg("magento/mcom-connector", "3.2.0")),
	}, vars: []string{"MAGE_MODE=developer"}})
	seen := 0
	for _, f := range fs {
		if f.Rule != "OMS302" && f.Rule != "OMS303" {
			continue
		}
		seen++
		m := f.MarkedMessage()
		i := strings.Index(m, "fails validation in developer mode")
		// Inside a value: more opening marks (redact.Quote) than closing
		// ones before it.
		if i < 0 || strings.Count(m[:i], "\ue000") > strings.Count(m[:i], "\ue001") {
			t.Errorf("%s marks its own text as a value: %q", f.Rule, m)
		}
	}
	if seen != 2 {
		t.Errorf("want OMS302 and OMS303, got %s", dump(fs))
	}
}
