package engine

import (
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/report"
)

// The cross-root rules (OMS6xx) run once over every root of a run, after
// the per-root rules (linter/fleet.go). Each root contributes its facts;
// whether an omslint-ignore comment or a config ignore silences a fleet
// rule at one of its values is decided here, with the root's own
// suppressions, by probe findings: one per fleet rule and value, run
// through the same suppression filter as the real findings (so the
// comment counts as used, not OMS006), then taken out again. A fleet
// finding is dropped when its value or a related one was silenced: a
// suppression in either root silences the pair.

// fleetProbes returns the project's fleet facts and the probe findings to
// add before suppressions are applied.
func fleetProbes(p *magento.Project, lo linter.Options) (*linter.FleetRoot, []*linter.Finding) {
	fr := linter.FleetFacts(p, lo)
	if fr == nil {
		return nil, nil
	}
	var probes []*linter.Finding
	for _, r := range linter.Rules() {
		if r.Fleet == nil || lo.Off[r.ID] {
			continue
		}
		for _, v := range fr.Values {
			probes = append(probes, &linter.Finding{Rule: r.ID, Name: r.Name, Severity: r.Severity,
				File: v.File, Span: v.Span, Key: v.Key})
		}
	}
	return fr, probes
}

// takeProbes removes the probes from fs after suppressions were applied:
// a probe still there was not suppressed; a missing one marks its value
// suppressed for that rule, and is not counted as a suppressed finding
// (the fleet pass counts what it really drops).
func takeProbes(res *report.Result, fs []*linter.Finding, fr *linter.FleetRoot, probes []*linter.Finding) []*linter.Finding {
	if len(probes) == 0 {
		return fs
	}
	isProbe := make(map[*linter.Finding]bool, len(probes))
	for _, pf := range probes {
		isProbe[pf] = true
	}
	kept := fs[:0]
	survived := map[*linter.Finding]bool{}
	for _, f := range fs {
		if isProbe[f] {
			survived[f] = true
			continue
		}
		kept = append(kept, f)
	}
	for _, pf := range probes {
		if survived[pf] {
			continue
		}
		res.Suppressed--
		for _, v := range fr.Values {
			if v.File == pf.File && v.Span == pf.Span {
				if v.Suppressed == nil {
					v.Suppressed = map[string]bool{}
				}
				v.Suppressed[pf.Rule] = true
			}
		}
	}
	return kept
}

// fleetEntry is what a linted root leaves for the fleet pass once its
// run is merged and released.
type fleetEntry struct {
	root   *linter.FleetRoot
	failOn linter.Severity
}

// runFleet applies the fleet rules to the roots of the run and adds their
// findings to the outcome, with the fail-on of the root (or config file)
// each points into.
func runFleet(out *Outcome, entries []fleetEntry, opts Options, failOn map[*linter.Finding]linter.Severity) error {
	var roots []*linter.FleetRoot
	failOnFile := map[string]linter.Severity{}
	for _, e := range entries {
		roots = append(roots, e.root)
		for _, v := range e.root.Values {
			failOnFile[v.File] = e.failOn
		}
		if c := e.root.Config; c != nil && c.Config != nil {
			failOnFile[c.Config.Path] = e.failOn
		}
	}
	if len(roots) == 0 {
		return nil
	}
	if len(roots) < 2 {
		// One root: only the checks within its config file apply.
		roots[0] = &linter.FleetRoot{Root: roots[0].Root, Config: roots[0].Config, Opts: roots[0].Opts}
	}
	fs, err := linter.RunFleet(roots, opts.Lint)
	if err != nil {
		return err
	}
	fs = aboveMinSeverity(out.Result, fs, opts.MinSeverity)
	for _, f := range fs {
		fo, ok := failOnFile[f.File]
		if !ok {
			fo = opts.FailOn
		}
		failOn[f] = fo
	}
	out.Result.Findings = append(out.Result.Findings, fs...)
	return nil
}
