package linter

import (
	"strings"
	"testing"

	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

func TestResolveKeyPath(t *testing.T) {
	src := []byte(`<?php
return [
    'serviceBus' => ['url' => 'https://x/'],
    'system' => ['default' => ['web.secure' => ['base_url' => 'x']]],
    'a.b' => ['c' => 1],
    'a' => ['b' => ['c' => 2]],
];
`)
	tree, err := phpconf.Parse("app/etc/env.php", src, phpconf.Options{})
	if err != nil || tree.Err != nil {
		t.Fatal(err, tree.Err)
	}
	p := &magento.Project{Env: &magento.PHPSource{Source: magento.Source{Path: "app/etc/env.php", Data: src}, Tree: tree}}
	authSrc := []byte(`{"http-basic": {"mcom-connector.bcn.magento.com": {"username": "u"}}}`)
	p.AuthJSON = &magento.Source{Path: "auth.json", Data: authSrc}
	for _, c := range []struct{ file, key, want string }{
		{"app/etc/env.php", "serviceBus.url", "serviceBus|url"},
		{"app/etc/env.php", "system.default.web.secure.base_url", "system|default|web.secure|base_url"},
		{"app/etc/env.php", "a.b.c", "a.b|c"},                                           // the longest key the file holds wins
		{"app/etc/env.php", "serviceBus.oauth_client_id", "serviceBus|oauth_client_id"}, // missing key: a word
		{"auth.json", "http-basic.mcom-connector.bcn.magento.com", "http-basic|mcom-connector.bcn.magento.com"},
		{"other.php", "x.y", "x|y"},
		{"app/etc/env.php", "", ""},
	} {
		got := strings.Join(resolveKeyPath(p, c.file, c.key), "|")
		if got != c.want {
			t.Errorf("%s %q: %q, want %q", c.file, c.key, got, c.want)
		}
	}
}
