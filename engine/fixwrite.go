package engine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/omslint/omslint/atomicfile"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/report"
)

// beforeWrite, when set (by tests), runs just before a fixed file is
// committed: the place where another process could change the file.
var beforeWrite func(path string)

// WriteError is a --fix that could not write every file it fixed: Err
// names the file and why; Written and NotWritten say exactly which files
// were changed (in the order they are written) and which were not. The
// CLI prints it and exits 2.
type WriteError struct {
	Err        error
	Written    []string
	NotWritten []string
}

func (e *WriteError) Error() string { return strings.Join(e.Lines(), "\nomslint: ") }

// Lines are the messages of the error, one per line: why the write
// failed, then which files were written (failure.Lines: each line is
// escaped on its own, so a file name holding a newline cannot forge one).
func (e *WriteError) Lines() []string {
	msg := e.Err.Error()
	var ce *atomicfile.ChangedError
	if errors.As(e.Err, &ce) {
		msg += "; run omslint again"
	}
	switch {
	case len(e.Written) == 0 && len(e.NotWritten) <= 1:
		return []string{msg}
	case len(e.Written) == 0:
		return []string{msg, "--fix wrote no file (not written: " + strings.Join(e.NotWritten, ", ") + ")"}
	}
	not := "none"
	if len(e.NotWritten) > 0 {
		not = strings.Join(e.NotWritten, ", ")
	}
	return []string{msg, "--fix wrote " + strings.Join(e.Written, ", ") + "; not written: " + not}
}

func (e *WriteError) Unwrap() error { return e.Err }

// FailureKind: a file that could not be written is an input error (exit 2).
func (e *WriteError) FailureKind() failure.Kind { return failure.Input }

// fixLocks are the locks a --fix run holds on the files it may write,
// taken before they are read (so a second omslint --fix of the same
// files waits, then reads what the first wrote) and released when the
// project is done.
type fixLocks struct {
	byPath map[string]*atomicfile.Locked
}

// lockForFix locks what --fix may write for path: env.php and config.php
// of a Magento root, or the file itself, in that fixed order (two runs
// never wait for each other crosswise). A file that cannot be opened is
// left to the read to report; a lock held elsewhere too long is an error.
func lockForFix(path string) (*fixLocks, error) {
	files := []string{path}
	if isDir(path) {
		files = []string{filepath.Join(path, magento.EnvPHPPath), filepath.Join(path, magento.ConfigPHPPath)}
	}
	fl := &fixLocks{byPath: map[string]*atomicfile.Locked{}}
	for _, f := range files {
		if st, err := os.Stat(f); err != nil || !st.Mode().IsRegular() {
			continue
		}
		l, err := atomicfile.Lock(f)
		if err != nil {
			var re *atomicfile.RefusedError
			if errors.As(err, &re) {
				fl.release()
				return nil, &WriteError{Err: err}
			}
			continue
		}
		fl.byPath[filepath.Clean(f)] = l
	}
	return fl, nil
}

func (fl *fixLocks) get(path string) *atomicfile.Locked {
	if fl == nil {
		return nil
	}
	return fl.byPath[filepath.Clean(path)]
}

func (fl *fixLocks) release() {
	if fl == nil {
		return
	}
	for _, l := range fl.byPath {
		l.Close()
	}
}

// writeFixed writes the fixed files of one project: first every file is
// checked and prepared (may it be written here, is it unchanged, can its
// owner, mode, links and attributes be kept, new content synced in a
// temporary file), so any refusal comes before a byte is written; then
// they are replaced in a fixed order (env.php, then config.php), and a
// failure says which were written and which were not.
func writeFixed(p *magento.Project, files []*fixedFile, opts Options, locks *fixLocks, out *Outcome) error {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.orig.Path
	}
	type target struct {
		l    *atomicfile.Locked
		own  bool
		pend *atomicfile.Pending
	}
	targets := make([]target, 0, len(files))
	defer func() {
		for _, t := range targets {
			if t.pend != nil {
				t.pend.Abort()
			}
			if t.own {
				t.l.Close()
			}
		}
	}()
	for _, file := range files {
		path := filepath.FromSlash(file.orig.Path)
		real, err := atomicfile.Resolve(path, writeRoot(p, path), opts.FollowSymlinks)
		if err != nil {
			return &WriteError{Err: err, NotWritten: names}
		}
		if opts.FollowSymlinks {
			if _, err := atomicfile.Resolve(path, writeRoot(p, path), false); err != nil {
				out.Result.Notes = append(out.Result.Notes, report.Note{Kind: report.Wrote, Text: fmt.Sprintf("%s: --follow-symlinks: writing %s", file.orig.Path, real)})
			}
		}
		t := target{l: locks.get(path)}
		if t.l == nil {
			if t.l, err = atomicfile.Lock(path); err != nil {
				return &WriteError{Err: err, NotWritten: names}
			}
			t.own = true
		}
		targets = append(targets, t)
		if t.l.Path() != real {
			return &WriteError{Err: &atomicfile.ChangedError{Path: file.orig.Path, Why: "its symlink now leads elsewhere"}, NotWritten: names}
		}
		pend, err := t.l.Prepare(file.final.Data, file.orig.Data, atomicfile.Options{Force: opts.Force})
		if err != nil {
			return &WriteError{Err: err, NotWritten: names}
		}
		targets[len(targets)-1].pend = pend
	}
	for i, t := range targets {
		if beforeWrite != nil {
			beforeWrite(files[i].orig.Abs)
		}
		err := t.pend.Commit()
		targets[i].pend = nil
		if err != nil {
			var written []string
			not := names[i:]
			for j := range i {
				if targets[j].l.Finish() == nil {
					written = append(written, names[j])
				} else {
					not = append([]string{names[j]}, not...)
				}
			}
			return &WriteError{Err: err, Written: written, NotWritten: not}
		}
	}
	// The last look at each replaced file: a writer that opened it just
	// before the swap gets its version put back (that file counts as not
	// written).
	var written, not []string
	var ferr error
	for i, t := range targets {
		if err := t.l.Finish(); err != nil {
			ferr = err
			not = append(not, names[i])
			continue
		}
		written = append(written, names[i])
		out.FixedFiles = append(out.FixedFiles, files[i].orig.Path)
	}
	if ferr != nil {
		return &WriteError{Err: ferr, Written: written, NotWritten: not}
	}
	return nil
}

// writeRoot is the folder a fix of path must stay in: the Magento root,
// or for a lone file atomicfile.WriteBoundary.
func writeRoot(p *magento.Project, path string) string {
	if p.Root != "" {
		return p.Root
	}
	return atomicfile.WriteBoundary(path)
}
