package engine

import (
	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/linter/rules"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/report"
	"github.com/omslint/omslint/suppress"
)

// applySuppressions drops what the project's omslint-ignore comments and
// config ignore entries suppress (suppress.Project), counting them in res,
// and adds OMS006 for comments that suppressed nothing, with the run's
// severity for it (none when it is off).
func applySuppressions(res *report.Result, p *magento.Project, cfg *config.Config, fs []*linter.Finding, lo linter.Options) []*linter.Finding {
	var unused suppress.Unused
	if r := linter.Lookup(rules.SuppressionUnusedID); r != nil && !lo.Off[r.ID] {
		unused = suppress.Unused{Rule: r, Severity: r.Severity}
		if s, ok := lo.Severity[r.ID]; ok {
			unused.Severity = s
		}
	}
	kept, n := suppress.Project(p, cfg, fs, unused)
	res.Suppressed += n
	return kept
}
