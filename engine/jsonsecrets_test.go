package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/report"
)

// TestAuthJSONSecretsMasked: an OMS301 finding in auth.json and in
// composer.json's inline auth never shows the passwords or tokens, in the
// snippet or the JSON output.
func TestAuthJSONSecretsMasked(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"app/etc/env.php": "<?php\nreturn ['MAGE_MODE' => 'production'];\n",
		"auth.json": `{"http-basic": {"mcom-connector.bcn.magento.com": {"username": "acme", "password": "Legacy-Passw0rd"}},
 "github-oauth": {"github.com": "ghp_0123456789abcdefTOKEN"}}`,
		"composer.json": `{"repositories": [{"type": "composer", "url": "https://mcom-connector.bcn.magento.com"}], "config": {"http-basic": {"mcom-connector.bcn.magento.com": {"username": "acme", "password": "Inline-Passw0rd"}}}}`,
	}
	for rel, data := range files {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	out, err := Run(Options{Paths: []string{"."}, FailOn: linter.Error})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range out.Result.Findings {
		if f.Rule == "OMS301" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("want 2 OMS301 findings (composer.json url, auth.json key; inline auth in config is not a repository entry), got %d", n)
	}
	for _, format := range []string{"text", "json"} {
		var buf bytes.Buffer
		if err := report.Write(&buf, format, out.Result, report.Options{}); err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"Legacy-Passw0rd", "Inline-Passw0rd", "ghp_0123456789abcdefTOKEN"} {
			if strings.Contains(buf.String(), secret) {
				t.Errorf("%s output shows %q:\n%s", format, secret, buf.String())
			}
		}
	}
}
