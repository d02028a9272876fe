package magento

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// mkRoot makes dir a Magento root (an env.php).
func mkRoot(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "app/etc"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "app/etc/env.php"), []byte("<?php\nreturn [];\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Names whose order as paths differs from the order of a depth-first walk
// by name: "a-b" and "a.b" sort before "a" and "a/b" ('-' and '.' are
// below '/'), as a-b/app/etc/env.php sorts before a/app/etc/env.php.
var trickyRoots = []string{"a", "a-b", "a.b", "a0", "a/b", "a/b-c", "a/b/c", "b-c", "b/c", "b/c-d", "b/c/d", "c"}

// WalkRoots hands the roots over in sorted order while it is still
// searching: a root made below a folder not yet read when the first root
// is handed over is found too, and lands in its sorted place.
func TestWalkRootsEmitsSortedWhileSearching(t *testing.T) {
	tree := t.TempDir()
	for _, r := range trickyRoots {
		mkRoot(t, filepath.Join(tree, r))
	}
	if err := os.MkdirAll(filepath.Join(tree, "z"), 0o755); err != nil {
		t.Fatal(err)
	}
	var got []string
	errs, _ := WalkRoots(tree, func(root string) {
		if len(got) == 0 {
			// The walk has not reached z yet.
			mkRoot(t, filepath.Join(tree, "z", "late"))
		}
		rel, _ := filepath.Rel(tree, root)
		got = append(got, filepath.ToSlash(rel))
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := append(slices.Clone(trickyRoots), "z/late")
	slices.SortFunc(want, RootOrder)
	if !slices.Equal(got, want) {
		t.Errorf("roots handed over %v\nwant (sorted)     %v", got, want)
	}
}

// A followed link holds the roots found after it until the end, so the
// order stays the sorted one.
func TestWalkRootsLinkKeepsOrder(t *testing.T) {
	tree := t.TempDir()
	for _, r := range trickyRoots {
		mkRoot(t, filepath.Join(tree, "real", r))
	}
	mkRoot(t, filepath.Join(tree, "elsewhere", "shop"))
	// m -> elsewhere: its root is named m/shop, between a... and real/...
	if err := os.Symlink("elsewhere", filepath.Join(tree, "m")); err != nil {
		t.Fatal(err)
	}
	var got []string
	if errs, _ := WalkRoots(tree, func(root string) { got = append(got, root) }); len(errs) > 0 {
		t.Fatal(errs)
	}
	if !slices.IsSortedFunc(got, RootOrder) {
		t.Errorf("not sorted: %v", got)
	}
	if len(got) != len(trickyRoots)+1 {
		t.Errorf("%d roots, want %d: %v", len(got), len(trickyRoots)+1, got)
	}
	if !slices.Contains(got, filepath.Join(tree, "elsewhere", "shop")) {
		t.Errorf("the root is not named by its own path: %v", got)
	}
}

// A fleet of Deployer/Capistrano deploy folders streams too: each one's
// current release is followed in its place (its target is in releases/,
// never searched), not held to the end like other folder links.
func TestWalkRootsDeployFleetStreams(t *testing.T) {
	tree := t.TempDir()
	for _, d := range []string{"a", "b", "c"} {
		mkRoot(t, filepath.Join(tree, d, "releases", "7"))
		if err := os.Symlink(filepath.Join("releases", "7"), filepath.Join(tree, d, "current")); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(tree, "z"), 0o755); err != nil {
		t.Fatal(err)
	}
	var got []string
	errs, _ := WalkRoots(tree, func(root string) {
		if len(got) == 0 {
			mkRoot(t, filepath.Join(tree, "z", "late")) // not searched yet
		}
		rel, _ := filepath.Rel(tree, root)
		got = append(got, filepath.ToSlash(rel))
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []string{"a/current", "b/current", "c/current", "z/late"}
	if !slices.Equal(got, want) {
		t.Errorf("roots handed over %v, want %v", got, want)
	}
}
