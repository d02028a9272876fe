package rules

import (
	"sort"
	"strings"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS504", Name: "unknown-website", Severity: linter.Warning,
		Summary: "A website code of the selected profile is missing from config.php scopes.websites.",
		Check: func(c *linter.Context) {
			p := c.Profile()
			if p == nil || p.Env == nil {
				return
			}
			known, ok := websiteCodes(c.ConfigTree())
			if !ok {
				return // no scopes in config.php: nothing to check against
			}
			for i, sc := range p.Env.SalesChannels {
				w := sc.Website
				if !w.Set || w.Value == "" || known[w.Value] {
					continue
				}
				c.ReportConfig(w.Line, w.Col, w.Value, channelKey(p, i)+".website",
					"environment %s: website '%s' is not in config.php scopes.websites (%s)", p.Env.Name, w.Value, listCodes(known))
			}
		},
	})
}

// websiteCodes reads config.php scopes.websites: its keys and each
// website's 'code'. ok is false when config.php has no scopes.websites.
func websiteCodes(t *phpconf.File) (map[string]bool, bool) {
	if t == nil {
		return nil, false
	}
	el := t.Lookup("scopes.websites")
	if el == nil || el.Value.Kind != phpconf.KindArray {
		return nil, false
	}
	codes := map[string]bool{}
	for _, w := range el.Value.Array.Items {
		if !w.Key.IsInt && !w.Key.Dynamic {
			codes[w.Key.Str] = true
		}
		if w.Value.Kind == phpconf.KindArray {
			if code := w.Value.Array.Get("code"); code != nil && code.Value.Kind == phpconf.KindString {
				codes[code.Value.Str] = true
			}
		}
	}
	return codes, true
}

func listCodes(m map[string]bool) string {
	if len(m) == 0 {
		return "it lists none"
	}
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return "it has " + strings.Join(out, ", ")
}
