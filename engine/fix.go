package engine

import (
	"fmt"
	"sort"

	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/redact"
)

// maxFixRounds bounds the lint → fix rounds of one run. A rename (OMS102,
// OMS105) exposes values to the checks for the first time, which may be
// fixable in turn; every fixable rule converges in at most three rounds.
const maxFixRounds = 4

// fileFix is the set of fixes accepted for one PHP file in one round.
type fileFix struct {
	src      *magento.PHPSource
	edits    []phpconf.Edit
	findings []*linter.Finding
	// skipped are fixable findings whose edits overlap an earlier fix.
	skipped []*linter.Finding
	// byStart holds edits ordered by Start, for overlap checks.
	byStart []phpconf.Edit
}

// planFixes groups the fixes of findings by file. Findings come sorted by
// position and rule, so the choice is deterministic: a fix whose edits
// overlap an already accepted fix is skipped as a whole (never half
// applied) and stays reported as fixable. A file that did not parse is
// never planned (nothing is fixed in it, so it is never written).
func planFixes(p *magento.Project, findings []*linter.Finding) []*fileFix {
	var order []*fileFix
	byPath := map[string]*fileFix{}
	for _, s := range []*magento.PHPSource{p.Env, p.Config} {
		if s != nil && s.ReadErr == nil && s.Tree.Err == nil && s.Tree.Root != nil {
			ff := &fileFix{src: s}
			byPath[s.Path] = ff
			order = append(order, ff)
		}
	}
	for _, f := range findings {
		ff := byPath[f.File]
		if ff == nil || !f.Fixable() {
			continue
		}
		if ff.overlaps(f.Fix.Edits) {
			ff.skipped = append(ff.skipped, f)
			continue
		}
		ff.accept(f.Fix.Edits)
		ff.findings = append(ff.findings, f)
	}
	var out []*fileFix
	for _, ff := range order {
		if len(ff.edits) > 0 {
			out = append(out, ff)
		}
	}
	return out
}

// overlaps reports whether an edit of a overlaps one already accepted;
// two insertions at one offset overlap (their order would be arbitrary).
// Accepted edits never overlap, so ordered by Start their Ends are ordered
// too, and only the neighbours of a's range need a look: thousands of
// fixes in one config.php stay O(n log n).
func (ff *fileFix) overlaps(a []phpconf.Edit) bool {
	for _, x := range a {
		j := max(sort.Search(len(ff.byStart), func(j int) bool { return ff.byStart[j].End >= x.Start })-1, 0)
		for ; j < len(ff.byStart) && ff.byStart[j].Start <= x.End; j++ {
			y := ff.byStart[j]
			if x.Start < y.End && y.Start < x.End || x.Start == y.Start {
				return true
			}
		}
	}
	return false
}

// accept adds a fix's edits to the file's plan.
func (ff *fileFix) accept(a []phpconf.Edit) {
	ff.edits = append(ff.edits, a...)
	for _, x := range a {
		at := sort.Search(len(ff.byStart), func(j int) bool { return ff.byStart[j].Start > x.Start })
		ff.byStart = append(ff.byStart, phpconf.Edit{})
		copy(ff.byStart[at+1:], ff.byStart[at:])
		ff.byStart[at] = x
	}
}

// result applies the file's edits. A result that no longer parses to a
// config array is a bug in a fix: it is refused, never written.
func (ff *fileFix) result(lo magento.LoadOptions) (*magento.PHPSource, error) {
	out, _, skipped := phpconf.Apply(ff.src.Data, ff.edits)
	if len(skipped) > 0 {
		return nil, &failure.InternalError{Msg: fmt.Sprintf("%s: %d fix edits conflicted after planning", ff.src.Path, len(skipped))}
	}
	fixed := ff.src.WithData(out, lo)
	if fixed.ReadErr != nil || fixed.Tree.Err != nil || fixed.Tree.Root == nil {
		return nil, &failure.InternalError{Msg: fmt.Sprintf("%s: the fixed file would not parse; nothing was written", ff.src.Path)}
	}
	return fixed, nil
}

