package rules

import (
	"path/filepath"
	"strings"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS505", Name: "sales-channel-id-mismatch", Severity: linter.Error,
		Summary: "mcom_configuration/general/store_id in config.php/env.php `system` (default or websites scope) differs from the profile's sales channel id for that website.",
		Check: func(c *linter.Context) {
			p := c.Profile()
			if p == nil || p.Env == nil {
				return
			}
			reported := map[string]bool{}
			for _, sc := range p.Env.SalesChannels {
				if !sc.ID.Set || sc.ID.Value == "" {
					continue
				}
				st, ok := c.Project.StoreIDFor(sc.Website.Value)
				if !ok || !st.Literal || st.Value == sc.ID.Value {
					// Not in the files (the database may hold it: plan says
					// so), or an expression, or the same id.
					continue
				}
				key := st.Source.Path + "\x00" + st.El.Path() + "\x00" + sc.ID.Value
				if reported[key] {
					continue
				}
				reported[key] = true
				where := "the default scope"
				if st.Scope == "websites" {
					where = "website " + st.Code
				}
				website := sc.Website.Value
				if website == "" {
					website = "(no website in the profile)"
				}
				c.ReportAt(st.Source, st.El.Value.Range, st.El.Path(),
					"%s is '%s' for %s, but environment %s (%s:%d:%d) gives website %s the sales channel id '%s': orders would be sent under another sales channel",
					magento.StoreIDPath, st.Value, where, p.Env.Name, p.Config.Path, sc.ID.Line, sc.ID.Col, website, sc.ID.Value).
					Hint = "set it to '" + sc.ID.Value + "' (or fix the profile): " + configSetHint(st, sc.ID.Value)
			}
		},
	})
}

// configSetHint is the bin/magento command that writes the id where it is
// locked (config:set refuses a path set in config.php or env.php without
// the matching --lock option).
func configSetHint(st magento.StoreIDSetting, id string) string {
	lock := "--lock-env"
	if strings.HasSuffix(filepath.ToSlash(st.Source.Path), "config.php") {
		lock = "--lock-config"
	}
	scope := ""
	if st.Scope == "websites" {
		scope = " --scope=websites --scope-code=" + st.Code
	}
	return "bin/magento config:set " + lock + scope + " " + magento.StoreIDPath + " " + id
}
