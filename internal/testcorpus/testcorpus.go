// Package testcorpus finds the shared corpus (real env.php files and
// parser crashers) for tests. The corpus is not part of the repository: it
// lives in shared/corpus beside the repository root (the folder holding
// go.mod), which is where CI puts it. A test that needs it skips when it is
// absent, and fails instead when the CI environment variable is set, so a
// clone runs the suite and CI cannot lose the corpus silently.
package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the shared/corpus folder beside the repository root, or ""
// when there is none (or the root cannot be found).
func Root() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if st, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && !st.IsDir() {
			c := filepath.Join(filepath.Dir(dir), "shared", "corpus")
			if st, err := os.Stat(c); err == nil && st.IsDir() {
				return c
			}
			return ""
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// Dir returns the corpus folder name ("envphp", "parser-crashers"). When
// it is missing the test is skipped, or fails when CI is set.
func Dir(t testing.TB, name string) string {
	t.Helper()
	d, ok := lookup(t, name)
	if !ok {
		t.Skipf("shared corpus not found (%s); CI fails here", d)
	}
	return d
}

// Files returns the files of corpus folder name that match pattern (a
// filepath.Match pattern, "*.php"), for a test that has other inputs too:
// a missing corpus fails under CI and gives no files otherwise.
func Files(t testing.TB, name, pattern string) []string {
	t.Helper()
	d, ok := lookup(t, name)
	if !ok {
		t.Logf("shared corpus not found (%s): running without it", d)
		return nil
	}
	m, err := filepath.Glob(filepath.Join(d, pattern))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// File returns the corpus file of folder name whose name starts with
// prefix and a dash ("12" for "12-magento-magento2.php"); it skips or
// fails as Dir does when there is none.
func File(t testing.TB, name, prefix string) string {
	t.Helper()
	d := Dir(t, name)
	m, _ := filepath.Glob(filepath.Join(d, prefix+"-*"))
	if len(m) == 0 {
		t.Fatalf("corpus %s has no file %s-*", d, prefix)
	}
	return m[0]
}

// lookup finds corpus folder name; when it is missing it fails the test
// if CI is set, and returns what it looked for otherwise.
func lookup(t testing.TB, name string) (string, bool) {
	t.Helper()
	d := filepath.Join("..", "shared", "corpus", name) + " beside the repository root"
	if root := Root(); root != "" {
		d = filepath.Join(root, name)
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d, true
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("shared corpus not found (%s) and CI is set: CI must provide it", d)
	}
	return d, false
}
