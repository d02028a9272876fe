// Package position is where a byte of a source file is: byte offsets and
// ranges, 1-based line and column (in characters), spans, and the line
// index that turns one into the other. It is a leaf package, shared by the
// PHP reader (phpconf), JSON with positions (jsonpos), the config file and
// the report writers, so none of them needs another's reader for positions.
package position

import (
	"bytes"
	"sort"
	"sync"
	"unicode/utf8"
)

// Pos is a place in a source file. Offset is a 0-based byte offset; Line and
// Col are 1-based, and Col counts Unicode characters (a tab is one, an
// invalid UTF-8 byte is one), as the CLI contract requires.
type Pos struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Col    int `json:"column"`
}

// Span is a half-open range [Start, End) of a file.
type Span struct {
	Start Pos `json:"start"`
	End   Pos `json:"end"`
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End.Offset - s.Start.Offset }

// IsZero reports whether the span was never set.
func (s Span) IsZero() bool { return s.Start.Line == 0 }

// LineIndex turns byte offsets into line/column positions. It is built once
// per file; every position in a tree comes from it so line and column are
// computed in one place.
type LineIndex struct {
	src []byte
	// starts holds the byte offset of the first byte of each line; read
	// it through lines(), which builds it for a lazy index.
	starts []int32
	once   sync.Once

	// marks holds, for each long line asked about, the column at a rune
	// start every markEvery bytes: a position on a line of megabytes (a
	// minified env.php) counts at most markEvery bytes of characters, in
	// whatever order positions are asked for.
	mu    sync.Mutex
	marks map[int][]lineMark
}

type lineMark struct{ off, col int }

const (
	// longLine is the line length from which marks are kept; shorter
	// lines are counted from their start.
	longLine  = 4096
	markEvery = 256
)

// NewLineIndex indexes src. A line ends after '\n'; a lone '\r' is not a
// line break (PHP's lexer counts only '\n' too, so lines agree with php -l).
func NewLineIndex(src []byte) *LineIndex {
	li := &LineIndex{src: src}
	li.lines()
	return li
}

// LazyLineIndex is NewLineIndex building the index on the first position
// asked for: a 1.25 MB composer.lock is kept for snippets, and most runs
// print none of it.
func LazyLineIndex(src []byte) *LineIndex { return &LineIndex{src: src} }

// lines returns the line starts, indexing the file on first use.
func (li *LineIndex) lines() []int32 {
	li.once.Do(func() {
		// Count first so the index is allocated once, at its size (a
		// large file has hundreds of thousands of lines).
		src := li.src
		starts := make([]int32, 1, bytes.Count(src, []byte{'\n'})+1)
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			starts = append(starts, int32(i))
		}
		li.starts = starts
	})
	return li.starts
}

// Pos returns the position of a byte offset. Offsets past the end are
// clamped to the end of the file.
func (li *LineIndex) Pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(li.src) {
		off = len(li.src)
	}
	line := li.line(off)
	from, col := int(li.lines()[line]), 1
	if off-from > longLine {
		marks := li.lineMarks(line)
		i := sort.Search(len(marks), func(i int) bool { return marks[i].off > off }) - 1
		if i >= 0 {
			from, col = marks[i].off, marks[i].col
		}
	}
	col += utf8.RuneCount(li.src[from:off])
	return Pos{Offset: off, Line: line + 1, Col: col}
}

// line is the 0-based line of an offset within the file.
func (li *LineIndex) line(off int) int {
	starts := li.lines()
	return sort.Search(len(starts), func(i int) bool { return int(starts[i]) > off }) - 1
}

// Line returns the 1-based line of a byte offset (clamped to the file).
func (li *LineIndex) Line(off int) int {
	return li.line(min(max(off, 0), len(li.src))) + 1
}

// lineMarks returns the marks of 0-based line n, building them on first use.
func (li *LineIndex) lineMarks(n int) []lineMark {
	li.mu.Lock()
	defer li.mu.Unlock()
	if m, ok := li.marks[n]; ok {
		return m
	}
	starts := li.lines()
	start, end := int(starts[n]), len(li.src)
	if n+1 < len(starts) {
		end = int(starts[n+1])
	}
	var marks []lineMark
	col, next := 1, start+markEvery
	for i := start; i < end; {
		if i >= next {
			marks = append(marks, lineMark{off: i, col: col})
			next = i + markEvery
		}
		_, size := utf8.DecodeRune(li.src[i:end])
		i += size
		col++
	}
	if li.marks == nil {
		li.marks = map[int][]lineMark{}
	}
	li.marks[n] = marks
	return marks
}

// Span returns the span of the byte range [start, end).
func (li *LineIndex) Span(start, end int) Span {
	return Span{Start: li.Pos(start), End: li.Pos(end)}
}

// LineCount is the number of lines (a final newline opens an empty last line).
func (li *LineIndex) LineCount() int { return len(li.lines()) }

// LineBounds returns the byte range of 1-based line n without its line break.
func (li *LineIndex) LineBounds(n int) (start, end int) {
	starts := li.lines()
	if n < 1 || n > len(starts) {
		return 0, 0
	}
	start = int(starts[n-1])
	end = len(li.src)
	if n < len(starts) {
		end = int(starts[n]) - 1
	}
	if end > start && li.src[end-1] == '\r' {
		end--
	}
	return start, end
}

// LineText returns the text of 1-based line n without its line break.
func (li *LineIndex) LineText(n int) string {
	s, e := li.LineBounds(n)
	return string(li.src[s:e])
}

// Range is a half-open byte range [Start, End) of a file, as the tree keeps
// it: eight bytes rather than a Span's 48. Offsets fit in 32 bits because
// phpconf.Parse refuses larger input (MaxInput). No tree node starts at
// offset 0 (the open tag is there), so the zero Range means "none".
type Range struct {
	Start, End int32
}

// Len is the range's length in bytes.
func (r Range) Len() int { return int(r.End - r.Start) }

// IsZero reports whether the range was never set.
func (r Range) IsZero() bool { return r == Range{} }
