package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// repoWithoutEnv writes a project repository as it is in git: config.php
// with two MSI modules on, composer.json and composer.lock with the
// connector, no app/etc/env.php.
func repoWithoutEnv(t *testing.T, dir string) {
	t.Helper()
	files := map[string]string{
		"app/etc/config.php": "<?php\nreturn [\n    'modules' => [\n        'Magento_Inventory' => 1,\n        'Magento_InventoryApi' => 1,\n        'Magento_InventoryMessageBus' => 1,\n        'Magento_ServiceBus' => 1\n    ]\n];\n",
		"composer.json":      `{"require": {"magento/product-community-edition": "2.4.6", "magento/mcom-connector": "^4.5"}}`,
		"composer.lock":      `{"packages": [{"name": "magento/mcom-connector", "version": "4.5.0"}]}`,
	}
	for rel, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPreCommitHooksWithoutEnvPHP: both hooks of .pre-commit-hooks.yaml
// fire on the files a repository has (config.php, composer files) and,
// run as pre-commit runs them (the entry, no file names, from the
// repository root), lint it: exit 1 for its findings, never exit 2.
func TestPreCommitHooksWithoutEnvPHP(t *testing.T) {
	raw, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string `yaml:"id"`
		Entry         string `yaml:"entry"`
		Files         string `yaml:"files"`
		PassFilenames *bool  `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(raw, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 2 {
		t.Fatalf("%d hooks, want 2", len(hooks))
	}
	for _, h := range hooks {
		t.Run(h.ID, func(t *testing.T) {
			re, err := regexp.Compile(h.Files)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{"app/etc/config.php", "app/etc/env.php", "composer.json", "composer.lock", "auth.json", ".omslint.yaml", "shop/app/etc/config.php"} {
				if !re.MatchString(f) {
					t.Errorf("files %q does not fire on %s", h.Files, f)
				}
			}
			for _, f := range []string{"app/etc/di.xml", "README.md", "app/etc/config.php.orig"} {
				if re.MatchString(f) {
					t.Errorf("files %q fires on %s", h.Files, f)
				}
			}
			if h.PassFilenames == nil || *h.PassFilenames {
				t.Fatalf("pass_filenames must be false (the hook lints the root)")
			}
			args := strings.Fields(h.Entry)
			if len(args) < 2 || args[0] != "omslint" {
				t.Fatalf("entry %q", h.Entry)
			}
			dir := t.TempDir()
			repoWithoutEnv(t, dir)
			res := runCLI(t, dir, "", args[1:]...)
			if res.code != 1 || strings.Count(res.stdout, "[OMS201 ") != 2 {
				t.Errorf("exit %d, want 1 with two OMS201\nstdout: %s\nstderr: %s", res.code, res.stdout, res.stderr)
			}
			// The documented args: [path/to/magento] for a root in a subfolder.
			sub := t.TempDir()
			repoWithoutEnv(t, filepath.Join(sub, "shop"))
			if res := runCLI(t, sub, "", append(args[1:], "shop")...); res.code != 1 {
				t.Errorf("args [shop]: exit %d, want 1\nstderr: %s", res.code, res.stderr)
			}
		})
	}
}

// TestActionWithoutEnvPHP: the Lint step of action.yml, with the inputs'
// defaults, on a repository without env.php exits 1 for its findings and
// writes the SARIF report (it used to exit 2 and write nothing).
func TestActionWithoutEnvPHP(t *testing.T) {
	raw, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]struct {
			Default string `yaml:"default"`
		} `yaml:"inputs"`
		Runs struct {
			Steps []struct {
				Name string `yaml:"name"`
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(raw, &action); err != nil {
		t.Fatal(err)
	}
	script := ""
	for _, s := range action.Runs.Steps {
		if s.Name == "Lint" {
			script = s.Run
		}
	}
	// The command the step builds, checked against the script so that
	// this test breaks when the action changes.
	for _, want := range []string{`args=(lint --format "$FORMAT" --format "sarif=$SARIF_FILE")`, `"${args[@]}" -- "$LINT_PATH"`} {
		if !strings.Contains(script, want) {
			t.Fatalf("the Lint step no longer has %s:\n%s", want, script)
		}
	}
	in := func(name string) string { return action.Inputs[name].Default }
	dir := t.TempDir()
	repoWithoutEnv(t, dir)
	res := runCLI(t, dir, "", "lint", "--format", in("format"), "--format", "sarif="+in("sarif-file"), "--", in("path"))
	if res.code != 1 {
		t.Fatalf("exit %d, want 1\nstderr: %s", res.code, res.stderr)
	}
	sarif, err := os.ReadFile(filepath.Join(dir, in("sarif-file")))
	if err != nil {
		t.Fatalf("no SARIF written: %v", err)
	}
	for _, want := range []string{`"ruleId": "OMS201"`, `"ruleId": "OMS007"`} {
		if !strings.Contains(string(sarif), want) {
			t.Errorf("SARIF lacks %s", want)
		}
	}
	if !strings.Contains(res.stdout, "::error file=app/etc/config.php,line=4,") {
		t.Errorf("no annotation on config.php:\n%s", res.stdout)
	}
}
