package rules

import (
	"crypto/sha256"
	"net/url"
	"strings"
	"sync"

	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

// fleetKeys are the serviceBus keys the cross-root rules compare; the
// secrets among them are kept as digests only.
var fleetKeys = []string{"url", "application_id", "secret", "oauth_client_secret"}

func init() {
	linter.FleetFactsFunc = fleetFacts
}

// fleetKeyPaths interns the key paths of fleet values: every root of a
// fleet names the same few ("serviceBus.url"), and a run of 10,000 roots
// kept 40,000 copies of them to the end.
var fleetKeyPaths sync.Map

func fleetKeyPath(p string) string {
	if v, ok := fleetKeyPaths.Load(p); ok {
		return v.(string)
	}
	v, _ := fleetKeyPaths.LoadOrStore(p, p)
	return v.(string)
}

// fleetFacts is a root's contribution to the OMS6xx rules: the usable
// serviceBus values (what the value rules check: not empty, not a
// placeholder) with their positions, and the selected profile's kind.
func fleetFacts(c *linter.Context) *linter.FleetRoot {
	fr := &linter.FleetRoot{Root: c.Project.Root, Values: map[string]*linter.FleetValue{}}
	if fr.Root == "" && c.Project.Env != nil {
		fr.Root = c.Project.Env.Path
	}
	if p := c.Profile(); p != nil {
		fr.Config = p
		if p.Env != nil {
			fr.Kind, fr.Profile = p.Env.Kind, p.Env.Name
		}
	}
	// A single file other than env.php contributes no values: the
	// env.php of the root around it is context, not input.
	if c.Project.Single() && c.Project.OnlyRole != magento.RoleEnv {
		return fr
	}
	for _, key := range fleetKeys {
		el, s := sbString(c, key)
		if el == nil {
			continue
		}
		// Where the value comes from: config.php, env.php, or the
		// variable that gave it (the effective configuration).
		file, span := linter.OriginSpan(el.Origin)
		// Findings are at the application id and the secrets (OMS601,
		// OMS602); the url only takes part in OMS601's key.
		v := &linter.FleetValue{File: file, Span: span, Key: fleetKeyPath(el.Path()), ContextOnly: key == "url"}
		if connector.Lookup(key).Secret {
			v.Digest = sha256.Sum256([]byte(s))
		} else {
			v.Value = strings.Clone(s) // not a substring that keeps the file alive
		}
		fr.Values[key] = v
	}
	return fr
}

// registrationURL is the MIB URL as a registration key: scheme and host
// lower-cased, default port and user info dropped, the path with one
// trailing slash (OMS112 says the connector wants it), so spellings of one
// bus compare equal. ok is false for a value that is not an absolute URL.
func registrationURL(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	scheme := strings.ToLower(u.Scheme)
	if port == "443" && scheme == "https" || port == "80" && scheme == "http" {
		port = ""
	}
	if port != "" {
		host += ":" + port
	}
	path := strings.TrimRight(u.EscapedPath(), "/") + "/"
	return scheme + "://" + host + path, true
}

// displayURL is a URL for a message: without user info (a password may
// sit there) and without query or fragment.
func displayURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "the MIB URL"
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}
