package generator

import (
	"net/url"
	"strings"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/linter/rules"
)

// urlFaults says, in the generator's words, why it refuses a URL that a
// URL rule would report (rules.URLFault decides; the generator only words
// it).
var urlFaults = map[string]string{
	"OMS110": "not an absolute http(s) URL with a host (OMS110)",
	"OMS114": "embeds user:password@ (OMS114): credentials belong in the OAuth keys",
	"OMS115": "has a ?query or #fragment (OMS115)",
	"OMS112": "must end with '/' (OMS112): the connector appends relative paths such as delegate/oms",
	"OMS111": "http:// to a production host (OMS111): credentials and orders would travel in clear; use https://",
}

// checkValue refuses a value that the linter would report as an error or a
// warning on the generated block (OMS107, OMS108, OMS110, OMS111, OMS112,
// OMS114, OMS115), so that whatever generate prints lints clean: it asks
// the rules' own predicates (rules.IsPlaceholder, rules.URLFault). It
// returns "" when the value is fine. It never quotes the value.
func checkValue(phpKey, v string) string {
	if strings.TrimSpace(v) == "" {
		return "empty (OMS107)"
	}
	if rules.IsPlaceholder(v) {
		return "looks like a template placeholder, not a real value (OMS108)"
	}
	if k := connector.Lookup(phpKey); k == nil || !k.URL {
		return ""
	}
	if id := rules.URLFault(v); id != "" {
		return urlFaults[id]
	}
	return ""
}

// hostNote says when a URL points at a mock or private host (OMS113,
// rules.NonProductionHost: a warning, an error for a production profile).
func hostNote(phpKey, v string, env *config.Environment) string {
	if k := connector.Lookup(phpKey); k == nil || !k.URL {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil {
		return ""
	}
	if _, np := rules.NonProductionHost(u.Hostname()); !np {
		return ""
	}
	kind := "this environment"
	if env != nil && env.Kind != "" {
		kind = "a " + env.Kind + " profile"
	}
	return "host is a mock, loopback or private host (OMS113), unusual for " + kind
}
