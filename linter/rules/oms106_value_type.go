package rules

import (
	"github.com/omslint/omslint/connector"
	"strings"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS106", Name: "value-type", Severity: linter.Error, Fixable: true,
		Summary: "A serviceBus value has the wrong type: the six string keys need strings, secure_endpoint a bool.",
		Check: func(c *linter.Context) {
			for _, k := range connector.Keys {
				el := sbLiteral(c, k.PHP)
				if el == nil {
					continue
				}
				v := el.Value
				raw := valueText(el)
				if !k.Bool {
					if v.Kind == phpconf.KindString {
						continue
					}
					shown := ""
					if v.IsScalar() && v.Kind != phpconf.KindNull && !k.Secret {
						shown = " (" + raw + ")"
					}
					c.ReportEntry(el, "'%s' is %s%s; expected a string: %s", el.Path(), linter.Plain(kindPhrase(v)), shown, k.Expect)
					continue
				}
				if v.Kind == phpconf.KindBool {
					continue
				}
				// secure_endpoint's meaning is unknown (domain.md §1): a
				// non-bool is suspicious, not an error on its own.
				shown := ""
				if v.IsScalar() && v.Kind != phpconf.KindNull {
					shown = " " + raw
				}
				f := c.ReportEntry(el, "'%s' is %s%s; expected the bool true or false (every published example uses true)", el.Path(), linter.Plain(kindPhrase(v)), shown)
				f.Severity = linter.Warning
				if b, ok := boolSpelling(v); ok && el.Literal() {
					f.Fix = &linter.Fix{
						Description: "replace " + raw + " with " + b,
						Edits:       []phpconf.Edit{phpconf.ReplaceValue(el.Origin.Elem, b)},
					}
				}
			}
		},
	})
}

// boolSpelling returns the bool literal a value stands for when it is
// 'true', 'false', '1', '0', 1 or 0.
func boolSpelling(v *phpconf.Value) (string, bool) {
	switch v.Kind {
	case phpconf.KindString:
		switch strings.ToLower(v.Str) {
		case "true", "1":
			return "true", true
		case "false", "0":
			return "false", true
		}
	case phpconf.KindInt:
		switch v.Int {
		case 1:
			return "true", true
		case 0:
			return "false", true
		}
	}
	return "", false
}
