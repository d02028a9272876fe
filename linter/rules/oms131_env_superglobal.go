package rules

import (
	"strings"

	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS131", Name: "env-superglobal", Severity: linter.Info,
		Summary: "A serviceBus value reads $_ENV, which PHP fills only when php.ini's variables_order contains E.",
		Check: func(c *linter.Context) {
			note := ""
			if c.Environment() != nil {
				note = " (--resolve-env evaluates it as if E were there)"
			}
			for _, e := range sbEntries(c) {
				reads := e.Ref != nil && e.Ref.Kind == effective.RefSuperglobal
				if !reads && e.Origin.Src != nil && e.Written.Kind == phpconf.KindExpr {
					reads = strings.Contains(e.Origin.Src.Tree.Raw(e.Written.Range), "$_ENV")
				}
				if !reads {
					continue
				}
				c.ReportOrigin(written(e.Origin), e.Path(),
					"'%s' reads $_ENV, which PHP fills only when php.ini's variables_order contains E (the stock production php.ini has GPCS); otherwise the connector gets the fallback or null%s; getenv() does not depend on it",
					e.Path(), linter.Plain(note))
			}
		},
	})
}
