package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Locked is a target file held under an exclusive flock.
type Locked struct {
	path string // as the caller named it
	real string // symlinks resolved
	f    *os.File
	st   unix.Stat_t
	// swapped is the name the replaced file was swapped out to, kept
	// until Finish looks at it a last time; original is what it held.
	swapped  string
	original []byte
}

// Lock resolves path and takes an exclusive flock on the file, waiting at
// most LockTimeout for another holder. A writer that replaced the file
// while we waited is noticed (the inode locked is no longer the one at
// the path) and the lock is taken again on the new file. Locking writes
// nothing (a file may be locked and then not written, for instance when
// it lies outside the root); stale temporary files next to it are
// removed only by a write there. Release it with Close.
func Lock(path string) (*Locked, error) {
	real, err := realPath(path)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(LockTimeout)
	for tries := 0; ; tries++ {
		f, st, err := openRegular(real, path)
		if err != nil {
			return nil, err
		}
		if err := flockWait(f, deadline, path); err != nil {
			f.Close()
			return nil, err
		}
		var now unix.Stat_t
		if err := unix.Lstat(real, &now); err == nil && now.Dev == st.Dev && now.Ino == st.Ino {
			return &Locked{path: path, real: real, f: f, st: st}, nil
		}
		f.Close()
		if tries >= 100 {
			return nil, &RefusedError{Path: path, Reason: "replaced by another process again and again while omslint waited for its lock"}
		}
	}
}

// openRegular opens a regular file for locking and reading without
// following a final symlink and without blocking (a FIFO is refused, not
// waited on).
func openRegular(real, path string) (*os.File, unix.Stat_t, error) {
	var st unix.Stat_t
	fd, err := unix.Open(real, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		if errors.Is(err, unix.ELOOP) {
			return nil, st, &ChangedError{Path: path, Why: "it became a symlink"}
		}
		return nil, st, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return nil, st, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		unix.Close(fd)
		return nil, st, &RefusedError{Path: path, Reason: "not a regular file (a folder, FIFO or device): refused"}
	}
	return os.NewFile(uintptr(fd), real), st, nil
}

// flockWait takes an exclusive flock on f, polling until deadline. A file
// system without flock support (some network mounts) is written without
// a lock; the identity and content checks still apply.
func flockWait(f *os.File, deadline time.Time, path string) error {
	wait := time.Millisecond
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EWOULDBLOCK):
		case errors.Is(err, unix.ENOLCK), errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.EINVAL):
			return nil
		default:
			return &fs.PathError{Op: "flock", Path: path, Err: err}
		}
		if time.Now().After(deadline) {
			return &RefusedError{Path: path, Reason: fmt.Sprintf("locked by another process for %v (bin/magento or another omslint writing it?); nothing was written", LockTimeout)}
		}
		time.Sleep(wait)
		wait = min(wait*2, 50*time.Millisecond)
	}
}

// Finish ends a replacement: the file swapped out is checked a last
// time and removed, or, when another process wrote to it after the swap
// (it had opened it just before), swapped back so their write is the
// file's content, and a *ChangedError returned. Close calls it too; call
// it first to see its error.
func (l *Locked) Finish() error {
	name := l.swapped
	if name == "" || l.f == nil {
		return nil
	}
	l.swapped = ""
	defer afterRemove()
	var out unix.Stat_t
	same := unix.Lstat(name, &out) == nil && out.Dev == l.st.Dev && out.Ino == l.st.Ino
	cur, err := l.ReadAll(0)
	if same && err == nil && bytes.Equal(cur, l.original) {
		_ = os.Remove(name)
		return syncDir(filepath.Dir(l.real))
	}
	if !same {
		// Not ours any more: leave it.
		return &ChangedError{Path: l.path, Why: "the replaced file was moved by another process while omslint finished"}
	}
	if err := unix.Renameat2(unix.AT_FDCWD, name, unix.AT_FDCWD, l.real, unix.RENAME_EXCHANGE); err != nil {
		return fmt.Errorf("%s: another process wrote to the file omslint had just replaced, and swapping it back failed: %v (theirs is at %s)", l.path, err, name)
	}
	_ = os.Remove(name)
	_ = syncDir(filepath.Dir(l.real))
	return &ChangedError{Path: l.path, Why: "another process wrote to it just as omslint replaced it; their version was put back"}
}

