package generator_test

import (
	"strings"
	"testing"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/generator"
)

const (
	clientSecret = "Zq8vR2mN5kL7xP4tW9yB3cF6hJ1gD0sA"
	busSecret    = "4b99a5fac220ab2f3feeff7fc31ab81d23c2ecd3963d6f2e174e22b91736fd63"
)

func refEnv() map[string]string {
	return map[string]string{
		"OMS_OAUTH_CLIENT_SECRET": clientSecret, "OMS_SECRET": busSecret,
		"OMS_URL": "https://mib.example.com/",
	}
}

// profileInput: url comes from ${OMS_URL}, the rest literal or secrets.
func profileInput(m map[string]string) generator.Input {
	prof := &config.Environment{Name: "staging", Kind: config.KindPreproduction, ServiceBus: map[string]config.Field{
		"url":              {Value: "${OMS_URL}", IsRef: true, RefName: "OMS_URL", Set: true},
		"oauth-server-url": {Value: "https://oauth.example.com/", Set: true},
		"application-id":   {Value: "acme-magento", Set: true},
		"oauth-client-id":  {Value: "acme-store", Set: true},
	}}
	return generator.Input{Env: prof, Flags: map[string]string{}, Getenv: env(m)}
}

// serviceBus is the body of a serviceBus array in env.php: url, the three
// keys the profile sets as literals, then the rest, one per line.
func serviceBus(url string, rest ...string) string {
	lines := append([]string{"'url' => " + url, "'oauth_server_url' => 'https://oauth.example.com/'",
		"'application_id' => 'acme-magento'", "'oauth_client_id' => 'acme-store'"}, rest...)
	return "\n        " + strings.Join(lines, ",\n        ")
}

const secure = "'secure_endpoint' => true"

