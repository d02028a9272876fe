package magento

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/omslint/omslint/failure"
)

// SkippedDirs are folder names lint --recursive never enters: dependencies,
// VCS data and Magento's generated, public and runtime folders.
var SkippedDirs = map[string]bool{
	"vendor": true, "node_modules": true, ".git": true,
	"generated": true, "pub": true, "var": true,
}

// FindRoots returns every Magento root (IsRoot) at or under dir, sorted,
// named from dir (dir itself is included when it is a root). An error for
// dir itself is returned in errs; each folder below it that cannot be read
// is an InputError there too, without stopping the search.
//
//   - SkippedDirs are not entered.
//   - Symbolic links to folders are followed only when their target lies
//     inside dir (after resolving every link): a committed link to / or to
//     another checkout is never walked. Each folder is entered once (a link
//     back to an ancestor is a loop, and a second way to the same folder
//     would lint a root twice); links are followed after the folders
//     reached without one, so a root is named by its own path.
//   - Inside a root, only app/etc/env.php or app/etc/config.php make a
//     second root: a module's composer.json (app/code/Vendor/Module
//     requires magento/framework) does not.
//   - A Deployer/Capistrano deploy folder (DeployCurrent: `releases/` and a
//     `current` link) counts once, as its current release, named
//     DIR/current; its `releases` and `shared` folders and Deployer's
//     `release` link are not searched (each release links app/etc/env.php
//     to shared/, which is read through that link).
func FindRoots(dir string) (roots []string, errs []error) {
	roots, errs, _ = FindRootsCounting(dir)
	return roots, errs
}

// FindRootsCounting is FindRoots that also returns how many folder links
// were not followed for leading out of dir.
func FindRootsCounting(dir string) (roots []string, errs []error, outLinks int) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, []error{&failure.InputError{Path: dir, Err: cleanErr(err)}}, 0
	}
	if !st.IsDir() {
		return nil, []error{&failure.InputError{Path: dir, Err: errors.New("not a folder")}}, 0
	}
	top, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, []error{&failure.InputError{Path: dir, Err: cleanErr(err)}}, 0
	}
	if abs, err := filepath.Abs(top); err == nil {
		top = abs
	}
	w := &rootWalker{seen: map[dirKey]bool{}, top: top}
	w.walk(dir, st, false)
	for len(w.links) > 0 {
		l := w.links[0]
		w.links = w.links[1:]
		sub, err := os.Stat(l.path)
		if err != nil || !sub.IsDir() {
			continue
		}
		if !w.inside(l.path) {
			w.outLinks++
			continue
		}
		w.walk(l.path, sub, l.inRoot)
	}
	sort.Strings(w.roots)
	return w.roots, w.errs, w.outLinks
}

// deploySkipped are the entries of a deploy folder besides `current`
// that are not searched: every release, the shared files they link to,
// and Deployer's `release` link to a release being (or left half)
// deployed.
var deploySkipped = map[string]bool{"releases": true, "shared": true, "release": true}

type pendingLink struct {
	path   string
	inRoot bool
}

type rootWalker struct {
	seen     map[dirKey]bool
	top      string // the real, absolute path of the folder searched
	roots    []string
	errs     []error
	links    []pendingLink
	outLinks int
}

// inside reports whether the link at p resolves to a folder within the
// tree searched.
func (w *rootWalker) inside(p string) bool {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return false // broken: not a root anyway
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	return real == w.top || strings.HasPrefix(real, w.top+string(filepath.Separator)) ||
		w.top == string(filepath.Separator)
}

func (w *rootWalker) walk(dir string, st fs.FileInfo, inRoot bool) {
	key, ok := keyOf(dir, st)
	if ok {
		if w.seen[key] {
			return
		}
		w.seen[key] = true
	}
	if inRoot {
		if hasStrongMarker(dir) {
			w.roots = append(w.roots, dir)
		}
	} else if IsRoot(dir) {
		w.roots = append(w.roots, dir)
		inRoot = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.errs = append(w.errs, &failure.InputError{Path: dir, Err: cleanErr(err)})
		return
	}
	_, deploy := DeployCurrent(dir)
	for _, e := range entries {
		if SkippedDirs[e.Name()] {
			continue
		}
		if deploy && deploySkipped[e.Name()] {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			// Followed later, when inside the tree; broken links and
			// links to files are not roots.
			w.links = append(w.links, pendingLink{p, inRoot})
			continue
		}
		if !e.IsDir() {
			continue
		}
		sub, err := os.Stat(p)
		if err != nil {
			w.errs = append(w.errs, &failure.InputError{Path: p, Err: cleanErr(err)})
			continue
		}
		w.walk(p, sub, inRoot)
	}
}
