package engine

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/report"
)

// TestNoSecretInAnyFormat lints the all-severities fixture, whose findings
// sit on lines holding built-in secrets (a password) and a secret the
// config file adds (secret-keys), and checks no format shows them.
func TestNoSecretInAnyFormat(t *testing.T) {
	t.Chdir("../fixtures/cases/all-severities")
	out, err := Run(Options{Paths: []string{"."}, FailOn: linter.Error})
	if err != nil {
		t.Fatal(err)
	}
	secrets := []string{"Db-Pass-Old-1234", "Db-Pass-Live-5678", "pk-Old-Braintree-Key-0000", "pk-Live-Braintree-Key-9f8e7d"}
	for _, format := range report.Formats() {
		var b bytes.Buffer
		if err := report.Write(&b, format, out.Result, report.Options{}); err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if strings.Contains(b.String(), s) {
				t.Errorf("%s shows secret %q", format, s)
			}
		}
	}
}

// root makes a Magento root holding env.php (and .omslint.yaml when cfg is
// not empty) and changes into it.
func root(t *testing.T, env, cfg string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "app/etc"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "app/etc/env.php"), env)
	// Private, as a deployed env.php should be: OMS401 is not under test.
	if err := os.Chmod(filepath.Join(dir, "app/etc/env.php"), 0o600); err != nil {
		t.Fatal(err)
	}
	if cfg != "" {
		write(t, filepath.Join(dir, ".omslint.yaml"), cfg)
	}
	t.Chdir(dir)
	return dir
}

const dupEnv = `<?php
return [
    'a' => 1,
    'a' => 2,
];
`

func TestConfigErrors(t *testing.T) {
	root(t, dupEnv, "fail-on: error\nrules:\n  OMS999: off\nignore:\n  - path: app/etc/env.php\n    rules: [OMS003, OMS777]\n    reason: r\n")
	_, err := Run(Options{FailOn: linter.Error})
	var list config.ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("err = %v", err)
	}
	if got := list.Error(); got != ".omslint.yaml:3:3: OMS999 names no rule (`omslint rules` lists them)\n"+
		".omslint.yaml:6:21: OMS777 names no rule (`omslint rules` lists them)" {
		t.Errorf("errors = %q", got)
	}

	write(t, ".omslint.yaml", "fail-on: sometimes\n")
	if _, err := Run(Options{FailOn: linter.Error}); !errors.As(err, &list) || list[0].Line != 1 {
		t.Errorf("bad value: %v", err)
	}

	var in *failure.InputError
	if _, err := Run(Options{FailOn: linter.Error, ConfigPath: "missing.yaml"}); !errors.As(err, &in) {
		t.Errorf("missing --config: %v", err)
	}
}

func TestConfigSeveritiesAndFailOn(t *testing.T) {
	root(t, dupEnv, "fail-on: never\nrules:\n  OMS003: info\n  OMS101: off\n")
	out, err := Run(Options{FailOn: linter.Error})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Result.Findings) != 1 || out.Result.Findings[0].Severity != linter.Info || out.Failed {
		t.Errorf("findings %v failed %v", out.Result.Findings, out.Failed)
	}
	// An explicit --fail-on wins over the file's.
	out, err = Run(Options{FailOn: linter.Info, FailOnSet: true})
	if err != nil || !out.Failed {
		t.Errorf("explicit --fail-on info: failed=%v err=%v", out != nil && out.Failed, err)
	}
	// --config names another file.
	write(t, "other.yaml", "rules:\n  OMS003: warning\n")
	out, err = Run(Options{FailOn: linter.Error, ConfigPath: "other.yaml"})
	if err != nil || len(out.Result.Findings) != 2 || out.Result.Findings[1].Severity != linter.Warning {
		t.Errorf("--config: %v %v", out.Result.Findings, err)
	}
}

func TestConfigIgnore(t *testing.T) {
	root(t, dupEnv, "ignore:\n  - path: app/etc/*.php\n    rules: [OMS003]\n    reason: known\n")
	out, err := Run(Options{FailOn: linter.Error})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Result.Findings) != 1 || out.Result.Findings[0].Rule != "OMS101" || out.Result.Suppressed != 1 {
		t.Errorf("findings %v suppressed %d", out.Result.Findings, out.Result.Suppressed)
	}
	// From another folder, the path is still relative to the Magento root.
	dir, _ := os.Getwd()
	t.Chdir(t.TempDir())
	out, err = Run(Options{Paths: []string{dir}, FailOn: linter.Error})
	if err != nil || out.Result.Suppressed != 1 {
		t.Errorf("from elsewhere: suppressed %d, %v", out.Result.Suppressed, err)
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	env := `<?php
return [
    'a' => 1,
    'a' => 2,
    'b' => [
        'c' => 1,
        'c' => 2,
    ],
];
`
	root(t, env, "")
	out, err := Run(Options{FailOn: linter.Error, WriteBaseline: "omslint-baseline.json"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Result.Findings) != 0 || out.Result.Baselined != 3 || out.Failed {
		t.Fatalf("writing: findings %v baselined %d", out.Result.Findings, out.Result.Baselined)
	}
	data, _ := os.ReadFile("omslint-baseline.json")
	for _, want := range []string{`"version": 1`, `"key": "b.c"`, `"file": "app/etc/env.php"`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("baseline lacks %s:\n%s", want, data)
		}
	}
	if bytes.Contains(data, []byte(`"line"`)) {
		t.Errorf("baseline records lines:\n%s", data)
	}

	// Lines move (two new lines at the top) and a new duplicate appears:
	// only the new one is reported.
	write(t, "app/etc/env.php", strings.Replace(env, "return [\n", "return [\n    'new' => 1,\n    'x' => 0,\n    'x' => 1,\n", 1))
	out, err = Run(Options{FailOn: linter.Error, Baseline: "omslint-baseline.json"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Result.Findings) != 1 || out.Result.Findings[0].Key != "x" || out.Result.Baselined != 3 || !out.Failed {
		t.Errorf("after the edit: findings %v baselined %d", out.Result.Findings, out.Result.Baselined)
	}

	// The baseline works from another folder too.
	dir, _ := os.Getwd()
	t.Chdir(t.TempDir())
	out, err = Run(Options{Paths: []string{dir}, FailOn: linter.Error, Baseline: filepath.Join(dir, "omslint-baseline.json")})
	if err != nil || len(out.Result.Findings) != 1 || out.Result.Baselined != 3 {
		t.Errorf("from elsewhere: %v baselined %d, %v", out.Result.Findings, out.Result.Baselined, err)
	}

	var in *failure.InputError
	write(t, "bad.json", `{"version": 9, "findings": []}`)
	if _, err := Run(Options{Paths: []string{dir}, FailOn: linter.Error, Baseline: "bad.json"}); !errors.As(err, &in) {
		t.Errorf("wrong version: %v", err)
	}
	if _, err := Run(Options{Paths: []string{dir}, FailOn: linter.Error, Baseline: "missing.json"}); !errors.As(err, &in) {
		t.Errorf("missing baseline: %v", err)
	}
}
