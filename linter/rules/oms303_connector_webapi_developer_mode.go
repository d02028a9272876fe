package rules

import (
	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS303", Name: "connector-webapi-developer-mode", Severity: linter.Error,
		Summary: "Connector 3.2.0 is locked and env.php sets MAGE_MODE to developer, where its webapi.xml fails validation.",
		Check: func(c *linter.Context) {
			lp, v, ok := lockedConnector(c)
			if !ok {
				return
			}
			// The mode Magento reads: env.php over config.php, the
			// override, getenv()/$_ENV/#env() when the environment is
			// known (or their fallback).
			mode := mageMode(c)
			if mode == nil || mode.Value == nil || mode.Value.Kind != phpconf.KindString || mode.Value.Str != "developer" {
				return
			}
			for _, d := range magento.KnownDefectsFor(v) {
				if !d.DeveloperModeOnly {
					continue
				}
				f := reportLeaf(c, mode, "MAGE_MODE is 'developer' with %s %s locked: %s, so Magento rejects the connector's web API configuration",
					linter.Plain(magento.ConnectorMetaPackage), lp.Version, linter.Plain(d.Title))
				f.Hint = "bin/magento deploy:mode:set production (production mode does not validate webapi.xml), or upgrade the connector"
				if len(d.Sources) > 0 {
					f.Hint += "; see " + d.Sources[0]
				}
			}
		},
	})
}

// mageMode is the effective MAGE_MODE (effective.Leaf), nil when no layer
// sets it.
func mageMode(c *linter.Context) *effective.Entry {
	return c.Memo("MAGE_MODE", func() any {
		return effective.Leaf(c.Project, c.Environment(), "MAGE_MODE")
	}).(*effective.Entry)
}

// reportLeaf reports a top-level value where it comes from: the value in
// its file (not the key, as for a section), the variable it was read
// from, or the override's JSON; a value that is not simply a literal of
// env.php says where it comes from.
func reportLeaf(c *linter.Context, e *effective.Entry, format string, args ...any) *linter.Finding {
	o := e.Origin
	if o.Via == nil && o.Src != nil && o.Elem != nil {
		where := ""
		if d := e.Describe(); d != "" {
			where = " (" + d + ")"
		}
		return c.Report(o.Src.Path, o.Src.Tree.Span(o.Elem.Value.Range), e.Path(), format+"%s", append(args, linter.Plain(where))...)
	}
	return c.ReportEntry(e, format, args...)
}
