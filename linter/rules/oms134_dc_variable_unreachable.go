package rules

import (
	"strings"

	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS134", Name: "dc-variable-unreachable", Severity: linter.Warning,
		Summary: "A MAGENTO_DC_* variable maps to servicebus/...: lower-cased by Magento, it cannot reach the camelCase serviceBus.",
		Check: func(c *linter.Context) {
			for _, v := range c.Environment().Vars() {
				path, ok := dcPath(v.Name)
				if !ok {
					continue
				}
				first, _, _ := strings.Cut(path, "/")
				if strings.NewReplacer("_", "", "-", "").Replace(first) != "servicebus" {
					continue
				}
				file, span := v.Where(0)
				c.Report(file, span, ServiceBusKey,
					"%s sets '%s', which the connector never reads: Magento lower-cases MAGENTO_DC_* names, and the section is the camelCase 'serviceBus'; set the section with %s='{\"serviceBus\":{...}}' instead",
					linter.Plain(v.Describe()), linter.Plain(path), linter.Plain(effective.OverrideVar))
			}
		},
	})
}

// dcPath is the config path a MAGENTO_DC_* variable sets, as
// DeploymentConfig computes it: every variable whose name contains
// MAGENTO_DC_ (but the override), with MAGENTO_DC_ removed, "__" turned
// into "/", lower-cased.
func dcPath(name string) (string, bool) {
	const prefix = "MAGENTO_DC_"
	if !strings.Contains(name, prefix) || name == effective.OverrideVar {
		return "", false
	}
	return strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(name, prefix, ""), "__", "/")), true
}
