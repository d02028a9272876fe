//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWriteFileKeepsOwnerAsRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "env.php")
	write(t, p, "old", 0o640)
	if err := os.Chown(p, 65534, 65534); err != nil {
		t.Skip(err)
	}
	if err := WriteFile(p, []byte("new"), []byte("old")); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if s := st.Sys().(*syscall.Stat_t); s.Uid != 65534 || s.Gid != 65534 {
		t.Fatalf("owner %d:%d, want 65534:65534", s.Uid, s.Gid)
	}
}
