package rules

import (
	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// moduleState is how config.php sets a module.
type moduleState int

const (
	moduleUnknown  moduleState = iota // an expression: not checkable
	moduleEnabled                     // 1 (or another PHP-truthy literal)
	moduleDisabled                    // 0 (or another PHP-falsy literal)
)

// moduleStateOf reads a module's value as Magento does: the flag is used
// as a PHP boolean, so 1, true and '1' enable, 0, false, '0', ” and null
// disable. Magento itself writes 1 and 0.
func moduleStateOf(v *phpconf.Value) moduleState {
	if v == nil {
		return moduleUnknown
	}
	switch v.Kind {
	case phpconf.KindInt:
		return flag(v.Int != 0)
	case phpconf.KindFloat:
		return flag(v.Float != 0)
	case phpconf.KindBool:
		return flag(v.Bool)
	case phpconf.KindNull:
		return moduleDisabled
	case phpconf.KindString:
		return flag(v.Str != "" && v.Str != "0")
	case phpconf.KindArray:
		return flag(len(v.Array.Items) > 0)
	}
	return moduleUnknown
}

func flag(on bool) moduleState {
	if on {
		return moduleEnabled
	}
	return moduleDisabled
}

// configModules returns config.php's `modules` array when the rules on
// config.php apply: config.php (in a root, or named alone) parsed and
// returned an array, and `modules` is an array literal. The element is
// returned too, for findings about a missing module.
func configModules(c *linter.Context) (*phpconf.Element, *phpconf.Array) {
	el := c.Project.ConfigModules()
	if el == nil || el.Value == nil || el.Value.Kind != phpconf.KindArray {
		return el, nil
	}
	return el, el.Value.Array
}

// connectorConfigRule reports whether OMS201–OMS203 apply: config.php is
// present, and the connector detected (rules.md) in what the project
// holds (a single config.php's root counts).
func connectorConfigRule(c *linter.Context) bool {
	return c.ConfigTree() != nil && c.Project.ConnectorDetected()
}

// setModuleFix replaces a module's value with want ("0" or "1").
func setModuleFix(el *phpconf.Element, want string) *linter.Fix {
	return &linter.Fix{
		Description: "set '" + el.Key.Str + "' => " + want,
		Edits:       []phpconf.Edit{phpconf.ReplaceValue(el, want)},
	}
}

// moduleItems calls fn for each module of the modules array, in source
// order. A module listed twice is seen once, with the value PHP keeps (the
// last); OMS003 reports the duplicate.
func moduleItems(a *phpconf.Array, fn func(name string, el *phpconf.Element)) {
	if a == nil {
		return
	}
	for _, el := range a.Items {
		if el.Key.IsInt || el.Key.Dynamic || el.Key.Implicit || a.Get(el.Key.Str) != el {
			continue
		}
		fn(el.Key.Str, el)
	}
}

// moduleSetting is one module flag Magento reads, and where it is written:
// el in src for a file, origin for MAGENTO_DC__OVERRIDE (el nil: no fix).
type moduleSetting struct {
	name   string
	value  *phpconf.Value
	el     *phpconf.Element
	src    *magento.PHPSource
	origin effective.Origin
}

// report reports at the flag's value.
func (s moduleSetting) report(c *linter.Context, format string, args ...any) *linter.Finding {
	if s.el == nil {
		return c.ReportOrigin(s.origin, "modules."+s.name, format, args...)
	}
	return c.ReportAt(s.src, s.el.Value.Range, s.el.Path(), format, args...)
}

// fix sets the flag to want, in the file that holds it.
func (s moduleSetting) fix(want string) *linter.Fix {
	if s.el == nil {
		return nil // the override: set it there
	}
	return setModuleFix(s.el, want)
}

// effectiveModules lists the module flags Magento reads (domain.md §8):
// config.php's `modules`, then env.php's over them module by module
// (array_replace_recursive; corpus env.php files do switch modules per
// environment there), in config.php's order, then the modules only
// env.php lists; with a known environment, a `modules` member of
// MAGENTO_DC__OVERRIDE replaces them all (array_replace). ok is false when
// the flags cannot be known: config.php's `modules` is not an array
// literal, or env.php's is set but is not one (it would replace the whole
// list). override is where the override sets the section, when it does.
func effectiveModules(c *linter.Context) (list []moduleSetting, override *effective.Origin, ok bool) {
	v := c.Memo("modules", func() any {
		var m modulesView
		m.list, m.override, m.ok = buildModules(c)
		return m
	}).(modulesView)
	return v.list, v.override, v.ok
}

// modulesView is what effectiveModules returns, kept for the run.
type modulesView struct {
	list     []moduleSetting
	override *effective.Origin
	ok       bool
}

func buildModules(c *linter.Context) (list []moduleSetting, override *effective.Origin, ok bool) {
	_, mods := configModules(c)
	if mods == nil {
		return nil, nil, false
	}
	if sec, entries, set := effective.OverrideSection(c.Environment(), "modules"); set {
		for _, e := range entries {
			list = append(list, moduleSetting{name: e.Key, value: e.Value, origin: e.Origin})
		}
		return list, &sec, true
	}
	// A real store lists some 400 modules: the list is sized once, and
	// the index by name is built only when env.php has a list to merge.
	list = make([]moduleSetting, 0, len(mods.Items))
	moduleItems(mods, func(name string, el *phpconf.Element) {
		list = append(list, moduleSetting{name: name, value: el.Value, el: el, src: c.Project.Config})
	})
	t := c.EnvTree()
	if t == nil {
		return list, nil, true
	}
	envMods := t.Root.Get("modules")
	if envMods == nil || envMods.Value == nil || !isEffective(envMods) {
		return list, nil, true
	}
	if envMods.Value.Kind != phpconf.KindArray {
		return nil, nil, false
	}
	index := make(map[string]int, len(list))
	for i, s := range list {
		index[s.name] = i
	}
	moduleItems(envMods.Value.Array, func(name string, el *phpconf.Element) {
		s := moduleSetting{name: name, value: el.Value, el: el, src: c.Project.Env}
		if i, found := index[name]; found {
			list[i] = s
			return
		}
		index[name] = len(list)
		list = append(list, s)
	})
	return list, nil, true
}

// moduleWhere says why the file to change is not config.php: "" for a
// flag config.php sets.
func moduleWhere(c *linter.Context, s moduleSetting) linter.Plain {
	switch {
	case s.el == nil:
		return linter.Plain(" (from " + s.origin.Var.Describe() + ", whose 'modules' replaces the files' list)")
	case s.src == c.Project.Env:
		return " (set in env.php's 'modules', which Magento reads over config.php's)"
	}
	return ""
}
