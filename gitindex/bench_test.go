package gitindex

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// BenchmarkTrackedFile looks up env.php in the index of a repository of
// 20,000 files (about 2 MB of index), as OMS402 does once per lint.
func BenchmarkTrackedFile(b *testing.B) {
	needGit(b)
	if benchDir == "" {
		benchDir = benchRepo(b)
	}
	env := filepath.Join(benchDir, "app/etc/env.php")
	st, _ := os.Stat(filepath.Join(benchDir, ".git/index"))
	b.SetBytes(st.Size())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if ok, err := TrackedFile(env, benchDir); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}

// BenchmarkTrackedFileSplit is BenchmarkTrackedFile on the same files in
// a split index (core.splitIndex): env.php is only in the shared index,
// so the split index (a few entries) and the shared index (2 MB) are both
// read; the link extension has a deleted and a replaced entry.
func BenchmarkTrackedFileSplit(b *testing.B) {
	needGit(b)
	if benchSplitDir == "" {
		benchSplitDir = benchRepo(b)
		git(b, benchSplitDir, "update-index", "--split-index")
		git(b, benchSplitDir, "rm", "-q", "--cached", "vendor/p0/src/F0.php")
		f := filepath.Join(benchSplitDir, "vendor/p0/src/F1.php")
		if err := os.WriteFile(f, []byte("<?php"), 0o644); err != nil {
			b.Fatal(err)
		}
		git(b, benchSplitDir, "add", f)
	}
	env := filepath.Join(benchSplitDir, "app/etc/env.php")
	ix := parseIndex(b, indexBytes(b, benchSplitDir))
	if !ix.Split || slices.Contains(ix.Paths, "app/etc/env.php") || ix.link.delete.count() != 1 || ix.link.replace.count() == 0 {
		b.Fatalf("not the split index wanted: %q", ix.Paths)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if ok, err := TrackedFile(env, benchSplitDir); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}

// benchDir is made once per test binary: the benchmark function runs
// several times.
var benchDir, benchSplitDir string

func benchRepo(b *testing.B) string {
	dir, err := os.MkdirTemp("", "gitindex-bench")
	if err != nil {
		b.Fatal(err)
	}
	git(b, dir, "init", "-q")
	files := []string{"app/etc/env.php"}
	for i := 0; i < 20000; i++ {
		files = append(files, "vendor/p"+strconv.Itoa(i/50)+"/src/F"+strconv.Itoa(i)+".php")
	}
	for _, f := range files {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	git(b, dir, "add", ".")
	return dir
}

// TestMain removes the benchmark's repository.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range []string{benchDir, benchSplitDir} {
		if d != "" {
			os.RemoveAll(d)
		}
	}
	os.Exit(code)
}
