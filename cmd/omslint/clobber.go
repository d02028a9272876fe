package main

import (
	"os"
	"path/filepath"

	"github.com/omslint/omslint/atomicfile"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/magento"
)

// checkWrites refuses, before anything is linted or written, a report or
// baseline file that would replace one of the inputs: `-o app/etc/env.php`
// (a slip for `-o env.json`) would otherwise replace the store's env.php,
// its secrets and connector settings, with a report. A file is an input
// when it is named on the command line, is --config or --baseline, or is
// one of the files omslint reads in a Magento root given (or found around
// the current folder or a file given); and, wherever it is, a file named
// as a Magento root's files are (env.php, config.php, composer.json,
// composer.lock, auth.json, .omslint.yaml): no report is meant to be one,
// and one written there would be read as that file by the next run. Two
// outputs naming one file are refused too, since the second would replace
// the first.
func checkWrites(outs []output, args []string, fl *lintFlags) error {
	type target struct{ flag, path string }
	var targets []target
	for _, o := range outs {
		if o.path != "" {
			targets = append(targets, target{"--output", o.path})
		}
	}
	if fl.writeBaseline != "" {
		targets = append(targets, target{"--write-baseline", fl.writeBaseline})
	}
	if len(targets) == 0 {
		return nil
	}

	var inputs []string
	roots := map[string]bool{}
	addRoot := func(dir string) {
		if r, err := magento.FindRoot(dir); err == nil {
			roots[r] = true
		}
	}
	if len(args) == 0 {
		if cwd, err := os.Getwd(); err == nil {
			addRoot(cwd)
		}
	}
	for _, a := range args {
		if a == "-" {
			if fl.stdinFilename != "" {
				addRoot(filepath.Dir(fl.stdinFilename))
			}
			continue
		}
		st, err := os.Stat(a)
		switch {
		case err != nil:
		case st.IsDir():
			if magento.IsRoot(a) {
				roots[a] = true
			}
		default:
			inputs = append(inputs, a)
			addRoot(filepath.Dir(a))
		}
	}
	for r := range roots {
		for _, f := range magento.RootFiles {
			inputs = append(inputs, filepath.Join(r, filepath.FromSlash(f)))
		}
	}
	if fl.configPath != "" {
		inputs = append(inputs, fl.configPath)
	}
	// Folders a report path must not leave through a link: the current
	// folder and each Magento root linted (a checkout can commit
	// reports -> /etc/cron.d).
	var within []string
	if cwd, err := os.Getwd(); err == nil {
		within = append(within, cwd)
	}
	for r := range roots {
		within = append(within, absClean(r))
	}

	seen := map[string]string{}
	for _, t := range targets {
		abs := absClean(t.path)
		if prev, ok := seen[canonical(abs)]; ok {
			return failure.Usagef("%s and %s both write %s: give each its own file", prev, t.flag, t.path)
		}
		seen[canonical(abs)] = t.flag
		for _, f := range magento.RootFiles {
			if name := filepath.Base(abs); name == filepath.Base(f) {
				return failure.Usagef("%s %s: refused: %s is the name of a Magento root's file, not of a report; name the report otherwise", t.flag, t.path, name)
			}
		}
		against := inputs
		if fl.baseline != "" && t.flag != "--write-baseline" {
			// --baseline F --write-baseline F updates a baseline in place.
			against = append(against[:len(against):len(against)], fl.baseline)
		}
		for _, in := range against {
			if sameFile(abs, absClean(in)) {
				return failure.Usagef("%s %s: refused: it is one of the inputs being linted (%s); name the report file otherwise", t.flag, t.path, in)
			}
		}
		if err := checkLinkOut(t.flag, t.path, abs, within); err != nil {
			return err
		}
	}
	return nil
}

// checkLinkOut refuses a report path that, as written, is inside one of
// the folders within (the current folder, a Magento root) but whose folder
// leads out of it through a symlink: the checkout chose that link, not the
// operator. A path that leaves the folder as written (absolute elsewhere,
// ../) is written as given.
func checkLinkOut(flag, path, abs string, within []string) error {
	dir := filepath.Dir(abs)
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil // the write itself reports a missing folder
	}
	for _, w := range within {
		if abs == w || !atomicfile.Within(abs, w) {
			continue
		}
		realW, err := filepath.EvalSymlinks(w)
		if err != nil || atomicfile.Within(real, realW) {
			continue
		}
		where := "the current folder"
		if cwd, err := os.Getwd(); err != nil || w != cwd {
			where = "the Magento root " + w
		}
		return failure.Usagef("%s %s: refused: %s leads (through a symlink) to %s, out of %s; name the report with a path that does not go through a link out of it", flag, path, filepath.Dir(path)+string(filepath.Separator), real, where)
	}
	return nil
}

func absClean(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// sameFile reports whether a and b (absolute) are one path once the links
// among their folders are resolved. Only the path matters: a report is
// written to a temporary file renamed over it, so a link or hard link
// there is replaced and what it led to is untouched.
func sameFile(a, b string) bool {
	return a == b || canonical(a) == canonical(b)
}

func canonical(p string) string {
	if dir, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		return filepath.Join(dir, filepath.Base(p))
	}
	return p
}
