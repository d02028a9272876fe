// Package saferead is omslint's one way to read a file whose name came from
// a checkout, a flag or a config file (env.php, config.php, composer files,
// .omslint.yaml, the git index, an env.php to merge into). A checkout is
// untrusted: a link in it can name any file on the machine, so a read
//
//   - follows links (Deployer and Capistrano link app/etc/env.php to a
//     shared/ folder), then
//   - accepts only a regular file: a folder, FIFO, socket or device is
//     refused before it is opened, so the read never blocks;
//   - refuses a file on a pseudo file system (proc, sysfs, debugfs, …),
//     decided by what the file system is (statfs on Linux), not by its
//     path: /proc/self/environ would print the process environment and
//     /proc/kmsg blocks forever;
//   - reads at most the size limit, and fails beyond it.
//
// Errors are *fs.PathError naming the path.
package saferead

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
)

// ErrNotRegular is the reason for refusing a folder, FIFO, socket or device.
var ErrNotRegular = errors.New("not a regular file (a FIFO, socket or device): refused")

// ErrLink is the reason ReadFileNoFollow refuses a symbolic link.
var ErrLink = errors.New("a symbolic link, expected the file itself: refused")

// ErrIsDir is the reason for refusing a folder.
var ErrIsDir = errors.New("is a folder, expected a file")

// PseudoFSError is the reason for refusing a file on a pseudo file system.
type PseudoFSError struct{ FS string }

func (e *PseudoFSError) Error() string {
	return "on a " + e.FS + " pseudo file system, not a file of the checkout: refused"
}

// TooLargeError is the reason for refusing a file over the size limit.
type TooLargeError struct{ Size, Max int64 }

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("larger than the %d-byte limit", e.Max)
	}
	return fmt.Sprintf("%d bytes, larger than the %d-byte limit", e.Size, e.Max)
}

// ReadFile reads the regular file at path, following links, of at most max
// bytes (max > 0). It returns the contents and the file's information (of
// the file read, not of a link to it).
func ReadFile(path string, max int64) ([]byte, fs.FileInfo, error) {
	return readFile(path, max, true)
}

// ReadFileNoFollow is ReadFile for a file that must be at path itself,
// named by a program rather than by a user (git's shared index): a link at
// path is refused with ErrLink, not followed, by a check before the open
// and, where the system has O_NOFOLLOW (every Unix), by the open itself.
func ReadFileNoFollow(path string, max int64) ([]byte, fs.FileInfo, error) {
	return readFile(path, max, false)
}

func readFile(path string, max int64, follow bool) ([]byte, fs.FileInfo, error) {
	fail := func(err error) ([]byte, fs.FileInfo, error) {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	stat := os.Stat
	if !follow {
		stat = os.Lstat
	}
	st, err := stat(path)
	if err != nil {
		return fail(err)
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return fail(ErrLink)
	}
	if err := check(st, max); err != nil {
		return fail(err)
	}
	data, st, err := readOpen(path, max, follow)
	if err != nil {
		return fail(err)
	}
	return data, st, nil
}

func check(st fs.FileInfo, max int64) error {
	if st.IsDir() {
		return ErrIsDir
	}
	if !st.Mode().IsRegular() {
		return ErrNotRegular
	}
	if st.Size() > max {
		return &TooLargeError{Size: st.Size(), Max: max}
	}
	return nil
}

// ReadAll is io.ReadAll into a buffer of the size the file had when it was
// looked at (one allocation instead of a doubling series: 10 MB read
// allocated 40 MB); a file that grew meanwhile is still read whole.
func ReadAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, size+1)
	for {
		if len(data) == cap(data) {
			// Double: append's growth for large slices (1.25×) leaves
			// some five times the input behind when the size was not
			// known (a pipe).
			data = slices.Grow(data, cap(data))
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}
