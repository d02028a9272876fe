package testcorpus

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// recorder stands in for a test: it records the first skip or failure
// and stops the function under test as the real ones do.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()             {}
func (r *recorder) Logf(string, ...any) {}
func (r *recorder) Skipf(f string, a ...any) {
	r.skipped = fmt.Sprintf(f, a...)
	panic(r)
}
func (r *recorder) Fatalf(f string, a ...any) {
	r.failed = fmt.Sprintf(f, a...)
	panic(r)
}

func run(r *recorder, fn func()) {
	defer func() {
		if p := recover(); p != nil && p != r {
			panic(p)
		}
	}()
	fn()
}

// tree makes tmp/repo/{go.mod,pkg/sub} and, when corpus is set,
// tmp/shared/corpus/envphp/12-x.php, and moves into tmp/repo/pkg/sub.
func tree(t *testing.T, corpus bool) string {
	tmp := t.TempDir()
	sub := filepath.Join(tmp, "repo", "pkg", "sub")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "repo", "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if corpus {
		d := filepath.Join(tmp, "shared", "corpus", "envphp")
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "12-x.php"), []byte("<?php return [];"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(sub)
	return tmp
}

func TestFoundBesideTheModuleRoot(t *testing.T) {
	tmp := tree(t, true)
	want := filepath.Join(tmp, "shared", "corpus")
	if got := Root(); got != want {
		t.Fatalf("Root() = %q, want %q", got, want)
	}
	r := &recorder{}
	var dir, file string
	var files []string
	run(r, func() {
		dir = Dir(r, "envphp")
		file = File(r, "envphp", "12")
		files = Files(r, "envphp", "*.php")
	})
	if r.skipped != "" || r.failed != "" {
		t.Fatalf("skipped %q failed %q", r.skipped, r.failed)
	}
	if dir != filepath.Join(want, "envphp") || file != filepath.Join(dir, "12-x.php") || len(files) != 1 {
		t.Errorf("Dir %q File %q Files %q", dir, file, files)
	}
}

func TestMissingSkipsOrFailsUnderCI(t *testing.T) {
	tree(t, false)
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		for name, fn := range map[string]func(testing.TB){
			"Dir":   func(tb testing.TB) { Dir(tb, "envphp") },
			"File":  func(tb testing.TB) { File(tb, "envphp", "12") },
			"Files": func(tb testing.TB) { Files(tb, "envphp", "*.php") },
		} {
			r := &recorder{}
			run(r, func() { fn(r) })
			switch {
			case ci != "" && r.failed == "":
				t.Errorf("%s with CI set: no failure (skipped %q)", name, r.skipped)
			case ci == "" && r.failed != "":
				t.Errorf("%s without CI: failed %q", name, r.failed)
			case ci == "" && name != "Files" && r.skipped == "":
				t.Errorf("%s without CI: not skipped", name)
			case ci == "" && name == "Files" && r.skipped != "":
				t.Errorf("Files without CI: skipped %q, want no files", r.skipped)
			}
		}
	}
}
