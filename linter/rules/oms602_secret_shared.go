package rules

import (
	"crypto/sha256"

	"github.com/omslint/omslint/linter"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS602", Name: "secret-shared", Severity: linter.Warning,
		Summary: "Two roots share the shared secret or the OAuth client secret (compared by digest, never shown).",
		Fleet: func(c *linter.FleetContext) {
			for _, key := range []string{"secret", "oauth_client_secret"} {
				// Secrets are compared by digest: their text is not in
				// the facts, so no message can show it.
				groups := linter.GroupBy(c.Roots, func(r *linter.FleetRoot) ([sha256.Size]byte, bool) {
					if v := r.Value(key); v.Known() {
						return v.Digest, true
					}
					return [sha256.Size]byte{}, false
				})
				for _, g := range groups {
					for _, r := range g {
						// Also when the application ids agree: a staging
						// copy of production is OMS601's collision and
						// shares production's secrets, two risks.
						others, total := otherRoots(g, r, key)
						if total == 0 {
							continue
						}
						f := c.ReportAt(r, r.Value(key), relatedValues(others, key),
							"%s is the same as in %s: a leak of the weaker environment exposes this one, and the bus cannot tell their signatures apart",
							linter.Plain(key), linter.Plain(rootList(others, total)))
						if f != nil {
							f.Hint = "use a distinct " + key + " per environment"
						}
					}
				}
			}
		},
	})
}
