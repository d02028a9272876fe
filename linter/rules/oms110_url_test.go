package rules_test

import (
	"strings"
	"testing"
)

// u sets url (line 5, value at column 18).
func u(v string) string { return with(map[string]string{"url": "        'url' => " + v}) }

// o sets oauth_server_url (line 6, value at column 31).
func o(v string) string {
	return with(map[string]string{"oauth_server_url": "        'oauth_server_url' => " + v})
}

const (
	atURL   = "5:18 serviceBus.url "
	atOAuth = "6:31 serviceBus.oauth_server_url "
)

func TestOMS110(t *testing.T) {
	runCases(t, "OMS110", []ruleCase{
		{name: "clean", src: clean},
		{name: "no scheme", src: u("'mib.acme-retail.com/'"), want: []string{atURL + "error"}, msg: "no scheme"},
		{name: "ftp", src: o("'ftp://oauth.acme-retail.com/'"), want: []string{atOAuth + "error"}, msg: "expected an absolute https URL ending with '/'"},
		{name: "no host", src: u("'https:///api/'"), want: []string{atURL + "error"}, msg: "no host"},
		{name: "opaque", src: u("'https:mib.acme-retail.com/'"), want: []string{atURL + "error"}},
		{name: "scheme-relative", src: u("'//mib.acme-retail.com/'"), want: []string{atURL + "error"}},
		{name: "white space", src: u("' https://mib.acme-retail.com/'"), want: []string{atURL + "error"}, msg: "white space"},
		{name: "bad port", src: u("'https://mib.acme-retail.com:port/'"), want: []string{atURL + "error"}},
		{name: "port above 65535", src: u("'https://mib.acme-retail.com:99999/'"), want: []string{atURL + "error"}, msg: "its port 99999 is not between 1 and 65535"},
		{name: "port 0", src: o("'https://oauth.acme-retail.com:0/'"), want: []string{atOAuth + "error"}, msg: "its port 0 is not"},
		{name: "port 65535 is fine", src: u("'https://mib.acme-retail.com:65535/'")},
		{name: "empty port is the default one", src: u("'https://mib.acme-retail.com:/'")},
		{name: "upper-case scheme is fine", src: u("'HTTPS://mib.acme-retail.com/'")},
		{name: "port and path are fine", src: u("'https://mib.acme-retail.com:8443/mib/'")},
		{name: "IPv6 host", src: u("'https://[2001:db8::1]/'")},
		{name: "empty is OMS107", src: u("''")},
		{name: "other keys are not URLs", src: with(map[string]string{"application_id": "        'application_id' => 'not a url'"})},
	})
	// An invalid URL gives one finding, not OMS111-OMS115 too.
	for _, f := range lint(t, u("'ftp://user:pw@127.0.0.1/x?y#z'")) {
		if f.Rule != "OMS110" {
			t.Errorf("unexpected %s: %s", f.Rule, f.Message)
		}
	}
}

func TestOMS111(t *testing.T) {
	runCases(t, "OMS111", []ruleCase{
		{name: "clean", src: clean},
		{name: "http public", src: u("'http://mib.acme-retail.com/'"), want: []string{atURL + "error"}, msg: "'mib.acme-retail.com'"},
		{name: "http public oauth", src: o("'http://oauth.acme-retail.com/'"), want: []string{atOAuth + "error"}},
		{name: "http public IP", src: u("'http://203.0.113.7/'"), want: []string{atURL + "error"}},
		{name: "upper-case HTTP", src: u("'HTTP://mib.acme-retail.com/'"), want: []string{atURL + "error"}},
		{name: "http mock", src: u("'http://mom-mock.loc/'")},
		{name: "http localhost", src: u("'http://localhost:8080/'")},
		{name: "http loopback", src: u("'http://127.0.0.1/'")},
		{name: "http IPv6 loopback", src: u("'http://[::1]/'")},
		{name: "http private", src: u("'http://10.0.3.4/'")},
		{name: "http docker mock", src: u("'http://fake-mom-api:24213/api/'")},
		{name: "https", src: u("'https://mib.acme-retail.com/'")},
	})
}

func TestOMS112(t *testing.T) {
	runCases(t, "OMS112", []ruleCase{
		{name: "clean", src: clean},
		{name: "no path", src: u("'https://mib.acme-retail.com'"), want: []string{atURL + "warning"}, fixed: clean},
		{name: "path without slash", src: o(`"https://oauth.acme-retail.com/oauth2"`), want: []string{atOAuth + "warning"},
			fixed: o(`"https://oauth.acme-retail.com/oauth2/"`), msg: "'oauth.acme-retail.com/oauth2oauth/token'"},
		{name: "with query: no fix", src: u("'https://mib.acme-retail.com/api?x=1'"), want: []string{atURL + "warning"}, fixed: u("'https://mib.acme-retail.com/api?x=1'")},
		{name: "slash before query", src: u("'https://mib.acme-retail.com/api/?x=1'")},
		{name: "escaped backslash at the end", src: u(`'https://mib.acme-retail.com/a\\'`), want: []string{atURL + "warning"}, fixed: u(`'https://mib.acme-retail.com/a\\/'`)},
		{name: "heredoc: no fix", src: u("<<<EOT\nhttps://mib.acme-retail.com\nEOT"), want: []string{atURL + "warning"}, fixed: u("<<<EOT\nhttps://mib.acme-retail.com\nEOT")},
		{name: "invalid is OMS110", src: u("'mib.acme-retail.com'")},
	})
}

