package gitindex

// The test-only API: the index's paths kept (Parse), and TrackedWith
// without a shared index.

// Parse reads an index file.
func Parse(data []byte) (*Index, error) {
	return read(data, func(ix *Index) visitor {
		return func(_ uint32, name []byte, dir bool) {
			if dir {
				ix.Sparse = append(ix.Sparse, string(name))
			} else {
				ix.Paths = append(ix.Paths, string(name))
			}
		}
	})
}

// Tracked is TrackedWith without a shared index: a split index not
// holding path among its own entries cannot tell.
func Tracked(data []byte, path string) (bool, error) {
	return TrackedWith(data, path, nil)
}

// Tracked is the package's Tracked on a parsed index.
func (ix *Index) Tracked(path string) (bool, error) {
	for _, p := range ix.Paths {
		if p == path {
			return true, nil
		}
	}
	for _, d := range ix.Sparse {
		if len(path) > len(d) && path[:len(d)] == d {
			return false, ErrCannotTell
		}
	}
	if ix.Split {
		return false, ErrCannotTell
	}
	return false, nil
}
