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
	report := func(el, prev *phpconf.Element) {
		c.Report(file, el.Key.Span, el.Path, "duplicate key %s (first at line %d); PHP keeps only this later value and silently drops the earlier one",
			quoteKey(el.Key), prev.Key.Span.Start.Line)
	}
	// Most arrays are small: compare pairwise rather than build a map.
	if len(a.Items) <= 16 {
		for i, el := range a.Items {
			k := el.Key
			if k.Dynamic || k.Implicit {
				continue
			}
			for _, prev := range a.Items[:i] {
				pk := prev.Key
				if !pk.Dynamic && !pk.Implicit && pk.IsInt == k.IsInt && pk.Int == k.Int && pk.Str == k.Str {
					report(el, prev)
					break
				}
			}
		}
		return
	}
	first := make(map[slot]*phpconf.Element, len(a.Items))
	for _, el := range a.Items {
		k := el.Key
		if k.Dynamic || k.Implicit {
			continue
		}
		sl := slot{k.IsInt, k.Int, k.Str}
		if prev, ok := first[sl]; ok {
			report(el, prev)
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
