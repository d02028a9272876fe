package engine

import (
	"errors"
	"fmt"
	"strings"

	"github.com/omslint/omslint/atomicfile"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/redact"
)

// fileFix is the set of fixes accepted for one PHP file.
type fileFix struct {
	src      *magento.PHPSource
	edits    []phpconf.Edit
	findings []*linter.Finding
	// skipped are fixable findings whose edits overlap an earlier fix.
	skipped []*linter.Finding
}

// planFixes groups the fixes of findings by file. Findings come sorted by
// position and rule, so the choice is deterministic: a fix whose edits
// overlap an already accepted fix is skipped as a whole (never half
// applied) and stays reported as fixable.
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
		if overlapsAny(f.Fix.Edits, ff.edits) {
			ff.skipped = append(ff.skipped, f)
			continue
		}
		ff.edits = append(ff.edits, f.Fix.Edits...)
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

// overlapsAny reports whether an edit of a overlaps one of b; two
// insertions at one offset overlap (their order would be arbitrary).
func overlapsAny(a, b []phpconf.Edit) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Start < y.End && y.Start < x.End || x.Start == y.Start {
				return true
			}
		}
	}
	return false
}

// result applies the file's edits. A result that no longer parses to a
// config array is a bug in a fix: it is refused, never written.
func (ff *fileFix) result(lo magento.LoadOptions) (*magento.PHPSource, error) {
	out, _, skipped := phpconf.Apply(ff.src.Data, ff.edits)
	if len(skipped) > 0 {
		return nil, &linter.InternalError{Msg: fmt.Sprintf("%s: %d fix edits conflicted after planning", ff.src.Path, len(skipped))}
	}
	fixed := ff.src.WithData(out, lo)
	if fixed.ReadErr != nil || fixed.Tree.Err != nil || fixed.Tree.Root == nil {
		return nil, &linter.InternalError{Msg: fmt.Sprintf("%s: the fixed file would not parse; nothing was written", ff.src.Path)}
	}
	return fixed, nil
}

// diff renders the planned fixes of one file as a unified diff. Secret
// lines are found in both versions by the redactor's rules.
func (ff *fileFix) diff(fixed *magento.PHPSource, secretKeys []string, show bool) (string, bool) {
	isSecret := func(el *phpconf.Element) bool {
		// An expression is not a secret, unless it holds a literal
		// (getenv('X') ?: 'fallback').
		return redact.IsSecretPath(el.Path, secretKeys) &&
			(el.Value.Kind != phpconf.KindExpr || len(redact.ExprLiteralRanges(el.Value.Raw)) > 0)
	}
	oldLines := phpconf.SecretLines(ff.src.Tree, isSecret)
	newLines := phpconf.SecretLines(fixed.Tree, isSecret)
	// A URL's user:password@ is a secret on any key (redact).
	for l := range redact.URLPasswordLines(ff.src.Data) {
		oldLines[l] = true
	}
	for l := range redact.URLPasswordLines(fixed.Data) {
		newLines[l] = true
	}
	path := strings.TrimPrefix(ff.src.Path, "./")
	return phpconf.Diff(ff.src.Data, ff.edits, phpconf.DiffOptions{
		Path: path,
		Secret: func(side phpconf.Side, line int) bool {
			if side == phpconf.Old {
				return oldLines[line]
			}
			return newLines[line]
		},
		ShowSecrets: show,
	})
}

// fixProject applies (Fix) or renders (Diff) the fixes of one project.
// After --fix it returns the findings of a fresh lint of the fixed files
// (after) and the findings it fixed, marked; fixed is nil when nothing
// was written.
func fixProject(p *magento.Project, findings []*linter.Finding, lintOpts linter.Options, secretKeys []string, opts Options, out *Outcome) (after, fixed []*linter.Finding, err error) {
	lo := magento.LoadOptions{MaxSize: opts.MaxSize}
	plans := planFixes(p, findings)
	if len(plans) == 0 {
		return nil, nil, nil
	}
	for _, ff := range plans {
		res, err := ff.result(lo)
		if err != nil {
			return nil, nil, err
		}
		if opts.Diff {
			d, masked := ff.diff(res, secretKeys, opts.ShowSecrets)
			out.Diff += d
			out.DiffNeedsShowSecrets = out.DiffNeedsShowSecrets || masked
			continue
		}
		switch {
		case ff.src.Abs == "":
			out.FixedStdin = res.Data
		default:
			if err := atomicfile.WriteFile(ff.src.Abs, res.Data, ff.src.Data); err != nil {
				var ce *atomicfile.ChangedError
				if errors.As(err, &ce) {
					return nil, nil, &magento.InputError{Path: ff.src.Path, Err: errors.New("changed on disk while omslint was fixing it; nothing was written, run again")}
				}
				return nil, nil, &magento.InputError{Path: ff.src.Path, Err: err}
			}
			out.FixedFiles = append(out.FixedFiles, ff.src.Path)
		}
		for _, f := range ff.findings {
			f.Fixed = true
		}
		fixed = append(fixed, ff.findings...)
		if p.Env == ff.src {
			p.Env = res
		} else {
			p.Config = res
		}
	}
	if opts.Diff {
		return nil, nil, nil
	}
	// Re-lint what is now on disk: fixed findings must be gone and a fix
	// must never introduce a new finding (tests hold the rules to that).
	after, err = linter.Run(p, lintOpts)
	if err != nil {
		return nil, nil, err
	}
	return after, fixed, nil
}
