package phpconf

import "github.com/omslint/omslint/position"

// Positions live in the leaf package position (shared with jsonpos, config
// and report); these names keep phpconf's API.
type (
	// Pos is a place in a source file (position.Pos).
	Pos = position.Pos
	// Span is a range of source with line/column ends (position.Span).
	Span = position.Span
	// LineIndex turns byte offsets into positions (position.LineIndex).
	LineIndex = position.LineIndex
)

// NewLineIndex indexes the lines of src (position.NewLineIndex).
func NewLineIndex(src []byte) *LineIndex { return position.NewLineIndex(src) }
