package rules

import (
	"strconv"
	"strings"

	"github.com/omslint/omslint/jsonpos"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

// LegacyConnectorHost is the connector's old Composer repository,
// decommissioned from connector 4.3.0 (domain.md §2, setup tutorial
// "Repository change").
const LegacyConnectorHost = "mcom-connector.bcn.magento.com"

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS301", Name: "legacy-composer-repository", Severity: linter.Warning,
		Summary: "composer.json or auth.json still names the decommissioned repository mcom-connector.bcn.magento.com.",
		Check: func(c *linter.Context) {
			p := c.Project
			if root := p.ComposerJSONDoc().Root(); root != nil {
				repos := root.Get("repositories")
				type entry struct {
					key  string
					node *jsonpos.Node
				}
				var entries []entry
				switch {
				case repos == nil:
				case repos.Kind == jsonpos.KindArray:
					for i, e := range repos.Elems {
						entries = append(entries, entry{strconv.Itoa(i), e})
					}
				case repos.Kind == jsonpos.KindObject:
					for _, m := range repos.Members {
						entries = append(entries, entry{m.Key, m.Value})
					}
				}
				for _, e := range entries {
					if r, ok := findLegacyHost(e.node); ok {
						c.Report(p.ComposerJSON.Path, p.ComposerJSONDoc().Span(r), "repositories."+e.key,
							"composer.json still lists the repository %s, decommissioned from connector 4.3.0: "+
								"the connector now comes from repo.magento.com and the old host no longer serves it", LegacyConnectorHost)
					}
				}
			}
			if root := p.AuthJSONDoc().Root(); root != nil {
				// http-basic (and any other per-host credential section:
				// bearer, …) keyed by host.
				for _, sec := range root.Members {
					if sec.Value.Kind != jsonpos.KindObject {
						continue
					}
					for _, m := range sec.Value.Members {
						if containsLegacyHost(m.Key) {
							c.Report(p.AuthJSON.Path, p.AuthJSONDoc().Span(m.KeyRange), sec.Key+"."+m.Key,
								"auth.json still holds credentials for %s, decommissioned from connector 4.3.0", LegacyConnectorHost)
						}
					}
				}
			}
		},
	})
}

// containsLegacyHost reports whether s names the legacy host (or a host
// under it) as a whole host name: 'https://mcom-connector.bcn.magento.com/',
// 'mcom-connector.bcn.magento.com:443', an auth.json key; not a longer
// name that merely contains it ('notmcom-connector.bcn.magento.com',
// 'mcom-connector.bcn.magento.com.example.net').
func containsLegacyHost(s string) bool {
	l := strings.ToLower(s)
	for off := 0; ; {
		i := strings.Index(l[off:], LegacyConnectorHost)
		if i < 0 {
			return false
		}
		start, end := off+i, off+i+len(LegacyConnectorHost)
		off = start + 1
		if start > 0 && hostChar(l[start-1]) {
			continue
		}
		if end < len(l) && (hostChar(l[end]) || l[end] == '.' && end+1 < len(l) && hostChar(l[end+1])) {
			continue
		}
		return true
	}
}

// hostChar: a letter, digit or '-', which continue a host name's label.
func hostChar(b byte) bool {
	return 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-'
}

// findLegacyHost finds the first string value (or object key) inside a
// repositories entry that names the legacy host: normally the "url" value.
func findLegacyHost(n *jsonpos.Node) (phpconf.Range, bool) {
	if n == nil {
		return phpconf.Range{}, false
	}
	switch n.Kind {
	case jsonpos.KindString:
		if containsLegacyHost(n.Str) {
			return n.Range, true
		}
	case jsonpos.KindArray:
		for _, e := range n.Elems {
			if sp, ok := findLegacyHost(e); ok {
				return sp, true
			}
		}
	case jsonpos.KindObject:
		// "url" first: it is what composer reads.
		if sp, ok := findLegacyHost(n.Get("url")); ok {
			return sp, true
		}
		for _, m := range n.Members {
			if containsLegacyHost(m.Key) {
				return m.KeyRange, true
			}
			if sp, ok := findLegacyHost(m.Value); ok {
				return sp, true
			}
		}
	}
	return phpconf.Range{}, false
}
