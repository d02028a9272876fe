//go:build unix

package doctor

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A FIFO named as --ca-file is refused at once: os.ReadFile blocked on it
// until a writer came, past --timeout.
func TestCAFileFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ca.pem")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { _, err := loadRoots(p); done <- err }()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a FIFO was read as a CA file")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("loadRoots blocked on a FIFO")
	}
}
