//go:build !linux

package saferead

import (
	"io"
	"io/fs"
)

// readOpen opens path (a link at path refused when !follow, where open
// can), checks the open file (it may have been swapped
// since ReadFile's Stat) and reads at most max+1 bytes of it. Outside Linux
// no pseudo file systems are known: the regular-file check is the only one.
func readOpen(path string, max int64, follow bool) ([]byte, fs.FileInfo, error) {
	f, err := open(path, follow)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if err := check(st, max); err != nil {
		return nil, nil, err
	}
	data, err := ReadAll(io.LimitReader(f, max+1), st.Size())
	return data, st, err
}
