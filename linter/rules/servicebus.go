package rules

import (
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/effective"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

// sbBlock returns the effective serviceBus (config.php ⊕ env.php ⊕
// MAGENTO_DC__OVERRIDE, see package effective) when it is present under
// the exact key and holds an array: the only case in which the connector
// reads it and the key rules (OMS104 and later) run. A misspelled block
// (OMS102), a non-array (OMS103) or an expression (OMS004) gives nil.
func sbBlock(c *linter.Context) *effective.ServiceBus {
	sb := c.ServiceBus()
	if !sb.Present || sb.Value == nil || sb.Value.Kind != phpconf.KindArray {
		return nil
	}
	return sb
}

// repositoryBlock reports whether the serviceBus Magento reads is
// config.php's alone in a root without env.php (a repository, or an image
// whose env.php is written at deploy): the keys it lacks are expected from
// each environment's env.php, so they are not missing here (OMS104 stays
// quiet and OMS007 says which must come from there: asking for them in
// the committed config.php would put the secrets in git).
func repositoryBlock(c *linter.Context, sb *effective.ServiceBus) bool {
	p := c.Project
	return sb != nil && p.HasRoot() && !p.Single() && p.Env == nil &&
		sb.Section.Layer == effective.LayerConfig
}

// missingKeys are the required keys (connector.Keys) the block lacks.
func missingKeys(sb *effective.ServiceBus) []connector.Key {
	var out []connector.Key
	for _, k := range connector.Keys {
		if !k.Optional && sb.Get(k.PHP) == nil {
			out = append(out, k)
		}
	}
	return out
}

// sbEntries are the entries of the serviceBus block the connector reads
// (sbBlock), in Magento's order; none when it reads none.
func sbEntries(c *linter.Context) []*effective.Entry {
	if sb := sbBlock(c); sb != nil {
		return sb.Entries
	}
	return nil
}

// sbLiteral returns the effective entry of a known key when it is present
// and its value is known: a literal, or a reference resolved against the
// environment (or its fallback). An expression omslint cannot evaluate
// gives nil (OMS004 reports it instead).
func sbLiteral(c *linter.Context, name string) *effective.Entry {
	sb := sbBlock(c)
	if sb == nil {
		return nil
	}
	e := sb.Get(name)
	if e == nil || e.Value == nil || e.Value.Kind == phpconf.KindExpr {
		return nil
	}
	return e
}

// sbString returns the entry of a string key and its value when it holds
// a usable string: a string that is neither empty (OMS107) nor a
// placeholder (OMS108). The value rules (URL, secret) check only these,
// so one fault gives one finding.
func sbString(c *linter.Context, name string) (*effective.Entry, string) {
	e := sbLiteral(c, name)
	if e == nil || e.Value.Kind != phpconf.KindString {
		return nil, ""
	}
	s := e.Value.Str
	if strings.TrimSpace(s) == "" || isPlaceholder(s) {
		return nil, ""
	}
	return e, s
}

// valueText is a value's source for a message: the literal as written in
// its file, else the value written as PHP.
func valueText(e *effective.Entry) string {
	if e.Literal() {
		return e.Origin.Src.Tree.Raw(e.Value.Range)
	}
	v := e.Value
	switch v.Kind {
	case phpconf.KindString:
		return phpconf.PHPString(v.Str)
	case phpconf.KindBool:
		return strconv.FormatBool(v.Bool)
	case phpconf.KindInt:
		return strconv.FormatInt(v.Int, 10)
	case phpconf.KindFloat:
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	case phpconf.KindNull:
		return "null"
	}
	return kindPhrase(v)
}

// entryTree is the tree a fix of a literal entry edits.
func entryTree(e *effective.Entry) *phpconf.File { return e.Origin.Src.Tree }

// Compiled on first use, like every regular expression here: a run that
// never looks at a value (version, help) should not pay for them.
var (
	// Template markers anywhere in a value: <MIB_URL>, {{ secret }},
	// ${OMS_SECRET}, %OMS_SECRET%. The inner text must look like a name, so
	// percent-encoding (%2F) and random secrets rarely match.
	placeholderMarkRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`<\s*[A-Za-z][A-Za-z0-9 _.\-]*>|\{\{[^{}]*\}\}|\$\{[^{}]*\}|%[A-Za-z_][A-Za-z0-9_.\-]{2,}%`)
	})
	// Whole values (trimmed, case-insensitive) that are placeholder words.
	placeholderWordRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^(changeme|change-me|change_me|replace_me|replaceme|todo|tbd|placeholder|dummy|x{3,}([-_ .]x+)*|your[_-].*)$`)
	})
)

// IsPlaceholder reports whether a string value is a template placeholder
// (rules.md OMS108); the generator refuses the same values.
func IsPlaceholder(s string) bool { return isPlaceholder(s) }

func isPlaceholder(s string) bool {
	t := strings.TrimSpace(s)
	// Cheap tests first: every placeholder word starts with one of these
	// letters (no Unicode case folding maps onto them), and every marker
	// holds one of <, {, %. Most values are neither, and the regular
	// expressions backtrack (issue 19 profiles).
	if t != "" && strings.IndexByte("crtpdxyCRTPDXY", t[0]) >= 0 && placeholderWordRe().MatchString(t) {
		return true
	}
	return strings.ContainsAny(t, "<{%") && placeholderMarkRe().MatchString(t)
}

// kindPhrase names a value's kind for a message: "an int", "an array".
func kindPhrase(v *phpconf.Value) string {
	switch v.Kind {
	case phpconf.KindInt:
		return "an int"
	case phpconf.KindArray:
		return "an array"
	case phpconf.KindExpr:
		return "an expression"
	case phpconf.KindNull:
		return "null"
	}
	return "a " + v.Kind.String()
}
