// Package phptest lets tests check their PHP output with the real PHP
// interpreter when one is installed (CI installs php-cli); without it the
// checks are skipped, never failed.
package phptest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Lint runs `php -l` on src and fails the test when PHP rejects it. It
// does nothing when php is not installed.
func Lint(t testing.TB, src []byte) {
	t.Helper()
	php, err := exec.LookPath("php")
	if err != nil {
		return
	}
	p := filepath.Join(t.TempDir(), "env.php")
	if err := os.WriteFile(p, src, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(php, "-l", p).CombinedOutput(); err != nil {
		t.Fatalf("php -l: %v\n%s\n%s", err, out, src)
	}
}
