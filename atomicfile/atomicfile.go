// Package atomicfile is omslint's one writer: every file omslint writes
// (--fix, generate --write, init, baselines, reports) goes through it.
//
// Replacing an existing file (Locked.Replace, Update, and --fix through
// Lock, Prepare and Commit):
//   - an exclusive advisory lock (flock) on the target covers the
//     read–check–write window; a second omslint (or Magento's writer when it
//     locks) waits for it instead of failing;
//   - the target's identity (device, inode, size, mtime) and content are
//     checked again just before it is replaced; a change made by someone
//     else is reported (*ChangedError) and never overwritten;
//   - the new content goes to an unnamed temporary file in the target's
//     folder (O_TMPFILE, mode 0600; a named ".NAME.omslint-XXXXXXXX.tmp" where
//     the file system has none), synced, given the target's owner, group,
//     mode and extended attributes (so ACLs and SELinux labels), named at the
//     last moment and swapped with the target (renameat2 RENAME_EXCHANGE, else
//     rename); what the swap took out is checked once more and swapped back
//     when it was not the file that was read;
//   - a target that replacing would change (another owner or group this user
//     cannot give, hard links, extended attributes that cannot be copied) is
//     refused (*RefusedError), or with Options.Force written in place under
//     the lock and verified by reading it back; a read-only target is refused
//     unless Options.Force;
//   - temporary files of ours left by a killed run (by name, and only when
//     no live omslint holds their lock) are removed by the next write in
//     that folder.
//
// Creating (Create) never replaces anything, a dangling symlink included.
// Reports (ReplaceFile) replace a symlink instead of following it.
// Resolve decides whether a write may follow a link out of a root.
package atomicfile

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Options adjust a replacement.
type Options struct {
	// Force writes a read-only target, and writes in place (same inode,
	// under the lock, verified) a target that a replacement would change:
	// an owner or group this user cannot give a new file, hard links, or
	// extended attributes that cannot be copied.
	Force bool
}

// LockTimeout bounds the wait for another process's lock on a target.
var LockTimeout = 30 * time.Second

// ChangedError is returned when the file on disk no longer holds the bytes
// the caller read (someone, maybe bin/magento, wrote it in between):
// writing would lose their change, so nothing is written to it.
type ChangedError struct {
	Path string
	// Why says what differed (content, another file in its place...).
	Why string
}

func (e *ChangedError) Error() string {
	why := ""
	if e.Why != "" {
		why = " (" + e.Why + ")"
	}
	return fmt.Sprintf("%s changed on disk since omslint read it%s; not overwriting it", e.Path, why)
}

// RefusedError is a write omslint will not make, and why (a read-only
// target, one whose owner, links or attributes a replacement would change,
// a lock held too long).
type RefusedError struct {
	Path   string
	Reason string
}

func (e *RefusedError) Error() string { return e.Path + ": " + e.Reason }

// OutsideRootError is a write through a symlink whose real path leaves
// the root it belongs to.
type OutsideRootError struct {
	Path, Real, Root string
}

func (e *OutsideRootError) Error() string {
	return fmt.Sprintf("%s leads (through a symlink) to %s, outside %s: not written (add --follow-symlinks to write there)", e.Path, e.Real, e.Root)
}

// Test hooks.
var (
	// beforeRename runs after the temporary file is complete and checked,
	// just before it replaces the target.
	beforeRename = func() {}
	// unchangedHook runs before each check of the file on disk.
	unchangedHook = func() {}
	// afterLink runs once the temporary file has a name.
	afterLink = func() {}
	// afterRemove runs once the name the swap used is gone.
	afterRemove = func() {}
)

// Resolve returns the real path a write to path would change, following
// symlinks in every component. When that leaves root (itself resolved),
// it returns an *OutsideRootError unless follow is set. A path that does
// not exist yet resolves through its nearest existing folder; a dangling
// symlink is refused (writing would create its target). root "" means no
// boundary.
func Resolve(path, root string, follow bool) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if errors.Is(err, fs.ErrNotExist) {
		if fi, lerr := os.Lstat(abs); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			to, _ := os.Readlink(abs)
			return "", &RefusedError{Path: path, Reason: fmt.Sprintf("is a symlink to %s, which does not exist: refused (writing would create the file it names)", to)}
		}
		real, err = resolveMissing(abs)
	}
	if err != nil {
		return "", err
	}
	if root == "" || follow {
		return real, nil
	}
	rootAbs, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	realRoot, err := filepath.EvalSymlinks(rootAbs)
	if err != nil {
		return "", err
	}
	if !Within(real, realRoot) {
		return "", &OutsideRootError{Path: path, Real: real, Root: root}
	}
	return real, nil
}

