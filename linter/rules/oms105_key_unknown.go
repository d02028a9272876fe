package rules

import (
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
		Summary: "A serviceBus key is not one of the seven the connector reads (likely a typo); the nearest known key is suggested.",
		Check: func(c *linter.Context) {
			_, a := sbBlock(c)
			if a == nil {
				return
			}
			for _, el := range a.Items {
				if !isUnknownKey(el.Key) {
					continue
				}
				if el.Key.IsInt {
					what := "an element with the integer key " + el.Key.String()
					if el.Key.Implicit {
						what = "a value without a key"
					}
					c.Report(c.Project.Env.Path, el.Key.Span, el.Path,
						"'serviceBus' holds %s; expected only the keys %s", what, sbKeyList())
					continue
				}
				near, _ := nearestKey(el.Key.Str, nil)
				if to := renameTo(a, el); to != "" {
					f := c.Report(c.Project.Env.Path, el.Key.Span, el.Path,
						"unknown key '%s' in 'serviceBus'; did you mean '%s'? The connector reads only %s", el.Key.Str, to, sbKeyList())
					f.Fix = &linter.Fix{
						Description: "rename '" + el.Key.Str + "' to '" + to + "'",
						Edits: []phpconf.Edit{{
							Start: el.Key.Span.Start.Offset, End: el.Key.Span.End.Offset,
							Text: quoted(to, keyQuote(el.Key)),
						}},
					}
					continue
				}
				c.Report(c.Project.Env.Path, el.Key.Span, el.Path,
					"unknown key '%s' in 'serviceBus' (nearest known key: '%s'); the connector reads only %s", el.Key.Str, near, sbKeyList())
			}
		},
	})
}

// isUnknownKey reports whether a serviceBus key is none of the seven. A
// dynamic key is unknown to omslint, not wrong (OMS004).
func isUnknownKey(k phpconf.Key) bool {
	if k.Dynamic {
		return false
	}
	return k.IsInt || sbKeyNamed(k.Str) == nil
}

// nearestKey returns the known key nearest to name (edit distance after
// lower-casing; ties go to the table order), among those accepted by keep
// (nil: all), and its distance.
func nearestKey(name string, keep func(string) bool) (string, int) {
	best, bestD := "", -1
	lname := strings.ToLower(name)
	for _, k := range sbKeys {
		if keep != nil && !keep(k.Name) {
			continue
		}
		d := levenshtein.ComputeDistance(lname, k.Name)
		if bestD < 0 || d < bestD {
			best, bestD = k.Name, d
		}
	}
	return best, bestD
}

// renameTo returns the missing known key an unknown key should be renamed
// to: the nearest missing key within maxRenameDistance, when no other
// unknown key of the block claims the same one. "" when none.
func renameTo(a *phpconf.Array, el *phpconf.Element) string {
	to := renameCandidate(a, el)
	if to == "" {
		return ""
	}
	if renameTarget(a, to) != el {
		return ""
	}
	return to
}

func renameCandidate(a *phpconf.Array, el *phpconf.Element) string {
	if !isUnknownKey(el.Key) || el.Key.IsInt {
		return ""
	}
	to, d := nearestKey(el.Key.Str, func(n string) bool { return a.Get(n) == nil })
	if to == "" || d > maxRenameDistance {
		return ""
	}
	return to
}

// renameTarget returns the one unknown key of the block that OMS105 would
// rename to the missing key name, or nil (none, or more than one).
func renameTarget(a *phpconf.Array, name string) *phpconf.Element {
	var found *phpconf.Element
	for _, el := range a.Items {
		if renameCandidate(a, el) != name {
			continue
		}
		if found != nil {
			return nil
		}
		found = el
	}
	return found
}
