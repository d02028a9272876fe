//go:build !linux

package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Where Linux's flock, O_TMPFILE, RENAME_EXCHANGE and xattr calls are not
// used, the writer keeps its checks (content, identity by size and mtime,
// read-only, hard links) and writes a named temporary file renamed over
// the target, without a lock and without copying extended attributes.

// Locked is a target file (not locked on this system).
type Locked struct {
	path, real string
	f          *os.File
	st         fs.FileInfo
}

// Lock resolves and opens path (no lock is taken on this system).
func Lock(path string) (*Locked, error) {
	real, err := realPath(path)
	if err != nil {
		return nil, err
	}
	st, err := os.Lstat(real)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &RefusedError{Path: path, Reason: "not a regular file (a folder, FIFO or device): refused"}
	}
	f, err := os.Open(real)
	if err != nil {
		return nil, err
	}
	return &Locked{path: path, real: real, f: f, st: st}, nil
}

// Finish is a no-op here (the replacement is done by Commit).
func (l *Locked) Finish() error { return nil }

// Close releases the file.
func (l *Locked) Close() error {
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

func (l *Locked) stillAtPath() (bool, error) {
	now, err := os.Lstat(l.real)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(now, l.st), nil
}

// Pending is a prepared replacement.
type Pending struct {
	l              *Locked
	data, original []byte
	t              *temp
	snap           fs.FileInfo
}

// Prepare checks the target and writes the new content to a temporary file.
func (l *Locked) Prepare(data, original []byte, opts Options) (*Pending, error) {
	if err := l.unchanged(original); err != nil {
		return nil, err
	}
	st, err := l.f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Mode().Perm()&0o222 == 0 && !opts.Force {
		return nil, &RefusedError{Path: l.path, Reason: fmt.Sprintf("is read-only (mode %04o): omslint does not replace it; nothing was written (add --force to write it anyway)", st.Mode().Perm())}
	}
	t, _, err := tempFor(l.real)
	if err != nil {
		return nil, err
	}
	if err := t.fill(data, st.Mode().Perm()); err != nil {
		t.discard()
		return nil, err
	}
	return &Pending{l: l, data: data, original: original, t: t, snap: st}, nil
}

// Commit checks the target once more and renames the new file over it.
func (p *Pending) Commit() error {
	defer p.Abort()
	if err := p.l.unchanged(p.original); err != nil {
		return err
	}
	if now, err := p.l.f.Stat(); err != nil || now.Size() != p.snap.Size() || !now.ModTime().Equal(p.snap.ModTime()) {
		return &ChangedError{Path: p.l.path, Why: "its size or modification time changed"}
	}
	beforeRename()
	if err := os.Rename(p.t.path, p.l.real); err != nil {
		return err
	}
	p.t.renamed()
	return nil
}

type temp struct {
	f         *os.File
	dir, base string
	path      string
	consumed  bool
}

func newTemp(dir, base string) (*temp, error) {
	if dir == "" {
		dir = "."
	}
	for i := 0; ; i++ {
		name := filepath.Join(dir, tempName(base))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return &temp{f: f, dir: dir, base: base, path: name}, nil
		}
		if !errors.Is(err, fs.ErrExist) || i > 100 {
			return nil, fmt.Errorf("cannot create a temporary file in %s: %w", dir, err)
		}
	}
}

func (t *temp) fill(data []byte, mode fs.FileMode) error {
	if _, err := t.f.Write(data); err != nil {
		return err
	}
	if err := t.f.Chmod(mode); err != nil {
		return err
	}
	if err := t.f.Sync(); err != nil {
		return err
	}
	return t.f.Close()
}

func (t *temp) name() (string, error) { return t.path, nil }

func (t *temp) linkAs(path string) error {
	if err := os.Link(t.path, path); err != nil {
		return err
	}
	_ = os.Remove(t.path)
	t.consumed = true
	return nil
}

func (t *temp) renamed() { t.consumed = true }

func (t *temp) discard() {
	if t.f != nil {
		t.f.Close()
		t.f = nil
	}
	if !t.consumed {
		_ = os.Remove(t.path)
	}
}

// removeStale cannot tell a live temporary file from a leftover without
// locks: it removes one of ours only when older than ten minutes.
func removeStale(p string, e fs.DirEntry) bool {
	fi, err := e.Info()
	return err == nil && time.Since(fi.ModTime()) > 10*time.Minute && os.Remove(p) == nil
}

func bestEffortOwner(*temp, fs.FileInfo) {}

func syncDir(string) error { return nil }

func umask() fs.FileMode { return 0o022 }
