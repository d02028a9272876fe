package rules

import (
	"github.com/omslint/omslint/linter"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS133", Name: "override-shadows-file", Severity: linter.Info,
		Summary: "MAGENTO_DC__OVERRIDE replaces a serviceBus that env.php or config.php also sets: the file's block is not used.",
		Check: func(c *linter.Context) {
			sb := c.ServiceBus()
			for _, o := range sb.Shadowed {
				c.ReportOrigin(o, ServiceBusKey,
					"%s's 'serviceBus' is not used: %s sets the whole section (array_replace), so Magento never reads this block; keep one source of the settings",
					linter.Plain(o.Layer), linter.Plain(sb.Section.Var.Describe()))
			}
		},
	})
}
