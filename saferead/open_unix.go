//go:build unix && !linux

package saferead

import (
	"errors"
	"os"
	"syscall"
)

// open opens without blocking: a FIFO swapped in after the Stat would
// otherwise block open itself (reads of a regular file ignore the flag).
// !follow refuses a link at path (O_NOFOLLOW).
func open(path string, follow bool) (*os.File, error) {
	flags := os.O_RDONLY | syscall.O_NONBLOCK
	if !follow {
		flags |= syscall.O_NOFOLLOW
	}
	f, err := os.OpenFile(path, flags, 0)
	if !follow && errors.Is(err, syscall.ELOOP) {
		return nil, ErrLink
	}
	return f, err
}
