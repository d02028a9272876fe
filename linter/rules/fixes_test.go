package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/omslint/omslint/linter"
)

// Every fix, applied, leaves valid PHP without a duplicate key, and
// applying fixes until none is left ends.
func TestFixesResolve(t *testing.T) {
	srcs := map[string]string{
		"typos":          with(map[string]string{"url": "        'ulr' => 'https://mib.acme-retail.com'", "secure_endpoint": "        'secure_endpoint' => '1'"}),
		"no secure":      with(map[string]string{"secure_endpoint": "", "oauth_server_url": "        'oauth_server_url' => \"https://oauth.acme-retail.com/o\""}),
		"empty block":    "<?php\nreturn [\n    'serviceBus' => []\n];\n",
		"misspelled":     "<?php\nreturn array (\n  'ServiceBus' => \n  array (\n    'url' => 'https://mib.acme-retail.com',\n  ),\n);\n",
		"empty long":     "<?php\nreturn array (\n  'serviceBus' => \n  array (\n  ),\n);\n",
		"comment at end": "<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://mib.acme-retail.com/' // MIB\n    ] // end\n];\n",
	}
	dirs, _ := filepath.Glob("../../fixtures/cases/*/env.php")
	for _, d := range dirs {
		b, err := os.ReadFile(d)
		if err != nil {
			t.Fatal(err)
		}
		srcs[filepath.Base(filepath.Dir(d))] = string(b)
	}
	for name, src := range srcs {
		t.Run(name, func(t *testing.T) {
			before := lint(t, src)
			var fixable []*linter.Finding
			for _, f := range before {
				if f.Fixable() {
					fixable = append(fixable, f)
				}
			}
			if len(fixable) == 0 {
				return
			}
			// A rename (OMS102, OMS105) exposes a value to the checks for the
			// first time, which may be fixable in turn: --fix re-runs until
			// nothing is fixable, and must get there in a few rounds.
			cur := src
			for round := 0; len(fixable) > 0; round++ {
				if round == 3 {
					t.Fatalf("fixes do not converge:%s\n%s", dump(fixable), cur)
				}
				cur = applyFixes(t, cur, fixable)
				fixable = fixable[:0]
				for _, f := range lint(t, cur) {
					if f.Rule == "OMS001" || f.Rule == "OMS002" || f.Rule == "OMS003" {
						t.Fatalf("fix broke the file: %s\n%s", f.Message, cur)
					}
					if f.Fixable() {
						fixable = append(fixable, f)
					}
				}
			}
		})
	}
}
