package rules

import (
	"github.com/omslint/omslint/linter"
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
