//go:build !unix

package magento

import (
	"io/fs"
	"path/filepath"
)

// dirKey identifies a folder however it was reached (its real path).
type dirKey struct {
	path string
}

func keyOf(dir string, _ fs.FileInfo) (dirKey, bool) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return dirKey{}, false
	}
	abs, err := filepath.Abs(real)
	if err != nil {
		return dirKey{}, false
	}
	return dirKey{path: abs}, true
}
