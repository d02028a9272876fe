package engine

import (
	"path/filepath"
	"strings"

	"github.com/omslint/omslint/magento"
)

// uniquePaths drops inputs named twice: the same path in another spelling
// (`./x` and `x`, relative and absolute, a trailing slash), standard input
// given twice, and a root's own env.php or config.php when the root itself
// is also given (the root lints them, with its other files). The first
// spelling is kept, in the order given.
func uniquePaths(paths []string) []string {
	key := func(p string) string {
		if p == "-" {
			return p
		}
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
		return filepath.Clean(p)
	}
	roots := map[string]bool{}
	for _, p := range paths {
		if p != "-" && isDir(p) {
			roots[key(p)] = true
		}
	}
	seen := map[string]bool{}
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		k := key(p)
		if seen[k] {
			continue
		}
		seen[k] = true
		if p != "-" && !roots[k] && coveredByRoot(k, roots) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// coveredByRoot is true when abs is the env.php or config.php of a root
// in roots.
func coveredByRoot(abs string, roots map[string]bool) bool {
	for _, rel := range []string{magento.EnvPHPPath, magento.ConfigPHPPath} {
		suffix := string(filepath.Separator) + filepath.FromSlash(rel)
		if strings.HasSuffix(abs, suffix) && roots[strings.TrimSuffix(abs, suffix)] {
			return true
		}
	}
	return false
}
