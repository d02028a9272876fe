package linter

import (
	"fmt"
	"github.com/omslint/omslint/effective"
	"sort"
	"strings"

	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/redact"
)

// Rule is one check. Its detection and its fix live side by side in Check:
// a rule that can repair what it finds attaches a Fix to the finding.
type Rule struct {
	ID   string // OMSnnn, stable forever
	Name string // kebab-case, stable
	// Severity is the default severity; a rule may report some findings at
	// another one (rules.md says where).
	Severity Severity
	Fixable  bool
	// Summary is one sentence for `omslint rules`, SARIF and docs.
	Summary string
	Check   func(c *Context)
	// Fleet is set instead of Check for a cross-root rule (OMS6xx): it
	// runs once over every root of the run (fleet.go).
	Fleet func(c *FleetContext)
}

// DocsURL is where a rule's page lives; the docs are also in the binary
// (`omslint explain`).
func (r *Rule) DocsURL() string {
	return DocsBaseURL + r.ID + ".md"
}

// DocsBaseURL is the published location of docs/rules.
const DocsBaseURL = "https://github.com/omslint/omslint/blob/main/docs/rules/"

var registry = map[string]*Rule{}

// Register adds a rule; rule files call it from init. A duplicate ID or
// name is a programming error.
func Register(r *Rule) {
	if _, dup := registry[r.ID]; dup {
		panic("linter: duplicate rule " + r.ID)
	}
	for _, o := range registry {
		if o.Name == r.Name {
			panic("linter: duplicate rule name " + r.Name)
		}
	}
	registry[r.ID] = r
}

