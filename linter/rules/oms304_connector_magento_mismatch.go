package rules

import (
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS304", Name: "connector-magento-mismatch", Severity: linter.Warning,
		Summary: "The locked connector major does not fit the locked Magento line (2.x for 2.2, 3.x for 2.3, 4.x for 2.4).",
		Check: func(c *linter.Context) {
			lp, v, ok := lockedConnector(c)
			if !ok {
				return
			}
			rel, ok := magento.MagentoFromLock(c.Project.LockedVersions())
			if !ok {
				return
			}
			match, known := magento.ConnectorMatchesMagento(v.Major(), rel.Line)
			if match || !known {
				return
			}
			want, _ := magento.ConnectorLine(v.Major())
			magentoDesc := rel.Package + " " + rel.Version.Raw
			if rel.FromFramework {
				magentoDesc += ", i.e. Magento " + rel.Line.String()
			}
			f := c.Report(c.Project.ComposerLock.Path, lp.Span(), magento.ConnectorMetaPackage,
				"%s %s is the connector line for Magento %s, but composer.lock locks Magento %s (%s)",
				magento.ConnectorMetaPackage, lp.Version, want, rel.Line, magentoDesc)
			f.Hint = "require the connector line for Magento " + rel.Line.String() + " (" + connectorMajorFor(rel.Line) + ")"
		},
	})
}

// connectorMajorFor names the connector major line that serves a Magento
// line, e.g. "4.x" for 2.4.
func connectorMajorFor(l magento.Line) string {
	for major := 0; major < 10; major++ {
		if ml, ok := magento.ConnectorLine(major); ok && ml == l {
			return string(rune('0'+major)) + ".x"
		}
	}
	return "unknown"
}
