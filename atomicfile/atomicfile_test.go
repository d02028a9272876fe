package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
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

// temps lists the temporary files of ours left in dir.
func temps(dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, ".*"+tempInfix+"*"+tempSuffix))
	return m
}

// noTemp fails when a temporary file was left in dir.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	if m := temps(dir); len(m) > 0 {
		t.Fatalf("temporary files left: %v", m)
	}
}

// writeFile locks path and replaces its content with data, provided the
// file still holds original (Lock, then Locked.Replace: what Update and
// --fix do around their own reads). A symlink is followed.
func writeFile(path string, data, original []byte, opts Options) error {
	l, err := Lock(path)
	if err != nil {
		return err
	}
	if err := l.Replace(data, original, opts); err != nil {
		l.Close()
		return err
	}
	return l.Close()
}

// envFile writes an env.php holding content with mode in a new folder.
func envFile(t *testing.T, content string, mode os.FileMode) (dir, p string) {
	t.Helper()
	dir = t.TempDir()
	p = filepath.Join(dir, "env.php")
	write(t, p, content, mode)
	return dir, p
}

func TestWriteFile(t *testing.T) {
	dir, p := envFile(t, "old", 0o640)
	if err := writeFile(p, []byte("new"), []byte("old"), Options{}); err != nil {
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
	dir, p := envFile(t, "changed by someone", 0o600)
	err := writeFile(p, []byte("new"), []byte("old"), Options{})
	var ce *ChangedError
	if !errors.As(err, &ce) || ce.Path != p {
		t.Fatalf("err = %v, want ChangedError naming %s", err, p)
	}
	if got := read(t, p); got != "changed by someone" {
		t.Fatalf("file overwritten: %q", got)
	}
	noTemp(t, dir)
}

func TestWriteFileChangedJustBeforeRename(t *testing.T) {
	dir, p := envFile(t, "old", 0o600)
	calls := 0
	orig := unchangedHook
	unchangedHook = func() {
		// Another writer strikes after the first check.
		if calls++; calls == 2 {
			write(t, p, "theirs", 0o600)
		}
	}
	defer func() { unchangedHook = orig }()
	var ce *ChangedError
	if err := writeFile(p, []byte("new"), []byte("old"), Options{}); !errors.As(err, &ce) {
		t.Fatalf("err = %v, want ChangedError", err)
	}
	if got := read(t, p); got != "theirs" {
		t.Fatalf("their change lost: %q", got)
	}
	noTemp(t, dir)
}

// A writer that strikes after the last check, in the instant before the
// swap, gets its file back: the swap is undone.
func TestWriteFileChangedDuringSwap(t *testing.T) {
	for _, how := range []string{"in place", "rename"} {
		t.Run(how, func(t *testing.T) {
			dir, p := envFile(t, "old", 0o600)
			orig := beforeRename
			beforeRename = func() {
				if how == "rename" {
					write(t, p+".x", "theirs", 0o600)
					if err := os.Rename(p+".x", p); err != nil {
						t.Error(err)
					}
				} else {
					write(t, p, "theirs", 0o600)
				}
			}
			defer func() { beforeRename = orig }()
			err := writeFile(p, []byte("new"), []byte("old"), Options{})
			var ce *ChangedError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want ChangedError", err)
			}
			if got := read(t, p); got != "theirs" {
				t.Fatalf("their change lost: %q", got)
			}
			noTemp(t, dir)
		})
	}
}

func TestWriteFileFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.php")
	link := filepath.Join(dir, "env.php")
	write(t, real, "old", 0o600)
	if err := os.Symlink("real.php", link); err != nil {
		t.Skip(err)
	}
	if err := writeFile(link, []byte("new"), []byte("old"), Options{}); err != nil {
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
	if err := writeFile(filepath.Join(t.TempDir(), "nope"), []byte("x"), nil, Options{}); err == nil {
		t.Fatal("no error for a missing file")
	}
}

func TestWriteFileReadOnly(t *testing.T) {
	dir, p := envFile(t, "old", 0o440)
	err := writeFile(p, []byte("new"), []byte("old"), Options{})
	var re *RefusedError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "read-only (mode 0440)") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("err = %v, want a refusal naming the mode and --force", err)
	}
	if got := read(t, p); got != "old" {
		t.Fatalf("read-only file written: %q", got)
	}
	if err := writeFile(p, []byte("new"), []byte("old"), Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); got != "new" {
		t.Fatalf("content %q", got)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o440 {
		t.Fatalf("mode %v, want 0440 kept", st.Mode())
	}
	noTemp(t, dir)
}

func TestWriteFileHardLink(t *testing.T) {
	dir, p := envFile(t, "old", 0o600)
	other := filepath.Join(dir, "release-1-env.php")
	if err := os.Link(p, other); err != nil {
		t.Skip(err)
	}
	err := writeFile(p, []byte("new"), []byte("old"), Options{})
	if err == nil || !strings.Contains(err.Error(), "2 hard links") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("err = %v, want a refusal naming the links", err)
	}
	if read(t, p) != "old" || read(t, other) != "old" {
		t.Fatal("written despite the refusal")
	}
	// --force writes in place: the link stays, both names see it.
	if err := writeFile(p, []byte("new content"), []byte("old"), Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	a, _ := os.Stat(p)
	b, _ := os.Stat(other)
	if !os.SameFile(a, b) || read(t, other) != "new content" {
		t.Fatal("hard link detached")
	}
	noTemp(t, dir)
}

