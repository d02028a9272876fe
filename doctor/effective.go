package doctor

import (
	"fmt"
	"strings"

	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/phpconf"
)

// EffectiveSource reads the serviceBus Magento actually reads (config.php,
// env.php over it, MAGENTO_DC__OVERRIDE, references resolved against the
// environment --resolve-env and --env-file give: package effective), and
// other paths (the store's base URLs) from the files through Tree.
type EffectiveSource struct {
	SB *effective.ServiceBus
	// Env is the environment references were resolved against; nil when
	// it is unknown (no --resolve-env, no --env-file).
	Env  *effective.Env
	Tree *TreeSource
	// NoEnvPHP: the root has no app/etc/env.php (a repository, or a
	// container image that writes it at start), which the message for an
	// unset key says.
	NoEnvPHP bool
}

// unset says where a serviceBus key that is set nowhere was looked for,
// and, when the environment was not read, how a container's settings
// would be.
func (s *EffectiveSource) unset() string {
	const readEnv = "; pass --resolve-env or --env-file to read MAGENTO_DC__OVERRIDE, where a container's settings may be"
	switch {
	case s.NoEnvPHP && s.Env.Known():
		return " (the root has no app/etc/env.php, and neither app/etc/config.php nor MAGENTO_DC__OVERRIDE sets it)"
	case s.NoEnvPHP:
		return " (the root has no app/etc/env.php, and app/etc/config.php does not set it)" + readEnv
	case s.Env.Known():
		return " in app/etc/env.php, app/etc/config.php or MAGENTO_DC__OVERRIDE"
	}
	return " in app/etc/env.php or app/etc/config.php" + readEnv
}

// Get implements Source.
func (s *EffectiveSource) Get(path string) Value {
	key := strings.TrimPrefix(path, connector.ServiceBus+".")
	if connector.Lookup(key) == nil {
		if s.Tree == nil {
			return Value{}
		}
		return s.Tree.Get(path)
	}
	e := s.SB.Get(key)
	if e == nil {
		return Value{Unset: s.unset()}
	}
	v := Value{Set: true, From: entryFrom(e)}
	// A value taken from the environment is a secret, whatever its key.
	v.Secret = e.Origin.Layer == effective.OverrideVar || e.Origin.Via != nil
	switch {
	case e.Ref != nil && !s.Env.Known():
		v.Why = fmt.Sprintf("is read from the environment (%s); pass --resolve-env or --env-file so doctor can evaluate it", refName(e.Ref))
		return v
	case e.Value == nil:
		v.Why = "cannot be known without running PHP (an expression omslint does not evaluate)"
		return v
	}
	v.fromLiteral(e.Value, "is an expression omslint does not evaluate")
	// getenv() of an unset variable gives false, $_ENV of one null.
	if e.Ref != nil && e.Unset && (e.Value.Kind == phpconf.KindNull || e.Value.Kind == phpconf.KindBool && !e.Value.Bool) {
		v.Set, v.Why = true, "reads "+e.Ref.Name+", which is not set in the environment"
	}
	if v.Why == "" && v.Text == "" && e.Ref != nil {
		v.Why = "reads " + e.Ref.Name + ", which is empty in the environment"
	}
	return v
}

func refName(r *effective.Ref) string {
	switch r.Kind {
	case effective.RefPlaceholder:
		return "#env(" + r.Name + ")"
	case effective.RefGetenv:
		return "getenv('" + r.Name + "')"
	}
	return "$_ENV['" + r.Name + "']"
}

// entryFrom names where an entry is written, and how it is read when that
// is not a plain literal.
func entryFrom(e *effective.Entry) string {
	where := e.Origin.Layer
	switch {
	case e.Origin.Layer == effective.OverrideVar && e.Origin.Var != nil:
		where = e.Origin.Var.Describe()
	case e.Origin.Src != nil && e.Origin.Elem != nil && e.Origin.Src.Tree != nil:
		pos := e.Origin.Src.Tree.Pos(int(e.Origin.Elem.Value.Range.Start))
		where = fmt.Sprintf("%s:%d:%d", e.Origin.Src.Path, pos.Line, pos.Col)
	}
	if d := e.Describe(); d != "" && e.Origin.Layer != effective.OverrideVar {
		where += "; " + d
	}
	return where
}
