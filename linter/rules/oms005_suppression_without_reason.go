package rules

import (
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/suppress"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS005", Name: "suppression-without-reason", Severity: linter.Info,
		Summary: "An omslint-ignore comment gives no reason, so nobody can later judge whether it still applies.",
		Check: func(c *linter.Context) {
			for _, s := range phpSources(c) {
				for _, d := range suppress.Parse(s.Path, s.Tree) {
					if d.Reason == "" {
						c.Report(s.Path, d.Span, "", "%s comment gives no reason: add one after the rule IDs", d.Keyword())
					}
				}
			}
		},
	})
}
