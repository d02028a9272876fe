// Package config reads omslint's own configuration file, `.omslint.yaml`.
//
// The file is decoded through yaml.Node rather than into tagged structs so
// that every value keeps the line and column it was written at: rules about
// the profile (OMS403, OMS5xx) point at the user's YAML, and a mistake in the
// file is reported as file:line:col, like a finding.
//
// The package checks the file's shape (keys, types, enum values, rule-ID
// syntax). It does not know which rules exist, and it does not judge values
// (a literal secret, a sales channel with two aggregates): those are findings
// for the linter, which is why the raw facts are kept here.
package config

// FileName is the name of the config file at a Magento root.
const FileName = ".omslint.yaml"

// Severity levels a rule may be set to in `rules:`; SeverityOff disables it.
const (
	SeverityOff     = "off"
	SeverityError   = "error"
	SeverityWarning = "warning"
	SeverityInfo    = "info"
)

// FailOnNever makes `lint` exit 0 whatever it finds.
const FailOnNever = "never"

// Environment kinds. Only KindProduction changes rule behaviour (OMS113 is
// an error there); the other two exist so a profile says what it is for.
const (
	KindProduction    = "production"
	KindPreproduction = "preproduction"
	KindDevelopment   = "development"
)

// Config is one parsed `.omslint.yaml`.
type Config struct {
	// Path is the file name given to Parse or Load; errors and findings
	// about the file use it.
	Path string
	// FailOn is error, warning, info or never; "" when the file does not
	// say, so the command's own default (or flag) applies.
	FailOn string
	// Rules holds severity overrides by rule ID (OMS\d{3}).
	Rules map[string]RuleSetting
	// Ignore lists path-scoped suppressions, each with its reason.
	Ignore []Ignore
	// Secrets lists extra dotted key paths of env.php whose values must be
	// masked like the built-in secrets (`secret-keys:` in the file).
	Secrets []string
	// Environments holds the profiles by name; EnvOrder keeps the order
	// they were written in, for stable output.
	Environments map[string]*Environment
	EnvOrder     []string
}

// RuleSetting is one entry of `rules:`.
type RuleSetting struct {
	Severity  string // off | error | warning | info
	Line, Col int    // of the rule ID key
}

// Ignore is one entry of `ignore:`: the rules are not reported for files
// matching Path.
type Ignore struct {
	// Path is slash-separated, relative to the Magento root, and may use
	// path.Match globs (`app/etc/*.php`).
	Path      string
	Rules     []string
	RuleRefs  []RuleRef // Rules again, with positions
	Reason    string
	Line, Col int // of the entry
}

// RuleRef is a rule ID as written in the file, so the caller can report an
// ID that names no rule at the place it was written.
type RuleRef struct {
	ID        string
	Line, Col int
}

// Environment is one profile under `environments:`.
type Environment struct {
	Name      string
	Kind      string // production | preproduction | development
	Line, Col int    // of the environment's name
	// ServiceBus holds the `service-bus:` values by YAML name (see
	// connector.Keys). A key the user did not write is absent from the
	// map; a key written with no value is present with Set false.
	ServiceBus     map[string]Field
	ServiceBusLine int
	SalesChannels  []SalesChannel
}

// Field is one scalar value of the file with its position.
type Field struct {
	// Value is the text as written (a YAML number keeps its spelling, so
	// `application-id: 007` stays "007"). For a reference it is the whole
	// `${NAME}`; use ExpandRef to resolve it.
	Value string
	// IsRef is true when the whole value is a `${NAME}` reference to an
	// environment variable; RefName is NAME.
	IsRef   bool
	RefName string
	// Bool is the value of a boolean field (secure-endpoint).
	Bool      bool
	Line, Col int
	// Set is false when the key was written without a value (YAML null).
	Set bool
}

// SalesChannel is one entry of an environment's `sales-channels:`.
type SalesChannel struct {
	ID      Field
	Website Field
	// StockAggregates holds every aggregate written for the channel, from
	// `stock-aggregate:` (one value or a list) and `stock-aggregates:` (a
	// list or one value). OMS in fact allows exactly one per channel; the
	// file accepts any number so OMS502 can report "none" or "more than one"
	// at the right place instead of failing the whole file.
	StockAggregates []Field
	Line, Col       int // of the entry
}

// StockAggregate returns the channel's aggregate when exactly one was given.
func (s SalesChannel) StockAggregate() (Field, bool) {
	if len(s.StockAggregates) != 1 {
		return Field{}, false
	}
	return s.StockAggregates[0], true
}

// Env returns the named environment profile.
func (c *Config) Env(name string) (*Environment, bool) {
	e, ok := c.Environments[name]
	return e, ok
}

// RuleRefs lists every rule ID the file names, in `rules:` and `ignore:`,
// in file order, so the caller can reject IDs that name no rule.
func (c *Config) RuleRefs() []RuleRef {
	var refs []RuleRef
	for id, s := range c.Rules {
		refs = append(refs, RuleRef{ID: id, Line: s.Line, Col: s.Col})
	}
	for _, ig := range c.Ignore {
		refs = append(refs, ig.RuleRefs...)
	}
	sortRefs(refs)
	return refs
}
