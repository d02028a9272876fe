package engine

import (
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/linter/rules"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/report"
	"github.com/omslint/omslint/suppress"
)

// suppressInline applies the omslint-ignore comments of env.php and
// config.php to the project's findings, counts what they suppressed, and
// reports each comment (or rule named in one) that suppressed nothing as
// OMS006. That check lives here, not in the rule's Check, because it needs
// every other rule's findings.
func suppressInline(res *report.Result, p *magento.Project, fs []*linter.Finding, lo linter.Options) []*linter.Finding {
	var dirs []*suppress.Directive
	for _, s := range []*magento.PHPSource{p.Env, p.Config} {
		if s != nil {
			dirs = append(dirs, suppress.Parse(s.Path, s.Tree)...)
		}
	}
	if len(dirs) == 0 {
		return fs
	}
	kept, n := suppress.Apply(fs, dirs)
	res.Suppressed += n
	rule := linter.Lookup(rules.SuppressionUnusedID)
	if rule == nil || lo.Off[rule.ID] {
		return kept
	}
	sev := rule.Severity
	if s, ok := lo.Severity[rule.ID]; ok {
		sev = s
	}
	for _, d := range dirs {
		for _, msg := range d.Unused() {
			kept = append(kept, &linter.Finding{
				Rule: rule.ID, Name: rule.Name, Severity: sev, Message: msg,
				File: d.Path, Span: d.Span,
			})
		}
	}
	linter.Sort(kept)
	return kept
}
