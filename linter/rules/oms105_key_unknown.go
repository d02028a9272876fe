package rules

import (
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/effective"
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
			sb := sbBlock(c)
			if sb == nil {
				return
			}
			rn := blockRenames(sb)
			for _, e := range sb.Entries {
				key := entryKey(e)
				if !isUnknownKey(key) {
					continue
				}
				file, span := linter.OriginSpan(e.Origin)
				if e.Origin.Elem != nil {
					file, span = e.Origin.Src.Path, e.Origin.Src.Tree.Span(key.Range)
				}
				suffix := ""
				if d := e.Describe(); d != "" {
					suffix = " (" + d + ")"
				}
				if key.IsInt {
					what := "an element with the integer key " + key.String()
					if key.Implicit {
						what = "a value without a key"
					}
					c.Report(file, span, e.Path(),
						"'serviceBus' holds %s; expected only the keys %s%s", what, connector.PHPNames(), suffix)
					continue
				}
				near, _ := nearestKey(e.Key, nil)
				if to := rn.to[e]; to != "" {
					f := c.Report(file, span, e.Path(),
						"unknown key '%s' in 'serviceBus'; did you mean '%s'? The connector reads only %s%s", e.Key, to, connector.PHPNames(), suffix)
					if e.Origin.Elem != nil {
						f.Fix = &linter.Fix{
							Description: "rename '" + e.Key + "' to '" + to + "'",
							Edits:       []phpconf.Edit{phpconf.RenameKey(e.Origin.Src.Tree, e.Origin.Elem, to)},
						}
					}
					continue
				}
				c.Report(file, span, e.Path(),
					"unknown key '%s' in 'serviceBus' (nearest known key: '%s'); the connector reads only %s%s", e.Key, near, connector.PHPNames(), suffix)
			}
		},
	})
}

// entryKey is an entry's key as written: the file's key, or the
// override's (a JSON key is a string).
func entryKey(e *effective.Entry) phpconf.Key {
	if e.Origin.Elem != nil {
		return e.Origin.Elem.Key
	}
	return phpconf.Key{Str: e.Key}
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

// renames decides, for the effective serviceBus, which unknown keys
// OMS105 renames: each maps to the nearest known key missing from the
// effective block within maxRenameDistance, when no other unknown key
// claims the same one (a key config.php sets is not missing, so env.php's
// near miss of it is not renamed onto it). It is computed once per block
// (linear in its size): asking per element would be quadratic on a block
// of thousands of keys.
type renames struct {
	to     map[*effective.Entry]string // unknown key -> known key
	target map[string]*effective.Entry // known key -> the one unknown key
}

func blockRenames(sb *effective.ServiceBus) renames {
	present := map[string]bool{}
	for _, e := range sb.Entries {
		present[e.Key] = true
	}
	missing := func(n string) bool { return !present[n] }
	claims := map[string][]*effective.Entry{}
	for _, e := range sb.Entries {
		if k := entryKey(e); !isUnknownKey(k) || k.IsInt {
			continue
		}
		if to, d := nearestKey(e.Key, missing); to != "" && d <= maxRenameDistance {
			claims[to] = append(claims[to], e)
		}
	}
	r := renames{to: map[*effective.Entry]string{}, target: map[string]*effective.Entry{}}
	for name, es := range claims {
		if len(es) == 1 {
			r.to[es[0]] = name
			r.target[name] = es[0]
		}
	}
	return r
}
