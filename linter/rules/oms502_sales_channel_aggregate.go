package rules

import (
	"github.com/omslint/omslint/linter"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS502", Name: "sales-channel-aggregate", Severity: linter.Error,
		Summary: "A sales channel of the selected profile has no stock aggregate, or more than one (OMS allows exactly one).",
		Check: func(c *linter.Context) {
			p := c.Profile()
			if p == nil || p.Env == nil {
				return
			}
			// A channel id written in several entries is one sales channel:
			// an aggregate that differs from the one its first entry gave
			// means the channel has more than one (reported at the later).
			firstAgg := map[string]string{}
			for i, sc := range p.Env.SalesChannels {
				key := channelKey(p, i)
				if id := sc.ID.Value; id != "" && len(sc.StockAggregates) == 1 {
					a := sc.StockAggregates[0]
					if prev, ok := firstAgg[id]; !ok {
						firstAgg[id] = a.Value
					} else if prev != a.Value {
						c.ReportConfig(a.Line, a.Col, a.Value, key+".stock-aggregate",
							"environment %s: sales channel '%s' is listed again with stock aggregate '%s' (earlier '%s'); in OMS a sales channel has exactly one", p.Env.Name, id, a.Value, prev)
					}
				}
				switch n := len(sc.StockAggregates); {
				case n == 0:
					c.ReportConfig(sc.Line, sc.Col, "", key, "environment %s: sales channel %s has no stock aggregate; in OMS a sales channel has exactly one", p.Env.Name, channelName(sc.ID.Value, i))
				case n > 1:
					second := sc.StockAggregates[1]
					c.ReportConfig(second.Line, second.Col, second.Value, key+".stock-aggregate",
						"environment %s: sales channel %s has %d stock aggregates; in OMS a sales channel has exactly one", p.Env.Name, channelName(sc.ID.Value, i), n)
				}
			}
		},
	})
}

func channelKey(p *linter.Profile, i int) string {
	return "environments." + p.Env.Name + ".sales-channels." + itoa(i)
}

func channelName(id string, i int) string {
	if id == "" {
		return "#" + itoa(i+1)
	}
	return "'" + id + "'"
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
