package rules

import (
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS003", Name: "duplicate-key", Severity: linter.Error,
		Summary: "The same key appears twice in one array; PHP silently keeps the last value.",
		Check: func(c *linter.Context) {
			for _, s := range phpSources(c) {
				t := s.Tree
				if t.Root == nil {
					continue
				}
				checkDuplicates(c, s, t.Root)
				t.Root.Walk(func(el *phpconf.Element) bool {
					if el.Value.Kind == phpconf.KindArray {
						checkDuplicates(c, s, el.Value.Array)
					}
					return true
				})
			}
		},
	})
}

func checkDuplicates(c *linter.Context, s *magento.PHPSource, a *phpconf.Array) {
	a.Duplicates(func(prev, el *phpconf.Element) {
		c.ReportAt(s, el.Key.Range, el.Path(), "duplicate key %s (first at line %d); PHP keeps only this later value and silently drops the earlier one",
			quoteKey(el.Key), s.Tree.Line(prev.Key.Range.Start))
	})
}

// quoteKey renders a key for a message: 'name' or 8.
func quoteKey(k phpconf.Key) string {
	if k.IsInt {
		return k.String()
	}
	return "'" + k.Str + "'"
}
