package rules

import (
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/effective"
	"path"
	"strings"
	"sync"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/redact"
)

// checkedEnvPaths are the env.php key paths some rule checks, as path.Match
// patterns. A rule that checks a value adds its path here (in its init), so
// OMS004 reports an expression there instead of the rule judging it.
var checkedEnvPaths = []string{ServiceBusKey}

func init() {
	for _, k := range connector.Keys {
		checkedEnvPaths = append(checkedEnvPaths, ServiceBusKey+"."+k.PHP)
	}
	linter.Register(&linter.Rule{
		ID: "OMS004", Name: "dynamic-value", Severity: linter.Info,
		Summary: "A value omslint would check is a PHP expression (getenv(), a constant, a concatenation): it cannot be checked statically.",
		Check: func(c *linter.Context) {
			dynamicModules(c)
			dynamicServiceBus(c)
			dynamicStoreIDs(c)
			dynamicMageMode(c)
			t := c.EnvTree()
			if t == nil {
				return
			}
			// Only elements some rule checks are reported, so only the
			// branches that can hold one are walked: a large env.php is
			// mostly other configuration.
			// The path is carried down rather than asked of each element
			// (Element.Path builds it on every call).
			var walk func(a *phpconf.Array, prefix string)
			walk = func(a *phpconf.Array, prefix string) {
				for _, el := range a.Items {
					if el.Key.Dynamic {
						continue
					}
					p := joinKey(prefix, el.Key.String())
					if p == ServiceBusKey {
						continue // the effective block: dynamicServiceBus
					}
					report := el.Value.Kind == phpconf.KindExpr && checkedPath(p)
					descend := !report && el.Value.Kind == phpconf.KindArray && mayHoldChecked(p)
					if !report && !descend {
						continue
					}
					if !isEffective(el) {
						continue // PHP drops it; OMS003 reports the duplicate
					}
					if report {
						c.ReportEnv(el, "'%s' is set by an expression, %s, that omslint cannot evaluate: its value is not checked",
							p, exprText(t.Raw(el.Value.Range), redact.IsSecretPath(p, nil)))
						continue
					}
					walk(el.Value.Array, p)
				}
			}
			walk(t.Root, "")
		},
	})
}

// dynamicServiceBus reports what omslint cannot evaluate in the
// effective serviceBus (config.php ⊕ env.php ⊕ MAGENTO_DC__OVERRIDE): the
// section or a key set by an expression, a dynamic key, and a value that
// reads the environment when the environment is not known (naming the
// variable; its fallback or default, if any, is checked in its place).
func dynamicServiceBus(c *linter.Context) {
	sb := c.ServiceBus()
	if !sb.Present {
		return
	}
	if o := sb.Section; sb.Value.Kind == phpconf.KindExpr && o.Src != nil {
		c.ReportAt(o.Src, o.Elem.Value.Range, ServiceBusKey, "'%s' is set by an expression, %s, that omslint cannot evaluate: its value is not checked",
			ServiceBusKey, exprText(o.Src.Tree.Raw(o.Elem.Value.Range), false))
		return
	}
	for _, o := range sb.Files {
		if o.Elem.Value.Kind != phpconf.KindArray {
			continue
		}
		for _, el := range o.Elem.Value.Array.Items {
			if el.Key.Dynamic {
				c.ReportAt(o.Src, el.Key.Range, joinKey(ServiceBusKey, el.Key.Str),
					"a key of 'serviceBus' is an expression, %s, that omslint cannot evaluate; missing keys (OMS104) are not reported for this block",
					exprText(el.Key.Str, false))
			}
		}
	}
	for _, e := range sb.Entries {
		src := e.Origin.Src
		if src == nil || connector.Lookup(e.Key) == nil {
			continue // the override holds no expression; unknown keys are OMS105's
		}
		secret := redact.IsSecretPath(e.Path(), nil)
		r := e.Origin.Elem.Value.Range
		switch {
		case e.Ref == nil && e.Written.Kind == phpconf.KindExpr:
			c.ReportAt(src, r, e.Path(), "'%s' is set by an expression, %s, that omslint cannot evaluate: its value is not checked%s",
				e.Path(), exprText(src.Tree.Raw(r), secret), linter.Plain(layerNote(e)))
		case e.Ref != nil && c.Environment() == nil:
			checked := "its value is not checked"
			if e.Ref.Fallback != nil {
				checked = "its fallback is checked in its place"
				if e.Ref.Kind == effective.RefPlaceholder {
					checked = "its default is checked in its place"
				}
			}
			shown := "(" + exprText(src.Tree.Raw(r), secret) + ")"
			if e.Ref.Kind == effective.RefPlaceholder {
				shown = "through a #env() placeholder"
			}
			c.ReportAt(src, r, e.Path(), "'%s' reads the environment variable %s %s, unknown without --resolve-env or --env-file: %s%s",
				e.Path(), e.Ref.Name, linter.Plain(shown), linter.Plain(checked), linter.Plain(layerNote(e)))
		}
	}
}

