package rules_test

import (
	"crypto/sha256"
	"fmt"
	"github.com/omslint/omslint/position"
	"os"
	"path/filepath"
	"strings"
	"testing"

	omsconfig "github.com/omslint/omslint/config"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

// fleetRoot lints an env.php as the root named name and returns its
// contribution to the cross-root rules.
func fleetRoot(t *testing.T, name, url, appID, secret, clientSecret string) *linter.FleetRoot {
	t.Helper()
	src := fmt.Sprintf(`<?php
return [
    'serviceBus' => [
        'url' => '%s',
        'oauth_server_url' => 'https://oauth.acme-retail.com/',
        'oauth_client_id' => 'client',
        'oauth_client_secret' => '%s',
        'application_id' => '%s',
        'secret' => '%s',
        'secure_endpoint' => true
    ]
];
`, url, clientSecret, appID, secret)
	p, err := magento.LoadStdin(strings.NewReader(src), name+"/app/etc/env.php", "", magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fr := linter.FleetFacts(p, linter.Options{})
	if fr == nil {
		t.Fatal("no fleet facts")
	}
	fr.Root = name
	return fr
}

const (
	sec1 = "c1d8e3f6a9b2c5d8e1f4a7b0c3d6e9f2a5b8c1d4e7f0a3b6c9d2e5f8a1b4c7d0"
	sec2 = "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c"
	cs1  = "kP9wQ2mZ7vL4xR8tY1nB6cF3hJ5gD0sA"
	cs2  = "Hk2mP9xQ4wR7tY1uI8oL3aS6dF5gJ0zX"
)

func TestFleetRules(t *testing.T) {
	type root struct{ name, url, app, sec, cs string }
	for _, c := range []struct {
		name  string
		roots []root
		want  []string // "RULE FILE:LINE" in order
	}{
		{"staging copy of production", []root{
			{"prod", "https://mib.acme.com/", "acme", sec1, cs1},
			{"staging", "https://mib.acme.com/", "acme", sec1, cs1},
			{"brand2", "https://mib.acme.com/", "brand2", sec2, cs2},
		}, []string{
			"OMS602 prod/app/etc/env.php:7", "OMS601 prod/app/etc/env.php:8", "OMS602 prod/app/etc/env.php:9",
			"OMS602 staging/app/etc/env.php:7", "OMS601 staging/app/etc/env.php:8", "OMS602 staging/app/etc/env.php:9",
		}},
		{"one bus, spelled differently", []root{
			{"a", "https://MIB.acme.com:443", "acme", sec1, cs1},
			{"b", "https://user:pw@mib.acme.com/", "acme", sec2, cs2},
		}, []string{"OMS601 a/app/etc/env.php:8", "OMS601 b/app/etc/env.php:8"}},
		{"same id, another bus", []root{
			{"a", "https://mib.acme.com/", "acme", sec1, cs1},
			{"b", "https://mib-staging.acme.com/", "acme", sec2, cs2},
		}, nil},
		{"another path on one host is another bus", []root{
			{"a", "https://mib.acme.com/eu/", "acme", sec1, cs1},
			{"b", "https://mib.acme.com/us/", "acme", sec2, cs2},
		}, nil},
		{"shared client secret only", []root{
			{"a", "https://mib.acme.com/", "a", sec1, cs1},
			{"b", "https://mib.acme.com/", "b", sec2, cs1},
		}, []string{"OMS602 a/app/etc/env.php:7", "OMS602 b/app/etc/env.php:7"}},
		{"placeholders and empty values take no part", []root{
			{"a", "https://mib.acme.com/", "changeme", "changeme", ""},
			{"b", "https://mib.acme.com/", "changeme", "changeme", ""},
		}, nil},
		{"one root", []root{{"a", "https://mib.acme.com/", "a", sec1, cs1}}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var roots []*linter.FleetRoot
			for _, r := range c.roots {
				roots = append(roots, fleetRoot(t, r.name, r.url, r.app, r.sec, r.cs))
			}
			fs, err := linter.RunFleet(roots, linter.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				got = append(got, fmt.Sprintf("%s %s:%d", f.Rule, f.File, f.Span.Start.Line))
				for _, secret := range []string{sec1, sec2, cs1, cs2} {
					if strings.Contains(f.Message+f.Hint, secret) {
						t.Errorf("%s message shows a secret: %s", f.Rule, f.Message)
					}
				}
				if len(f.Related) == 0 {
					t.Errorf("%s has no related location", f.Rule)
				}
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// A suppression at either root's value silences the pair; a rule turned
// off for the reporting root silences its side.
func TestFleetSuppressionSilencesPair(t *testing.T) {
	a := fleetRoot(t, "a", "https://mib.acme.com/", "acme", sec1, cs1)
	b := fleetRoot(t, "b", "https://mib.acme.com/", "acme", sec2, cs2)
	b.Values["application_id"].Suppressed = map[string]bool{"OMS601": true}
	fs, err := linter.RunFleet([]*linter.FleetRoot{a, b}, linter.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 0 {
		t.Errorf("suppressed in b, still reported: %v", fs[0].Message)
	}
	b.Values["application_id"].Suppressed = nil
	a.Opts.Off = map[string]bool{"OMS601": true}
	fs, _ = linter.RunFleet([]*linter.FleetRoot{a, b}, linter.Options{})
	if len(fs) != 1 || fs[0].File != "b/app/etc/env.php" {
		t.Errorf("off in a: want the finding at b only, got %d", len(fs))
	}
}

func TestFleetCrossWiredProfiles(t *testing.T) {
	cfg, err := omsconfig.Parse(".omslint.yaml", []byte(`environments:
  production:
    kind: production
    service-bus:
      url: https://mib.acme.com
      application-id: acme
  staging:
    kind: preproduction
    service-bus:
      url: https://MIB.acme.com/
      application-id: acme
  dev:
    kind: development
    service-bus:
      url: https://mib-dev.acme.com/
      application-id: acme
`))
	if err != nil {
		t.Fatal(err)
	}
	prof := &linter.Profile{Config: cfg}
	staging := fleetRoot(t, "staging", "https://mib.acme.com/", "acme", sec1, cs1)
	staging.Config, staging.Kind, staging.Profile = prof, "preproduction", "staging"
	other := fleetRoot(t, "dev", "https://mib-dev.acme.com/", "acme-dev", sec2, cs2)
	other.Config, other.Kind, other.Profile = prof, "development", "dev"
	fs, err := linter.RunFleet([]*linter.FleetRoot{staging, other}, linter.Options{Off: map[string]bool{"OMS601": true, "OMS602": true}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s %s:%d", f.Rule, f.File, f.Span.Start.Line))
	}
	want := "OMS603 .omslint.yaml:10\nOMS603 staging/app/etc/env.php:4"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// BenchmarkFleetRules10000: the cross-root pass over 10,000 roots (one in
// ten a staging copy of another), which must stay linear in the roots.
func BenchmarkFleetRules10000(b *testing.B) {
	const n = 10_000
	roots := make([]*linter.FleetRoot, n)
	for i := range roots {
		id := i
		if i%10 == 9 {
			id = i - 1 // a staging copy of the previous root
		}
		roots[i] = &linter.FleetRoot{Root: fmt.Sprintf("shop-%05d", i), Values: map[string]*linter.FleetValue{
			"url":            {Value: "https://mib.acme.com/", File: fmt.Sprintf("shop-%05d/app/etc/env.php", i), Key: "serviceBus.url"},
			"application_id": {Value: fmt.Sprintf("app-%d", id), File: fmt.Sprintf("shop-%05d/app/etc/env.php", i), Key: "serviceBus.application_id"},
			"secret":         {Digest: sha256.Sum256([]byte(fmt.Sprintf("secret-%d", id))), File: fmt.Sprintf("shop-%05d/app/etc/env.php", i), Key: "serviceBus.secret"},
		}}
	}
	b.ReportAllocs()
	for b.Loop() {
		fs, err := linter.RunFleet(roots, linter.Options{})
		if err != nil || len(fs) != n/10*2*2 {
			b.Fatalf("%d findings, %v", len(fs), err)
		}
	}
}

// A serviceBus that config.php holds (a repository without env.php, or a
// split block) takes part, at its place in config.php.
func TestFleetValuesFromConfigPHP(t *testing.T) {
	var roots []*linter.FleetRoot
	for _, name := range []string{"a", "b"} {
		dir := filepath.Join(t.TempDir(), name)
		if err := os.MkdirAll(filepath.Join(dir, "app", "etc"), 0o755); err != nil {
			t.Fatal(err)
		}
		cfg := "<?php\nreturn [\n    'modules' => ['Magento_ServiceBus' => 1],\n    'serviceBus' => [\n        'url' => 'https://mib.acme.com/',\n        'application_id' => 'acme'\n    ]\n];\n"
		if err := os.WriteFile(filepath.Join(dir, "app", "etc", "config.php"), []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
		p, err := magento.LoadRoot(dir, magento.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		fr := linter.FleetFacts(p, linter.Options{})
		if fr == nil {
			t.Fatal("no fleet facts (the extractor failed)")
		}
		roots = append(roots, fr)
	}
	fs, err := linter.RunFleet(roots, linter.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 {
		t.Fatalf("%d findings, want OMS601 at both roots", len(fs))
	}
	for _, f := range fs {
		if f.Rule != "OMS601" || !strings.HasSuffix(f.File, "app/etc/config.php") || f.Span.Start.Line != 6 {
			t.Errorf("got %s at %s:%d, want OMS601 at config.php:6", f.Rule, f.File, f.Span.Start.Line)
		}
	}
}

// Roots that read a value from the same place (one variable of the run's
// environment) are not two registrations.
func TestFleetSameOriginIsOneSource(t *testing.T) {
	a := fleetRoot(t, "a", "https://mib.acme.com/", "acme", sec1, cs1)
	b := fleetRoot(t, "b", "https://mib.acme.com/", "acme", sec2, cs2)
	for _, r := range []*linter.FleetRoot{a, b} {
		r.Values["application_id"].File, r.Values["application_id"].Span = "$MAGENTO_DC__OVERRIDE", position.Span{}
	}
	fs, err := linter.RunFleet([]*linter.FleetRoot{a, b}, linter.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 0 {
		t.Errorf("one variable seen by two roots reported as a collision: %s", fs[0].Message)
	}
}
