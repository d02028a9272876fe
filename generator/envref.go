package generator

import (
	"regexp"
	"strings"

	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/redact"
)

// Ref styles: how an env.php value reads an environment variable.
const (
	RefGetenv = "getenv" // getenv('X'), getenv('X') ?: 'fallback'
	RefEnvArr = "$_ENV"  // $_ENV['X'], $_ENV['X'] ?? 'fallback'
	RefEnvStr = "#env"   // the string '#env(X)' or '#env(X, "default")'
)

// EnvRef is an env.php value that reads an environment variable.
type EnvRef struct {
	Style string
	Var   string
}

var (
	reGetenv = regexp.MustCompile(`(?is)^\\?getenv\(\s*(?:'(\w+)'|"(\w+)")\s*\)\s*(?:\?:.*)?$`)
	reEnvArr = regexp.MustCompile(`(?s)^\$_ENV\[\s*(?:'(\w+)'|"(\w+)")\s*\]\s*(?:\?\?.*)?$`)
	// Magento's placeholder: the whole string is #env(NAME) or
	// #env(NAME, "default") (domain.md §8); #env(X, "") stays a literal.
	reEnvStr = regexp.MustCompile(`^#env\(\s*(\w+)\s*(?:,\s*"[^"]+"\s*)?\)$`)
)

// ReadsEnv reports the environment variable an env.php value reads, if
// any: getenv('X') (with an optional ?: fallback), $_ENV['X'] (with an
// optional ?? fallback) or a '#env(X)' placeholder string.
func ReadsEnv(f *phpconf.File, v *phpconf.Value) (EnvRef, bool) {
	if v == nil {
		return EnvRef{}, false
	}
	switch v.Kind {
	case phpconf.KindString:
		if m := reEnvStr.FindStringSubmatch(v.Str); m != nil {
			return EnvRef{Style: RefEnvStr, Var: m[1]}, true
		}
	case phpconf.KindExpr:
		raw := strings.TrimSpace(f.Raw(v.Range))
		for _, c := range []struct {
			re    *regexp.Regexp
			style string
		}{{reGetenv, RefGetenv}, {reEnvArr, RefEnvArr}} {
			if m := c.re.FindStringSubmatch(raw); m != nil {
				name := m[1]
				if name == "" {
					name = m[2]
				}
				return EnvRef{Style: c.style, Var: name}, true
			}
		}
	}
	return EnvRef{}, false
}

// refRaw is the PHP source reading variable name in style.
func refRaw(style, name string) string {
	switch style {
	case RefEnvArr:
		return "$_ENV[" + phpString(name) + "]"
	case RefEnvStr:
		return phpString("#env(" + name + ")")
	}
	return "getenv(" + phpString(name) + ")"
}

// describeValue names what an env.php value is without its value: a
// reference by its (masked) source, else "a literal".
func describeValue(f *phpconf.File, v *phpconf.Value) string {
	if v == nil {
		return "nothing"
	}
	if r, ok := ReadsEnv(f, v); ok {
		if r.Style == RefEnvStr {
			return "'#env(" + r.Var + ")'"
		}
		return redact.MaskExpr(strings.Join(strings.Fields(f.Raw(v.Range)), " "))
	}
	switch v.Kind {
	case phpconf.KindExpr:
		return "an expression"
	case phpconf.KindBool:
		return f.Raw(v.Range)
	}
	return "a literal"
}

// describeRaw is describeValue for the PHP source Merge writes.
func describeRaw(v Value, raw string) string {
	switch {
	case v.IsBool:
		return raw
	case strings.HasPrefix(raw, "'#env("), strings.HasPrefix(raw, "getenv("), strings.HasPrefix(raw, "$_ENV["):
		return raw
	}
	return "a literal"
}
