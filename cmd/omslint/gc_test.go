package main

import (
	"os"
	"path/filepath"
	"testing"
)

// The large-input policy counts every file a lint of a root reads: a real
// store's composer.lock is larger than its PHP files.
func TestLargestInputCountsComposerFiles(t *testing.T) {
	root := t.TempDir()
	write := func(rel string, n int) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, make([]byte, n), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("app/etc/env.php", 2_000)
	write("app/etc/config.php", 30_000)
	write("composer.json", 1_000)
	if got := largestInput([]string{root}); got != 30_000 {
		t.Errorf("largest without a lock = %d, want config.php's 30000", got)
	}
	write("composer.lock", 1_300_000)
	if got := largestInput([]string{root}); got != 1_300_000 {
		t.Errorf("largest = %d, want composer.lock's 1300000", got)
	}
	if got := largestInput([]string{filepath.Join(root, "app/etc/env.php")}); got != 2_000 {
		t.Errorf("largest of one file = %d, want 2000", got)
	}
}
