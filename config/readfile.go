package config

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

// readFile reads a config file that must be a regular file: a FIFO or a
// device (--config /dev/stdin, a FIFO left in a checkout) is refused before
// opening, so the read never blocks, and at most MaxSize+1 bytes are read.
// Errors are *fs.PathError, like os.ReadFile's.
func readFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("is a folder, expected a file")}
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("not a regular file (a FIFO, socket or device): refused")}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxSize+1))
}
