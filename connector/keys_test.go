package connector

import (
	"strings"
	"testing"
)

func TestOrder(t *testing.T) {
	want := "url, oauth_server_url, oauth_client_id, oauth_client_secret, application_id, secret, secure_endpoint, application_base_url"
	if got := PHPNames(); got != want {
		t.Errorf("order %q, want %q", got, want)
	}
}

func TestTable(t *testing.T) {
	seenPHP, seenYAML := map[string]bool{}, map[string]bool{}
	for _, k := range Keys {
		if seenPHP[k.PHP] || seenYAML[k.YAML] {
			t.Errorf("duplicate %s", k.PHP)
		}
		seenPHP[k.PHP], seenYAML[k.YAML] = true, true
		if strings.ReplaceAll(k.PHP, "_", "-") != k.YAML {
			t.Errorf("%s: profile name %s is not the kebab-case of the PHP name", k.PHP, k.YAML)
		}
		if Lookup(k.PHP) == nil || LookupYAML(k.YAML).PHP != k.PHP || k.Expect == "" {
			t.Errorf("%s: lookup or expectation missing", k.PHP)
		}
		if k.Bool && (k.URL || k.Secret) {
			t.Errorf("%s: a bool is neither URL nor secret", k.PHP)
		}
	}
	if Lookup("nope") != nil || LookupYAML("nope") != nil {
		t.Error("unknown key found")
	}
	if !Lookup("secret").Secret || !Lookup("oauth_client_secret").Secret || Lookup("url").Secret {
		t.Error("secret names")
	}
	if k := Lookup("application_base_url"); k == nil || !k.Optional || !k.URL {
		t.Error("application_base_url must be an optional URL key")
	}
}