// Close finishes a replacement (see Finish) and releases the lock.
func (l *Locked) Close() error {
	if l.f == nil {
		return nil
	}
	ferr := l.Finish()
	err := l.f.Close()
	l.f = nil
	if ferr != nil {
		return ferr
	}
	return err
}

// stillAtPath reports whether the locked inode is still the file at its
// path.
func (l *Locked) stillAtPath() (bool, error) {
	var now unix.Stat_t
	if err := unix.Lstat(l.real, &now); err != nil {
		if errors.Is(err, unix.ENOENT) {
			return false, nil
		}
		return false, &fs.PathError{Op: "stat", Path: l.path, Err: err}
	}
	return now.Dev == l.st.Dev && now.Ino == l.st.Ino, nil
}

// Pending is a replacement prepared (new content written, synced and
// given the target's metadata) and not yet made.
type Pending struct {
	l        *Locked
	data     []byte
	original []byte
	t        *temp // nil when writing in place
	snap     unix.Stat_t
}

// Prepare checks that the target may be replaced and prepares the new
// file; nothing at the target changes until Commit. Preparing every file
// of a run before committing any lets a run that writes several files
// fail before it has written one.
func (l *Locked) Prepare(data, original []byte, opts Options) (*Pending, error) {
	if err := l.unchanged(original); err != nil {
		return nil, err
	}
	p := &Pending{l: l, data: data, original: original}
	if err := unix.Fstat(int(l.f.Fd()), &p.snap); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: l.path, Err: err}
	}
	st := p.snap
	if !writable(l.real, &st) && !opts.Force {
		return nil, &RefusedError{Path: l.path, Reason: fmt.Sprintf("is read-only (mode %04o): omslint does not replace it; nothing was written (add --force to write it anyway)", st.Mode&0o7777)}
	}
	keep := ""
	if st.Nlink > 1 {
		keep = fmt.Sprintf("has %d hard links (a release made with cp -al?): replacing it would detach this name from the others", st.Nlink)
	}
	var t *temp
	if keep == "" {
		var err error
		// Writing here: first remove what killed runs left.
		if t, _, err = tempFor(l.real); err != nil {
			return nil, err
		}
		if err = t.write(data); err == nil {
			if why, kerr := copyMeta(t.f, l.f, &st); kerr != nil {
				err = kerr
			} else {
				keep = why
			}
		}
		if err == nil && keep == "" {
			err = t.f.Sync()
		}
		if err != nil {
			t.discard()
			return nil, err
		}
		if keep != "" {
			t.discard()
			t = nil
		}
	}
	if keep != "" {
		if !opts.Force {
			return nil, &RefusedError{Path: l.path, Reason: keep + "; nothing was written. --force writes it in place instead (same file: owner, group, links and attributes stay; a reader may see it half-written for a moment)"}
		}
		if !canWriteInPlace(l.real, &st) {
			return nil, &RefusedError{Path: l.path, Reason: keep + ", and this user cannot write it in place; nothing was written"}
		}
	}
	p.t = t
	return p, nil
}

// Commit makes the replacement: check the target once more, name the
// temporary file, swap it with the target, check what came out, and swap
// back if it was not the file that was read.
func (p *Pending) Commit() error {
	if p.t == nil {
		return p.commitInPlace()
	}
	defer p.Abort()
	l := p.l
	dir := filepath.Dir(l.real)
	// Check first, then name the file: the name (which a kill -9 would
	// leave behind) exists only for the swap and the check after it,
	// which also sees any change made after this check.
	if err := p.verify(); err != nil {
		return err
	}
	name, err := p.t.name()
	if err != nil {
		return err
	}
	afterLink()
	beforeRename()
	if err := unix.Renameat2(unix.AT_FDCWD, name, unix.AT_FDCWD, l.real, unix.RENAME_EXCHANGE); err == nil {
		// name now holds what was at the target an instant ago.
		if err := p.checkSwappedOut(name); err != nil {
			if berr := unix.Renameat2(unix.AT_FDCWD, name, unix.AT_FDCWD, l.real, unix.RENAME_EXCHANGE); berr != nil {
				return fmt.Errorf("%w; and swapping it back failed: %v (omslint's version is at %s, theirs at %s)", err, berr, l.path, name)
			}
			return err
		}
		// Ours is at the target. The old file stays at name until Finish
		// has looked at it once more: a writer that found it at the path
		// an instant before the swap writes into it after.
		p.t.renamed()
		l.swapped, l.original = name, p.original
		return nil // Finish syncs the folder once the old name is gone
	} else if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP) {
		if err := os.Rename(name, l.real); err != nil {
			return err
		}
		p.t.renamed()
		// Without an exchange only an in-place write to the old file can
		// be seen afterwards: say so rather than lose it silently.
		if cur, rerr := l.ReadAll(0); rerr == nil && !bytes.Equal(cur, p.original) {
			return &ChangedError{Path: l.path, Why: "another process wrote to it while omslint replaced it; omslint's version is in place and theirs is lost: check the file"}
		}
	} else {
		return &fs.PathError{Op: "rename", Path: l.path, Err: err}
	}
	return syncDir(dir)
}

