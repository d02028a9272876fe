// Package docs embeds the per-rule documentation pages so that
// `omslint explain` prints exactly what is published in docs/rules.
package docs

// The rule catalogue (rules.md) is generated from the rule registry.
//go:generate go test -run TestRuleCatalogue -update-docs .

import "embed"

//go:embed rules/*.md
var rules embed.FS

// RulePage returns the Markdown page of a rule ID (OMS112).
func RulePage(id string) (string, error) {
	b, err := rules.ReadFile("rules/" + id + ".md")
	return string(b), err
}