func TestMergeKeepsEnvReferences(t *testing.T) {
	// Every value read with getenv().
	allGetenv := serviceBus(`getenv('OMS_URL')`, `'oauth_client_secret' => getenv('OMS_OAUTH_CLIENT_SECRET')`, `'secret' => getenv('OMS_SECRET')`, secure)
	cases := []struct {
		name, sb string
		opts     generator.MergeOptions
		unset    []string // variables missing from the environment
		want     []string // substrings of the merged serviceBus
		changes  []string // substrings of the change lines
	}{
		{name: "getenv everywhere", sb: allGetenv,
			want:    []string{`'url' => getenv('OMS_URL')`, `getenv('OMS_OAUTH_CLIENT_SECRET')`, `'secret' => getenv('OMS_SECRET')`},
			changes: []string{"kept url (getenv('OMS_URL'): the new value comes from $OMS_URL)", "kept secret"}},
		{name: "fallbacks and $_ENV and #env",
			sb:   serviceBus(`getenv('OMS_URL') ?: 'https://old.example.com/'`, `'oauth_client_secret' => $_ENV['OMS_OAUTH_CLIENT_SECRET']`, `'secret' => '#env(OMS_SECRET)'`, secure),
			want: []string{`getenv('OMS_URL') ?: 'https://old.example.com/'`, `$_ENV['OMS_OAUTH_CLIENT_SECRET']`, `'#env(OMS_SECRET)'`}},
		{name: "another variable: a reference to the new one, same style",
			sb:      serviceBus(`getenv('MIB_URL')`, `'oauth_client_secret' => $_ENV['CLIENT_SECRET']`, `'secret' => getenv('BUS_SECRET')`, secure),
			want:    []string{`'url' => getenv('OMS_URL')`, `$_ENV['OMS_OAUTH_CLIENT_SECRET']`, `'secret' => getenv('OMS_SECRET')`},
			changes: []string{"replaced secret (getenv('BUS_SECRET') -> getenv('OMS_SECRET'))"}},
		{name: "missing secret follows its sibling",
			sb:   serviceBus(`'https://mib.example.com/'`, `'oauth_client_secret' => getenv('OMS_OAUTH_CLIENT_SECRET')`),
			want: []string{`'secret' => getenv('OMS_SECRET')`}, changes: []string{"added secret (getenv('OMS_SECRET'))"}},
		{name: "variables unset here: references kept", sb: allGetenv,
			unset: []string{"OMS_OAUTH_CLIENT_SECRET", "OMS_SECRET"},
			want:  []string{`getenv('OMS_OAUTH_CLIENT_SECRET')`, `'secret' => getenv('OMS_SECRET')`}},
		{name: "--secrets value writes literals", sb: allGetenv,
			opts: generator.MergeOptions{Secrets: "value"},
			want: []string{"'" + clientSecret + "'", "'" + busSecret + "'"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := refEnv()
			for _, u := range c.unset {
				delete(m, u)
			}
			in := profileInput(m)
			in.AllowUnset = true
			in.Rand = zeros{}
			b, _, err := generator.Build(in)
			if err != nil {
				t.Fatal(err)
			}
			src := "<?php\nreturn [\n    'MAGE_MODE' => 'production',\n    'serviceBus' => [" + c.sb + "\n    ]\n];\n"
			f := parse(t, "env.php", []byte(src))
			res, err := generator.MergeWith(f, b, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			out := string(res.Out)
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("merged file lacks %s:\n%s", w, out)
				}
			}
			if c.opts.Secrets != "value" {
				for _, s := range []string{clientSecret, busSecret, "abababab"} {
					if strings.Contains(out, s) {
						t.Errorf("a secret value was written:\n%s", out)
					}
				}
			}
			all := strings.Join(res.Changes, "\n")
			for _, w := range c.changes {
				if !strings.Contains(all, w) {
					t.Errorf("changes lack %q:\n%s", w, all)
				}
			}
			for _, s := range []string{clientSecret, busSecret, "https://old", "https://mib"} {
				if strings.Contains(all, s) {
					t.Errorf("a change line holds a value: %s", all)
				}
			}
			// Merging the result again changes nothing.
			again, err := generator.MergeWith(parse(t, "env.php", res.Out), b, c.opts)
			if err != nil || again.Changed() {
				t.Errorf("second merge: %v %v", err, again.Changes)
			}
		})
	}
}

func TestMergeUnsetSecretCannotBeAdded(t *testing.T) {
	m := refEnv()
	delete(m, "OMS_OAUTH_CLIENT_SECRET")
	in := profileInput(m)
	in.AllowUnset = true
	b, _, err := generator.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	f := parse(t, "env.php", []byte("<?php\nreturn [\n    'MAGE_MODE' => 'production'\n];\n"))
	if _, err := generator.MergeWith(f, b, generator.MergeOptions{}); err == nil || !strings.Contains(err.Error(), "OMS_OAUTH_CLIENT_SECRET is not set") {
		t.Errorf("err = %v", err)
	}
}

func TestReadsEnv(t *testing.T) {
	for src, want := range map[string]string{
		`getenv('A')`:                "getenv A",
		`\getenv("A_1")`:             "getenv A_1",
		`GETENV('A') ?: 'x'`:         "getenv A",
		`$_ENV['B'] ?? 'y'`:          "$_ENV B",
		`'#env(C)'`:                  "#env C",
		`'#env(C, "d")'`:             "#env C",
		`'#env(C, "")'`:              "",
		`getenv('A') . 'x'`:          "",
		`'getenv(A)'`:                "",
		`constant('A')`:              "",
		`getenv('A') ?: getenv('B')`: "", // not a plain reference (effective.ParseExpr)
	} {
		f := parse(t, "env.php", []byte("<?php\nreturn ['k' => "+src+"];\n"))
		r, ok := generator.ReadsEnv(f, f.Root.Get("k").Value)
		got := ""
		if ok {
			got = r.Style + " " + r.Var
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", src, got, want)
		}
	}
}