func TestOMS113(t *testing.T) {
	fire := []string{"mom.test", "mom-mock.loc", "fake-mom-api:24213", "localhost", "LOCALHOST.", "127.0.0.1", "127.8.9.1", "[::1]", "10.1.2.3",
		"172.16.0.1", "192.168.1.10", "[fd00::1]", "169.254.1.1", "0.0.0.0", "magento.test", "oms.loc", "mib.local", "app.localhost",
		"mib.example", "mib.invalid", "MIB.TEST"}
	quiet := []string{"mib.acme-retail.com", "203.0.113.7", "example.com", "mib.example.com", "172.32.0.1", "testing.com", "local-mib.com", "loc.acme.io"}
	var cases []ruleCase
	cases = append(cases, ruleCase{name: "clean", src: clean})
	for _, h := range fire {
		cases = append(cases, ruleCase{name: "fires on " + h, src: u("'https://" + h + "/'"), want: []string{atURL + "warning"}})
	}
	for _, h := range quiet {
		cases = append(cases, ruleCase{name: "quiet on " + h, src: u("'https://" + h + "/'")})
	}
	cases = append(cases,
		ruleCase{name: "production: error", src: o("'http://mom-mock.loc/'"), env: "production", want: []string{atOAuth + "error"}, msg: "a known OMS mock host"},
		ruleCase{name: "development: warning", src: o("'http://mom-mock.loc/'"), env: "development", want: []string{atOAuth + "warning"}},
	)
	runCases(t, "OMS113", cases)
}

func TestOMS114(t *testing.T) {
	runCases(t, "OMS114", []ruleCase{
		{name: "clean", src: clean},
		{name: "user and password", src: u("'https://acme:s3cr3t-Value-0001@mib.acme-retail.com/'"), want: []string{atURL + "error"}},
		{name: "user only", src: o("'https://acme@oauth.acme-retail.com/'"), want: []string{atOAuth + "error"}},
		{name: "at in path", src: u("'https://mib.acme-retail.com/@acme/'")},
	})
	for _, f := range lint(t, u("'https://acme:s3cr3t-Value-0001@mib.acme-retail.com'")) {
		if strings.Contains(f.Message, "s3cr3t") || strings.Contains(f.Message, "acme:") {
			t.Errorf("%s names the user info: %s", f.Rule, f.Message)
		}
	}
}

// TestOMS110NeverQuotesTheURL: Go's url.Parse errors quote part of the
// URL (invalid port ":p/ss" is a password's tail): OMS110 says what is
// wrong in its own words and names no part of the value.
func TestOMS110NeverQuotesTheURL(t *testing.T) {
	for _, raw := range []string{
		"'https://acme:Pa/ss-Tail-0001@mib.acme-retail.com/'",
		"'https://acme:Pa%zzTail-0001@mib.acme-retail.com/'",
		"'https://acme:Pa^Tail-0001@mib acme/'",
		"'https://mib.acme-retail.com:Tail-0001/'",
		"'https://[Tail-0001/'",
	} {
		fs := lint(t, u(raw))
		got := false
		for _, f := range fs {
			if f.Rule == "OMS110" {
				got = true
			}
			if strings.Contains(f.Message, "Tail") || strings.Contains(f.Message, ":Pa") || strings.Contains(f.Message, "%zz") {
				t.Errorf("%s: %s quotes the URL: %s", raw, f.Rule, f.Message)
			}
		}
		if !got {
			t.Errorf("%s: no OMS110", raw)
		}
	}
}

func TestOMS115(t *testing.T) {
	runCases(t, "OMS115", []ruleCase{
		{name: "clean", src: clean},
		{name: "query", src: u("'https://mib.acme-retail.com/?store=1'"), want: []string{atURL + "warning"}, msg: "a ?query"},
		{name: "empty query", src: u("'https://mib.acme-retail.com/?'"), want: []string{atURL + "warning"}},
		{name: "fragment", src: o("'https://oauth.acme-retail.com/#top'"), want: []string{atOAuth + "warning"}, msg: "a #fragment"},
		{name: "empty fragment", src: o("'https://oauth.acme-retail.com/#'"), want: []string{atOAuth + "warning"}},
		{name: "both", src: u("'https://mib.acme-retail.com/?a=1#b'"), want: []string{atURL + "warning"}, msg: "a ?query and a #fragment"},
	})
}
