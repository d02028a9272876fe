package doctor

import (
	"fmt"

	"github.com/omslint/omslint/config"
)

// ProfileAggregates lists the stock aggregates of a profile's sales
// channels (doctor --env), each with the channel it belongs to; a ${NAME}
// reference is read with getenv (nil: the process's environment) and
// labelled by its reference, never by the value it read.
func ProfileAggregates(env *config.Environment, getenv func(string) (string, bool)) ([]Aggregate, error) {
	aggs := []Aggregate{}
	for _, sc := range env.SalesChannels {
		ch := sc.ID.Value
		if sc.ID.IsRef {
			ch = "${" + sc.ID.RefName + "}"
		}
		for _, f := range sc.StockAggregates {
			v, err := config.ExpandRef(f, getenv)
			if err != nil {
				return nil, fmt.Errorf("--env %s: %w", env.Name, err)
			}
			if v != "" {
				label := v
				if f.IsRef {
					label = "${" + f.RefName + "}"
				}
				aggs = append(aggs, Aggregate{Code: v, Label: label, Channel: ch})
			}
		}
	}
	return aggs, nil
}
