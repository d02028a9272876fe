// Package doctor runs the online checks of `omslint doctor`: whether the
// effective serviceBus settings of a Magento checkout actually connect
// (DNS, TCP, TLS, the OAuth token, the bus, the callback URL and the stock
// aggregates of a profile). It changes nothing and sends no message: the
// only requests are the token request, one OPTIONS to the bus, one OPTIONS
// to the callback URL and the read-only inventory query (docs/doctor.md).
//
// The checks have IDs of their own family (OMS7xx). They are not linter
// rules: they cannot be configured in .omslint.yaml and never appear in a
// lint report, but `omslint rules` lists them marked "doctor" and
// `omslint explain` prints their pages (docs/rules/OMS7xx.md).
package doctor

import "strings"

// Check describes one doctor check.
type Check struct {
	ID, Name string
	// Summary is one line for `omslint rules`.
	Summary string
}

// The check IDs.
const (
	IDDNS        = "OMS701"
	IDTCP        = "OMS702"
	IDTLS        = "OMS703"
	IDCertExpiry = "OMS704"
	IDOAuth      = "OMS705"
	IDBus        = "OMS706"
	IDCallback   = "OMS707"
	IDAggregates = "OMS708"
)

var checks = []Check{
	{IDDNS, "dns", "The host of url and oauth_server_url resolves in DNS."},
	{IDTCP, "tcp", "A TCP connection to the host and port of url and oauth_server_url opens."},
	{IDTLS, "tls", "The TLS certificate chain is trusted and the certificate names the host."},
	{IDCertExpiry, "certificate-expiry", "No certificate the server presents has expired or expires within 14 days."},
	{IDOAuth, "oauth-token", "The OAuth server issues a token for oauth_client_id and oauth_client_secret."},
	{IDBus, "bus-reachable", "The bus answers at url when called with the token."},
	{IDCallback, "callback-probe", "Magento's callback URL answers OPTIONS with the X-Magento-Service-Bus header (--callback)."},
	{IDAggregates, "stock-aggregates", "Every stock aggregate of the profile's sales channels has a source in OMS (--env)."},
}

// Checks lists the doctor checks in the order they run.
func Checks() []Check { return append([]Check(nil), checks...) }

// Lookup finds a check by ID (OMS705, case-insensitive) or name
// (oauth-token); nil when there is none.
func Lookup(idOrName string) *Check {
	for i := range checks {
		if strings.EqualFold(checks[i].ID, idOrName) || checks[i].Name == idOrName {
			c := checks[i]
			return &c
		}
	}
	return nil
}

func checkName(id string) string {
	if c := Lookup(id); c != nil {
		return c.Name
	}
	return ""
}
