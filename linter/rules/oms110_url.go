package rules

// The URL rules, OMS110-OMS115, on serviceBus.url and
// serviceBus.oauth_server_url. They share one parse: a value that is not a
// usable URL (OMS110) is not checked by the others, so one fault gives one
// finding. Empty values (OMS107), placeholders (OMS108) and expressions
// (OMS004) are not URLs to check.

import (
	"errors"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

const urlExpect = "expected an absolute https URL ending with '/'"

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS110", Name: "url-invalid", Severity: linter.Error,
		Summary: "url or oauth_server_url is not an absolute http(s) URL with a host.",
		Check: func(c *linter.Context) {
			forEachURLString(c, func(el *effective.Entry, s string) {
				if _, why := parseServiceURL(s); why != "" {
					c.ReportEntry(el, "'%s' is not a valid URL: %s; %s", el.Path(), why, urlExpect)
				}
			})
		},
	})
	linter.Register(&linter.Rule{
		ID: "OMS111", Name: "url-insecure", Severity: linter.Error,
		Summary: "url or oauth_server_url uses http:// to a host that is neither loopback nor a known non-production host: credentials and orders travel in clear.",
		Check: func(c *linter.Context) {
			forEachURL(c, func(el *effective.Entry, u *url.URL) {
				if !insecureURL(u) {
					return
				}
				c.ReportEntry(el, "'%s' uses http:// to '%s': %s would travel unencrypted; %s",
					el.Path(), u.Hostname(), linter.Plain(urlTraffic(el.Key)), urlExpect)
			})
		},
	})
	linter.Register(&linter.Rule{
		ID: "OMS112", Name: "url-trailing-slash", Severity: linter.Warning, Fixable: true,
		Summary: "url or oauth_server_url does not end with '/': the connector appends relative paths to it.",
		Check: func(c *linter.Context) {
			forEachURL(c, func(el *effective.Entry, u *url.URL) {
				if !missingSlash(u) {
					return
				}
				p := u.EscapedPath()
				tail := "delegate/oms"
				switch el.Key {
				case "oauth_server_url":
					tail = "oauth/token"
				case "application_base_url":
					tail = "rest/V1/servicebus"
				}
				joined := u.Host + p + tail
				f := c.ReportEntry(el, "'%s' does not end with '/': the connector appends '%s' to it and would request '%s'; %s",
					el.Path(), tail, joined, urlExpect)
				if !el.Literal() {
					return // a value from the environment: fixed where it is set
				}
				v := el.Value
				raw := entryTree(el).Raw(v.Range)
				if u.RawQuery != "" || u.ForceQuery || strings.Contains(v.Str, "#") || v.Quote == 0 ||
					len(raw) < 2 || raw[len(raw)-1] != v.Quote {
					return // OMS115 first: a '/' after the query would be wrong
				}
				at := int(v.Range.End) - 1
				f.Fix = &linter.Fix{
					Description: "append '/' to " + el.Path(),
					Edits:       []phpconf.Edit{{Start: at, End: at, Text: "/"}},
				}
			})
		},
	})
	linter.Register(&linter.Rule{
		ID: "OMS113", Name: "url-non-production-host", Severity: linter.Warning,
		Summary: "url or oauth_server_url points at a loopback, private-range, mock or development host (an error when the selected environment is production).",
		Check: func(c *linter.Context) {
			forEachURL(c, func(el *effective.Entry, u *url.URL) {
				what, np := NonProductionHost(u.Hostname())
				if !np {
					return
				}
				expect := "expected the production MIB host issued to the merchant"
				if el.Key == callbackURLKey {
					expect = "the bus cannot call back a development host; expected Magento's public base URL"
				}
				f := c.ReportEntry(el, "'%s' points at '%s', %s; %s",
					el.Path(), u.Hostname(), linter.Plain(what), linter.Plain(expect))
				if c.EnvKind == "production" {
					f.Severity = linter.Error
				}
			})
		},
	})
	linter.Register(&linter.Rule{
		ID: "OMS114", Name: "url-userinfo", Severity: linter.Error,
		Summary: "url or oauth_server_url embeds user:password@ credentials.",
		Check: func(c *linter.Context) {
			forEachURL(c, func(el *effective.Entry, u *url.URL) {
				if !hasUserinfo(u) {
					return
				}
				// Never name the user info: it may hold a password.
				c.ReportEntry(el, "'%s' embeds credentials (user:password@) in the URL, where every log and error message shows them; %s without credentials (the connector authenticates with OAuth)",
					el.Path(), urlExpect)
			})
		},
	})
	linter.Register(&linter.Rule{
		ID: "OMS115", Name: "url-query-fragment", Severity: linter.Warning,
		Summary: "url or oauth_server_url has a ?query or #fragment, which ends up in the middle of the URLs the connector builds.",
		Check: func(c *linter.Context) {
			forEachURL(c, func(el *effective.Entry, u *url.URL) {
				var parts []string
				query, fragment := queryFragment(u, el.Value.Str)
				if query {
					parts = append(parts, "a ?query")
				}
				if fragment {
					parts = append(parts, "a #fragment")
				}
				if len(parts) == 0 {
					return
				}
				c.ReportEntry(el, "'%s' has %s: the connector appends paths to the URL, so they would land after it; %s, without query or fragment",
					el.Path(), strings.Join(parts, " and "), urlExpect)
			})
		},
	})
}

// callbackURLKey is the one URL key that is Magento's own address (the
// bus calls back to it, domain.md §9), not an address of the bus.
const callbackURLKey = "application_base_url"

// urlTraffic says what travels to a URL key's host, for OMS111.
func urlTraffic(key string) string {
	if key == callbackURLKey {
		return "the bus's callbacks to Magento (order updates, shipments, stock, signed with the shared secret)"
	}
	return "the OAuth client secret, orders and stock messages"
}

