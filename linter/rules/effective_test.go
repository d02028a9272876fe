package rules_test

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

// envCase lints a root (files) with a known environment: process
// variables vars and env files (relative path → content, also written
// into the root) and expects rule's findings at want ("file:line:col",
// "$NAME:1:col" for a process variable), each message containing msg.
type envCase struct {
	name     string
	files    map[string]string
	vars     []string // NAME=VALUE; nil with no env files: unknown
	envFiles map[string]string
	want     []string
	msg      string
}

func runEnvCases(t *testing.T, rule string, cases []envCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := lintEnv(t, c)
			var got []string
			for _, f := range fs {
				if f.Rule != rule {
					continue
				}
				got = append(got, f.File+":"+strconv.Itoa(f.Span.Start.Line)+":"+strconv.Itoa(f.Span.Start.Col))
				if c.msg != "" && !strings.Contains(f.Message, c.msg) {
					t.Errorf("message %q lacks %q", f.Message, c.msg)
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%s at %q, want %q", rule, got, c.want)
				for _, f := range fs {
					t.Logf("  %s %s:%d %s", f.Rule, f.File, f.Span.Start.Line, f.Message)
				}
			}
		})
	}
}

func lintEnv(t *testing.T, c envCase) []*linter.Finding {
	t.Helper()
	files := map[string]string{}
	for k, v := range c.files {
		files[k] = v
	}
	root := writeRoot(t, files)
	t.Chdir(root)
	var env *effective.Env
	if c.vars != nil || c.envFiles != nil {
		env = effective.NewEnv(c.vars)
	}
	for name, data := range c.envFiles {
		if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := env.AddFile(name, []byte(data), func(string) (string, bool) { return "", false }); err != nil {
			t.Fatal(err)
		}
	}
	p, err := magento.LoadRoot(".", magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := linter.Run(p, linter.Options{Environment: env})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

const (
	envPHP = "app/etc/env.php"
	cfgPHP = "app/etc/config.php"
)

// sbEnv is an env.php whose serviceBus block holds lines (8-space indent).
func sbEnv(lines ...string) string {
	return "<?php\nreturn [\n    'serviceBus' => [\n" + strings.Join(lines, ",\n") + "\n    ]\n];\n"
}

// sbConfig is a config.php with modules and a serviceBus block.
func sbConfig(lines ...string) string {
	return "<?php\nreturn [\n    'modules' => ['Magento_InventoryMessageBus' => 1],\n    'serviceBus' => [\n" + strings.Join(lines, ",\n") + "\n    ]\n];\n"
}

var cleanLines = []string{lURL, lOAuth, lID, lCSec, lApp, lSecret, lSecure}

func replaced(key, line string) []string {
	out := slices.Clone(cleanLines)
	for i, l := range out {
		if strings.HasPrefix(strings.TrimSpace(l), "'"+key+"'") {
			out[i] = line
		}
	}
	return out
}

const goodOverride = `{"serviceBus":{"url":"https://mib.acme-retail.com/","oauth_server_url":"https://oauth.acme-retail.com/","oauth_client_id":"acme-store","oauth_client_secret":"Zq8vR2mN5kL7xP4tW9yB3cF6hJ1gD0sA","application_id":"acme","secret":"4b99a5fac220ab2f3feeff7fc31ab81d23c2ecd3963d6f2e174e22b91736fd63","secure_endpoint":true}}`

// The #env() shapes of issue 14 give none of the value rules' findings.
func TestPlaceholdersAreNotLiterals(t *testing.T) {
	for _, lines := range [][]string{
		replaced("url", "        'url' => '#env(OMS_URL)'"),
		replaced("secret", "        'secret' => '#env(OMS_SECRET)'"),
		replaced("url", `        'url' => '#env(OMS_URL, "https://mib.example.com/")'`),
		replaced("url", `        'url' => '#env( OMS_URL , "https://mib.acme-retail.com/")'`),
	} {
		fs := lintEnv(t, envCase{files: map[string]string{envPHP: sbEnv(lines...)}})
		var rules []string
		for _, f := range fs {
			rules = append(rules, f.Rule)
		}
		for _, bad := range []string{"OMS106", "OMS107", "OMS108", "OMS110", "OMS112", "OMS120"} {
			if slices.Contains(rules, bad) {
				t.Errorf("%s reported on %q", bad, lines)
			}
		}
		if !slices.Contains(rules, "OMS130") || !slices.Contains(rules, "OMS004") {
			t.Errorf("want OMS130 and OMS004 on %q, got %v", lines, rules)
		}
	}
}

func TestOMS130(t *testing.T) {
	runEnvCases(t, "OMS130", []envCase{
		{name: "clean", files: map[string]string{envPHP: sbEnv(cleanLines...)}},
		{name: "placeholder", files: map[string]string{envPHP: sbEnv(replaced("url", "        'url' => '#env(OMS_URL)'")...)},
			want: []string{envPHP + ":4:18"}, msg: "MAGENTO_DC__OVERRIDE"},
		{name: "with default, resolved", files: map[string]string{envPHP: sbEnv(replaced("url", `        'url' => '#env(OMS_URL, "https://mib.acme-retail.com/")'`)...)},
			vars: []string{"OMS_URL=https://mib.acme-retail.com/"}, want: []string{envPHP + ":4:18"}},
		{name: "in config.php", files: map[string]string{envPHP: sbEnv(replaced("secret", "")[:5]...), cfgPHP: sbConfig("        'secret' => '#env(OMS_SECRET)'", lSecure)},
			want: []string{cfgPHP + ":5:21"}},
		{name: "empty default is a literal", files: map[string]string{envPHP: sbEnv(replaced("application_id", `        'application_id' => '#env(X, "")'`)...)}},
		// Already in the override: the advice is the value itself, not
		// the override it is in.
		{name: "in the override", files: map[string]string{envPHP: noSBEnv},
			vars: []string{`MAGENTO_DC__OVERRIDE={"serviceBus":{"url":"#env(OMS_URL)"}}`, "OMS_URL=https://mib.acme-retail.com/"},
			want: []string{"$MAGENTO_DC__OVERRIDE:1:22"}, msg: "write the value itself into MAGENTO_DC__OVERRIDE's JSON instead of the placeholder"},
	})
}

// #env(X, "") is not a placeholder: it is checked as the string it is.
func TestEmptyDefaultIsLiteral(t *testing.T) {
	fs := lintEnv(t, envCase{files: map[string]string{envPHP: sbEnv(replaced("url", `        'url' => '#env(X, "")'`)...)}})
	if got := only(fs, "OMS110"); len(got) != 1 {
		t.Errorf("OMS110 on #env(X, \"\"): %s", dump(fs))
	}
	fs = lintEnv(t, envCase{files: map[string]string{envPHP: sbEnv(replaced("secret", `        'secret' => '#env(X, "")'`)...)}})
	if got := only(fs, "OMS120"); len(got) != 1 {
		t.Errorf("OMS120 on a short literal secret: %s", dump(fs))
	}
}

func TestOMS131(t *testing.T) {
	runEnvCases(t, "OMS131", []envCase{
		{name: "getenv", files: map[string]string{envPHP: sbEnv(replaced("url", "        'url' => getenv('OMS_URL')")...)}},
		{name: "$_ENV", files: map[string]string{envPHP: sbEnv(replaced("oauth_client_id", "        'oauth_client_id' => $_ENV['OMS_ID'] ?? 'acme'")...)},
			want: []string{envPHP + ":6:30"}, msg: "variables_order"},
		{name: "$_ENV in a concatenation", files: map[string]string{envPHP: sbEnv(replaced("url", "        'url' => 'https://' . $_ENV['H'] . '/'")...)},
			want: []string{envPHP + ":4:18"}},
		{name: "resolved, still reported", files: map[string]string{envPHP: sbEnv(replaced("oauth_client_id", "        'oauth_client_id' => $_ENV['OMS_ID']")...)},
			vars: []string{"OMS_ID=acme"}, want: []string{envPHP + ":6:30"}, msg: "--resolve-env"},
	})
}

func TestOMS132(t *testing.T) {
	base := map[string]string{envPHP: sbEnv(cleanLines...)}
	runEnvCases(t, "OMS132", []envCase{
		{name: "valid", files: base, vars: []string{"MAGENTO_DC__OVERRIDE=" + goodOverride}},
		{name: "not JSON, process", files: base, vars: []string{`MAGENTO_DC__OVERRIDE={"serviceBus":{"url":}}`},
			want: []string{"$MAGENTO_DC__OVERRIDE:1:22"}, msg: "not valid JSON"},
		{name: "not JSON, env file", files: base, envFiles: map[string]string{"prod.env": "# x\nMAGENTO_DC__OVERRIDE={serviceBus}\n"},
			want: []string{"prod.env:2:23"}, msg: "MAGENTO_DC__OVERRIDE at prod.env:2"},
		{name: "a string", files: base, vars: []string{`MAGENTO_DC__OVERRIDE="x"`}, want: []string{"$MAGENTO_DC__OVERRIDE:1:1"}, msg: "TypeError"},
		{name: "a list", files: base, vars: []string{`MAGENTO_DC__OVERRIDE=[]`}, want: []string{"$MAGENTO_DC__OVERRIDE:1:1"}, msg: "list"},
		{name: "empty is ignored", files: base, vars: []string{`MAGENTO_DC__OVERRIDE=`}},
		{name: "unknown environment", files: base},
	})
}

func TestOMS133(t *testing.T) {
	runEnvCases(t, "OMS133", []envCase{
		{name: "override and env.php", files: map[string]string{envPHP: sbEnv(cleanLines...)}, vars: []string{"MAGENTO_DC__OVERRIDE=" + goodOverride},
			want: []string{envPHP + ":3:5"}, msg: "MAGENTO_DC__OVERRIDE"},
		{name: "override and both files", files: map[string]string{envPHP: sbEnv(cleanLines...), cfgPHP: sbConfig(lURL)}, vars: []string{"MAGENTO_DC__OVERRIDE=" + goodOverride},
			want: []string{cfgPHP + ":4:5", envPHP + ":3:5"}},
		{name: "override without serviceBus", files: map[string]string{envPHP: sbEnv(cleanLines...)}, vars: []string{`MAGENTO_DC__OVERRIDE={"db":{}}`}},
		{name: "override alone", files: map[string]string{envPHP: noSBEnv}, vars: []string{"MAGENTO_DC__OVERRIDE=" + goodOverride}},
	})
}

func TestOMS134(t *testing.T) {
	base := map[string]string{envPHP: sbEnv(cleanLines...)}
	runEnvCases(t, "OMS134", []envCase{
		{name: "servicebus path", files: base, vars: []string{"MAGENTO_DC_SERVICEBUS__URL=https://x/"}, want: []string{"$MAGENTO_DC_SERVICEBUS__URL:1:1"}, msg: "'servicebus/url'"},
		{name: "service_bus in an env file", files: base, envFiles: map[string]string{"prod.env": "MAGENTO_DC_SERVICE_BUS__SECRET=s\n"}, want: []string{"prod.env:1:32"}},
		{name: "other path", files: base, vars: []string{"MAGENTO_DC_DB__CONNECTION__DEFAULT__HOST=db"}},
		{name: "the override", files: base, vars: []string{"MAGENTO_DC__OVERRIDE=" + goodOverride}},
		{name: "unknown environment", files: base},
	})
}

func TestOMS135(t *testing.T) {
	base := map[string]string{envPHP: sbEnv(cleanLines...)}
	runEnvCases(t, "OMS135", []envCase{
		{name: "single-quoted override", files: base, envFiles: map[string]string{"prod.env": "MAGENTO_DC__OVERRIDE='" + goodOverride + "'\n"},
			want: []string{"prod.env:1:22"}, msg: "cannot decode the JSON"},
		{name: "double-quoted other", files: base, envFiles: map[string]string{"prod.env": "A=1\nDB_PASSWORD=\"x y\"\n"}, want: []string{"prod.env:2:13"}},
		{name: "unquoted", files: base, envFiles: map[string]string{"prod.env": "MAGENTO_DC__OVERRIDE=" + goodOverride + "\n"}},
		{name: "process variables are not files", files: base, vars: []string{"A='x'"}},
	})
}

// A serviceBus split between config.php and env.php: no OMS104 for the
// keys config.php holds; findings on config.php's values point there and
// say so; fixes edit the file the value is in.
func TestSplitBlock(t *testing.T) {
	files := map[string]string{
		envPHP: sbEnv(lID, lCSec, lSecret),
		cfgPHP: sbConfig("        'url' => 'https://mib.acme-retail.com'", lOAuth, lApp, "        'secure_endpoint' => 'true'"),
	}
	fs := lintEnv(t, envCase{files: files})
	if got := only(fs, "OMS104"); len(got) != 0 {
		t.Errorf("OMS104 on a split block: %s", dump(got))
	}
	slash := only(fs, "OMS112")
	if len(slash) != 1 || slash[0].File != cfgPHP || !strings.Contains(slash[0].Message, "set in config.php, not overridden by env.php") || slash[0].Fix == nil {
		t.Fatalf("OMS112 on config.php's url: %s", dump(fs))
	}
	if out := applyFix(t, files[cfgPHP], slash[0]); !strings.Contains(out, "'url' => 'https://mib.acme-retail.com/'") {
		t.Errorf("fix edits config.php: %s", out)
	}
	if typ := only(fs, "OMS106"); len(typ) != 1 || typ[0].File != cfgPHP || typ[0].Fix == nil {
		t.Errorf("OMS106 fix in config.php: %s", dump(fs))
	}
	// A key neither file sets is missing, and the message says so.
	files[envPHP] = sbEnv(lID, lCSec)
	fs = lintEnv(t, envCase{files: files})
	if m := only(fs, "OMS104"); len(m) != 1 || m[0].File != envPHP || !strings.Contains(m[0].Message, "neither config.php nor env.php") {
		t.Errorf("OMS104 for secret: %s", dump(m))
	}
	// config.php only (a repository without env.php).
	fs = lintEnv(t, envCase{files: map[string]string{cfgPHP: sbConfig(cleanLines...), envPHP: noSBEnv}})
	for _, f := range fs {
		if f.Rule == "OMS101" || f.Rule == "OMS104" {
			t.Errorf("%s with the block in config.php: %s", f.Rule, f.Message)
		}
	}
}

// The environment resolves getenv() and the override (issue 14's "done
// when"); without it, OMS004 names the variable.
func TestResolvedValues(t *testing.T) {
	getenvURL := map[string]string{envPHP: sbEnv(replaced("url", "        'url' => getenv('OMS_URL')")...)}
	runEnvCases(t, "OMS111", []envCase{
		{name: "getenv, resolved", files: getenvURL, vars: []string{"OMS_URL=http://mib.acme-retail.com/"},
			want: []string{"$OMS_URL:1:1"}, msg: "the value of OMS_URL, read by getenv('OMS_URL')"},
		{name: "getenv, env file", files: getenvURL, envFiles: map[string]string{"prod.env": "\nOMS_URL=http://mib.acme-retail.com/\n"},
			want: []string{"prod.env:2:9"}, msg: "OMS_URL at prod.env:2"},
		{name: "getenv, unknown", files: getenvURL},
		{name: "fallback, unknown", files: map[string]string{envPHP: sbEnv(replaced("url", "        'url' => getenv('OMS_URL') ?: 'http://mib.acme-retail.com/'")...)},
			want: []string{envPHP + ":4:18"}, msg: "fallback"},
		{name: "override", files: map[string]string{envPHP: sbEnv(cleanLines...)},
			vars: []string{`MAGENTO_DC__OVERRIDE=` + strings.Replace(goodOverride, "https://mib", "http://mib", 1)},
			want: []string{"$MAGENTO_DC__OVERRIDE:1:22"}, msg: "from MAGENTO_DC__OVERRIDE"},
		{name: "placeholder default", files: map[string]string{envPHP: sbEnv(replaced("url", `        'url' => '#env(OMS_URL, "http://mib.acme-retail.com/")'`)...)},
			want: []string{envPHP + ":4:18"}, msg: "default"},
	})
	runEnvCases(t, "OMS004", []envCase{
		{name: "unknown", files: getenvURL, want: []string{envPHP + ":4:18"}, msg: "OMS_URL"},
		{name: "resolved", files: getenvURL, vars: []string{"OMS_URL=https://mib.acme-retail.com/"}},
		{name: "not a plain form", files: map[string]string{envPHP: sbEnv(replaced("url", "        'url' => getenv('A') . '/'")...)},
			vars: []string{"A=x"}, want: []string{envPHP + ":4:18"}},
	})
	// Without the variable, getenv() gives false.
	runEnvCases(t, "OMS106", []envCase{{name: "unset", files: getenvURL, vars: []string{}, want: []string{envPHP + ":4:18"}, msg: "OMS_URL is not set"}})
}

// A root without env.php whose serviceBus comes from the override: the
// settings were checked, so no OMS007; a value there is reported.
func TestOverrideWithoutEnvPHP(t *testing.T) {
	files := map[string]string{cfgPHP: "<?php\nreturn ['modules' => ['Magento_InventoryMessageBus' => 1]];\n"}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "app/etc"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	p, err := magento.LoadRoot(dir, magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	run := func(env *effective.Env) []*linter.Finding {
		fs, err := linter.Run(p, linter.Options{Environment: env})
		if err != nil {
			t.Fatal(err)
		}
		return fs
	}
	if len(only(run(nil), "OMS007")) != 1 {
		t.Error("without the environment, OMS007")
	}
	fs := run(effective.NewEnv([]string{"MAGENTO_DC__OVERRIDE=" + strings.Replace(goodOverride, "https://mib", "http://mib", 1)}))
	if len(only(fs, "OMS007")) != 0 || len(only(fs, "OMS111")) != 1 {
		t.Errorf("with the override: %s", dump(fs))
	}
}

// A misspelled block in env.php beside config.php's serviceBus: OMS102
// says the connector reads config.php's, not that it sees none.
func TestOMS102WithConfigBlock(t *testing.T) {
	fs := lintEnv(t, envCase{files: map[string]string{
		envPHP: "<?php\nreturn [\n    'service_bus' => ['url' => 'https://mib.acme-retail.com/']\n];\n",
		cfgPHP: sbConfig(cleanLines...),
	}})
	m := only(fs, "OMS102")
	if len(m) != 1 || !strings.Contains(m[0].Message, "reads only the one in config.php") {
		t.Errorf("OMS102: %s", dump(fs))
	}
}
