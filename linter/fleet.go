package linter

import (
	"crypto/sha256"
	"fmt"
	"runtime/debug"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/redact"
)

// Cross-root rules (OMS6xx). Some of the worst connector incidents are
// invisible in any one root and obvious across them: a staging copy of
// production registering under production's application id, one shared
// secret in two environments. When more than one root is linted, each root
// contributes a FleetRoot (what the fleet rules compare, with positions)
// and the rules with a Fleet check run once over all of them, after the
// per-root rules.

// FleetValue is one serviceBus value of a root, with where it comes from.
type FleetValue struct {
	// Value is what Magento reads; for secrets only Digest is kept.
	Value string
	// Digest is the SHA-256 of the value: secrets are compared by it and
	// their text is never kept in a FleetRoot.
	Digest [sha256.Size]byte
	File   string
	Span   phpconf.Span
	Key    string // "serviceBus.url"
	// Origin names where the value comes from when it is not a file
	// ("MAGENTO_DC__OVERRIDE"); "" for a file.
	Origin string
	// Suppressed holds the fleet rule IDs an omslint-ignore comment or a
	// config-file ignore silences at this value (filled by the engine).
	Suppressed map[string]bool
	// ContextOnly marks a value no fleet rule reports at (the url, part
	// of OMS601's registration key): its line need not be kept for a
	// snippet.
	ContextOnly bool
}

// Known reports whether the value was found.
func (v *FleetValue) Known() bool {
	return v != nil && (v.Value != "" || v.Digest != [sha256.Size]byte{})
}

// Where is "FILE:LINE:COL" (or the origin) for messages.
func (v *FleetValue) Where() string {
	if v.Origin != "" {
		return v.Origin
	}
	if v.Span.IsZero() {
		return v.File
	}
	return fmt.Sprintf("%s:%d:%d", v.File, v.Span.Start.Line, v.Span.Start.Col)
}

// FleetRoot is what one linted root contributes to the cross-root rules.
type FleetRoot struct {
	// Root is the root as the user named it (reports name it).
	Root string
	// Kind is the environment kind of the root's selected profile (--env),
	// "" when unknown.
	Kind    string
	Profile string
	// Values are the serviceBus values the fleet rules compare, by key:
	// url, application_id, secret, oauth_client_secret.
	Values map[string]*FleetValue
	// Config is the root's config file with its line index (its profiles
	// take part in OMS603), nil without one.
	Config *Profile
	// Opts are the root's rule settings (config file and flags).
	Opts Options
}

// Value returns the root's value of a serviceBus key, or nil.
func (r *FleetRoot) Value(key string) *FleetValue {
	if r == nil {
		return nil
	}
	return r.Values[key]
}

// Related is another place a finding concerns (SARIF relatedLocations).
type Related struct {
	File    string
	Span    phpconf.Span
	Message string
}

// FleetContext is what a fleet rule sees.
type FleetContext struct {
	Roots []*FleetRoot
	// Configs are the distinct config files of the run, in root order.
	Configs  []*Profile
	rule     *Rule
	findings []*Finding
	opts     Options
}

// ReportAt records a finding of the running rule at a root's value,
// naming related places. It is dropped when the rule is off for that root,
// or when an ignore silences it at the value or at any related value (a
// suppression in either root silences the pair).
func (c *FleetContext) ReportAt(root *FleetRoot, v *FleetValue, related []*FleetValue, format string, args ...any) *Finding {
	if c.opts.Off[c.rule.ID] || root.Opts.Off[c.rule.ID] || v.Suppressed[c.rule.ID] {
		return nil
	}
	for _, o := range related {
		if o.Suppressed[c.rule.ID] {
			return nil
		}
	}
	f := c.newFinding(v.File, v.Span, v.Key, format, args...)
	if s, ok := root.Opts.Severity[c.rule.ID]; ok {
		f.Severity = s
	}
	for _, o := range related {
		f.Related = append(f.Related, Related{File: o.File, Span: o.Span, Message: "the same " + o.Key})
	}
	return f
}

// ReportConfig records a finding at a position of a config file.
func (c *FleetContext) ReportConfig(file string, span phpconf.Span, key string, format string, args ...any) *Finding {
	if c.opts.Off[c.rule.ID] {
		return nil
	}
	return c.newFinding(file, span, key, format, args...)
}

func (c *FleetContext) newFinding(file string, span phpconf.Span, key, format string, args ...any) *Finding {
	// As Context.Report: values are marked for the redactor, Plain
	// arguments (paths, the tool's words) are not.
	marked := fmt.Sprintf(format, quoteArgs(args, file)...)
	f := &Finding{
		Rule: c.rule.ID, Name: c.rule.Name, Severity: c.rule.Severity,
		Message: redact.Unquote(marked), File: file, Span: span, Key: key, marked: marked,
	}
	if s, ok := c.opts.Severity[c.rule.ID]; ok {
		f.Severity = s
	}
	c.findings = append(c.findings, f)
	return f
}

// RunFleet applies the fleet rules to the roots of one run. With fewer than
// two roots only the checks within one config file run (profiles that
// share a registration across kinds). Findings are sorted like any others.
func RunFleet(roots []*FleetRoot, opts Options) (findings []*Finding, err error) {
	var configs []*Profile
	seen := map[*config.Config]bool{}
	for _, r := range roots {
		if r.Config != nil && r.Config.Config != nil && !seen[r.Config.Config] {
			seen[r.Config.Config] = true
			configs = append(configs, r.Config)
		}
	}
	for _, r := range Rules() {
		if r.Fleet == nil || opts.Off[r.ID] {
			continue
		}
		c := &FleetContext{Roots: roots, Configs: configs, rule: r, opts: opts}
		if err := runFleetRule(r, c); err != nil {
			return nil, err
		}
		findings = append(findings, c.findings...)
	}
	Sort(findings)
	return findings, nil
}

func runFleetRule(r *Rule, c *FleetContext) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &failure.InternalError{Msg: fmt.Sprintf("rule %s panicked: %v", r.ID, v), Stack: string(debug.Stack())}
		}
	}()
	r.Fleet(c)
	return nil
}

// GroupBy returns, for each value of key(root) shared by two roots or
// more, the roots holding it, in root order; groups are ordered by their
// first root. Roots for which key gives false take no part.
func GroupBy[K comparable](roots []*FleetRoot, key func(*FleetRoot) (K, bool)) [][]*FleetRoot {
	index := map[K]int{}
	var groups [][]*FleetRoot
	for _, r := range roots {
		k, ok := key(r)
		if !ok {
			continue
		}
		i, seen := index[k]
		if !seen {
			i = len(groups)
			index[k] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], r)
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g) > 1 {
			out = append(out, g)
		}
	}
	return out
}

// FleetFactsFunc builds one root's FleetRoot from its rule context; the
// rules package sets it (it knows where serviceBus values come from).
var FleetFactsFunc func(c *Context) *FleetRoot

// FleetFacts is the project's contribution to the cross-root rules, nil
// when no extractor is registered. A panic in the extractor is a bug and is
// not hidden: the engine reports it as an internal error of the project.
func FleetFacts(p *magento.Project, opts Options) *FleetRoot {
	if FleetFactsFunc == nil {
		return nil
	}
	fr := FleetFactsFunc(&Context{Project: p, EnvKind: opts.EnvKind, profile: opts.Profile, env: opts.Environment})
	if fr != nil {
		fr.Opts = opts
	}
	return fr
}
