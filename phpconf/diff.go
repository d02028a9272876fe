package phpconf

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unsafe"
)

// Side says which version of a file a line number refers to.
type Side int

const (
	Old Side = iota // the file before the edits
	New             // the file after them
)

// SecretNote ends the header line of a hunk whose secret lines were masked.
// Text after the second "@@" of a hunk header is a section heading that
// both `git apply` and `patch` ignore, so the note travels with its hunk
// without breaking either. (A line of its own would not do: git apply
// rejects anything between two hunks of a file as a "patch fragment
// without header", and a line starting with "\ " inside a hunk means "no
// newline at end of file".)
const SecretNote = "omslint: secret masked; apply with --show-secrets"

// DiffOptions shape a unified diff.
type DiffOptions struct {
	// Path names the file in the `--- a/PATH` and `+++ b/PATH` headers.
	Path string
	// Context is the number of context lines; 0 means 3.
	Context int
	// Secret reports whether a 1-based line of the old or new file holds
	// a secret (redact.SecretLines decides which). Nil means no line does.
	Secret func(side Side, line int) bool
	// Mask rewrites a changed secret line (without its line break) for
	// display; nil means DefaultMask.
	Mask func(side Side, line int, text string) string
	// ShowSecrets prints secret lines as they are.
	ShowSecrets bool
}

// Diff renders the effect of edits on src (applied as Apply does) as a
// unified diff that `git apply` and `patch -p1` accept. It returns "" when
// nothing changes. needsShowSecrets is true when a hunk holds a masked line
// and so applies only when made with ShowSecrets.
//
// Hunks are built from the lines the edits touch, not by a generic diff.
// A secret line is never context: a hunk then carries fewer context lines
// on that side. Both tools accept a hunk without leading context, but not
// one without trailing context away from the end of the file (it must then
// match at the end), so a secret line right after a change becomes part of
// the change (removed and added unchanged, so masked). When trailing
// context is cut short, leading context is cut to the same length: GNU
// patch otherwise applies the hunk only "with fuzz".
func Diff(src []byte, edits []Edit, opts DiffOptions) (diff string, needsShowSecrets bool) {
	out, applied, _ := Apply(src, edits)
	if string(out) == string(src) {
		return "", false
	}
	ctx := opts.Context
	if ctx <= 0 {
		ctx = 3
	}
	d := differ{old: splitLines(src), new: splitLines(out), opts: opts}
	blocks := d.blocks(src, edits, applied)
	if len(blocks) == 0 {
		return "", false
	}
	var b strings.Builder
	b.WriteString("--- a/" + opts.Path + "\n+++ b/" + opts.Path + "\n")
	for _, h := range d.hunks(blocks, ctx) {
		if d.writeHunk(&b, h) {
			needsShowSecrets = true
		}
	}
	return b.String(), needsShowSecrets
}

// DefaultMask replaces every quoted string after the line's `=>` (or on the
// whole line when it has none) with '********'; a line without a quoted
// string (a heredoc body line) keeps only its indentation.
func DefaultMask(text string) string {
	head, tail := "", text
	if i := strings.Index(text, "=>"); i >= 0 {
		head, tail = text[:i+2], text[i+2:]
	}
	var b strings.Builder
	found := false
	for i := 0; i < len(tail); i++ {
		c := tail[i]
		if c != '\'' && c != '"' {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(tail) && tail[j] != c {
			if tail[j] == '\\' {
				j++
			}
			j++
		}
		b.WriteString("'********'")
		found = true
		i = j
	}
	if !found {
		return text[:len(text)-len(strings.TrimLeft(text, " \t"))] + "********"
	}
	return head + b.String()
}

// block is a changed region: old lines [oa, ob) became new lines [na, nb)
// (0-based, half-open).
type block struct{ oa, ob, na, nb int }

type hunk struct {
	blocks      []block
	lead, trail int // context lines before the first and after the last block
}

type differ struct {
	old, new []string // lines with their line breaks
	opts     DiffOptions
}

// splitLines splits src into lines that keep their "\n"; a last line
// without one is kept too. The lines share src's memory (no copy of a
// 10 MB file line by line): they must not outlive a change to src, which
// Diff, their only user, never makes.
func splitLines(src []byte) []string {
	if len(src) == 0 {
		return nil
	}
	n := bytes.Count(src, []byte{'\n'})
	if src[len(src)-1] != '\n' {
		n++
	}
	lines := make([]string, 0, n)
	text := unsafe.String(unsafe.SliceData(src), len(src))
	for len(text) > 0 {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			lines = append(lines, text)
			break
		}
		lines = append(lines, text[:i+1])
		text = text[i+1:]
	}
	return lines
}

