package rules_test

import "testing"

func TestOMS105(t *testing.T) {
	runCases(t, "OMS105", []ruleCase{
		{name: "clean", src: clean},
		{name: "typo of a missing key: rename", src: with(map[string]string{"url": "        'ulr' => 'https://mib.acme-retail.com/'"}),
			want: []string{"5:9 serviceBus.ulr warning"}, msg: "did you mean 'url'?", fixed: clean},
		{name: "camel case", src: with(map[string]string{"oauth_client_id": "        'oauthClientId' => 'acme-store'"}),
			want: []string{"7:9 serviceBus.oauthClientId warning"}, fixed: clean},
		{name: "upper case, double quotes", src: with(map[string]string{"url": "        \"URL\" => 'https://mib.acme-retail.com/'"}),
			want: []string{"5:9 serviceBus.URL warning"}, fixed: with(map[string]string{"url": "        \"url\" => 'https://mib.acme-retail.com/'"})},
		{name: "extra key, far from any: no fix", src: block(lURL, lOAuth, lID, lCSec, lApp, lSecret, lSecure, "        'timeout' => 30"),
			want: []string{"12:9 serviceBus.timeout warning"}, msg: "nearest known key"},
		{name: "near a present key: no fix", src: block(lURL, lOAuth, lID, lCSec, lApp, lSecret, lSecure, "        'urls' => 'x'"),
			want: []string{"12:9 serviceBus.urls warning"}, msg: "nearest known key: 'url'"},
		{name: "two typos of one key: no fix", src: block(lOAuth, lID, lCSec, lApp, lSecret, lSecure, "        'ulr' => 'x'", "        'rul' => 'y'"),
			want: []string{"11:9 serviceBus.ulr warning", "12:9 serviceBus.rul warning"}, fixed: block(lOAuth, lID, lCSec, lApp, lSecret, lSecure, "        'ulr' => 'x'", "        'rul' => 'y'")},
		{name: "value without key", src: block(lURL, lOAuth, lID, lCSec, lApp, lSecret, lSecure, "        'stray'"),
			want: []string{"12:9 serviceBus.0 warning"}},
		{name: "dynamic key is OMS004", src: block(lURL, lOAuth, lID, lCSec, lApp, lSecret, lSecure, "        FOO => 1")},
		{name: "misspelled block is not read", src: "<?php\nreturn ['service_bus' => ['foo' => 1]];\n"},
	})
}
