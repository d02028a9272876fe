package rules

import (
	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS130", Name: "env-placeholder", Severity: linter.Warning,
		Summary: "A serviceBus value is a Magento #env() placeholder, which Magento resolves only when a single key is read; use MAGENTO_DC__OVERRIDE.",
		Check:   checkEnvPlaceholders,
	})
}

func checkEnvPlaceholders(c *linter.Context) {
	for _, e := range sbEntries(c) {
		if e.Ref == nil || e.Ref.Kind != effective.RefPlaceholder {
			continue
		}
		// The advice is the override; a placeholder inside the override
		// is resolved no better (Magento flattens the merged data), so
		// there the value itself belongs in the JSON.
		advice := "set the section with " + effective.OverrideVar + " instead"
		if e.Origin.Layer == effective.OverrideVar {
			advice = "write the value itself into " + effective.OverrideVar + "'s JSON instead of the placeholder"
		}
		c.ReportOrigin(written(e.Origin), e.Path(),
			"'%s' is a #env() placeholder of %s: Magento resolves it only when one key is read (get('serviceBus/%s')), not when the section is read (get('serviceBus') returns the placeholder text), and which the connector does is not known; %s",
			e.Path(), linter.Plain(e.Ref.Name), e.Key, linter.Plain(advice))
	}
}

// written is where a value is written, even when it reads a variable.
func written(o effective.Origin) effective.Origin {
	o.Via = nil
	return o
}
