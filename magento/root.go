package magento

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/omslint/omslint/failure"
)

// What a Magento root is: the one definition that lint (with and without
// --recursive), plan, generate, init and the other commands share
// (docs/usage.md "What a Magento root is").
//
// A folder is a Magento root when it holds
//   - app/etc/env.php (a deployed store), or
//   - app/etc/config.php (a repository: env.php is rightly not committed), or
//   - a composer.json whose require or require-dev names Magento
//     (MagentoPackage: magento/product-*-edition, magento/magento2-base,
//     magento/framework, magento/magento-cloud-metapackage, the Mage-OS
//     equivalents) or a connector package (ConnectorPackages).
//
// app/etc/env.php and app/etc/config.php are the strong markers: a module's
// own composer.json (app/code/Vendor/Module requires magento/framework)
// is not a second root inside a root (see WalkRoots).

// RootNotFoundText says what a root is, for errors that found none.
const RootNotFoundText = "a folder holding " + EnvPHPPath + " or " + ConfigPHPPath + ", or a composer.json that requires Magento or the OMS connector"

// IsRoot reports whether dir is a Magento root.
func IsRoot(dir string) bool {
	return hasStrongMarker(dir) || composerRequiresMagento(dir)
}

// hasStrongMarker reports whether dir holds app/etc/env.php or
// app/etc/config.php as a file (a link to one counts: deploy layouts link
// env.php to shared/).
func hasStrongMarker(dir string) bool {
	for _, rel := range []string{EnvPHPPath, ConfigPHPPath} {
		if st, err := os.Stat(filepath.Join(dir, rel)); err == nil && st.Mode().IsRegular() {
			return true
		}
	}
	return false
}

// MagentoPackage reports whether a Composer package name makes the
// composer.json that requires it a Magento root's.
func MagentoPackage(name string) bool {
	n := strings.ToLower(name)
	for _, vendor := range []string{"magento/", "mage-os/"} {
		rest, ok := strings.CutPrefix(n, vendor)
		if !ok {
			continue
		}
		if strings.HasPrefix(rest, "product-") && strings.HasSuffix(rest, "-edition") {
			return true
		}
		switch rest {
		case "magento2-base", "framework", "magento-cloud-metapackage":
			return true
		}
	}
	return IsConnectorPackage(name)
}

// composerRequiresMagento reads dir/composer.json (a regular file within
// the default size limit) and reports whether it requires Magento or the
// connector. An unreadable or invalid file says no.
func composerRequiresMagento(dir string) bool {
	path := filepath.Join(dir, ComposerJSONPath)
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	data, err := ReadFile(path, 0)
	if err != nil {
		return false
	}
	var doc struct {
		Require    map[string]json.RawMessage `json:"require"`
		RequireDev map[string]json.RawMessage `json:"require-dev"`
	}
	if json.Unmarshal(data, &doc) != nil {
		return false
	}
	for _, m := range []map[string]json.RawMessage{doc.Require, doc.RequireDev} {
		for name := range m {
			if MagentoPackage(name) {
				return true
			}
		}
	}
	return false
}

// FindRoot walks up from dir to the first Magento root.
func FindRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		if IsRoot(d) {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("no Magento root (%s) in %s or above it", RootNotFoundText, abs)
		}
		d = parent
	}
}

// ResolveRoot is the Magento root a command works on: path when given
// (it must be a root), else the root containing the current folder. The
// result is named as the user would write it: relative to the current
// folder when the root is at or above it. Errors are *failure.InputError.
func ResolveRoot(path string) (string, error) {
	if path != "" {
		if _, err := os.Stat(path); err != nil {
			// A mistyped path is not "not a Magento root": say what lint says.
			return "", &failure.InputError{Path: path, Err: cleanErr(err)}
		}
		if !IsRoot(path) {
			return "", &failure.InputError{Path: path, Err: notRootErr(path)}
		}
		return path, nil
	}
	cwd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	root, err := FindRoot(cwd)
	if err != nil {
		if cur, ok := DeployCurrent(cwd); ok {
			err = fmt.Errorf("%v; this looks like a deploy folder: lint its current release, %s", err, relToCwd(cwd, cur))
		}
		return "", &failure.InputError{Path: ".", Err: err}
	}
	return relToCwd(cwd, root), nil
}

// InsideRootError is the error for a folder given as a Magento root that
// is none but lies in one (app/etc, given as "." from there), naming that
// root as the user would write it; nil when dir is a root or lies in none.
// A file written there (app/etc/app/etc/env.php, app/etc/.omslint.yaml)
// would be one the root's lint never reads.
func InsideRootError(dir, flag string) error {
	root, ok := enclosingRoot(dir)
	if !ok {
		return nil
	}
	return &failure.InputError{Path: dir, Err: fmt.Errorf("not a Magento root: it lies in the Magento root %s (give %s%s)", root, flag, root)}
}

// enclosingRoot is the Magento root above dir when dir is not one itself,
// named as the user would write it.
func enclosingRoot(dir string) (string, bool) {
	if IsRoot(dir) {
		return "", false
	}
	root, err := FindRoot(dir)
	if err != nil {
		return "", false
	}
	if cwd, err := os.Getwd(); err == nil {
		root = relToCwd(cwd, root)
	}
	return root, true
}

// NotRootError is the error for a folder given as a Magento root that is
// none.
func NotRootError(dir string) error { return &failure.InputError{Path: dir, Err: notRootErr(dir)} }

func notRootErr(dir string) error {
	if cur, ok := DeployCurrent(dir); ok {
		return fmt.Errorf("not a Magento root: it looks like a deploy folder; lint its current release, %s (or use --recursive)", cur)
	}
	if root, ok := enclosingRoot(dir); ok {
		return fmt.Errorf("not a Magento root: it lies in the Magento root %s (name %s, or give no PATH to use the root containing the current folder)", root, root)
	}
	return fmt.Errorf("not a Magento root (%s)", RootNotFoundText)
}

func relToCwd(cwd, p string) string {
	if rel, err := filepath.Rel(cwd, p); err == nil {
		return rel
	}
	return p
}

// DeployCurrent reports whether dir is a Deployer/Capistrano deploy folder
// (a `releases` folder and a `current` link to a folder) and returns the
// path of its current release when that is a Magento root.
func DeployCurrent(dir string) (string, bool) {
	cur := filepath.Join(dir, "current")
	lst, err := os.Lstat(cur)
	if err != nil || lst.Mode()&os.ModeSymlink == 0 {
		return "", false
	}
	if st, err := os.Stat(filepath.Join(dir, "releases")); err != nil || !st.IsDir() {
		return "", false
	}
	if st, err := os.Stat(cur); err != nil || !st.IsDir() || !IsRoot(cur) {
		return "", false
	}
	return cur, true
}
