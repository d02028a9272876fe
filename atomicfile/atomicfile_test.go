package atomicfile

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func write(t *testing.T, p, s string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// noTemp fails when a temporary file was left in dir.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(m) > 0 {
		t.Fatalf("temporary files left: %v", m)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "env.php")
	write(t, p, "old", 0o640)
	if err := WriteFile(p, []byte("new"), []byte("old")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); got != "new" {
		t.Fatalf("content %q", got)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o640 {
		t.Fatalf("mode %v, want 0640", st.Mode())
	}
	noTemp(t, dir)
}

func TestWriteFileRefusesChanged(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "env.php")
	write(t, p, "changed by someone", 0o600)
	err := WriteFile(p, []byte("new"), []byte("old"))
	var ce *ChangedError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want ChangedError", err)
	}
	if got := read(t, p); got != "changed by someone" {
		t.Fatalf("file overwritten: %q", got)
	}
	noTemp(t, dir)
}

func TestWriteFileChangedJustBeforeRename(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "env.php")
	write(t, p, "old", 0o600)
	calls := 0
	orig := unchangedHook
	unchangedHook = func() {
		// Another writer strikes after the first check.
		if calls++; calls == 1 {
			write(t, p, "theirs", 0o600)
		}
	}
	defer func() { unchangedHook = orig }()
	var ce *ChangedError
	if err := WriteFile(p, []byte("new"), []byte("old")); !errors.As(err, &ce) {
		t.Fatalf("err = %v, want ChangedError", err)
	}
	if got := read(t, p); got != "theirs" {
		t.Fatalf("their change lost: %q", got)
	}
	noTemp(t, dir)
}

func TestWriteFileFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.php")
	link := filepath.Join(dir, "env.php")
	write(t, real, "old", 0o600)
	if err := os.Symlink("real.php", link); err != nil {
		t.Skip(err)
	}
	if err := WriteFile(link, []byte("new"), []byte("old")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("symlink replaced by a file")
	}
	if got := read(t, real); got != "new" {
		t.Fatalf("content %q", got)
	}
}

func TestWriteFileMissing(t *testing.T) {
	if err := WriteFile(filepath.Join(t.TempDir(), "nope"), []byte("x"), nil); err == nil {
		t.Fatal("no error for a missing file")
	}
}

func TestCreate(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "env.php")
	if err := Create(p, []byte("new"), 0o640); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); got != "new" {
		t.Fatalf("content %q", got)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o640 {
		t.Fatalf("mode %v", st.Mode())
	}
	if err := Create(p, []byte("again"), 0o640); err == nil {
		t.Fatal("Create overwrote an existing file")
	}
	if got := read(t, p); got != "new" {
		t.Fatalf("content %q", got)
	}
	noTemp(t, dir)
}

const crashEnv = "ATOMICFILE_TEST_CRASH_PATH"

// TestCrashBeforeRename runs this test binary again as a writer that dies
// right before the rename; the original must be intact.
func TestCrashBeforeRename(t *testing.T) {
	if p := os.Getenv(crashEnv); p != "" {
		beforeRename = func() { os.Exit(1) }
		WriteFile(p, []byte("half-new"), []byte("old content"))
		os.Exit(0) // not reached when the hook fires
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "env.php")
	write(t, p, "old content", 0o600)
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashBeforeRename$")
	cmd.Env = append(os.Environ(), crashEnv+"="+p)
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("writer did not die in the hook: %v", err)
	}
	if got := read(t, p); got != "old content" {
		t.Fatalf("original damaged: %q", got)
	}
	m, _ := filepath.Glob(filepath.Join(dir, ".env.php.omslint-*.tmp"))
	if len(m) != 1 || read(t, m[0]) != "half-new" {
		t.Fatalf("expected the finished temp file to be left behind, got %v", m)
	}
}