func TestUpdateSerialises(t *testing.T) {
	dir, p := envFile(t, "", 0o600)
	const workers, rounds = 4, 25
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		go func() {
			for i := 0; i < rounds; i++ {
				if _, err := Update(p, 0, Options{}, func(cur []byte) ([]byte, error) {
					return append(cur, 'x'), nil
				}); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for w := 0; w < workers; w++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if got := len(read(t, p)); got != workers*rounds {
		t.Fatalf("%d updates kept, want %d: updates were lost or refused", got, workers*rounds)
	}
	noTemp(t, dir)
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
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o640&^umask() {
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

func TestCreateRefusesDanglingLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "outside", "made.php")
	p := filepath.Join(dir, "env.php")
	if err := os.Symlink(target, p); err != nil {
		t.Skip(err)
	}
	if err := Create(p, []byte("x"), 0o640); err == nil {
		t.Fatal("Create wrote through a dangling link")
	}
	if _, err := os.Lstat(target); err == nil {
		t.Fatal("the link's target was created")
	}
}

func TestReplaceFileReplacesLinks(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(dir, "outside")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(dir, "repo")
	if err := os.Mkdir(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(outside, "build.sh")
	write(t, script, "#!/bin/sh\necho build\n", 0o755)
	sarif := filepath.Join(repo, "omslint.sarif")
	if err := os.Symlink("../outside/build.sh", sarif); err != nil {
		t.Skip(err)
	}
	if err := ReplaceFile(sarif, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := read(t, script); got != "#!/bin/sh\necho build\n" {
		t.Fatalf("the link's target was written: %q", got)
	}
	if fi, _ := os.Lstat(sarif); !fi.Mode().IsRegular() || read(t, sarif) != "{}\n" {
		t.Fatal("the link was not replaced by the report")
	}
	// A dangling link does not create its target.
	dangling := filepath.Join(repo, "report.json")
	made := filepath.Join(outside, "made.json")
	if err := os.Symlink(made, dangling); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceFile(dangling, []byte("[]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(made); err == nil {
		t.Fatal("a dangling link's target was created")
	}
	if read(t, dangling) != "[]\n" {
		t.Fatal("report not written")
	}
	// An existing report keeps its mode; a new one gets perm.
	write(t, filepath.Join(repo, "a.txt"), "x", 0o600)
	if err := ReplaceFile(filepath.Join(repo, "a.txt"), []byte("y"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(filepath.Join(repo, "a.txt")); st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600 kept", st.Mode())
	}
	noTemp(t, repo)
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "releases", "5")
	shared := filepath.Join(dir, "shared", "app", "etc")
	for _, d := range []string{filepath.Join(root, "app", "etc"), shared} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(shared, "env.php"), "x", 0o600)
	write(t, filepath.Join(root, "app", "etc", "env.prod.php"), "x", 0o600)
	env := filepath.Join(root, "app", "etc", "env.php")
	if err := os.Symlink(filepath.Join(shared, "env.php"), env); err != nil {
		t.Skip(err)
	}
	var oe *OutsideRootError
	if _, err := Resolve(env, root, false); !errors.As(err, &oe) || !strings.Contains(err.Error(), "--follow-symlinks") {
		t.Fatalf("err = %v, want OutsideRootError", err)
	}
	if real, err := Resolve(env, root, true); err != nil || real != filepath.Join(shared, "env.php") {
		t.Fatalf("follow: %q, %v", real, err)
	}
	// A link inside the root is fine.
	in := filepath.Join(root, "app", "etc", "in.php")
	if err := os.Symlink("env.prod.php", in); err != nil {
		t.Fatal(err)
	}
	if _, err := Resolve(in, root, false); err != nil {
		t.Fatal(err)
	}
	// A missing file resolves through its folder; a dangling link is refused.
	if _, err := Resolve(filepath.Join(root, "app", "etc", "new", "env.php"), root, false); err != nil {
		t.Fatal(err)
	}
	dl := filepath.Join(root, "app", "etc", "dangling.php")
	if err := os.Symlink("/nonexistent/x.php", dl); err != nil {
		t.Fatal(err)
	}
	var re *RefusedError
	if _, err := Resolve(dl, root, true); !errors.As(err, &re) {
		t.Fatalf("err = %v, want RefusedError for a dangling link", err)
	}
}

func TestIsOurTemp(t *testing.T) {
	for name, want := range map[string]bool{
		".env.php.omslint-1a2b3c4d.tmp": true,
		".env.php.omslint-123456.tmp":   true, // older versions' names
		".env.php.omslint-.tmp":         false,
		"env.php.omslint-1.tmp":         false,
		".config.php.omslint-1.tmp":     false,
		".env.php.omslint-1.tmp.bak":    false,
	} {
		if got := isOurTemp(name, "env.php"); got != want {
			t.Errorf("isOurTemp(%q) = %v", name, got)
		}
	}
}