// Rules returns every registered rule sorted by ID.
func Rules() []*Rule {
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup finds a rule by ID (case-insensitive) or name.
func Lookup(idOrName string) *Rule {
	if r, ok := registry[strings.ToUpper(idOrName)]; ok {
		return r
	}
	for _, r := range registry {
		if r.Name == strings.ToLower(idOrName) {
			return r
		}
	}
	return nil
}

// Context is what a rule sees: the project and a way to report.
type Context struct {
	Project *magento.Project
	// EnvKind is the kind of the environment selected with --env
	// (config.Environment.Kind: production, preproduction or development),
	// "" when none is selected.
	EnvKind string
	// profile is the loaded .omslint.yaml (see Profile), nil without one.
	profile *Profile

	rule     *Rule
	findings []*Finding
	// sb is the effective serviceBus, built once per run; env the
	// environment it was resolved against (nil: unknown).
	sb  *effective.ServiceBus
	env *effective.Env
	// memo holds the views Memo builds, shared by the run's rules.
	memo map[string]any
}

// Memo returns what build gives for key, built once per run and shared by
// every rule of it: a view of the project several rules read (the
// effective module flags, MAGE_MODE). A Context made without a run builds
// it every time.
func (c *Context) Memo(key string, build func() any) any {
	if c.memo == nil {
		return build()
	}
	if v, ok := c.memo[key]; ok {
		return v
	}
	v := build()
	c.memo[key] = v
	return v
}

// ServiceBus is the effective serviceBus (config.php, env.php, then
// MAGENTO_DC__OVERRIDE when the environment is known): what the
// serviceBus rules check.
func (c *Context) ServiceBus() *effective.ServiceBus {
	if c.sb == nil {
		c.sb = effective.Build(c.Project, c.env)
	}
	return c.sb
}

// Environment is the known environment, nil without --resolve-env or
// --env-file.
func (c *Context) Environment() *effective.Env { return c.env }

// ReportEntry reports on an effective serviceBus value where it comes
// from: its position in config.php or env.php, or the variable that gave
// it (its env file line, or "$NAME"). When the value is not a literal of
// env.php, the message says where it comes from.
func (c *Context) ReportEntry(e *effective.Entry, format string, args ...any) *Finding {
	file, span := OriginSpan(e.Origin)
	where := ""
	if d := e.Describe(); d != "" {
		where = " (" + d + ")"
	}
	return c.Report(file, span, e.Path(), format+"%s", append(args, Plain(where))...)
}

// ReportOrigin reports at an origin (a value, or a section's key).
func (c *Context) ReportOrigin(o effective.Origin, key string, format string, args ...any) *Finding {
	file, span := OriginSpan(o)
	return c.Report(file, span, key, format, args...)
}

// OriginSpan is the file and span findings at an origin use: the
// variable a value was read from, the override's JSON value, or the
// value (for a section, the key) in its file.
func OriginSpan(o effective.Origin) (string, phpconf.Span) {
	switch {
	case o.Via != nil:
		return o.Via.Where(0)
	case o.Var != nil:
		return o.Var.Where(o.JSONOff)
	case o.Src != nil && o.Elem != nil:
		r := o.Elem.Value.Range
		if o.Elem.Parent != nil && o.Elem.Parent.Owner == nil {
			r = o.Elem.Key.Range // a section: its key
		}
		return o.Src.Path, o.Src.Tree.Span(r)
	}
	return "", phpconf.Span{}
}

// EnvTree is env.php's tree when it parsed and returned an array, else nil.
func (c *Context) EnvTree() *phpconf.File {
	return c.tree(c.Project.Env)
}

// ConfigTree is config.php's tree when present and usable, else nil.
func (c *Context) ConfigTree() *phpconf.File {
	return c.tree(c.Project.Config)
}

func (c *Context) tree(s *magento.PHPSource) *phpconf.File {
	if s == nil || s.Tree == nil || s.Tree.Root == nil {
		return nil
	}
	return s.Tree
}

// Report records a finding of the running rule at span of file, with the
// rule's default severity. The returned finding may be adjusted (severity,
// hint, fix) before the rule returns.
//
// Every string, error or fmt.Stringer argument is taken for a value from the
// user's files or environment and marked (redact.Quote): secrets are masked
// inside those values only, never in the format's words (use %s for them,
// not %q). A path or a command is passed as Plain (or is the finding's
// file): it is never masked, even when a secret happens to spell it.
func (c *Context) Report(file string, span phpconf.Span, key string, format string, args ...any) *Finding {
	marked := fmt.Sprintf(format, quoteArgs(args, file)...)
	f := &Finding{
		Rule:     c.rule.ID,
		Name:     c.rule.Name,
		Severity: c.rule.Severity,
		Message:  redact.Unquote(marked),
		File:     file,
		Span:     span,
		Key:      key,
		marked:   marked,
	}
	c.findings = append(c.findings, f)
	return f
}

// ReportAt reports on a PHP source at a range of its tree.
func (c *Context) ReportAt(s *magento.PHPSource, r phpconf.Range, key string, format string, args ...any) *Finding {
	return c.Report(s.Path, s.Tree.Span(r), key, format, args...)
}

// ReportEnv reports on env.php at an element's value.
func (c *Context) ReportEnv(el *phpconf.Element, format string, args ...any) *Finding {
	return c.Report(c.Project.Env.Path, c.Project.Env.Tree.Span(el.Value.Range), el.Path(), format, args...)
}

// Plain is text that is omslint's own or a path the user gave, passed to
// Context.Report as an argument: it goes into the message as it is, never
// marked as a value from a file (a path such as 12-magento-magento2.php
// stays readable when the database password is 'magento').
type Plain string

// quoteArgs marks the string-like arguments of a message as values, except
// Plain ones and the finding's file path.
func quoteArgs(args []any, file string) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case Plain:
			out[i] = string(v)
		case string:
			if v == file {
				out[i] = v
				break
			}
			out[i] = redact.Quote(v)
		case error:
			out[i] = redact.Quote(v.Error())
		case fmt.Stringer:
			out[i] = redact.Quote(v.String())
		default:
			out[i] = a
		}
	}
	return out
}
