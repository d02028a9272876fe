// Package gitindex answers "does git track this file?" by reading the
// repository's index file in-process: no git process is started, no git
// config is read, so no hook, fsmonitor, include.path or other
// config-named command of a checkout can run (see docs/security.md).
//
// The reader understands index versions 2, 3 and 4 (with v4's path-prefix
// compression), SHA-1 and SHA-256 repositories, and verifies the trailing
// checksum (an index written with index.skipHash has a zero trailer and is
// read with every length still bounded), and split indexes: the "link"
// extension and its EWAH bitmaps, with the shared index it names read only
// when the index's own entries do not answer (split.go, ewah.go). A
// malformed index is an error ("cannot tell"), never a panic.
package gitindex

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
)

// ErrCannotTell is returned when the index is valid but cannot answer for
// the path: a sparse index collapsed the path's folder into one entry, or
// a split index's shared index is needed and missing, malformed or not
// the one the split index names (the error then wraps the cause too).
var ErrCannotTell = errors.New("the index cannot tell")

// FormatError is a malformed index.
type FormatError struct {
	Off int
	Msg string
}

func (e *FormatError) Error() string { return fmt.Sprintf("git index: offset %d: %s", e.Off, e.Msg) }

// Entry flags.
const (
	flagExtended  = 0x4000
	flagNameMask  = 0x0fff
	modeDirectory = 0o040000 // a sparse directory entry
)

// Index is what read keeps of an index file (Paths and Sparse are filled
// by the tests' Parse).
type Index struct {
	Version int
	// HashSize is 20 (SHA-1) or 32 (SHA-256).
	HashSize int
	// Verified reports whether the trailing checksum was checked (false
	// for an index written with index.skipHash).
	Verified bool
	// Paths are the entries' paths in index order (every stage).
	Paths []string
	// Sparse are the sparse directory entries (paths ending in "/").
	Sparse []string
	// Split reports a split index (a "link" extension naming a shared
	// index): the entries above are only those not in the shared index.
	// A link extension with an all-zero hash names none (git then reads
	// the index as complete), and Split is false.
	Split bool
	// SharedIndex is the file name of the shared index in the git folder
	// ("sharedindex." and the hash in hex) when Split.
	SharedIndex string

	n    uint32 // entries, those without a path included
	link *link  // the link extension, nil without one
}

// A visitor is called for each entry with a path: its position among all
// entries, its path (valid only during the call) and whether it is a
// sparse directory entry.
type visitor func(i uint32, name []byte, dir bool)

