package rules_test

import "testing"

func sec(v string) string { return with(map[string]string{"secret": "        'secret' => " + v}) }
func csec(v string) string {
	return with(map[string]string{"oauth_client_secret": "        'oauth_client_secret' => " + v})
}

func TestOMS120(t *testing.T) {
	runCases(t, "OMS120", []ruleCase{
		{name: "clean", src: clean},
		{name: "short", src: sec("'s3cr3t-Value-0001'"), want: []string{"10:21 serviceBus.secret warning"}, msg: "shorter than 32 characters"},
		{name: "mock", src: sec("'mom'"), want: []string{"10:21 serviceBus.secret warning"}},
		{name: "one character", src: sec("'" + repeat("a", 40) + "'"), want: []string{"10:21 serviceBus.secret warning"}, msg: "repeats a single character"},
		{name: "exactly 32", src: sec("'e3b0c44298fc1c149afbf4c8996fb924'")},
		{name: "32 characters, multibyte", src: sec("'" + repeat("é", 31) + "x'")},
		{name: "client secret is not checked", src: csec("'short'")},
		{name: "empty is OMS107", src: sec("''")},
		{name: "placeholder is OMS108", src: sec("'changeme'")},
		{name: "expression is OMS004", src: sec("getenv('OMS_SECRET')")},
	})
}

func TestOMS121(t *testing.T) {
	const same = "'Cl1ent-S3cret-0002'"
	runCases(t, "OMS121", []ruleCase{
		{name: "clean", src: clean},
		{name: "secret = client secret", src: sec(same), want: []string{"10:21 serviceBus.secret warning"}, msg: "the same as 'oauth_client_secret'"},
		{name: "secret = client id", src: sec("'acme-store'"), want: []string{"10:21 serviceBus.secret warning"}, msg: "the same as 'oauth_client_id'"},
		{name: "client secret = client id", src: csec("'acme-store'"), want: []string{"8:34 serviceBus.oauth_client_secret warning"}},
		{name: "all three the same (mom-mock)", src: with(map[string]string{
			"oauth_client_id": "        'oauth_client_id' => 'mom'", "oauth_client_secret": "        'oauth_client_secret' => 'mom'", "secret": "        'secret' => 'mom'"}),
			want: []string{"8:34 serviceBus.oauth_client_secret warning", "10:21 serviceBus.secret warning"}},
		{name: "expression not compared", src: with(map[string]string{
			"oauth_client_secret": "        'oauth_client_secret' => getenv('X')", "secret": "        'secret' => getenv('X')"})},
		{name: "empty not compared", src: with(map[string]string{
			"oauth_client_secret": "        'oauth_client_secret' => ''", "secret": "        'secret' => ''"})},
	})
}

func TestOMS122(t *testing.T) {
	se := func(v string) string {
		return with(map[string]string{"secure_endpoint": "        'secure_endpoint' => " + v})
	}
	runCases(t, "OMS122", []ruleCase{
		{name: "clean", src: clean},
		{name: "false", src: se("false"), want: []string{"11:30 serviceBus.secure_endpoint warning"}},
		{name: "FALSE", src: se("FALSE"), want: []string{"11:30 serviceBus.secure_endpoint warning"}},
		{name: "string 'false' is OMS106", src: se("'false'")},
		{name: "0 is OMS106", src: se("0")},
	})
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}
