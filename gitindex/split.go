package gitindex

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
)

// A split index (core.splitIndex, git update-index --split-index) is the
// index file and a shared index, $GIT_DIR/sharedindex.<hash>, that the
// index's "link" extension names (git's Documentation/gitformat-index.txt,
// "Split index"; split-index.c). The final index is the shared index's
// entries, less those the delete bitmap marks, with those the replace
// bitmap marks replaced by the index's entries without a path (which keep
// the shared entry's path), plus the index's entries with a path.

// sharedIndexPrefix is the shared index's file name before the hash.
const sharedIndexPrefix = "sharedindex."

// link is a parsed link extension.
type link struct {
	hash            []byte // the shared index's checksum; all zero: no shared index
	delete, replace ewah   // empty when the extension has the hash alone
}

// readLink parses a link extension's data: the hash of the shared index,
// then, unless the extension ends there, the delete and the replace
// bitmaps and nothing after them (split-index.c, read_link_extension).
func readLink(b []byte, hashSize int) (*link, error) {
	if len(b) < hashSize {
		return nil, fmt.Errorf("link extension of %d bytes, shorter than a %d-byte hash", len(b), hashSize)
	}
	l := &link{hash: b[:hashSize]}
	b = b[hashSize:]
	if len(b) == 0 {
		return l, nil
	}
	var n int
	var err error
	if l.delete, n, err = readEWAH(b); err != nil {
		return nil, fmt.Errorf("link extension: delete bitmap: %w", err)
	}
	b = b[n:]
	if l.replace, n, err = readEWAH(b); err != nil {
		return nil, fmt.Errorf("link extension: replace bitmap: %w", err)
	}
	if n != len(b) {
		return nil, fmt.Errorf("link extension: %d bytes after the replace bitmap", len(b)-n)
	}
	return l, nil
}

// trackedShared answers for path from the shared index data of the split
// index whose link extension is l and whose hash size is hashSize. It is
// asked only when the split index's own entries do not hold path.
func (l *link) trackedShared(data []byte, path string, hashSize int) (bool, error) {
	var at, dirs []uint32 // positions of path (any stage), of sparse folders above it
	six, err := read(data, func(*Index) visitor {
		at, dirs = at[:0], dirs[:0]
		return func(i uint32, name []byte, dir bool) {
			if dir {
				if len(path) > len(name) && path[:len(name)] == string(name) {
					dirs = append(dirs, i)
				}
			} else if string(name) == path {
				at = append(at, i)
			}
		}
	})
	switch {
	case err != nil:
		return false, err
	case six.HashSize != hashSize:
		return false, fmt.Errorf("a shared index with %d-byte hashes for a split index with %d-byte hashes", six.HashSize, hashSize)
	case !bytes.Equal(data[len(data)-hashSize:], l.hash):
		// What git checks ("broken index, expect … got …"); a shared
		// index written with index.skipHash has a zero checksum.
		return false, errors.New("its checksum is not the hash the split index names")
	case six.link != nil:
		return false, errors.New("a shared index with a link extension of its own")
	}
	if err := l.check(uint64(six.n)); err != nil {
		return false, err
	}
	for _, p := range at {
		if !l.delete.has(uint64(p)) {
			return true, nil
		}
	}
	for _, p := range dirs {
		if !l.delete.has(uint64(p)) {
			return false, ErrCannotTell
		}
	}
	return false, nil
}

// check refuses bitmaps that git refuses against a shared index of n
// entries (split-index.c: replace_entry, mark_entry_for_delete): a
// position past the end, an entry both replaced and deleted.
func (l *link) check(n uint64) error {
	if e := l.delete.end(); e > n {
		return fmt.Errorf("the delete bitmap removes entry %d of a shared index of %d", e-1, n)
	}
	if e := l.replace.end(); e > n {
		return fmt.Errorf("the replace bitmap replaces entry %d of a shared index of %d", e-1, n)
	}
	next, stop := iter.Pull2(l.replace.runs)
	defer stop()
	rs, rt, ok := next()
	for ds, dt := range l.delete.runs {
		for ok && rt <= ds {
			rs, rt, ok = next()
		}
		if !ok {
			break
		}
		if rs < dt {
			return fmt.Errorf("entry %d of the shared index is both replaced and deleted", max(ds, rs))
		}
	}
	return nil
}