// resolveMissing resolves the nearest existing ancestor of abs and joins
// the rest.
func resolveMissing(abs string) (string, error) {
	var rest []string
	d := abs
	for {
		parent := filepath.Dir(d)
		rest = append(rest, filepath.Base(d))
		if parent == d {
			return abs, nil
		}
		d = parent
		if r, err := filepath.EvalSymlinks(d); err == nil {
			for i := len(rest) - 1; i >= 0; i-- {
				r = filepath.Join(r, rest[i])
			}
			return r, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
	}
}

// WriteBoundary is the folder a write to path must stay in unless links
// out of it are allowed: the Magento root above path's app/etc when path
// is in one, else path's own folder.
func WriteBoundary(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Dir(path)
	}
	dir := filepath.Dir(abs)
	if filepath.Base(dir) == "etc" && filepath.Base(filepath.Dir(dir)) == "app" {
		return filepath.Dir(filepath.Dir(dir))
	}
	return dir
}

// WriteFlags are the command-line choices about writing a file the user
// named (--force, --follow-symlinks).
type WriteFlags struct {
	Force          bool
	FollowSymlinks bool
}

// Resolve checks a write to path against its WriteBoundary (see the
// package Resolve) and, when --follow-symlinks lets it leave the
// boundary, says on w where it writes.
func (f WriteFlags) Resolve(w io.Writer, path string) (string, error) {
	root := WriteBoundary(path)
	real, err := Resolve(path, root, f.FollowSymlinks)
	if err != nil || !f.FollowSymlinks {
		return real, err
	}
	if _, err := Resolve(path, root, false); err != nil {
		var oe *OutsideRootError
		if errors.As(err, &oe) {
			fmt.Fprintf(w, "omslint: --follow-symlinks: writing %s\n", real)
		}
	}
	return real, nil
}

// Within reports whether path is dir or inside it (both clean and
// absolute).
func Within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Update locks path, reads it (at most max bytes; 0: no limit), and
// replaces it with what fn returns; fn returning the bytes it was given
// (or nil) writes nothing. The lock covers the read, fn and the write, so
// two Updates of one file are serialised. It reports whether the file
// was written.
func Update(path string, max int64, opts Options, fn func(cur []byte) ([]byte, error)) (bool, error) {
	l, err := Lock(path)
	if err != nil {
		return false, err
	}
	defer l.Close()
	cur, err := l.ReadAll(max)
	if err != nil {
		return false, err
	}
	out, err := fn(cur)
	if err != nil || out == nil || bytes.Equal(out, cur) {
		return false, err
	}
	if err := l.Replace(out, cur, opts); err != nil {
		return false, err
	}
	if err := l.Close(); err != nil {
		return false, err
	}
	return true, nil
}

// Path is the file the lock is on (symlinks resolved).
func (l *Locked) Path() string { return l.real }

// ReadAll reads the locked file from its start, at most max bytes (0: no
// limit; more is an error).
func (l *Locked) ReadAll(max int64) ([]byte, error) {
	var r io.Reader = io.NewSectionReader(l.f, 0, 1<<62)
	if max > 0 {
		r = io.LimitReader(r, max+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: l.path, Err: err}
	}
	if max > 0 && int64(len(data)) > max {
		return nil, &RefusedError{Path: l.path, Reason: fmt.Sprintf("larger than the %d-byte limit", max)}
	}
	return data, nil
}

// Replace replaces the locked file with data, provided it still holds
// original (see the package documentation). The lock stays held.
func (l *Locked) Replace(data, original []byte, opts Options) error {
	p, err := l.Prepare(data, original, opts)
	if err != nil {
		return err
	}
	return p.Commit()
}

// unchanged checks that the locked inode is still the file at its path
// and holds original.
func (l *Locked) unchanged(original []byte) error {
	unchangedHook()
	same, err := l.stillAtPath()
	if err != nil {
		return err
	}
	if !same {
		return &ChangedError{Path: l.path, Why: "another file was put in its place"}
	}
	cur, err := l.ReadAll(0)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, original) {
		return &ChangedError{Path: l.path, Why: "its content differs"}
	}
	return nil
}

