package rules

import (
	"github.com/omslint/omslint/linter"
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
				checkDuplicates(c, s.Path, t.Root)
				t.Root.Walk(func(el *phpconf.Element) bool {
					if el.Value.Kind == phpconf.KindArray {
						checkDuplicates(c, s.Path, el.Value.Array)
					}
					return true
				})
			}
		},
	})
}

func checkDuplicates(c *linter.Context, file string, a *phpconf.Array) {
	type slot struct {
		isInt bool
		i     int64
		s     string
	}
	first := map[slot]*phpconf.Element{}
	for _, el := range a.Items {
		k := el.Key
		if k.Dynamic || k.Implicit {
			continue
		}
		sl := slot{k.IsInt, k.Int, k.Str}
		if prev, ok := first[sl]; ok {
			c.Report(file, k.Span, el.Path, "duplicate key %s (first at line %d); PHP keeps only this later value and silently drops the earlier one",
				quoteKey(k), prev.Key.Span.Start.Line)
			continue
		}
		first[sl] = el
	}
}

// quoteKey renders a key for a message: 'name' or 8.
func quoteKey(k phpconf.Key) string {
	if k.IsInt {
		return k.String()
	}
	return "'" + k.Str + "'"
}
