package phpconf

import "sort"

// Edit replaces the bytes [Start, End) of the original source with Text; it
// is an insertion when Start == End. Fixes are data: rules produce Edits and
// one function (Apply) turns them into bytes.
type Edit struct {
	Start, End int
	Text       string
}

// conflicts reports whether two edits cannot both be applied. Ranges that
// only touch are compatible; an insertion conflicts with another insertion
// at the same offset (their order would be a guess) and with a replacement
// that strictly contains its offset.
func (e Edit) conflicts(o Edit) bool {
	eIns, oIns := e.Start == e.End, o.Start == o.End
	switch {
	case eIns && oIns:
		return e.Start == o.Start
	case eIns:
		return o.Start < e.Start && e.Start < o.End
	case oIns:
		return e.Start < o.Start && o.Start < e.End
	}
	return e.Start < o.End && o.Start < e.End
}

// Apply applies edits to the original bytes src and returns a new slice; src
// is never modified. Offsets are on src, not on the result of earlier edits.
// When edits conflict, the one earlier in the input wins and the others are
// skipped; an edit whose range is outside src is skipped too. applied and
// skipped hold input indexes in increasing order. An insertion at the start
// of a replacement goes before the replacement's text.
func Apply(src []byte, edits []Edit) (out []byte, applied, skipped []int) {
	// kept is ordered by (Start, End): that puts an insertion before a
	// replacement that starts at the same offset, and since kept edits
	// never overlap, their Ends are ordered too. So an edit meets only the
	// few kept neighbours around its range (binary search), and sorted
	// input (fixes come sorted by position) appends: thousands of fixes
	// stay O(n log n), not O(n²).
	less := func(a, b Edit) bool {
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End < b.End
	}
	kept := make([]int, 0, len(edits))
	for i, e := range edits {
		ok := 0 <= e.Start && e.Start <= e.End && e.End <= len(src)
		if ok {
			j := max(sort.Search(len(kept), func(j int) bool { return edits[kept[j]].End >= e.Start })-1, 0)
			for ; ok && j < len(kept) && edits[kept[j]].Start <= e.End; j++ {
				ok = !e.conflicts(edits[kept[j]])
			}
		}
		if !ok {
			skipped = append(skipped, i)
			continue
		}
		at := sort.Search(len(kept), func(j int) bool { return less(e, edits[kept[j]]) })
		kept = append(kept, 0)
		copy(kept[at+1:], kept[at:])
		kept[at] = i
	}
	applied = append([]int(nil), kept...)
	sort.Ints(applied)
	size := len(src)
	for _, k := range kept {
		size += len(edits[k].Text) - (edits[k].End - edits[k].Start)
	}
	out = make([]byte, 0, size)
	last := 0
	for _, k := range kept {
		e := edits[k]
		out = append(out, src[last:e.Start]...)
		out = append(out, e.Text...)
		last = e.End
	}
	out = append(out, src[last:]...)
	return out, applied, skipped
}
