package linter

import (
	"fmt"
	"github.com/omslint/omslint/effective"
	"runtime/debug"
	"sort"

	"github.com/omslint/omslint/magento"
)

// Options select and adjust rules for a run.
type Options struct {
	// Severity overrides per rule ID; Off disables a rule.
	Severity map[string]Severity
	Off      map[string]bool
	// EnvKind is the selected environment's kind ("" when none).
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
	for _, r := range Rules() {
		if opts.Off[r.ID] {
			continue
		}
		c := &Context{Project: p, EnvKind: opts.EnvKind, profile: opts.Profile, rule: r, sb: sb, env: opts.Environment}
		if err := runRule(r, c); err != nil {
			return nil, err
		}
		for _, f := range c.findings {
			if s, ok := opts.Severity[f.Rule]; ok {
				f.Severity = s
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
			err = &InternalError{Msg: fmt.Sprintf("rule %s panicked: %v", r.ID, v), Stack: string(debug.Stack())}
		}
	}()
	r.Check(c)
	return nil
}

// InternalError is a bug in omslint (exit code 3).
type InternalError struct {
	Msg   string
	Stack string
}

func (e *InternalError) Error() string { return "internal error: " + e.Msg }

// Sort orders findings by file, line, column, rule.
func Sort(fs []*Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return Less(fs[i], fs[j]) })
}
