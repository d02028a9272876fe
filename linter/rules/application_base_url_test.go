package rules_test

import (
	"strings"
	"testing"
)

// base adds application_base_url (line 12, value at column 35) to the clean block.
func base(v string) string {
	return block(lURL, lOAuth, lID, lCSec, lApp, lSecret, lSecure, "        'application_base_url' => "+v)
}

const atBase = "12:35 serviceBus.application_base_url "

// application_base_url is the eighth, optional key (domain.md §9): known to
// OMS105, never missing for OMS104, and checked by the URL rules.
func TestApplicationBaseURL(t *testing.T) {
	runCases(t, "OMS104", []ruleCase{{name: "absent is fine", src: clean}})
	runCases(t, "OMS105", []ruleCase{{name: "known key", src: base("'https://shop.acme-retail.com/'")}})
	runCases(t, "OMS106", []ruleCase{{name: "not a string", src: base("42"), want: []string{atBase + "error"}}})
	runCases(t, "OMS110", []ruleCase{
		{name: "https public", src: base("'https://shop.acme-retail.com/'")},
		{name: "no scheme", src: base("'shop.acme-retail.com/'"), want: []string{atBase + "error"}},
	})
	// The bus calls back to this URL: the messages say so, not what they
	// say of the bus's own URLs.
	runCases(t, "OMS111", []ruleCase{{name: "http public", src: base("'http://shop.acme-retail.com/'"), want: []string{atBase + "error"},
		msg: "the bus's callbacks to Magento (order updates, shipments, stock, signed with the shared secret) would travel unencrypted"}})
	runCases(t, "OMS112", []ruleCase{{name: "no slash", src: base("'https://shop.acme-retail.com'"), want: []string{atBase + "warning"},
		fixed: base("'https://shop.acme-retail.com/'")}})
	runCases(t, "OMS113", []ruleCase{{name: "private host", src: base("'https://magento.local/'"), want: []string{atBase + "warning"},
		msg: "the bus cannot call back a development host; expected Magento's public base URL"}})
	for _, f := range lint(t, base("'http://10.0.0.8/'")) {
		if strings.Contains(f.Message, "MIB host") || strings.Contains(f.Message, "OAuth client secret") {
			t.Errorf("%s speaks of the bus's URLs for Magento's callback URL: %s", f.Rule, f.Message)
		}
	}
}
