package rules_test

import (
	"strings"
	"testing"
)

func TestOMS104(t *testing.T) {
	runCases(t, "OMS104", []ruleCase{
		{name: "clean", src: clean},
		{name: "url missing", src: with(map[string]string{"url": ""}), want: []string{"4:5 serviceBus.url error"}, msg: "no 'url' key"},
		{name: "secret missing", src: with(map[string]string{"secret": ""}), want: []string{"4:5 serviceBus.secret error"}},
		{name: "secure_endpoint missing: warning, fix", src: with(map[string]string{"secure_endpoint": ""}),
			want: []string{"4:5 serviceBus.secure_endpoint warning"}, fixed: clean},
		{name: "empty block: seven findings", src: "<?php\nreturn [\n    'serviceBus' => []\n];\n",
			// Same place: sorted by message.
			want: []string{"3:5 serviceBus.application_id error", "3:5 serviceBus.oauth_client_id error", "3:5 serviceBus.oauth_client_secret error",
				"3:5 serviceBus.oauth_server_url error", "3:5 serviceBus.secret error", "3:5 serviceBus.secure_endpoint warning",
				"3:5 serviceBus.url error"},
			fixed: "<?php\nreturn [\n    'serviceBus' => [\n        'secure_endpoint' => true\n    ]\n];\n"},
		{name: "not an array", src: "<?php\nreturn [\n    'serviceBus' => 'x'\n];\n"},
		{name: "no block", src: "<?php\nreturn [];\n"},
		{name: "dynamic key: unknown which is missing", src: with(map[string]string{"url": "        URL_KEY => 'https://mib.acme-retail.com/'"})},
		{name: "typo renamed by OMS105, no insert", src: with(map[string]string{"secure_endpoint": "        'secure_endpiont' => true"}),
			want: []string{"4:5 serviceBus.secure_endpoint warning"}, fixed: with(map[string]string{"secure_endpoint": "        'secure_endpiont' => true"})},
	})
}

// The inserted element follows the layout of the block.
func TestOMS104InsertStyle(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"modern", "<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://mib.acme-retail.com/'\n    ]\n];\n",
			"<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://mib.acme-retail.com/',\n        'secure_endpoint' => true\n    ]\n];\n"},
		{"var_export", "<?php\nreturn array (\n  'serviceBus' => \n  array (\n    'url' => 'https://mib.acme-retail.com/',\n  ),\n);\n",
			"<?php\nreturn array (\n  'serviceBus' => \n  array (\n    'url' => 'https://mib.acme-retail.com/',\n    'secure_endpoint' => true,\n  ),\n);\n"},
		{"tabs, double quotes, CRLF", "<?php\r\nreturn [\r\n\t\"serviceBus\" => [\r\n\t\t\"url\"=>\"https://mib.acme-retail.com/\"\r\n\t]\r\n];\r\n",
			"<?php\r\nreturn [\r\n\t\"serviceBus\" => [\r\n\t\t\"url\"=>\"https://mib.acme-retail.com/\",\r\n\t\t\"secure_endpoint\"=>true\r\n\t]\r\n];\r\n"},
		{"trailing comment", "<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://mib.acme-retail.com/' // MIB\n    ]\n];\n",
			"<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://mib.acme-retail.com/', // MIB\n        'secure_endpoint' => true\n    ]\n];\n"},
		{"trailing comma and comment", "<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://mib.acme-retail.com/', # MIB\n    ],\n];\n",
			"<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://mib.acme-retail.com/', # MIB\n        'secure_endpoint' => true,\n    ],\n];\n"},
		{"one line", "<?php\nreturn ['serviceBus' => ['url' => 'https://mib.acme-retail.com/']];\n",
			"<?php\nreturn ['serviceBus' => ['url' => 'https://mib.acme-retail.com/', 'secure_endpoint' => true]];\n"},
		{"empty long array", "<?php\nreturn array (\n  'serviceBus' => \n  array (\n  ),\n);\n",
			"<?php\nreturn array (\n  'serviceBus' => \n  array (\n    'secure_endpoint' => true,\n  ),\n);\n"},
		{"close on the last line", "<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://mib.acme-retail.com/']\n];\n",
			// The closing bracket shares the last element's line: the new
			// element joins that line (phpconf.InsertElement's rule).
			"<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://mib.acme-retail.com/', 'secure_endpoint' => true]\n];\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var fs = only(lint(t, tc.src), "OMS104")
			var fix = fs[:0:0]
			for _, f := range fs {
				if strings.HasSuffix(f.Key, "secure_endpoint") {
					fix = append(fix, f)
				}
			}
			if got := applyFixes(t, tc.src, fix); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}
