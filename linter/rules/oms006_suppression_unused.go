package rules

import "github.com/omslint/omslint/linter"

// SuppressionUnusedID is reported by the engine, not by Check: whether an
// omslint-ignore comment suppresses anything is known only once every other
// rule has run and the comments have been applied to their findings
// (engine/suppress.go). The rule is registered so that it has a name, a
// default severity, a docs page, a place in `omslint rules` and SARIF, and
// so that `rules: {OMS006: off}` and severity overrides apply to it.
const SuppressionUnusedID = "OMS006"

func init() {
	linter.Register(&linter.Rule{
		ID: SuppressionUnusedID, Name: "suppression-unused", Severity: linter.Info,
		Summary: "An omslint-ignore comment suppresses nothing: the rule it names does not fire there (any more).",
		Check:   func(*linter.Context) {},
	})
}
