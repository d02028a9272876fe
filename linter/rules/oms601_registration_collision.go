package rules

import (
	"strings"

	"github.com/omslint/omslint/linter"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS601", Name: "registration-collision", Severity: linter.Error,
		Summary: "Two roots register the same application_id on the same MIB url: the later registration takes the other's callbacks.",
		Fleet: func(c *linter.FleetContext) {
			groups := linter.GroupBy(c.Roots, func(r *linter.FleetRoot) (string, bool) {
				u, id := r.Value("url"), r.Value("application_id")
				if !u.Known() || !id.Known() {
					return "", false
				}
				reg, ok := registrationURL(u.Value)
				return reg + "\x00" + id.Value, ok
			})
			for _, g := range groups {
				for _, r := range g {
					others, total := otherRoots(g, r, "application_id")
					if total == 0 {
						continue
					}
					related := relatedValues(others, "application_id")
					f := c.ReportAt(r, r.Value("application_id"), related,
						"application_id '%s' on %s is also registered by %s: registration tells the bus where to call back, so the later one takes this store's shipments, invoices and stock updates",
						r.Value("application_id").Value, displayURL(r.Value("url").Value), linter.Plain(rootList(others, total)))
					if f != nil {
						f.Hint = "give each Magento instance its own application_id (a staging copy of production needs its own registration with Magento support)"
					}
				}
			}
		},
	})
}

// otherRoots is the first maxRelated roots of g whose value of key comes
// from another place than r's, and how many there are: 10,000 copies of
// one env.php cost 10,000 × 10, not 10,000 × 10,000. Roots reading one
// value from the same place (a variable of the run's environment, which
// every root sees alike) are one source, not two registrations.
func otherRoots(g []*linter.FleetRoot, r *linter.FleetRoot, key string) (first []*linter.FleetRoot, total int) {
	at := r.Value(key)
	for _, o := range g {
		// The same root is no collision: env.php and env.php.dist of one
		// root named together (`omslint lint app/etc/env.php*`) are two
		// files of one store, not two stores.
		if o == r || (o.Root == r.Root && r.Root != "") {
			continue
		}
		if v := o.Value(key); v.File == at.File && v.Span == at.Span {
			continue
		}
		total++
		if len(first) < maxRelated {
			first = append(first, o)
		}
	}
	return first, total
}

// maxRelated bounds the related places of one finding: 10,000 copies of
// one env.php must not make 10,000 × 10,000 of them.
const maxRelated = 10

// relatedValues is the value of key in each of rs (at most maxRelated).
func relatedValues(rs []*linter.FleetRoot, key string) []*linter.FleetValue {
	var out []*linter.FleetValue
	for _, o := range rs {
		if len(out) == maxRelated {
			break
		}
		if v := o.Value(key); v.Known() {
			out = append(out, v)
		}
	}
	return out
}

// rootList names up to three roots of the total ("a, b and 2 more").
func rootList(rs []*linter.FleetRoot, total int) string {
	const most = 3
	names := make([]string, 0, most)
	for i, r := range rs {
		if i == most {
			break
		}
		names = append(names, r.Root)
	}
	s := strings.Join(names, ", ")
	if n := total - len(names); n > 0 {
		s += " and " + itoa(n) + " more"
	}
	return s
}