// layerNote is " (set in config.php…)" for a config.php value, else "".
func layerNote(e *effective.Entry) string {
	if e.Origin.Layer != effective.LayerConfig {
		return ""
	}
	if e.NotOverridden {
		return " (set in config.php, not overridden by env.php)"
	}
	return " (set in config.php)"
}

// dynamicModules reports config.php module flags that OMS201–OMS203 would
// check (an MSI or connector module, with the connector detected) but that
// are set by an expression.
func dynamicModules(c *linter.Context) {
	if !connectorConfigRule(c) {
		return
	}
	list, _, _ := effectiveModules(c)
	for _, s := range list {
		if s.el == nil || s.el.Value == nil || s.el.Value.Kind != phpconf.KindExpr {
			continue
		}
		if !magento.IsMSIModule(s.name) && !magento.IsConnectorModule(s.name) {
			continue
		}
		c.ReportAt(s.src, s.el.Value.Range, s.el.Path(),
			"module %s is set by an expression, %s, that omslint cannot evaluate: whether it is enabled is not checked",
			s.name, exprText(s.src.Tree.Raw(s.el.Value.Range), false))
	}
}

// dynamicMageMode reports MAGE_MODE (the effective one: env.php over
// config.php) set by an expression, or read from the environment when it
// is not known, when OMS303 would check it: a connector release whose
// defect shows in developer mode is locked.
func dynamicMageMode(c *linter.Context) {
	mode := mageMode(c)
	if mode == nil || mode.Origin.Src == nil || mode.Origin.Elem == nil {
		return
	}
	dynamic := mode.Ref == nil && mode.Written.Kind == phpconf.KindExpr
	unknownEnv := mode.Ref != nil && c.Environment() == nil
	if !dynamic && !unknownEnv {
		return
	}
	_, v, ok := lockedConnector(c)
	if !ok {
		return
	}
	for _, d := range magento.KnownDefectsFor(v) {
		if !d.DeveloperModeOnly {
			continue
		}
		src, r := mode.Origin.Src, mode.Origin.Elem.Value.Range
		if dynamic {
			c.ReportAt(src, r, mode.Path(), "'MAGE_MODE' is set by an expression, %s, that omslint cannot evaluate: whether the locked connector's developer-mode defect applies is not checked",
				exprText(src.Tree.Raw(r), false))
			return
		}
		checked := "whether the locked connector's developer-mode defect applies is not checked"
		if mode.Ref.Fallback != nil {
			checked = "its fallback is checked in its place (the locked connector's developer-mode defect)"
		}
		shown := "(" + exprText(src.Tree.Raw(r), false) + ")"
		if mode.Ref.Kind == effective.RefPlaceholder {
			shown = "through a #env() placeholder"
		}
		c.ReportAt(src, r, mode.Path(), "'MAGE_MODE' reads the environment variable %s %s, unknown without --resolve-env or --env-file: %s",
			mode.Ref.Name, linter.Plain(shown), linter.Plain(checked))
		return
	}
}

