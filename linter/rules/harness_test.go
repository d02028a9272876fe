package rules_test

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/omslint/omslint/linter"
	_ "github.com/omslint/omslint/linter/rules"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// cleanEnv is a complete env.php whose serviceBus block passes every
// OMS1xx rule, so a case only varies what it tests.
const cleanEnv = `<?php
return [
    'MAGE_MODE' => 'production',
    'serviceBus' => [
        'url' => 'https://mib.acme-retail.com/',
        'oauth_server_url' => 'https://oauth.acme-retail.com/',
        'oauth_client_id' => 'acme-store-prod',
        'oauth_client_secret' => 'q8Zr2LmW4vT9xK1pN6sB3dF7hJ0cY5eA',
        'application_id' => 'acme-magento',
        'secret' => '3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e2b4d6f0a9c1e3b5d7f2a4c6e8b0d1f3a',
        'secure_endpoint' => true
    ]
];
`

// devEnv is cleanEnv in developer mode (MAGE_MODE on line 3).
var devEnv = strings.Replace(cleanEnv, "'production'", "'developer'", 1)

// noSBEnv has no serviceBus block.
const noSBEnv = "<?php\nreturn [\n    'MAGE_MODE' => 'production'\n];\n"

// rootCase lints a Magento root made of files (relative path → content)
// and expects rule to report exactly at want ("file:line:col").
type rootCase struct {
	name  string
	files map[string]string
	want  []string
}

// absent as a file's content in writeRoot leaves the file out (env.php,
// which is written by default).
const absent = "\x00absent"

// writeRoot makes a Magento root in a temp folder; files are 0600 so
// OMS401 stays quiet unless a case asks for it.
func writeRoot(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files[magento.EnvPHPPath]; !ok {
		files[magento.EnvPHPPath] = cleanEnv
	}
	for rel, data := range files {
		if data == absent {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// lintRoot runs every rule on root and returns rule's findings as
// "file:line:col" with file relative to root.
func lintRoot(t *testing.T, root, rule string) ([]string, []*linter.Finding) {
	t.Helper()
	p, err := magento.LoadRoot(root, magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := linter.Run(p, linter.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var out []*linter.Finding
	for _, f := range fs {
		if f.Rule != rule {
			continue
		}
		rel, _ := filepath.Rel(root, filepath.FromSlash(f.File))
		line, col := f.Span.Start.Line, f.Span.Start.Col
		if f.Span.IsZero() {
			line, col = 1, 1
		}
		got = append(got, filepath.ToSlash(rel)+":"+strconv.Itoa(line)+":"+strconv.Itoa(col))
		out = append(out, f)
	}
	return got, out
}

func runRootCases(t *testing.T, rule string, cases []rootCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := writeRoot(t, c.files)
			got, fs := lintRoot(t, root, rule)
			if !slices.Equal(got, c.want) {
				t.Errorf("%s at %q, want %q", rule, got, c.want)
				for _, f := range fs {
					t.Logf("  %s", f.Message)
				}
			}
		})
	}
}

// applyFix applies a finding's edits to src.
func applyFix(src string, f *linter.Finding) string {
	edits := slices.Clone(f.Fix.Edits)
	slices.SortFunc(edits, func(a, b phpconf.Edit) int { return b.Start - a.Start })
	for _, e := range edits {
		src = src[:e.Start] + e.Text + src[e.End:]
	}
	return src
}
