package magento

import (
	"sort"

	"github.com/omslint/omslint/phpconf"
)

// StoreIDPath is the config path where the connector keeps the OMS sales
// channel id ("the external id of a sales channel in MCOM"; Admin: MCOM
// Connector > General > Store ID). Source: the connector team's 2017
// module-omsoverrides and the mcom-connector README (domain.md §9); later
// connector versions may keep it elsewhere.
const StoreIDPath = "mcom_configuration/general/store_id"

// StoreIDSetting is a store_id written in the `system` section of
// config.php or env.php.
type StoreIDSetting struct {
	// Scope is "default" or "websites"; Code the website code ("" for
	// default).
	Scope, Code string
	// Source is the file (env.php or config.php) and El the element.
	Source *PHPSource
	El     *phpconf.Element
	// Value is the literal value; Literal is false for an expression (its
	// value is unknown statically).
	Value   string
	Literal bool
}

// StoreIDs lists the store_id settings of the project's deployment config,
// the effective one per scope: env.php wins over config.php (Magento merges
// them with array_replace_recursive). Sorted: default first, then websites
// by code.
func (p *Project) StoreIDs() []StoreIDSetting {
	byScope := map[string]StoreIDSetting{}
	for _, s := range []*PHPSource{p.Config, p.Env} { // later wins
		if s == nil || s.Tree == nil || s.Tree.Root == nil {
			continue
		}
		sys := s.Tree.Root.Get("system")
		if sys == nil || sys.Value.Kind != phpconf.KindArray {
			continue
		}
		add := func(scope, code string, scopeArr *phpconf.Array) {
			el := storeIDIn(scopeArr)
			if el == nil {
				return
			}
			st := StoreIDSetting{Scope: scope, Code: code, Source: s, El: el}
			switch el.Value.Kind {
			case phpconf.KindString:
				st.Value, st.Literal = el.Value.Str, true
			case phpconf.KindInt:
				st.Value, st.Literal = s.Tree.Raw(el.Value.Range), true
			}
			byScope[scope+"/"+code] = st
		}
		if d := sys.Value.Array.Get("default"); d != nil && d.Value.Kind == phpconf.KindArray {
			add("default", "", d.Value.Array)
		}
		if w := sys.Value.Array.Get("websites"); w != nil && w.Value.Kind == phpconf.KindArray {
			for _, site := range w.Value.Array.Items {
				if site.Key.IsInt || site.Key.Dynamic || site.Value.Kind != phpconf.KindArray {
					continue
				}
				add("websites", site.Key.Str, site.Value.Array)
			}
		}
	}
	out := make([]StoreIDSetting, 0, len(byScope))
	for _, s := range byScope {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Scope != out[j].Scope {
			return out[i].Scope == "default"
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// StoreIDFor is the setting that applies to a website: its own, else the
// default scope's. ok is false when neither file sets it (the value then
// lives only in the database, core_config_data, if anywhere).
func (p *Project) StoreIDFor(website string) (StoreIDSetting, bool) {
	var def *StoreIDSetting
	for _, s := range p.StoreIDs() {
		if s.Scope == "websites" && s.Code == website && website != "" {
			return s, true
		}
		if s.Scope == "default" {
			def = &s
		}
	}
	if def != nil {
		return *def, true
	}
	return StoreIDSetting{}, false
}

// storeIDIn is mcom_configuration.general.store_id of a scope's array.
func storeIDIn(a *phpconf.Array) *phpconf.Element {
	m := a.Get("mcom_configuration")
	if m == nil || m.Value.Kind != phpconf.KindArray {
		return nil
	}
	g := m.Value.Array.Get("general")
	if g == nil || g.Value.Kind != phpconf.KindArray {
		return nil
	}
	return g.Value.Array.Get("store_id")
}