// Create writes data to path, which must not exist yet (not even as a
// dangling symlink), with mode perm (less the umask); a crash never leaves
// a partial file at path.
func Create(path string, data []byte, perm fs.FileMode) error {
	if _, err := os.Lstat(path); err == nil {
		return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	t, dir, err := tempFor(path)
	if err != nil {
		return err
	}
	defer t.discard()
	if err := t.fill(data, perm&^umask()); err != nil {
		return err
	}
	beforeRename()
	// A hard link fails when path appeared in the meantime, where a
	// rename would silently replace it.
	if err := t.linkAs(path); err != nil {
		return err
	}
	return syncDir(dir)
}

// fifoWait is how long a write to a FIFO waits for a process to open its
// reading end.
var fifoWait = 10 * time.Second

// openWriteEnd opens a standard stream or a FIFO for writing. A FIFO is
// opened without blocking, and the open retried until a reader comes, for
// at most fifoWait: a FIFO nobody reads (one left in a work tree by a
// tarball or a cache) fails then instead of blocking the run forever,
// while a consumer started just after omslint (omslint -o p & cat p) is
// still waited for.
func openWriteEnd(path string) (*os.File, error) {
	if isStreamPath(path) {
		return os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	}
	deadline := time.Now().Add(fifoWait)
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|syscall.O_NONBLOCK, 0)
		if !errors.Is(err, syscall.ENXIO) {
			return f, err
		}
		if time.Now().After(deadline) {
			return nil, &fs.PathError{Op: "write", Path: path, Err: fmt.Errorf("a FIFO that no process opened for reading within %s", fifoWait)}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ReplaceFile writes data to path whatever is there, for files omslint
// owns the content of (reports, baselines, a forced init): a symlink at
// path is replaced by the new file, never followed, and a dangling one
// never creates its target. An existing regular file keeps its mode (and,
// where this user can give them, owner and group); a new one gets perm
// less the umask. Standard streams named as such (/dev/stdout, /dev/fd/N)
// and FIFOs are written directly: they cannot be replaced.
func ReplaceFile(path string, data []byte, perm fs.FileMode) error {
	fi, err := os.Lstat(path)
	if err == nil && (isStreamPath(path) || fi.Mode()&(fs.ModeNamedPipe|fs.ModeSocket) != 0) {
		f, err := openWriteEnd(path)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err == nil && fi.IsDir() {
		return &fs.PathError{Op: "write", Path: path, Err: errors.New("is a folder")}
	}
	t, dir, terr := tempFor(path)
	if terr != nil {
		return terr
	}
	defer t.discard()
	mode := perm &^ umask()
	if err == nil && fi.Mode().IsRegular() {
		mode = fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
		bestEffortOwner(t, fi)
	}
	if err := t.fill(data, mode); err != nil {
		return err
	}
	if errors.Is(err, fs.ErrNotExist) {
		// Nothing there: link without replacing (no name ever shows a
		// partial file); something appeared meanwhile: replace it.
		if lerr := t.linkAs(path); lerr == nil {
			return syncDir(dir)
		} else if !errors.Is(lerr, fs.ErrExist) {
			return lerr
		}
	}
	name, err := t.name()
	if err != nil {
		return err
	}
	beforeRename()
	if err := os.Rename(name, path); err != nil {
		return err
	}
	t.renamed()
	return syncDir(dir)
}

// tempFor removes what killed runs left next to path and makes the
// temporary file for a write of path; it returns the folder too.
func tempFor(path string) (*temp, string, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	cleanStale(dir, base)
	t, err := newTemp(dir, base)
	return t, dir, err
}

// isStreamPath reports whether path names a standard stream or an open
// descriptor (process substitution): written to, never replaced.
func isStreamPath(path string) bool {
	switch path {
	case "/dev/stdout", "/dev/stderr", "/dev/null", "/dev/tty":
		return true
	}
	return strings.HasPrefix(path, "/dev/fd/") || strings.HasPrefix(path, "/proc/self/fd/")
}

// tempInfix and tempSuffix frame the names of our temporary files:
// ".env.php.omslint-XXXXXXXX.tmp" (tempName).
const (
	tempInfix  = ".omslint-"
	tempSuffix = ".tmp"
)

// realPath is the absolute path of the file path names, links followed:
// what Lock opens and locks.
func realPath(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

// tempName is a new random name for a temporary file for base.
func tempName(base string) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return "." + base + tempInfix + hex.EncodeToString(b[:]) + tempSuffix
}

// Abort drops a prepared replacement.
func (p *Pending) Abort() {
	if p.t != nil {
		p.t.discard()
		p.t = nil
	}
}

// cleanStale removes our temporary files for base in dir that a killed
// run left behind: by name, regular files only, and only those
// removeStale (one per system) finds stale. It returns how many it
// removed.
func cleanStale(dir, base string) int {
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if e.Type().IsRegular() && isOurTemp(e.Name(), base) && removeStale(filepath.Join(dir, e.Name()), e) {
			n++
		}
	}
	return n
}

// isOurTemp reports whether name is one of our temporary files for base.
func isOurTemp(name, base string) bool {
	rest, ok := strings.CutPrefix(name, "."+base+tempInfix)
	if !ok {
		return false
	}
	mid, ok := strings.CutSuffix(rest, tempSuffix)
	return ok && mid != "" && !strings.ContainsAny(mid, "./")
}
