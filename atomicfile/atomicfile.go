// Package atomicfile replaces a file's content so that a reader (or a crash)
// sees either the old bytes or the new ones, never a mix, and refuses to
// overwrite changes made by someone else since the file was read.
package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ChangedError is returned when the file on disk no longer holds the bytes
// the caller read (someone, maybe bin/magento, wrote it in between):
// writing would lose their change.
type ChangedError struct{ Path string }

func (e *ChangedError) Error() string {
	return fmt.Sprintf("%s changed on disk since it was read; not overwriting it (run again)", e.Path)
}

// beforeRename is a test hook run after the temporary file is complete and
// just before it replaces the target.
var beforeRename = func() {}

// unchangedHook is a test hook run before each check of the file on disk.
var unchangedHook = func() {}

// WriteFile replaces the content of the existing file path with data,
// provided the file still holds original. The new content is written to a
// temporary file in the same folder, synced, given the original's mode
// (and owner, when running as root), renamed over the target, and the
// folder is synced. A symlink is followed: the file it points to is
// replaced, the link stays. On error the target is untouched and the
// temporary file is removed.
func WriteFile(path string, data []byte, original []byte) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	info, err := os.Stat(target)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", path)
	}
	if err := unchanged(path, target, original); err != nil {
		return err
	}
	return replace(target, data, info, func(tmp string) error {
		// Check again as late as possible: the window in which a
		// concurrent writer's change could be lost is now only the rename.
		if err := unchanged(path, target, original); err != nil {
			return err
		}
		beforeRename()
		return os.Rename(tmp, target)
	})
}

// Create writes data to path, which must not exist yet, with mode perm;
// like WriteFile, a crash never leaves a partial file at path.
func Create(path string, data []byte, perm fs.FileMode) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s already exists", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return replace(path, data, nil, func(tmp string) error {
		if err := os.Chmod(tmp, perm); err != nil {
			return err
		}
		beforeRename()
		// A hard link fails when path appeared in the meantime, where a
		// rename would silently replace it.
		if err := os.Link(tmp, path); err != nil {
			return err
		}
		return os.Remove(tmp)
	})
}

func unchanged(path, target string, original []byte) error {
	unchangedHook()
	cur, err := os.ReadFile(target)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, original) {
		return &ChangedError{Path: path}
	}
	return nil
}

// replace writes data to a new temporary file next to target (same folder,
// so the rename stays on one filesystem), with the mode and owner of info
// when not nil, then calls commit to move it into place. A crash between
// the two leaves a ".NAME.omslint-*.tmp" file behind, never a partial
// target.
func replace(target string, data []byte, info fs.FileInfo, commit func(tmp string) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".omslint-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if info != nil {
		// Chmod before writing: the secrets in env.php must never sit in
		// a file more readable than the original.
		if err = f.Chmod(info.Mode().Perm()); err != nil {
			return err
		}
		if err = chown(f, info); err != nil {
			return err
		}
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = commit(tmp); err != nil {
		return err
	}
	return syncDir(filepath.Dir(target))
}
