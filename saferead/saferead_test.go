package saferead_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/omslint/omslint/saferead"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "env.php")
	if err := os.WriteFile(p, []byte("<?php return [];"), 0o600); err != nil {
		t.Fatal(err)
	}
	data, st, err := saferead.ReadFile(p, 100)
	if err != nil || string(data) != "<?php return [];" || st.Size() != 16 {
		t.Fatalf("ReadFile = %q, %v, %v", data, st, err)
	}
	// A link to a regular file is read (Deployer's shared/ env.php).
	link := filepath.Join(dir, "link.php")
	if err := os.Symlink(p, link); err != nil {
		t.Skip(err)
	}
	if data, _, err := saferead.ReadFile(link, 100); err != nil || string(data) != "<?php return [];" {
		t.Errorf("through a link: %q, %v", data, err)
	}
	// Over the limit.
	_, _, err = saferead.ReadFile(p, 10)
	var tl *saferead.TooLargeError
	if !errors.As(err, &tl) || !strings.Contains(err.Error(), p) {
		t.Errorf("over the limit: %v", err)
	}
	// A folder.
	if _, _, err := saferead.ReadFile(dir, 100); !errors.Is(err, saferead.ErrIsDir) {
		t.Errorf("folder: %v", err)
	}
	// Missing.
	if _, _, err := saferead.ReadFile(filepath.Join(dir, "nope"), 100); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
}

func TestReadFileFIFO(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	p := filepath.Join(t.TempDir(), "env.php")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { _, _, err := saferead.ReadFile(p, 100); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, saferead.ErrNotRegular) {
			t.Errorf("FIFO: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reading a FIFO blocked")
	}
}

// TestReadFilePseudoFS: files of proc and sysfs are refused by what their
// file system is, directly and through a link, and without blocking
// (/proc/kmsg blocks a reader as root).
func TestReadFilePseudoFS(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux pseudo file systems")
	}
	dir := t.TempDir()
	for _, target := range []string{"/proc/self/environ", "/proc/self/status", "/proc/kmsg", "/sys/kernel/mm/transparent_hugepage/enabled", "/proc/cpuinfo"} {
		if _, err := os.Lstat(target); err != nil {
			continue
		}
		link := filepath.Join(dir, filepath.Base(target)+".php")
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{target, link} {
			done := make(chan error, 1)
			go func() { _, _, err := saferead.ReadFile(p, 1<<20); done <- err }()
			select {
			case err := <-done:
				var pe *saferead.PseudoFSError
				if !errors.As(err, &pe) && !errors.Is(err, fs.ErrPermission) {
					t.Errorf("%s: %v, want a pseudo file system refusal", p, err)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("%s: read blocked", p)
			}
		}
	}
}

// The file information ReadFile returns is the one os.Stat gives: mode
// bits (with setuid, setgid and sticky), size, modification time.
func TestReadFileInfoMatchesStat(t *testing.T) {
	dir := t.TempDir()
	for i, mode := range []os.FileMode{0o600, 0o644, 0o640 | os.ModeSetgid, 0o755 | os.ModeSetuid, 0o644 | os.ModeSticky, 0o400} {
		p := filepath.Join(dir, "f"+string(rune('a'+i)))
		if err := os.WriteFile(p, []byte("<?php return [];\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		_, got, err := saferead.ReadFile(p, 100)
		if err != nil {
			t.Fatalf("%v: %v", mode, err)
		}
		want, _ := os.Stat(p)
		if got.Mode() != want.Mode() || got.Size() != want.Size() || !got.ModTime().Equal(want.ModTime()) ||
			got.Name() != want.Name() || got.IsDir() {
			t.Errorf("%v: ReadFile info = %v %d %v %q, os.Stat = %v %d %v %q", mode,
				got.Mode(), got.Size(), got.ModTime(), got.Name(), want.Mode(), want.Size(), want.ModTime(), want.Name())
		}
	}
}

// TestReadFileNoFollow: the file itself is read as ReadFile reads it; a
// link at the path is refused (ErrLink), whatever it names; the checks of
// ReadFile still apply; a link above the last element is followed.
func TestReadFileNoFollow(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sharedindex.ab")
	if err := os.WriteFile(p, []byte("DIRC"), 0o600); err != nil {
		t.Fatal(err)
	}
	if data, st, err := saferead.ReadFileNoFollow(p, 100); err != nil || string(data) != "DIRC" || st.Size() != 4 {
		t.Fatalf("ReadFileNoFollow = %q, %v, %v", data, st, err)
	}
	if _, _, err := saferead.ReadFileNoFollow(p, 3); err == nil {
		t.Error("over the size limit: read")
	}
	if _, _, err := saferead.ReadFileNoFollow(dir, 100); !errors.Is(err, saferead.ErrIsDir) {
		t.Errorf("a folder: %v", err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(p, link); err != nil {
		t.Skip(err)
	}
	data, _, err := saferead.ReadFileNoFollow(link, 100)
	var pe *fs.PathError
	if !errors.Is(err, saferead.ErrLink) || !errors.As(err, &pe) || pe.Path != link || data != nil {
		t.Errorf("a link: %q, %v", data, err)
	}
	if _, _, err := saferead.ReadFile(link, 100); err != nil {
		t.Errorf("ReadFile follows it: %v", err)
	}
	// A link to a folder above the file is followed (a .git link).
	up := filepath.Join(t.TempDir(), "gitdir")
	if err := os.Symlink(dir, up); err != nil {
		t.Fatal(err)
	}
	if data, _, err := saferead.ReadFileNoFollow(filepath.Join(up, "sharedindex.ab"), 100); err != nil || string(data) != "DIRC" {
		t.Errorf("through a linked folder: %q, %v", data, err)
	}
}