// verify is the last check before the swap: same inode at the path, same
// size and mtime as when prepared, same content.
func (p *Pending) verify() error {
	if err := p.l.unchanged(p.original); err != nil {
		return err
	}
	var now unix.Stat_t
	if err := unix.Fstat(int(p.l.f.Fd()), &now); err != nil {
		return &fs.PathError{Op: "stat", Path: p.l.path, Err: err}
	}
	if now.Size != p.snap.Size || now.Mtim != p.snap.Mtim {
		return &ChangedError{Path: p.l.path, Why: "its size or modification time changed"}
	}
	return nil
}

// checkSwappedOut checks that what the exchange moved to name is the file
// that was locked and read, unchanged.
func (p *Pending) checkSwappedOut(name string) error {
	var out unix.Stat_t
	if err := unix.Lstat(name, &out); err != nil {
		return &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if out.Dev != p.l.st.Dev || out.Ino != p.l.st.Ino {
		return &ChangedError{Path: p.l.path, Why: "another file was put in its place while omslint replaced it; theirs was put back"}
	}
	cur, err := p.l.ReadAll(0)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, p.original) {
		return &ChangedError{Path: p.l.path, Why: "another process wrote to it while omslint replaced it; their version was put back"}
	}
	return nil
}

// commitInPlace writes the new content into the locked inode itself
// (Options.Force on a file a replacement would change) and reads it back.
func (p *Pending) commitInPlace() error {
	l := p.l
	fd, err := unix.Open(l.real, unix.O_WRONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return &fs.PathError{Op: "open", Path: l.path, Err: err}
	}
	w := os.NewFile(uintptr(fd), l.real)
	defer w.Close()
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Dev != l.st.Dev || st.Ino != l.st.Ino {
		return &ChangedError{Path: l.path, Why: "another file was put in its place"}
	}
	if err := p.verify(); err != nil {
		return err
	}
	beforeRename()
	if _, err := w.WriteAt(p.data, 0); err != nil {
		return &fs.PathError{Op: "write", Path: l.path, Err: err}
	}
	if err := w.Truncate(int64(len(p.data))); err != nil {
		return &fs.PathError{Op: "truncate", Path: l.path, Err: err}
	}
	if err := w.Sync(); err != nil {
		return &fs.PathError{Op: "sync", Path: l.path, Err: err}
	}
	back, err := l.ReadAll(0)
	if err != nil {
		return err
	}
	if !bytes.Equal(back, p.data) {
		return &ChangedError{Path: l.path, Why: "reading it back after writing it in place gave other bytes: another process wrote to it; check the file"}
	}
	return nil
}

// writable reports whether this user may write the file: root needs a
// write bit (a 0440 env.php is a deliberate lock, for root too), others
// ask the kernel (which knows ACLs).
func writable(path string, st *unix.Stat_t) bool {
	if os.Geteuid() == 0 {
		return st.Mode&0o222 != 0
	}
	return unix.Faccessat(unix.AT_FDCWD, path, unix.W_OK, unix.AT_EACCESS) == nil
}

func canWriteInPlace(path string, st *unix.Stat_t) bool {
	return os.Geteuid() == 0 || unix.Faccessat(unix.AT_FDCWD, path, unix.W_OK, unix.AT_EACCESS) == nil
}

