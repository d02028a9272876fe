package engine

import (
	"errors"
	"path/filepath"
	"strings"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/report"
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

// runErrors turns the inputs that could not be linted into the report's
// entries: one per config mistake (with its line and column), else one per
// input with its path and reason.
func runErrors(errs []error) []report.RunError {
	var out []report.RunError
	for _, err := range errs {
		var (
			list config.ErrorList
			ce   *config.Error
			ie   *failure.InputError
		)
		switch {
		case errors.As(err, &list):
			for _, e := range list {
				out = append(out, report.RunError{Path: e.File, Message: e.Msg, Line: e.Line, Col: e.Col})
			}
		case errors.As(err, &ce):
			out = append(out, report.RunError{Path: ce.File, Message: ce.Msg, Line: ce.Line, Col: ce.Col})
		case errors.As(err, &ie):
			out = append(out, report.RunError{Path: ie.Path, Message: ie.Err.Error()})
		default:
			out = append(out, report.RunError{Message: err.Error()})
		}
	}
	return out
}