// lineIdx is the 0-based line holding byte off; off at the very end of a
// file ending in a line break belongs to the last line.
func lineIdx(lines []string, starts []int, off int) int {
	i := sort.SearchInts(starts, off+1) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(lines) && len(lines) > 0 {
		i = len(lines) - 1
	}
	return i
}

func lineStarts(lines []string) []int {
	starts := make([]int, len(lines))
	off := 0
	for i, l := range lines {
		starts[i] = off
		off += len(l)
	}
	return starts
}

func (d *differ) secret(side Side, idx int) bool {
	return d.opts.Secret != nil && d.opts.Secret(side, idx+1)
}

// appliedInOrder is the edits Apply applied (their indexes in applied), in
// source order: by start, then end.
func appliedInOrder(edits []Edit, applied []int) []Edit {
	es := make([]Edit, 0, len(applied))
	for _, i := range applied {
		es = append(es, edits[i])
	}
	sort.SliceStable(es, func(a, b int) bool {
		if es[a].Start != es[b].Start {
			return es[a].Start < es[b].Start
		}
		return es[a].End < es[b].End
	})
	return es
}

// blocks turns the applied edits into changed line blocks: each edit
// touches whole lines [line of Start, line of End] on the old side and the
// matching lines on the new side (the bytes around it are the same), blocks
// sharing lines are merged, and lines equal on both ends are trimmed.
func (d *differ) blocks(src []byte, edits []Edit, applied []int) []block {
	es := appliedInOrder(edits, applied)
	oStarts := lineStarts(d.old)
	// The new block starts where the old one does, shifted by the lines
	// earlier edits added or removed: the bytes before it are the same.
	// (An earlier edit on the same line is merged with this one, and the
	// merged block starts at the earlier edit's line.)
	shift := 0
	var bs []block
	for _, e := range es {
		b := block{oa: lineIdx(d.old, oStarts, e.Start), ob: min(lineIdx(d.old, oStarts, e.End)+1, len(d.old))}
		dl := strings.Count(e.Text, "\n") - bytes.Count(src[e.Start:e.End], []byte("\n"))
		b.na, b.nb = b.oa+shift, b.ob+shift+dl
		if b.ob == len(d.old) {
			// Line counts at the end also depend on whether the last
			// line has a line break; no edit comes after this one.
			b.nb = len(d.new)
		}
		shift += dl
		if n := len(bs); n > 0 && b.oa <= bs[n-1].ob {
			bs[n-1].ob = max(bs[n-1].ob, b.ob)
			bs[n-1].nb = max(bs[n-1].nb, b.nb)
			continue
		}
		bs = append(bs, b)
	}
	var kept []block
	for _, b := range bs {
		for b.oa < b.ob && b.na < b.nb && d.old[b.oa] == d.new[b.na] {
			b.oa++
			b.na++
		}
		for b.oa < b.ob && b.na < b.nb && d.old[b.ob-1] == d.new[b.nb-1] {
			b.ob--
			b.nb--
		}
		if b.oa == b.ob && b.na == b.nb {
			continue
		}
		// A secret line right after the change cannot be its trailing
		// context: make it part of the change.
		for b.ob < len(d.old) && (d.secret(Old, b.ob) || d.secret(New, b.nb)) {
			b.ob++
			b.nb++
		}
		if n := len(kept); n > 0 && b.oa <= kept[n-1].ob {
			kept[n-1].ob, kept[n-1].nb = b.ob, b.nb
			continue
		}
		kept = append(kept, b)
	}
	return kept
}