// fixedFile is one file changed by the fixes of every round: its original
// source, its final source, and the edits that turn the one into the other
// (on the original bytes; see composeEdits).
type fixedFile struct {
	orig, final *magento.PHPSource
	edits       []phpconf.Edit
}

// fixRounds lints, fixes in memory and lints again until no reported
// finding is fixable (at most maxFixRounds rounds). keep drops what the
// user suppressed: a suppressed finding is never fixed. It returns the
// files changed, the findings fixed (in every round, not yet marked), and
// the findings of a lint of the final files (before suppression). p holds
// the final files on return. Nothing is written.
func fixRounds(p *magento.Project, findings []*linter.Finding, lintOpts linter.Options, lo magento.LoadOptions, keep func([]*linter.Finding) []*linter.Finding) (files []*fixedFile, fixed, after []*linter.Finding, err error) {
	bySrc := map[*magento.PHPSource]*fixedFile{}
	for round := 0; round < maxFixRounds; round++ {
		plans := planFixes(p, findings)
		if len(plans) == 0 {
			break
		}
		for _, ff := range plans {
			res, err := ff.result(lo)
			if err != nil {
				return nil, nil, nil, err
			}
			file := bySrc[ff.src]
			if file == nil {
				file = &fixedFile{orig: ff.src}
				files = append(files, file)
			}
			delete(bySrc, ff.src)
			file.edits = composeEdits(file.orig.Data, file.edits, ff.edits)
			file.final = res
			bySrc[res] = file
			if p.Env == ff.src {
				p.Env = res
			} else {
				p.Config = res
			}
			fixed = append(fixed, ff.findings...)
		}
		after, err = linter.Run(p, lintOpts)
		if err != nil {
			return nil, nil, nil, err
		}
		findings = keep(after)
	}
	return files, fixed, after, nil
}

// fixProject applies (Fix) or renders (Diff) the fixes of one project.
// After --fix it returns the findings of a fresh lint of the fixed files
// (after) and the findings it fixed, marked; fixed is nil when nothing
// was written. keep filters findings as the report will (suppressions).
func fixProject(p *magento.Project, findings []*linter.Finding, lintOpts linter.Options, secretKeys []string, opts Options, out *Outcome, keep func([]*linter.Finding) []*linter.Finding, locks *fixLocks) (after, fixed []*linter.Finding, err error) {
	lo := magento.LoadOptions{MaxSize: opts.MaxSize}
	env, config := p.Env, p.Config
	files, fixed, after, err := fixRounds(p, findings, lintOpts, lo, keep)
	if err != nil || len(files) == 0 {
		p.Env, p.Config = env, config
		return nil, nil, err
	}
	if opts.Diff {
		// The report shows the files as they are.
		p.Env, p.Config = env, config
		for _, file := range files {
			d, masked := file.diff(diffPath(p, file.orig), secretKeys, opts.ShowSecrets && redact.ShowsSecrets("diff"))
			out.Diff += d
			out.DiffNeedsShowSecrets = out.DiffNeedsShowSecrets || masked
		}
		return nil, nil, nil
	}
	var write []*fixedFile
	for _, file := range files {
		if file.orig.Abs == "" {
			out.FixedStdin = file.final.Data
			continue
		}
		write = append(write, file)
	}
	if err := writeFixed(p, write, opts, locks, out); err != nil {
		p.Env, p.Config = env, config
		return nil, nil, err
	}
	for _, f := range fixed {
		f.Fixed = true
	}
	return after, fixed, nil
}

