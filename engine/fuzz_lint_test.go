package engine

import (
	"bytes"
	"errors"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/internal/testcorpus"
	"os"
	"path/filepath"
	"testing"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/report"
)

// fuzzTargets are the files of a Magento root the fuzzed bytes replace.
var fuzzTargets = []string{magento.EnvPHPPath, magento.ConfigPHPPath, magento.ComposerJSONPath, magento.ComposerLockPath, magento.AuthJSONPath, magento.ConfigFileName}

const fuzzBaseEnv = "<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://mib.example.com',\n        'oauth_server_url' => 'https://mib.example.com/',\n        'application_id' => 'a',\n        'oauth_client_id' => 'c',\n        'oauth_client_secret' => 'your_secret',\n        'secret' => 'short',\n        'secure_endpoint' => 'true'\n    ],\n];\n"

// maxFuzzInput bounds the fuzzed file: limits on big input have their own
// tests (cmd/omslint TestHostileInputs).
const maxFuzzInput = 64 * 1024

// FuzzLintBytes lints a Magento root one of whose files holds arbitrary
// bytes, in every mode (lint, --diff, --fix) and renders every format: no
// panic, no error but an input or config error, and --fix leaves files
// that lint again without a parse error it did not have.
func FuzzLintBytes(f *testing.F) {
	files := testcorpus.Files(f, "envphp", "*.php")
	more, _ := filepath.Glob("../fixtures/cases/*/app/etc/*.php")
	files = append(files, more...)
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil && len(data) <= maxFuzzInput {
			f.Add(data, uint8(0))
		}
	}
	jsons, _ := filepath.Glob("../fixtures/cases/*/*.json")
	jsons = append(jsons, "../fixtures/cases/all-severities/.omslint.yaml")
	for _, p := range jsons {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data, uint8(3))
		}
	}
	f.Add([]byte("{\"http-basic\": {\"h\": {\"password\": \"x\"}}}"), uint8(4))
	f.Add([]byte("secret-keys: [a.b]\nenvironments: {p: {kind: production}}\n"), uint8(5))
	f.Add([]byte("<?php return ['modules' => ['Magento_Inventory' => 1]];"), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, sel uint8) {
		if len(data) > maxFuzzInput {
			return // big inputs only slow the fuzzer down (minimising them)
		}
		dir := t.TempDir()
		target := fuzzTargets[int(sel)%len(fuzzTargets)]
		mode := int(sel/8) % 3
		write := func(rel string, b []byte) {
			p := filepath.Join(dir, rel)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		write(magento.EnvPHPPath, []byte(fuzzBaseEnv))
		write(target, data)
		opts := Options{Paths: []string{dir}, FailOn: linter.Error, Diff: mode == 1, Fix: mode == 2, ConfigPath: ""}
		out, err := Run(opts)
		if err != nil {
			var (
				ie *failure.InputError
				el config.ErrorList
				ue *failure.UsageError
			)
			if !errors.As(err, &ie) && !errors.As(err, &el) && !errors.As(err, &ue) {
				t.Fatalf("%s (mode %d): %T %v", target, mode, err, err)
			}
			return
		}
		for _, format := range report.Formats() {
			var b bytes.Buffer
			if err := report.Write(&b, format, out.Result, report.Options{}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
		if mode == 2 && len(out.FixedFiles) > 0 {
			fixed := map[string]bool{}
			for _, p := range out.FixedFiles {
				fixed[p] = true
			}
			for _, fd := range out.Result.Findings {
				if fd.Rule == "OMS001" && fixed[fd.File] {
					t.Fatalf("--fix left a file that does not parse: %s", fd.Message)
				}
			}
		}
	})
}