// URLFault returns the ID of the first URL rule a serviceBus URL value s
// breaks, in the order OMS110, OMS114, OMS115, OMS112, OMS111, or "" when
// it breaks none. It asks the rules' own predicates, so what the generator
// accepts through it lints clean (OMS113, a warning, is NonProductionHost).
func URLFault(s string) string {
	u, why := parseServiceURL(s)
	switch {
	case why != "":
		return "OMS110"
	case hasUserinfo(u):
		return "OMS114"
	}
	if q, f := queryFragment(u, s); q || f {
		return "OMS115"
	}
	switch {
	case missingSlash(u):
		return "OMS112"
	case insecureURL(u):
		return "OMS111"
	}
	return ""
}

// insecureURL: http:// to a host that is not a development one (OMS111).
func insecureURL(u *url.URL) bool {
	_, np := NonProductionHost(u.Hostname())
	return strings.ToLower(u.Scheme) == "http" && !np
}

// missingSlash: the path does not end with '/' (OMS112).
func missingSlash(u *url.URL) bool { return !strings.HasSuffix(u.EscapedPath(), "/") }

// hasUserinfo: user:password@ in the URL (OMS114).
func hasUserinfo(u *url.URL) bool { return u.User != nil }

// queryFragment says whether the URL s (parsed as u) has a ?query and a
// #fragment (OMS115).
func queryFragment(u *url.URL, s string) (query, fragment bool) {
	return u.RawQuery != "" || u.ForceQuery, strings.Contains(s, "#")
}

// forEachURLString calls fn for each URL key holding a usable string
// (sbString: not empty, not a placeholder), in connector.Keys order.
func forEachURLString(c *linter.Context, fn func(el *effective.Entry, s string)) {
	for _, k := range connector.Keys {
		if k.URL {
			if el, s := sbString(c, k.PHP); el != nil {
				fn(el, s)
			}
		}
	}
}

// forEachURL calls fn for each URL key holding a valid URL (see OMS110).
func forEachURL(c *linter.Context, fn func(el *effective.Entry, u *url.URL)) {
	forEachURLString(c, func(el *effective.Entry, s string) {
		if u, why := parseServiceURL(s); why == "" {
			fn(el, u)
		}
	})
}

// parseServiceURL parses an absolute http(s) URL with a host; why says
// what is wrong otherwise.
func parseServiceURL(s string) (*url.URL, string) {
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return nil, "it contains white space"
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, urlParseWhy(s, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return nil, "it has no scheme (https://)"
	default:
		return nil, "the scheme '" + u.Scheme + "' is not http or https"
	}
	if u.Opaque != "" || u.Hostname() == "" {
		return nil, "it has no host"
	}
	// url.Parse checks only that the port is digits; no connection can
	// be made to port 0 or above 65535 (PHP's parse_url refuses them too).
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return nil, "its port " + p + " is not between 1 and 65535"
		}
	}
	return u, ""
}

// urlParseWhy says in omslint's words what url.Parse found wrong with s.
// Go's error text quotes the offending part of the URL (invalid port
// ":p/ss" is the tail of a password holding '/'), so it is never shown.
func urlParseWhy(s string, err error) string {
	var ee url.EscapeError
	if errors.As(err, &ee) {
		return "it holds a '%' that does not start a %XX escape"
	}
	var he url.InvalidHostError
	if errors.As(err, &he) {
		return "its host holds a character a host name cannot have"
	}
	msg := err.Error()
	credentials := ""
	if strings.Contains(s, "@") {
		credentials = " (a password holding '/', '?', '#' or '@' must be percent-encoded)"
	}
	switch {
	case strings.Contains(msg, "invalid port"):
		return "what follows the host's ':' is not a port number" + credentials
	case strings.Contains(msg, "invalid userinfo"):
		return "its user info (user:password@) holds a character that must be percent-encoded"
	case strings.Contains(msg, "missing protocol scheme"), strings.Contains(msg, "first path segment in URL cannot contain colon"):
		return "it has no scheme (https://)"
	case strings.Contains(msg, "control character"):
		return "it holds a control character"
	}
	return "it cannot be read as a URL" + credentials
}

// mockHosts are host names of the public OMS mocks (domain.md §1).
var mockHosts = map[string]bool{"mom.test": true, "mom-mock.loc": true, "fake-mom-api": true}

// devSuffixes are domains used only for development and testing
// (.test, .example, .invalid, .localhost: RFC 2606 / RFC 6761; .local:
// mDNS; .loc: a common local convention, used by mom-mock).
var devSuffixes = []string{".test", ".loc", ".local", ".localhost", ".example", ".invalid"}

// NonProductionHost reports whether a host can only be a development or
// test system, and says why (OMS111 lets http:// to it pass, OMS113 warns;
// the generator asks the same).
func NonProductionHost(host string) (string, bool) {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if ip, err := netip.ParseAddr(h); err == nil {
		ip = ip.Unmap()
		switch {
		case ip.IsLoopback():
			return "a loopback address", true
		case ip.IsPrivate():
			return "a private-range IP address", true
		case ip.IsLinkLocalUnicast():
			return "a link-local IP address", true
		case ip.IsUnspecified():
			return "the unspecified IP address", true
		}
		return "", false
	}
	switch {
	case h == "localhost":
		return "the loopback host", true
	case mockHosts[h]:
		return "a known OMS mock host", true
	}
	for _, suf := range devSuffixes {
		if strings.HasSuffix(h, suf) || h == suf[1:] {
			return "a host under '" + suf + "', a domain used only for development and testing", true
		}
	}
	return "", false
}