// diff renders the fixes of one file as a unified diff from the original
// to the final bytes. Secret lines are found in both versions by the
// redactor's rules.
func (file *fixedFile) diff(path string, secretKeys []string, show bool) (string, bool) {
	// Which lines hold a secret (a secret value, an array or literal under
	// a secret key, a URL password) is redact's policy, in both versions.
	oldLines := redact.SecretLines(file.orig.Tree, file.orig.Data, secretKeys)
	newLines := redact.SecretLines(file.final.Tree, file.final.Data, secretKeys)
	// Changed secret lines are masked by the same redactor as every other
	// output (tree spans, so getenv('NAME') stays readable), one per side.
	masker := func(src *magento.PHPSource) func(line int, text string) string {
		r := redact.New()
		r.AddTree(src.Path, src.Tree, secretKeys)
		return func(line int, text string) string {
			start, _ := src.Tree.Lines.LineBounds(line)
			return r.Line(src.Path, start, text)
		}
	}
	maskOld, maskNew := masker(file.orig), masker(file.final)
	return phpconf.Diff(file.orig.Data, file.edits, phpconf.DiffOptions{
		Path: path,
		Secret: func(side phpconf.Side, line int) bool {
			if side == phpconf.Old {
				return oldLines[line]
			}
			return newLines[line]
		},
		Mask: func(side phpconf.Side, line int, text string) string {
			if side == phpconf.Old {
				return maskOld(line, text)
			}
			return maskNew(line, text)
		},
		ShowSecrets: show,
	})
}

// composeEdits returns edits on orig that have the effect of applying base
// to orig and then next to the result: Apply(orig, composeEdits(orig, base,
// next)) equals Apply(Apply(orig, base), next). base and next must each be
// free of conflicts. An edit of next that overlaps or touches the text an
// edit of base wrote is merged with it into one edit, so the result never
// holds two edits at one place and every byte outside its spans is a byte
// of orig that no round changed.
func composeEdits(orig []byte, base, next []phpconf.Edit) []phpconf.Edit {
	if len(base) == 0 {
		return sortedEdits(next)
	}
	base = sortedEdits(base)
	mid, _, _ := phpconf.Apply(orig, base)
	// delta[i] is how much longer the bytes before base[i] grew.
	delta := make([]int, len(base)+1)
	for i, e := range base {
		delta[i+1] = delta[i] + len(e.Text) - (e.End - e.Start)
	}
	type span struct {
		start, end int // on mid
		chunk      int // index in base, or -1 for an edit of next
	}
	var spans []span
	for i, e := range base {
		s := e.Start + delta[i]
		spans = append(spans, span{s, s + len(e.Text), i})
	}
	for _, e := range next {
		spans = append(spans, span{e.Start, e.End, -1})
	}
	sort.SliceStable(spans, func(a, b int) bool { return spans[a].start < spans[b].start })

	var out []phpconf.Edit
	for i := 0; i < len(spans); {
		gs, ge := spans[i].start, spans[i].end
		first, last := -1, -1 // chunks of base in the group
		hasNext := false
		j := i
		for ; j < len(spans) && spans[j].start <= ge; j++ {
			ge = max(ge, spans[j].end)
			if c := spans[j].chunk; c >= 0 {
				if first < 0 {
					first = c
				}
				last = c
			} else {
				hasNext = true
			}
		}
		group := spans[i:j]
		i = j
		if !hasNext {
			// Untouched by next: the base edits stay as they were.
			for _, s := range group {
				out = append(out, base[s.chunk])
			}
			continue
		}
		// Chunks before the group: those whose text ends before gs.
		before, through := 0, 0
		if first >= 0 {
			before, through = first, last+1
		} else {
			for before < len(base) && base[before].Start+delta[before]+len(base[before].Text) < gs {
				before++
			}
			through = before
		}
		os, oe := gs-delta[before], ge-delta[through]
		var local []phpconf.Edit
		for _, e := range next {
			if e.Start >= gs && e.End <= ge {
				local = append(local, phpconf.Edit{Start: e.Start - gs, End: e.End - gs, Text: e.Text})
			}
		}
		text, _, _ := phpconf.Apply(mid[gs:ge], local)
		if os == oe && len(text) == 0 {
			continue
		}
		out = append(out, phpconf.Edit{Start: os, End: oe, Text: string(text)})
	}
	return sortedEdits(out)
}

// sortedEdits returns a copy of edits in the order Apply applies them.
func sortedEdits(edits []phpconf.Edit) []phpconf.Edit {
	out := append([]phpconf.Edit(nil), edits...)
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Start != out[b].Start {
			return out[a].Start < out[b].Start
		}
		return out[a].End < out[b].End
	})
	return out
}
