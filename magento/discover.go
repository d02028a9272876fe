package magento

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// SkippedDirs are folder names lint --recursive never enters: dependencies,
// VCS data and Magento's generated, public and runtime folders.
var SkippedDirs = map[string]bool{
	"vendor": true, "node_modules": true, ".git": true,
	"generated": true, "pub": true, "var": true,
}

// FindRoots returns every Magento root (a folder holding app/etc/env.php)
// at or under dir, sorted, named from dir (dir itself is included when it
// is a root). It skips SkippedDirs, follows symbolic links to folders but
// enters each folder once (a link back to an ancestor is a loop, and a
// second way to the same folder would lint a root twice), and reports each
// folder it cannot read as an InputError without stopping. An error for
// dir itself is returned in errs.
func FindRoots(dir string) (roots []string, errs []error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, []error{&InputError{Path: dir, Err: cleanErr(err)}}
	}
	if !st.IsDir() {
		return nil, []error{&InputError{Path: dir, Err: errors.New("not a folder")}}
	}
	w := &rootWalker{seen: map[dirKey]bool{}}
	w.walk(dir, st)
	// Links are followed after the folders reached without one, so a root
	// is named by its own path rather than by a link to it.
	for len(w.links) > 0 {
		p := w.links[0]
		w.links = w.links[1:]
		if sub, err := os.Stat(p); err == nil && sub.IsDir() {
			w.walk(p, sub)
		}
	}
	sort.Strings(w.roots)
	return w.roots, w.errs
}

type rootWalker struct {
	seen  map[dirKey]bool
	roots []string
	errs  []error
	links []string
}

func (w *rootWalker) walk(dir string, st fs.FileInfo) {
	key, ok := keyOf(dir, st)
	if ok {
		if w.seen[key] {
			return
		}
		w.seen[key] = true
	}
	if IsRoot(dir) {
		w.roots = append(w.roots, dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.errs = append(w.errs, &InputError{Path: dir, Err: cleanErr(err)})
		return
	}
	for _, e := range entries {
		if SkippedDirs[e.Name()] {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			// Followed later; broken links and links to files are not
			// roots.
			w.links = append(w.links, p)
			continue
		}
		if !e.IsDir() {
			continue
		}
		sub, err := os.Stat(p)
		if err != nil {
			w.errs = append(w.errs, &InputError{Path: p, Err: cleanErr(err)})
			continue
		}
		w.walk(p, sub)
	}
}
