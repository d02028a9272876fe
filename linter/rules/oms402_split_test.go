package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOMS402SplitIndex: with core.splitIndex the index git writes names a
// shared index (.git/sharedindex.<hash>) that holds most entries. OMS402
// reads both, in-process: env.php only in the shared part is tracked, one
// removed with git rm --cached after the split is not, and a shared index
// that is missing or damaged keeps the rule quiet (cannot tell).
func TestOMS402SplitIndex(t *testing.T) {
	for _, c := range []struct {
		name  string
		after func(t *testing.T, root string) // after the split
		want  string
	}{
		{"env.php only in the shared index", nil, "app/etc/env.php:1:1"},
		{"removed with git rm --cached after the split", func(t *testing.T, root string) {
			git(t, root, "rm", "-q", "--cached", envPath)
		}, ""},
		{"modified and added again (a replaced entry)", func(t *testing.T, root string) {
			p := filepath.Join(root, envPath)
			writeFile(t, p, clean+"\n")
			old := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
			git(t, root, "add", envPath)
		}, "app/etc/env.php:1:1"},
		{"the shared index missing", func(t *testing.T, root string) {
			removeShared(t, root)
		}, ""},
		{"the shared index damaged", func(t *testing.T, root string) {
			for _, p := range sharedIndexes(t, root) {
				if err := os.WriteFile(p, []byte("DIRC\x00\x00\x00\x02garbage"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, check := hostileGit(t)
			root := writeRoot(t, map[string]string{"composer.json": "{}\n", "app/etc/config.php": "<?php\nreturn [];\n"})
			// Old modification times: no racily clean entry is copied
			// into the split index, so env.php stays in the shared part.
			old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
			for _, f := range []string{envPath, "composer.json", "app/etc/config.php"} {
				if err := os.Chtimes(filepath.Join(root, f), old, old); err != nil {
					t.Fatal(err)
				}
			}
			git(t, root, "init", "-q")
			git(t, root, "config", "core.splitIndex", "true")
			git(t, root, "add", ".")
			if len(sharedIndexes(t, root)) == 0 {
				t.Fatal("git wrote no shared index")
			}
			if c.after != nil {
				c.after(t, root)
			}
			check()
			if got, _ := lintRoot(t, root, "OMS402"); strings.Join(got, ",") != c.want {
				t.Errorf("OMS402 at %q, want %q", got, c.want)
			}
		})
	}
}

func sharedIndexes(t *testing.T, root string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(root, ".git", "sharedindex.*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func removeShared(t *testing.T, root string) {
	t.Helper()
	for _, p := range sharedIndexes(t, root) {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
}
