package rules

import (
	"github.com/omslint/omslint/linter"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS503", Name: "website-mapped-twice", Severity: linter.Error,
		Summary: "One Magento website is mapped to more than one stock aggregate in the selected profile.",
		Check: func(c *linter.Context) {
			p := c.Profile()
			if p == nil || p.Env == nil {
				return
			}
			// website → the first aggregate seen for it, and where.
			type first struct {
				agg        string
				line, col  int
				channel    string
				reportedAt map[string]bool
			}
			seen := map[string]*first{}
			for i, sc := range p.Env.SalesChannels {
				w := sc.Website
				if !w.Set || w.Value == "" {
					continue
				}
				for _, a := range sc.StockAggregates {
					f := seen[w.Value]
					if f == nil {
						seen[w.Value] = &first{agg: a.Value, line: a.Line, col: a.Col, channel: channelName(sc.ID.Value, i), reportedAt: map[string]bool{a.Value: true}}
						continue
					}
					if f.reportedAt[a.Value] {
						continue
					}
					f.reportedAt[a.Value] = true
					if f.channel == channelName(sc.ID.Value, i) {
						// One channel (one entry with several aggregates,
						// or one id listed twice) is OMS502's.
						continue
					}
					c.ReportConfig(w.Line, w.Col, w.Value, channelKey(p, i)+".website",
						"environment %s: website '%s' is mapped to stock aggregate '%s' here and to '%s' by sales channel %s (line %d); MCOM > Manage Stock Aggregates maps one aggregate per website",
						p.Env.Name, w.Value, a.Value, f.agg, f.channel, f.line)
				}
			}
		},
	})
}
