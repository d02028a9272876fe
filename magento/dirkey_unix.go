//go:build unix

package magento

import (
	"io/fs"
	"syscall"
)

// dirKey identifies a folder however it was reached (device and inode).
type dirKey struct {
	dev, ino uint64
}

func keyOf(_ string, st fs.FileInfo) (dirKey, bool) {
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return dirKey{}, false
	}
	return dirKey{dev: uint64(s.Dev), ino: uint64(s.Ino)}, true
}
