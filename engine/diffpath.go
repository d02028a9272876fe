package engine

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/omslint/omslint/magento"
)

// diffPath is the path a --diff names a file by: relative to the
// repository that holds the Magento root (the nearest folder at or above
// it with a .git entry, a folder or a worktree's file), else to the
// Magento root (the folder of a lone file), whatever folder omslint runs
// from. So `git apply` at the repository's top (or `patch -p1` at the
// root) accepts the diff, where a path relative to the current folder
// gave a/../../app/etc/env.php. The repository is found by looking for
// .git, never by running git. Standard input keeps its name.
func diffPath(p *magento.Project, src *magento.PHPSource) string {
	fallback := strings.TrimPrefix(filepath.ToSlash(src.Path), "./")
	if src.Abs == "" {
		return fallback
	}
	file, err := filepath.Abs(src.Abs)
	if err != nil {
		return fallback
	}
	base := filepath.Dir(file)
	if p.Root != "" {
		if r, err := filepath.Abs(p.Root); err == nil {
			base = r
		}
	}
	top := base
	for d := base; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			top = d
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	rel, err := filepath.Rel(top, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fallback
	}
	return filepath.ToSlash(rel)
}
