package rules

import (
	"fmt"
	"strings"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS302", Name: "connector-known-defect", Severity: linter.Warning,
		Summary: "The locked magento/mcom-connector version has a known defect (oms:messages:process fatal, Admin Export Order 404, webapi.xml in developer mode).",
		Check: func(c *linter.Context) {
			lp, v, ok := lockedConnector(c)
			if !ok {
				return
			}
			defects := magento.KnownDefectsFor(v)
			if len(defects) == 0 {
				return
			}
			// One finding per locked connector, naming every defect: they
			// share one cause and one fix (upgrade). The defects' text is
			// omslint's own (never masked: a MAGE_MODE=developer read from
			// the environment is a value to mask, the word in the title
			// is not).
			parts := make([]string, len(defects))
			for i, d := range defects {
				parts[i] = describeDefect(d, v)
			}
			c.Report(c.Project.ComposerLock.Path, lp.Span(), magento.ConnectorMetaPackage,
				"%s %s has %s: %s", linter.Plain(magento.ConnectorMetaPackage), lp.Version, linter.Plain(defectCount(len(defects))), linter.Plain(strings.Join(parts, "; ")))
		},
	})
}

// describeDefect says what goes wrong and what fixes it, for a message.
func describeDefect(d magento.Defect, v magento.Version) string {
	s := d.Title
	if s == "" {
		s = d.Summary
	}
	if fix, ok := d.FixFor(v); ok {
		s += fmt.Sprintf(" (fixed in %s", fix)
	} else {
		s += " (no fixed release known"
	}
	if d.Workaround != "" {
		s += "; workaround: " + d.Workaround
	}
	return s + ")"
}

func defectCount(n int) string {
	if n == 1 {
		return "a known defect"
	}
	return fmt.Sprintf("%d known defects", n)
}
