package rules

import (
	"github.com/omslint/omslint/connector"
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

// maxRenameDistance is the largest edit distance (after lower-casing) at
// which OMS105 renames an unknown key to a missing known one.
const maxRenameDistance = 2

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS105", Name: "key-unknown", Severity: linter.Warning, Fixable: true,
		Summary: "A serviceBus key is not one of those the connector reads (likely a typo); the nearest known key is suggested.",
		Check: func(c *linter.Context) {
			_, a := sbBlock(c)
			if a == nil {
				return
			}
			rn := blockRenames(a)
			for _, el := range a.Items {
				if !isUnknownKey(el.Key) {
					continue
				}
				if el.Key.IsInt {
					what := "an element with the integer key " + el.Key.String()
					if el.Key.Implicit {
						what = "a value without a key"
					}
					c.ReportAt(c.Project.Env, el.Key.Range, el.Path(),
						"'serviceBus' holds %s; expected only the keys %s", what, connector.PHPNames())
					continue
				}
				near, _ := nearestKey(el.Key.Str, nil)
				if to := rn.to[el]; to != "" {
					f := c.ReportAt(c.Project.Env, el.Key.Range, el.Path(),
						"unknown key '%s' in 'serviceBus'; did you mean '%s'? The connector reads only %s", el.Key.Str, to, connector.PHPNames())
					f.Fix = &linter.Fix{
						Description: "rename '" + el.Key.Str + "' to '" + to + "'",
						Edits: []phpconf.Edit{{
							Start: int(el.Key.Range.Start), End: int(el.Key.Range.End),
							Text: quoted(to, keyQuote(el.Key)),
						}},
					}
					continue
				}
				c.ReportAt(c.Project.Env, el.Key.Range, el.Path(),
					"unknown key '%s' in 'serviceBus' (nearest known key: '%s'); the connector reads only %s", el.Key.Str, near, connector.PHPNames())
			}
		},
	})
}

// isUnknownKey reports whether a serviceBus key is none of the known ones. A
// dynamic key is unknown to omslint, not wrong (OMS004).
func isUnknownKey(k phpconf.Key) bool {
	if k.Dynamic {
		return false
	}
	return k.IsInt || connector.Lookup(k.Str) == nil
}

// nearestKey returns the known key nearest to name (edit distance after
// lower-casing; ties go to the table order), among those accepted by keep
// (nil: all), and its distance.
func nearestKey(name string, keep func(string) bool) (string, int) {
	best, bestD := "", -1
	lname := strings.ToLower(name)
	for _, k := range connector.Keys {
		if keep != nil && !keep(k.PHP) {
			continue
		}
		d := levenshtein.ComputeDistance(lname, k.PHP)
		if bestD < 0 || d < bestD {
			best, bestD = k.PHP, d
		}
	}
	return best, bestD
}

// renames decides, for a serviceBus block, which unknown keys OMS105
// renames: each maps to the nearest missing known key within
// maxRenameDistance, when no other unknown key of the block claims the
// same one. It is computed once per block (linear in its size): asking
// per element would be quadratic on a block of thousands of keys.
type renames struct {
	to     map[*phpconf.Element]string // unknown key -> known key
	target map[string]*phpconf.Element // known key -> the one unknown key
}

func blockRenames(a *phpconf.Array) renames {
	present := map[string]bool{}
	for _, el := range a.Items {
		if !el.Key.IsInt && !el.Key.Dynamic {
			present[el.Key.Str] = true
		}
	}
	missing := func(n string) bool { return !present[n] }
	claims := map[string][]*phpconf.Element{}
	for _, el := range a.Items {
		if !isUnknownKey(el.Key) || el.Key.IsInt {
			continue
		}
		if to, d := nearestKey(el.Key.Str, missing); to != "" && d <= maxRenameDistance {
			claims[to] = append(claims[to], el)
		}
	}
	r := renames{to: map[*phpconf.Element]string{}, target: map[string]*phpconf.Element{}}
	for name, els := range claims {
		if len(els) == 1 {
			r.to[els[0]] = name
			r.target[name] = els[0]
		}
	}
	return r
}
