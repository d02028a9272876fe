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
	kept := make([]int, 0, len(edits))
	for i, e := range edits {
		ok := 0 <= e.Start && e.Start <= e.End && e.End <= len(src)
		for _, k := range kept {
			if !ok {
				break
			}
			ok = !e.conflicts(edits[k])
		}
		if ok {
			kept = append(kept, i)
		} else {
			skipped = append(skipped, i)
		}
	}
	applied = append([]int(nil), kept...)
	// Sorting by (Start, End) puts an insertion before a replacement that
	// starts at the same offset; kept edits never overlap, so this order is
	// also the order of their ranges in src.
	sort.SliceStable(kept, func(a, b int) bool {
		ea, eb := edits[kept[a]], edits[kept[b]]
		if ea.Start != eb.Start {
			return ea.Start < eb.Start
		}
		return ea.End < eb.End
	})
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