// copyMeta gives the temporary file t the owner, group, mode and extended
// attributes of the original. A difference it cannot keep is returned as
// why (the caller refuses or writes in place); err is an I/O error.
func copyMeta(t, orig *os.File, st *unix.Stat_t) (why string, err error) {
	var tst unix.Stat_t
	if err := unix.Fstat(int(t.Fd()), &tst); err != nil {
		return "", err
	}
	if tst.Uid != st.Uid || tst.Gid != st.Gid {
		if err := unix.Fchown(int(t.Fd()), int(st.Uid), int(st.Gid)); err != nil {
			if errors.Is(err, unix.EPERM) || errors.Is(err, unix.EINVAL) {
				return fmt.Sprintf("is owned by %s, which user %s cannot give a new file: replacing it would change its owner or group", owner(st.Uid, st.Gid), userName(uint32(os.Geteuid()))), nil
			}
			return "", err
		}
	}
	if err := unix.Fchmod(int(t.Fd()), st.Mode&0o7777); err != nil {
		return "", err
	}
	names, err := listXattr(int(orig.Fd()))
	if err != nil {
		return "", err
	}
	for _, n := range names {
		v, err := getXattr(int(orig.Fd()), n)
		if err != nil {
			return "", err
		}
		if old, gerr := getXattr(int(t.Fd()), n); gerr == nil && bytes.Equal(old, v) {
			continue
		}
		if err := unix.Fsetxattr(int(t.Fd()), n, v, 0); err != nil {
			return fmt.Sprintf("has the extended attribute %s, which cannot be copied to a new file (%v): replacing it would drop it", n, err), nil
		}
	}
	// What the new file got from its folder (a default ACL) and the
	// original lacks would change who may read it.
	have, err := listXattr(int(t.Fd()))
	if err != nil {
		return "", err
	}
	for _, n := range have {
		if slices.Contains(names, n) || strings.HasPrefix(n, "security.") {
			continue
		}
		if err := unix.Fremovexattr(int(t.Fd()), n); err != nil {
			return fmt.Sprintf("a new file in its folder gets the attribute %s, which it lacks, and it cannot be removed (%v)", n, err), nil
		}
	}
	return "", nil
}

func listXattr(fd int) ([]string, error) {
	buf := make([]byte, 1024)
	for {
		n, err := unix.Flistxattr(fd, buf)
		if errors.Is(err, unix.ERANGE) {
			buf = make([]byte, len(buf)*4)
			continue
		}
		if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EOPNOTSUPP) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		var names []string
		for _, s := range strings.Split(string(buf[:n]), "\x00") {
			if s != "" {
				names = append(names, s)
			}
		}
		return names, nil
	}
}

func getXattr(fd int, name string) ([]byte, error) {
	buf := make([]byte, 256)
	for {
		n, err := unix.Fgetxattr(fd, name, buf)
		if errors.Is(err, unix.ERANGE) {
			buf = make([]byte, len(buf)*4)
			continue
		}
		if err != nil {
			return nil, err
		}
		return buf[:n], nil
	}
}

func owner(uid, gid uint32) string {
	return userName(uid) + ":" + groupName(gid)
}

func userName(uid uint32) string {
	id := strconv.FormatUint(uint64(uid), 10)
	if u, err := user.LookupId(id); err == nil {
		return u.Username
	}
	return id
}

func groupName(gid uint32) string {
	id := strconv.FormatUint(uint64(gid), 10)
	if g, err := user.LookupGroupId(id); err == nil {
		return g.Name
	}
	return id
}

// bestEffortOwner gives a replacement report the old file's owner and
// group where this user can.
func bestEffortOwner(t *temp, fi fs.FileInfo) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		if unix.Fchown(int(t.f.Fd()), int(st.Uid), int(st.Gid)) != nil {
			_ = unix.Fchown(int(t.f.Fd()), -1, int(st.Gid))
		}
	}
}

// temp is a temporary file in the target's folder: unnamed (O_TMPFILE)
// until it is linked, or named ".BASE.omslint-XXXXXXXX.tmp" where the file
// system has no unnamed files. It holds an flock for its whole life, so
// cleanStale never takes a live one for a leftover.
type temp struct {
	f        *os.File
	dir      string
	base     string
	path     string // "" while unnamed
	consumed bool   // renamed over or linked as the target
}

// useTmpfile is false in tests of the named fallback.
var useTmpfile = true

