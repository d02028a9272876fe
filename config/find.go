package config

import (
	"os"
	"path/filepath"
)

// Find locates the config file: FileName at the Magento root when root is
// not empty and has one, else the nearest FileName in cwd or a folder above
// it, up to the filesystem root. The upward search lets a repository keep
// one file above several Magento roots (a monorepo, or `--recursive`).
func Find(root, cwd string) (string, bool) {
	if root != "" {
		if p := filepath.Join(root, FileName); isFile(p) {
			return p, true
		}
	}
	if cwd == "" {
		return "", false
	}
	dir, err := filepath.Abs(cwd)
	if err != nil {
		return "", false
	}
	for {
		if p := filepath.Join(dir, FileName); isFile(p) {
			return p, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// isFile is true for a regular file (or a link to one): a folder named
// .omslint.yaml is not a config file and must not stop the search.
func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
