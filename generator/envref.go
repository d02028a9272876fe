package generator

import (
	"strings"

	"github.com/omslint/omslint/effective"
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

// ReadsEnv reports the environment variable an env.php value reads, if
// any: getenv('X') (with an optional ?: fallback), $_ENV['X'] (with an
// optional ?? fallback) or a '#env(X)' placeholder string, as the
// effective-config reader recognises them (effective.ParseExpr and
// ParsePlaceholder: one definition).
func ReadsEnv(f *phpconf.File, v *phpconf.Value) (EnvRef, bool) {
	if v == nil {
		return EnvRef{}, false
	}
	var r *effective.Ref
	ok := false
	switch v.Kind {
	case phpconf.KindString:
		r, ok = effective.ParsePlaceholder(v.Str)
	case phpconf.KindExpr:
		r, ok = effective.ParseExpr(f.Raw(v.Range))
	}
	if !ok {
		return EnvRef{}, false
	}
	style := RefGetenv
	switch r.Kind {
	case effective.RefPlaceholder:
		style = RefEnvStr
	case effective.RefSuperglobal:
		style = RefEnvArr
	}
	return EnvRef{Style: style, Var: r.Name}, true
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
