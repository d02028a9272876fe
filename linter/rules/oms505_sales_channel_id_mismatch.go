package rules

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
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
				if !ok {
					continue // not in the files (the database may hold it: plan says so)
				}
				value, from, known := storeIDValue(c, st)
				if !known || value == sc.ID.Value {
					continue // an expression (OMS004), or the same id
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
				const format = "%s is '%s' for %s, but environment %s (%s:%d:%d) gives website %s the sales channel id '%s': orders would be sent under another sales channel"
				args := []any{magento.StoreIDPath, value, where, p.Env.Name, p.Config.Path, sc.ID.Line, sc.ID.Col, website, sc.ID.Value}
				var f *linter.Finding
				if from != nil {
					f = reportLeaf(c, from, format, args...)
				} else {
					f = c.ReportAt(st.Source, st.El.Value.Range, st.El.Path(), format, args...)
				}
				f.Hint = "set it to '" + sc.ID.Value + "' (or fix the profile): " + configSetHint(st, sc.ID.Value)
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

// storeIDValue is the sales channel id a setting gives Magento: its
// literal, or the value of getenv()/$_ENV as PHP computes it when Magento
// includes the file (from: the effective entry, for where it comes from),
// resolved against the known environment or taken from its fallback.
// known is false for any other expression, and for a value that is not a
// string or an int.
func storeIDValue(c *linter.Context, st magento.StoreIDSetting) (value string, from *effective.Entry, known bool) {
	if st.Literal {
		return st.Value, nil, true
	}
	e := storeIDExpr(c, st)
	if e == nil || e.Value == nil {
		return "", nil, false
	}
	switch e.Value.Kind {
	case phpconf.KindString:
		return e.Value.Str, e, true
	case phpconf.KindInt:
		return strconv.FormatInt(e.Value.Int, 10), e, true
	}
	return "", nil, false
}

// storeIDExpr is a store_id setting written as getenv()/$_ENV, evaluated
// (effective.Expr), or nil.
func storeIDExpr(c *linter.Context, st magento.StoreIDSetting) *effective.Entry {
	layer := effective.LayerConfig
	if st.Source == c.Project.Env {
		layer = effective.LayerEnv
	}
	return effective.Expr(layer, st.Source, st.El, c.Environment())
}