// dynamicStoreIDs reports a sales channel id (store_id in config.php or
// env.php `system`) set by an expression where OMS505 would compare it
// with the selected profile: once per element, however many channels
// read it.
func dynamicStoreIDs(c *linter.Context) {
	p := c.Profile()
	if p == nil || p.Env == nil {
		return
	}
	seen := map[*phpconf.Element]bool{}
	for _, sc := range p.Env.SalesChannels {
		if !sc.ID.Set || sc.ID.Value == "" {
			continue
		}
		st, ok := c.Project.StoreIDFor(sc.Website.Value)
		if !ok || st.Literal || st.El.Value.Kind != phpconf.KindExpr || seen[st.El] {
			continue
		}
		seen[st.El] = true
		raw := exprText(st.Source.Tree.Raw(st.El.Value.Range), false)
		if e := storeIDExpr(c, st); e != nil {
			if c.Environment() != nil {
				continue // evaluated: OMS505 compares it
			}
			checked := "whether it matches the profile's sales channel id is not checked"
			if e.Ref.Fallback != nil {
				checked = "its fallback is compared with the profile's sales channel id in its place"
			}
			c.ReportAt(st.Source, st.El.Value.Range, st.El.Path(),
				"%s reads the environment variable %s (%s), unknown without --resolve-env or --env-file: %s",
				linter.Plain(magento.StoreIDPath), e.Ref.Name, raw, linter.Plain(checked))
			continue
		}
		c.ReportAt(st.Source, st.El.Value.Range, st.El.Path(),
			"%s is set by an expression, %s, that omslint cannot evaluate: whether it matches the profile's sales channel id is not checked",
			linter.Plain(magento.StoreIDPath), raw)
	}
}

// joinKey appends a key to a dotted path.
func joinKey(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// mayHoldChecked reports whether an element below the one at path p could
// be at a checked path (or be a key of 'serviceBus'). A pattern with
// wildcards may match anything.
func mayHoldChecked(p string) bool {
	checkedPrefixesOnce.Do(func() {
		checkedPrefixes = map[string]bool{ServiceBusKey: true}
		for _, pat := range checkedEnvPaths {
			if strings.ContainsAny(pat, `*?[\`) {
				anyWildcard = true
			}
			for i := range len(pat) {
				if pat[i] == '.' {
					checkedPrefixes[pat[:i]] = true
				}
			}
		}
	})
	return anyWildcard || checkedPrefixes[p]
}

// checkedPrefixes holds the proper dotted prefixes of checkedEnvPaths,
// built once (after every rule's init has added its paths): OMS004 asks
// about every top-level key of env.php, hundreds of thousands in a large
// one.
var (
	checkedPrefixesOnce sync.Once
	checkedPrefixes     map[string]bool
	anyWildcard         bool
)

func checkedPath(p string) bool {
	for _, pat := range checkedEnvPaths {
		if ok, _ := path.Match(pat, p); ok {
			return true
		}
	}
	return false
}

// isEffective reports whether el is the element PHP keeps for its key:
// the last of duplicates (OMS003 reports the others).
func isEffective(el *phpconf.Element) bool {
	if el == nil {
		return false
	}
	if el.Key.Dynamic {
		return true
	}
	return el.Parent.Get(el.Key.String()) == el
}

// exprText renders an expression's source for a message: whitespace
// collapsed, long text shortened. For a secret key, string literals other
// than the name of an environment variable or constant are masked: the
// fallback of `getenv('X') ?: 'literal'` is the secret itself.
func exprText(raw string, secret bool) string {
	s := strings.Join(strings.Fields(raw), " ")
	if secret {
		s = redact.MaskExpr(s)
	}
	if r := []rune(s); len(r) > 80 {
		s = string(r[:79]) + "…"
	}
	return s
}
