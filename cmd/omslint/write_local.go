package main

// TODO(edit-merge): replace with atomicfile.WriteFile / atomicfile.Create
// from the edit branch once it is merged into main.

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
)

// replaceFile writes data over path through a temporary file in the same
// folder (synced, then renamed), refusing when path no longer holds
// original.
func replaceFile(path string, data, original []byte) error {
	cur, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, original) {
		return errors.New(path + " changed since it was read; nothing written, run again")
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	return writeVia(path, data, st.Mode().Perm())
}

// createFile writes a new file (mode 0640: env.php holds secrets).
func createFile(path string, data []byte) error {
	if _, err := os.Lstat(path); err == nil {
		return errors.New(path + " already exists")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return writeVia(path, data, 0o640)
}

func writeVia(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".omslint-*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name)
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(name, path)
}
