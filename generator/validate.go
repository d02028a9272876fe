package generator

import (
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/linter/rules"

	"github.com/omslint/omslint/config"
	"net"
	"net/url"
	"strings"
)

// checkValue refuses a value that the linter would report as an error or a
// warning on the generated block (OMS107, OMS108, OMS110, OMS111, OMS112,
// OMS114, OMS115), so that whatever generate prints lints clean. It returns
// "" when the value is fine. It never quotes the value.
func checkValue(phpKey, v string) string {
	if strings.TrimSpace(v) == "" {
		return "empty (OMS107)"
	}
	if isPlaceholder(v) {
		return "looks like a template placeholder, not a real value (OMS108)"
	}
	if k := connector.Lookup(phpKey); k == nil || !k.URL {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" {
		return "not an absolute http(s) URL with a host (OMS110)"
	}
	if u.User != nil {
		return "embeds user:password@ (OMS114): credentials belong in the OAuth keys"
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.ContainsAny(v, "?#") {
		return "has a ?query or #fragment (OMS115)"
	}
	if !strings.HasSuffix(u.Path, "/") {
		return "must end with '/' (OMS112): the connector appends relative paths such as delegate/oms"
	}
	if u.Scheme == "http" && !NonProductionHost(u.Hostname()) {
		return "http:// to a production host (OMS111): credentials and orders would travel in clear; use https://"
	}
	return ""
}

// isPlaceholder is OMS108's own trigger, so what the generator accepts
// never lints as a placeholder.
func isPlaceholder(v string) bool { return rules.IsPlaceholder(v) }

var nonProdSuffixes = []string{".test", ".loc", ".local", ".localhost", ".example", ".invalid"}

// NonProductionHost follows OMS113's trigger: loopback, a private-range IP,
// a known mock, or a reserved/local top-level domain.
func NonProductionHost(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	switch h {
	case "localhost", "mom.test", "mom-mock.loc", "fake-mom-api":
		return true
	}
	for _, s := range nonProdSuffixes {
		if strings.HasSuffix(h, s) {
			return true
		}
	}
	if ip := net.ParseIP(h); ip != nil {
		return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified()
	}
	return false
}

// hostNote says when a URL points at a mock or private host (OMS113: a
// warning, an error for a production profile).
func hostNote(phpKey, v string, env *config.Environment) string {
	if k := connector.Lookup(phpKey); k == nil || !k.URL {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || !NonProductionHost(u.Hostname()) {
		return ""
	}
	kind := "this environment"
	if env != nil && env.Kind != "" {
		kind = "a " + env.Kind + " profile"
	}
	return "host is a mock, loopback or private host (OMS113), unusual for " + kind
}
