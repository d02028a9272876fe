package rules

import (
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
			t := c.EnvTree()
			if t == nil {
				return
			}
			mode := t.Root.Get("MAGE_MODE")
			if mode == nil || mode.Value.Kind != phpconf.KindString || mode.Value.Str != "developer" {
				return
			}
			for _, d := range magento.KnownDefectsFor(v) {
				if !d.DeveloperModeOnly {
					continue
				}
				f := c.ReportEnv(mode, "MAGE_MODE is 'developer' with %s %s locked: %s, so Magento rejects the connector's web API configuration",
					magento.ConnectorMetaPackage, lp.Version, d.Title)
				f.Hint = "bin/magento deploy:mode:set production (production mode does not validate webapi.xml), or upgrade the connector"
				if len(d.Sources) > 0 {
					f.Hint += "; see " + d.Sources[0]
				}
			}
		},
	})
}
