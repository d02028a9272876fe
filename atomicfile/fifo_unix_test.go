//go:build unix

package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A FIFO at a report's path is written directly; with no reader (one left
// in a work tree by a tarball or a cache) the write fails after fifoWait
// instead of blocking the run forever, and a reader that comes late gets
// all the data.
func TestReplaceFileFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "report.sarif")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	defer func(w time.Duration) { fifoWait = w }(fifoWait)
	fifoWait = 200 * time.Millisecond
	done := make(chan error, 1)
	go func() { done <- ReplaceFile(p, []byte("x"), 0o644) }()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("wrote to a FIFO no process reads")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("ReplaceFile blocked on a FIFO without a reader")
	}

	data := make([]byte, 1<<20) // more than a pipe holds
	for i := range data {
		data[i] = byte('a' + i%26)
	}
	got := readFIFO(p)
	fifoWait = 10 * time.Second // the reader opens its end in the meantime
	if err := ReplaceFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if b := <-got; string(b) != string(data) {
		t.Fatalf("the reader got %d bytes, want %d", len(b), len(data))
	}
	if fi, err := os.Lstat(p); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced: %v %v", fi, err)
	}
}

// readFIFO opens the FIFO at p for reading (blocking until a writer
// opens it) and sends everything read, nil when it cannot be opened.
func readFIFO(p string) <-chan []byte {
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(p)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	return got
}