// read checks the header and the trailer and parses the body, calling the
// visitor that newVisit makes for each entry. Each attempt (SHA-1, then
// SHA-256 entries) gets a new Index and visitor; the successful one is
// returned.
func read(data []byte, newVisit func(*Index) visitor) (*Index, error) {
	if len(data) < 12 || string(data[:4]) != "DIRC" {
		return nil, &FormatError{0, "not a git index (no DIRC signature)"}
	}
	v := binary.BigEndian.Uint32(data[4:8])
	if v < 2 || v > 4 {
		return nil, &FormatError{4, fmt.Sprintf("index version %d is not 2, 3 or 4", v)}
	}
	// The trailer is a SHA-1 or SHA-256 of everything before it; which
	// one is not written in the index, so try both.
	var firstErr error
	for _, h := range []struct {
		size int
		new  func() hash.Hash
	}{{sha1.Size, sha1.New}, {sha256.Size, sha256.New}} {
		if len(data) < 12+h.size {
			continue
		}
		body, trailer := data[:len(data)-h.size], data[len(data)-h.size:]
		verified := false
		if allZero(trailer) {
			// index.skipHash: nothing to verify.
		} else {
			d := h.new()
			d.Write(body)
			if !bytes.Equal(d.Sum(nil), trailer) {
				continue
			}
			verified = true
		}
		ix := &Index{Version: int(v), HashSize: h.size, Verified: verified}
		err := parse(body, int(v), h.size, newVisit(ix), ix)
		if err == nil {
			return ix, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return nil, &FormatError{len(data), "the checksum does not match (a damaged or truncated index)"}
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// parse reads the entries and extensions of body (the index without its
// trailer) into ix. Every length is checked against what is left.
func parse(body []byte, version, hashSize int, visit visitor, ix *Index) error {
	n := binary.BigEndian.Uint32(body[8:12])
	fixed := 40 + hashSize + 2 // stat data, object name, flags
	// An entry is at least fixed bytes and one NUL: bound the count
	// before looping (and allocating) on it.
	if uint64(n)*uint64(fixed+1) > uint64(len(body)-12) {
		return &FormatError{8, fmt.Sprintf("%d entries cannot fit in %d bytes", n, len(body))}
	}
	off := 12
	emptyAt := -1 // the first entry without a path
	named := false
	var empty uint64
	var prev, buf []byte
	for i := uint32(0); i < n; i++ {
		start := off
		if len(body)-off < fixed {
			return &FormatError{off, "truncated entry"}
		}
		mode := binary.BigEndian.Uint32(body[off+24 : off+28])
		flags := binary.BigEndian.Uint16(body[off+fixed-2 : off+fixed])
		off += fixed
		if flags&flagExtended != 0 {
			if version < 3 {
				return &FormatError{start, "extended flags in a version 2 index"}
			}
			if len(body)-off < 2 {
				return &FormatError{off, "truncated entry"}
			}
			off += 2
		}
		nameLen := int(flags & flagNameMask)
		var name []byte
		if version == 4 {
			strip, w := varint(body[off:])
			if w <= 0 {
				return &FormatError{off, "bad path prefix length"}
			}
			off += w
			if strip > uint64(len(prev)) {
				return &FormatError{off, "path prefix longer than the previous path"}
			}
			end := bytes.IndexByte(body[off:], 0)
			if end < 0 {
				return &FormatError{off, "unterminated path"}
			}
			// name is built in one of two buffers, prev being the other.
			keep := len(prev) - int(strip)
			name = append(append(buf[:0], prev[:keep]...), body[off:off+end]...)
			buf = prev
			off += end + 1
		} else {
			end := bytes.IndexByte(body[off:], 0)
			if end < 0 {
				return &FormatError{off, "unterminated path"}
			}
			name = body[off : off+end]
			// The entry is padded with 1 to 8 NULs to a multiple of 8.
			size := (off - start + end + 8) &^ 7
			if len(body)-start < size {
				return &FormatError{off, "truncated entry padding"}
			}
			off = start + size
		}
		if nameLen < flagNameMask && nameLen != len(name) {
			return &FormatError{start, fmt.Sprintf("path length %d does not match its flags (%d)", len(name), nameLen)}
		}
		if len(name) == 0 {
			// Only a split index has entries without a path (those that
			// replace an entry of the shared index), and only before
			// those with one (split-index.c, merge_base_index).
			if emptyAt < 0 {
				emptyAt = start
			}
			if named {
				return &FormatError{start, "an entry without a path after one with a path"}
			}
			empty++
		} else {
			named = true
			visit(i, name, mode&0o170000 == modeDirectory)
		}
		prev = name
	}
	// Extensions: a 4-byte signature and a 4-byte size each.
	for off < len(body) {
		if len(body)-off < 8 {
			return &FormatError{off, "truncated extension header"}
		}
		sig := string(body[off : off+4])
		size := binary.BigEndian.Uint32(body[off+4 : off+8])
		if uint64(size) > uint64(len(body)-off-8) {
			return &FormatError{off, fmt.Sprintf("extension %q of %d bytes runs past the end", sig, size)}
		}
		if sig == "link" {
			if ix.link != nil {
				return &FormatError{off, "two link extensions"}
			}
			l, err := readLink(body[off+8:off+8+int(size)], hashSize)
			if err != nil {
				return &FormatError{off + 8, err.Error()}
			}
			ix.link = l
		}
		off += 8 + int(size)
	}
	ix.n = n
	if ix.link != nil && !allZero(ix.link.hash) {
		// A replaced entry of the shared index is one without a path
		// here, in the order of the replace bitmap (split-index.c,
		// replace_entry and merge_base_index).
		if r := ix.link.replace.count(); r != empty {
			at := emptyAt
			if at < 0 {
				at = 12
			}
			return &FormatError{at, fmt.Sprintf("the link extension replaces %d entries, the index has %d without a path", r, empty)}
		}
		ix.Split = true
		ix.SharedIndex = sharedIndexPrefix + hex.EncodeToString(ix.link.hash)
	} else if emptyAt >= 0 {
		return &FormatError{emptyAt, "empty path"}
	}
	return nil
}

// varint decodes git's offset encoding (varint.c): each continuation adds
// one before shifting, so every value has one encoding. It returns the
// bytes used, 0 when b ends early or the value overflows.
func varint(b []byte) (uint64, int) {
	if len(b) == 0 {
		return 0, 0
	}
	c := b[0]
	val := uint64(c & 127)
	i := 1
	for c&128 != 0 {
		val++
		if val == 0 || val>>(64-7) != 0 {
			return 0, 0
		}
		if i >= len(b) {
			return 0, 0
		}
		c = b[i]
		i++
		val = val<<7 + uint64(c&127)
	}
	return val, i
}

// TrackedWith reports whether path (slash-separated, relative to the work
// tree) is in the index file data, at any stage (a conflicted file is
// tracked too), without keeping the index's paths. ErrCannotTell when a
// sparse directory entry covers it; a *FormatError when data is not a
// valid index.
//
// For a split index not holding path among its own entries, it reads the
// shared index with shared (given the name Index.SharedIndex) and answers
// from both: path is tracked when it is at a position of the shared index
// that the link extension's delete bitmap does not remove (a replaced
// entry keeps its path). The shared index is read only then. A missing,
// unreadable or malformed shared index, or one that is not the one named
// (its checksum is the name's hash), is ErrCannotTell wrapping the cause;
// so is shared nil.
func TrackedWith(data []byte, path string, shared func(name string) ([]byte, error)) (bool, error) {
	var found, covered bool
	ix, err := read(data, func(*Index) visitor {
		found, covered = false, false
		return func(_ uint32, name []byte, dir bool) {
			if dir {
				covered = covered || (len(path) > len(name) && path[:len(name)] == string(name))
			} else {
				found = found || string(name) == path
			}
		}
	})
	switch {
	case err != nil:
		return false, err
	case found:
		return true, nil
	case covered:
		return false, ErrCannotTell
	case !ix.Split:
		return false, nil
	case shared == nil:
		return false, ErrCannotTell
	}
	sdata, err := shared(ix.SharedIndex)
	if err != nil {
		return false, fmt.Errorf("%w: %w", ErrCannotTell, err)
	}
	ok, err := ix.link.trackedShared(sdata, path, ix.HashSize)
	if err != nil {
		return false, fmt.Errorf("%w: %s: %w", ErrCannotTell, ix.SharedIndex, err)
	}
	return ok, nil
}