// usable reports whether unchanged old line i (new line i+shift) may be
// context.
func (d *differ) usable(i, shift int) bool {
	return !d.secret(Old, i) && !d.secret(New, i+shift)
}

// hunks groups blocks into hunks with their context.
func (d *differ) hunks(bs []block, ctx int) []hunk {
	var hs []hunk
	for _, b := range bs {
		shift := b.na - b.oa
		if n := len(hs); n > 0 {
			prev := hs[n-1].blocks[len(hs[n-1].blocks)-1]
			gap := b.oa - prev.ob
			ok := gap <= 2*ctx
			for i := prev.ob; ok && i < b.oa; i++ {
				ok = d.usable(i, shift)
			}
			if ok {
				hs[n-1].blocks = append(hs[n-1].blocks, b)
				continue
			}
		}
		lead := 0
		for lead < ctx && b.oa-lead-1 >= 0 && d.usable(b.oa-lead-1, shift) {
			lead++
		}
		hs = append(hs, hunk{blocks: []block{b}, lead: lead})
	}
	for i := range hs {
		h := &hs[i]
		last := h.blocks[len(h.blocks)-1]
		shift := last.nb - last.ob
		t := 0
		for t < ctx && last.ob+t < len(d.old) && d.usable(last.ob+t, shift) {
			t++
		}
		h.trail = t
		if t < ctx && last.ob+t < len(d.old) && h.lead > t {
			h.lead = t
		}
	}
	return hs
}

// writeHunk writes one hunk and reports whether it masked a line.
func (d *differ) writeHunk(b *strings.Builder, h hunk) bool {
	first, last := h.blocks[0], h.blocks[len(h.blocks)-1]
	oa, ob := first.oa-h.lead, last.ob+h.trail
	na, nb := first.na-h.lead, last.nb+h.trail
	var body strings.Builder
	masked := false
	ctxLines := func(from, to int) {
		for i := from; i < to; i++ {
			writeLine(&body, ' ', d.old[i])
		}
	}
	changed := func(side Side, lines []string, from, to int) {
		for i := from; i < to; i++ {
			l := lines[i]
			if !d.opts.ShowSecrets && d.secret(side, i) {
				text, nl := strings.TrimSuffix(l, "\n"), ""
				if len(text) < len(l) {
					nl = "\n"
				}
				cr := ""
				if strings.HasSuffix(text, "\r") {
					text, cr = text[:len(text)-1], "\r"
				}
				mask := d.opts.Mask
				if mask == nil {
					mask = func(_ Side, _ int, s string) string { return DefaultMask(s) }
				}
				l = mask(side, i+1, text) + cr + nl
				masked = true
			}
			c := byte('-')
			if side == New {
				c = '+'
			}
			writeLine(&body, c, l)
		}
	}
	ctxLines(oa, first.oa)
	for i, bl := range h.blocks {
		if i > 0 {
			ctxLines(h.blocks[i-1].ob, bl.oa)
		}
		changed(Old, d.old, bl.oa, bl.ob)
		changed(New, d.new, bl.na, bl.nb)
	}
	ctxLines(last.ob, ob)

	b.WriteString("@@ -" + rangeStr(oa, ob-oa) + " +" + rangeStr(na, nb-na) + " @@")
	if masked {
		b.WriteString(" " + SecretNote)
	}
	b.WriteString("\n")
	b.WriteString(body.String())
	return masked
}

// rangeStr is a hunk range: the 1-based first line, or for an empty range
// the line after which it sits.
func rangeStr(start, n int) string {
	if n == 0 {
		return strconv.Itoa(start) + ",0"
	}
	return strconv.Itoa(start+1) + "," + strconv.Itoa(n)
}

func writeLine(b *strings.Builder, c byte, l string) {
	b.WriteByte(c)
	b.WriteString(l)
	if !strings.HasSuffix(l, "\n") {
		b.WriteString("\n\\ No newline at end of file\n")
	}
}