func newTemp(dir, base string) (*temp, error) {
	if dir == "" {
		dir = "."
	}
	t := &temp{dir: dir, base: base}
	fd, err := -1, error(unix.EOPNOTSUPP)
	if useTmpfile {
		fd, err = unix.Open(dir, unix.O_TMPFILE|unix.O_RDWR|unix.O_CLOEXEC, 0o600)
	}
	if err == nil {
		t.f = os.NewFile(uintptr(fd), filepath.Join(dir, "(unnamed temporary file)"))
	} else {
		for i := 0; ; i++ {
			name := filepath.Join(dir, tempName(base))
			f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0o600)
			if err == nil {
				t.f, t.path = f, name
				break
			}
			if !errors.Is(err, fs.ErrExist) || i > 100 {
				return nil, fmt.Errorf("cannot create a temporary file in %s: %w", dir, unwrapPath(err))
			}
		}
	}
	_ = unix.Flock(int(t.f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	return t, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (t *temp) write(data []byte) error {
	if _, err := t.f.Write(data); err != nil {
		return err
	}
	return nil
}

// fill writes data, sets mode and syncs (new files and reports).
func (t *temp) fill(data []byte, mode fs.FileMode) error {
	if err := t.write(data); err != nil {
		return err
	}
	if err := t.f.Chmod(mode); err != nil {
		return err
	}
	return t.f.Sync()
}

// name gives the temporary file a name in its folder, for rename or
// exchange.
func (t *temp) name() (string, error) {
	if t.path != "" {
		return t.path, nil
	}
	for i := 0; ; i++ {
		name := filepath.Join(t.dir, tempName(t.base))
		err := t.link(name)
		if err == nil {
			t.path = name
			return name, nil
		}
		if !errors.Is(err, fs.ErrExist) || i > 100 {
			return "", err
		}
	}
}

// link gives the unnamed file the name target, failing if it exists.
func (t *temp) link(target string) error {
	proc := "/proc/self/fd/" + strconv.Itoa(int(t.f.Fd()))
	err := unix.Linkat(unix.AT_FDCWD, proc, unix.AT_FDCWD, target, unix.AT_SYMLINK_FOLLOW)
	if errors.Is(err, unix.ENOENT) || errors.Is(err, unix.EPERM) {
		// No /proc: AT_EMPTY_PATH (needs CAP_DAC_READ_SEARCH).
		if e2 := unix.Linkat(int(t.f.Fd()), "", unix.AT_FDCWD, target, unix.AT_EMPTY_PATH); e2 == nil || errors.Is(e2, unix.EEXIST) {
			err = e2
		}
	}
	if errors.Is(err, unix.EEXIST) {
		return &fs.PathError{Op: "link", Path: target, Err: fs.ErrExist}
	}
	if err != nil {
		return &fs.PathError{Op: "link", Path: target, Err: err}
	}
	return nil
}

// linkAs makes the temporary file appear at path, which must not exist.
func (t *temp) linkAs(path string) error {
	if t.path == "" {
		if err := t.link(path); err != nil {
			return err
		}
		t.consumed = true
		return nil
	}
	if err := os.Link(t.path, path); err != nil {
		return err
	}
	_ = os.Remove(t.path)
	t.path = ""
	t.consumed = true
	return nil
}

// renamed records that the named temp is now the target.
func (t *temp) renamed() { t.consumed = true; t.path = "" }

// discard removes the temporary file unless it became the target.
func (t *temp) discard() {
	if t.f == nil {
		return
	}
	if !t.consumed && t.path != "" {
		_ = os.Remove(t.path)
	}
	t.f.Close()
	t.f = nil
}

// removeStale removes one of our temporary files (cleanStale) when no live
// process holds its lock (every temporary file is locked while in use) and
// it is still the regular file that was locked.
func removeStale(p string, _ fs.DirEntry) bool {
	fd, err := unix.Open(p, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	if unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB) != nil {
		return false
	}
	var a, b unix.Stat_t
	return unix.Fstat(fd, &a) == nil && unix.Lstat(p, &b) == nil && a.Dev == b.Dev && a.Ino == b.Ino && a.Mode&unix.S_IFMT == unix.S_IFREG &&
		os.Remove(p) == nil
}

// syncDir makes a rename or link durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}

var umaskOnce = sync.OnceValue(func() fs.FileMode {
	// /proc/self/status says it without changing it; else set it to
	// 077 for an instant (never wider than it was) and put it back.
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "Umask:"); ok {
				if m, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32); err == nil {
					return fs.FileMode(m)
				}
			}
		}
	}
	old := unix.Umask(0o077)
	unix.Umask(old)
	return fs.FileMode(old)
})

func umask() fs.FileMode { return umaskOnce() }
