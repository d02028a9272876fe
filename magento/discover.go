package magento

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/omslint/omslint/failure"
)

// SkippedDirs are folder names lint --recursive never enters: dependencies,
// VCS data and Magento's generated, public and runtime folders.
var SkippedDirs = map[string]bool{
	"vendor": true, "node_modules": true, ".git": true,
	"generated": true, "pub": true, "var": true,
}

// WalkRoots finds every Magento root (IsRoot) at or under dir, named from
// dir (dir itself is included when it is a root), and hands each to emit
// as soon as its place in the sorted order is certain, so linting can
// start while the search goes on (lint --recursive over a fleet). Calls to
// emit come from the caller's goroutine, in order. An error for dir itself
// is returned in errs; each folder below it that cannot be read is an
// InputError there too, without stopping the search. outLinks counts the
// folder links not followed for leading out of dir.
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
//
// Folders are searched in the order of their paths followed by a
// separator ("a-b/" is before "a/", so a-b is searched before a and what
// lies below a), which is the order of the roots' files sorted as strings
// (a-b/app/etc/env.php before a/app/etc/env.php): RootOrder, so the text
// report streamed root by root is the report sorted by file at the end. A
// root reached through a folder link is named by the link and sorted among
// the others, but links are followed last:
// once a link to a folder inside the tree is met, the roots found after it
// wait for the end of the search (a tree with such links streams only up
// to the first). A deploy folder's current link into its own releases
// folder is followed in its place (nothing else reaches its target).
func WalkRoots(dir string, emit func(root string)) (errs []error, outLinks int) {
	st, err := os.Stat(dir)
	if err != nil {
		return []error{&failure.InputError{Path: dir, Err: cleanErr(err)}}, 0
	}
	if !st.IsDir() {
		return []error{&failure.InputError{Path: dir, Err: errors.New("not a folder")}}, 0
	}
	top, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return []error{&failure.InputError{Path: dir, Err: cleanErr(err)}}, 0
	}
	if abs, err := filepath.Abs(top); err == nil {
		top = abs
	}
	w := &rootWalker{seen: map[dirKey]bool{}, top: top, emit: emit}
	w.walk(dir, st, false)
	for len(w.links) > 0 {
		l := w.links[0]
		w.links = w.links[1:]
		sub, err := os.Stat(l.path)
		if err != nil || !sub.IsDir() {
			continue
		}
		w.walk(l.path, sub, l.inRoot)
	}
	slices.SortFunc(w.held, RootOrder)
	for _, r := range w.held {
		emit(r)
	}
	return w.errs, w.outLinks
}

// RootOrder orders root paths as their files sort: by each path followed
// by a separator, so "shop-a" (shop-a/app/...) comes before "shop"
// (shop/app/...) and "shop" before "shop/a".
func RootOrder(a, b string) int {
	return strings.Compare(a+string(filepath.Separator), b+string(filepath.Separator))
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
	seen map[dirKey]bool
	top  string // the real, absolute path of the folder searched
	// emit gets the roots until a link to follow is met (they are in
	// sorted order); after that they are held, and sorted at the end.
	emit     func(string)
	holding  bool
	held     []string
	errs     []error
	links    []pendingLink
	outLinks int
}

// found records a root.
func (w *rootWalker) found(dir string) {
	if !w.holding {
		w.emit(dir)
		return
	}
	w.held = append(w.held, dir)
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
	if enter, inRoot := w.enter(dir, st, inRoot); enter {
		w.descend(dir, inRoot)
	}
}

// enter decides whether dir is searched (each folder once) and whether it
// is a root; inRoot is then true for what lies below it.
func (w *rootWalker) enter(dir string, st fs.FileInfo, inRoot bool) (enter, below bool) {
	key, ok := keyOf(dir, st)
	if ok {
		if w.seen[key] {
			return false, inRoot
		}
		w.seen[key] = true
	}
	if inRoot {
		if hasStrongMarker(dir) {
			w.found(dir)
		}
	} else if IsRoot(dir) {
		w.found(dir)
		inRoot = true
	}
	return true, inRoot
}

// walkStep is one step of searching a folder's entries in path order: an
// entry itself (is it a root, a link to follow), then the folder below it,
// both at its name and a separator. "a-b/" < "a/" < "a/b/", so folder a-b
// is searched first, then a is checked, then what is below a.
type walkStep struct {
	key   string
	child int
	below bool
}

type walkChild struct {
	path          string
	link          bool
	enter, inRoot bool
}

// descend searches the entries of dir in the order of their paths, so the
// roots are found in sorted order.
func (w *rootWalker) descend(dir string, inRoot bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.errs = append(w.errs, &failure.InputError{Path: dir, Err: cleanErr(err)})
		return
	}
	_, deploy := DeployCurrent(dir)
	var (
		children []walkChild
		steps    []walkStep
	)
	for _, e := range entries {
		if SkippedDirs[e.Name()] {
			continue
		}
		if deploy && deploySkipped[e.Name()] {
			continue
		}
		link := e.Type()&fs.ModeSymlink != 0
		if !link && !e.IsDir() {
			continue
		}
		steps = append(steps, walkStep{key: e.Name() + string(filepath.Separator), child: len(children)})
		if !link || deploy && e.Name() == "current" {
			steps = append(steps, walkStep{key: e.Name() + string(filepath.Separator), child: len(children), below: true})
		}
		children = append(children, walkChild{path: filepath.Join(dir, e.Name()), link: link})
	}
	// Stable: an entry's own step comes before the step below it.
	slices.SortStableFunc(steps, func(a, b walkStep) int { return strings.Compare(a.key, b.key) })
	for _, step := range steps {
		c := &children[step.child]
		switch {
		case step.below:
			if c.enter {
				w.descend(c.path, c.inRoot)
			}
		case c.link:
			// Followed later, when inside the tree; broken links and
			// links to files are not roots.
			sub, err := os.Stat(c.path)
			if err != nil || !sub.IsDir() {
				continue
			}
			if !w.inside(c.path) {
				w.outLinks++
				continue
			}
			if deploy && !w.holding && c.path == filepath.Join(dir, "current") && intoReleases(dir, c.path) {
				// A deploy folder's current release: its target lies in
				// releases/, which is never searched, so no other way
				// reaches it first, and no link waits before it. Followed
				// now, in its place, so a fleet of deploy folders
				// streams.
				c.enter, c.inRoot = w.enter(c.path, sub, inRoot)
				continue
			}
			w.links = append(w.links, pendingLink{c.path, inRoot})
			w.holding = true
		default:
			sub, err := os.Stat(c.path)
			if err != nil {
				w.errs = append(w.errs, &failure.InputError{Path: c.path, Err: cleanErr(err)})
				continue
			}
			c.enter, c.inRoot = w.enter(c.path, sub, inRoot)
		}
	}
}

// intoReleases reports whether the link cur resolves to a folder inside
// dir's releases folder (every link resolved).
func intoReleases(dir, cur string) bool {
	target, err := filepath.EvalSymlinks(cur)
	if err != nil {
		return false
	}
	releases, err := filepath.EvalSymlinks(filepath.Join(dir, "releases"))
	if err != nil {
		return false
	}
	return strings.HasPrefix(target, releases+string(filepath.Separator))
}
