package engine

import "github.com/omslint/omslint/position"

// phpconfLines indexes a Composer file's lines for snippets when the first
// one is printed: a real store's composer.lock is 1 MB and more, and most
// runs print none of it.
func phpconfLines(b []byte) *position.LineIndex { return position.LazyLineIndex(b) }
