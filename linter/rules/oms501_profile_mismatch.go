package rules

import (
	"fmt"
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/effective"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS501", Name: "profile-mismatch", Severity: linter.Error,
		Summary: "A serviceBus value (config.php, env.php or the environment) differs from the environment profile selected with --env.",
		Check: func(c *linter.Context) {
			p := c.Profile()
			if p == nil || p.Env == nil {
				return
			}
			for _, k := range connector.Keys {
				f, ok := p.Env.ServiceBus[k.YAML]
				if !ok || !f.Set {
					continue // the profile does not say: nothing to compare
				}
				// Missing (OMS104), not evaluable (OMS004) or only a
				// fallback of an unknown environment: nothing to compare.
				el := sbLiteral(c, k.PHP)
				if el == nil || el.Ref != nil && c.Environment() == nil {
					continue
				}
				checkProfileValue(c, p, el, k, f)
			}
		},
	})
}

func checkProfileValue(c *linter.Context, p *linter.Profile, el *effective.Entry, k connector.Key, f config.Field) {
	v := el.Value
	where := linter.Plain(fmt.Sprintf("%s:%d:%d", p.Config.Path, f.Line, f.Col)) // a place, never masked
	if k.Bool {
		if v.Kind != phpconf.KindBool || v.Bool == f.Bool {
			return // a non-bool is OMS106's
		}
		c.ReportEntry(el, "serviceBus.%s is %t, but environment %s (%s) says %t", k.PHP, v.Bool, p.Env.Name, where, f.Bool)
		return
	}
	if v.Kind != phpconf.KindString {
		return // an expression cannot be compared statically (OMS004); a non-string is OMS106's
	}
	if k.Secret && !f.IsRef {
		return // a literal secret in the profile is OMS403's; compare only through variables
	}
	want, err := config.ExpandRef(f, p.Getenv)
	if err != nil {
		return // the variable is not set: nothing to compare with
	}
	if v.Str == want {
		return
	}
	if k.Secret {
		c.ReportEntry(el, "serviceBus.%s differs from environment %s (%s, the value of $%s)", k.PHP, p.Env.Name, where, f.RefName)
		return
	}
	via := ""
	if f.IsRef {
		via = " from $" + f.RefName
	}
	c.ReportEntry(el, "serviceBus.%s is %s, but environment %s (%s) says %s%s", k.PHP, quote(v.Str), p.Env.Name, where, quote(want), via)
}

func quote(s string) string { return "'" + s + "'" }
