package linter

import (
	"fmt"
	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/failure"
	"runtime/debug"
	"sort"

	"github.com/omslint/omslint/magento"
)

// Options select and adjust rules for a run.
type Options struct {
	// Severity overrides per rule ID; Off disables a rule.
	Severity map[string]Severity
	Off      map[string]bool
	// EnvKind is the kind of the environment selected with --env (see
	// Context.EnvKind); "" when none is selected.
	EnvKind string
	// Profile is the loaded .omslint.yaml for the rules about it (OMS403,
	// OMS5xx); nil when there is none.
	Profile *Profile
	// Environment is the environment references are resolved against
	// (lint --resolve-env, --env-file); nil when it is not known.
	Environment *effective.Env
}

// Run applies every registered rule to the project and returns the findings
// sorted as the JSON contract says. A rule that panics is a bug in omslint:
// Run turns it into an error rather than crashing the whole run.
func Run(p *magento.Project, opts Options) (findings []*Finding, err error) {
	sb := effective.Build(p, opts.Environment)
	memo := map[string]any{}
	for _, r := range Rules() {
		if opts.Off[r.ID] || r.Check == nil {
			continue
		}
		c := &Context{Project: p, EnvKind: opts.EnvKind, profile: opts.Profile, rule: r, sb: sb, env: opts.Environment, memo: memo}
		if err := runRule(r, c); err != nil {
			return nil, err
		}
		for _, f := range c.findings {
			if s, ok := opts.Severity[f.Rule]; ok {
				f.Severity = s
			}
			if f.KeyPath == nil {
				f.KeyPath = resolveKeyPath(p, f.File, f.Key)
			}
		}
		findings = append(findings, c.findings...)
	}
	Sort(findings)
	return findings, nil
}

func runRule(r *Rule, c *Context) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &failure.InternalError{Msg: fmt.Sprintf("rule %s panicked: %v", r.ID, v), Stack: string(debug.Stack())}
		}
	}()
	r.Check(c)
	return nil
}

// Sort orders findings by file, line, column, rule.
func Sort(fs []*Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return Less(fs[i], fs[j]) })
}

// MaxPerRuleFile is how many findings of one rule in one file a report
// lists (Cap); past it one finding says how many more there are. A
// generated or hostile file can hold hundreds of thousands of one fault:
// listing them all made a 16 MB env.php a 2 GB SARIF.
const MaxPerRuleFile = 100

// Cap keeps the first max findings of each rule in each file of fs (sorted
// as Sort does) and puts, in place of the rest of a group, one finding of
// that rule at the first one left out: "and N more OMSxxx findings in this
// file", with the highest severity among them. It only shortens what is
// reported: the exit code, --fix and baselines see every finding.
func Cap(fs []*Finding, max int) []*Finding {
	type group struct{ file, rule string }
	count := map[group]int{}
	more := map[group]*Finding{}
	out := fs[:0:0]
	for _, f := range fs {
		g := group{f.File, f.Rule}
		count[g]++
		if count[g] <= max {
			out = append(out, f)
			continue
		}
		m := more[g]
		if m == nil {
			m = &Finding{Rule: f.Rule, Name: f.Name, Severity: f.Severity, File: f.File, Span: f.Span}
			more[g] = m
			out = append(out, m)
		}
		m.Severity = maxSeverity(m.Severity, f.Severity)
	}
	for g, m := range more {
		n := count[g] - max
		m.Message = fmt.Sprintf("and %d more %s findings in this file (a report lists at most %d per rule and file; --fix fixes all of them)", n, g.rule, max)
		m.marked = m.Message // the tool's words only: nothing in it is masked
	}
	return out
}

func maxSeverity(a, b Severity) Severity {
	if b > a {
		return b
	}
	return a
}
