package engine

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/redact"
	"github.com/omslint/omslint/report"
)

const profileEnvPHP = `<?php
return [
    'serviceBus' => [
        'url' => 'https://mib.example.com/',
        'oauth_server_url' => 'https://oauth.example.com/',
        'oauth_client_id' => 'acme-store',
        'oauth_client_secret' => 'client-secret-value-0123456789',
        'application_id' => 'acme-magento',
        'secret' => 'shared-secret-value-0123456789abcdef',
        'secure_endpoint' => true
    ]
];
`

const profileConfigPHP = `<?php
return [
    'scopes' => [
        'websites' => [
            'admin' => ['code' => 'admin'],
            'base' => ['code' => 'base'],
            'b2b' => ['code' => 'b2b']
        ]
    ]
];
`

// TestProfileRules runs lint --env on small checkouts and compares the
// profile findings (rule@line of .omslint.yaml or env.php) with what each
// case expects, then reports recall and precision over all cases.
func TestProfileRules(t *testing.T) {
	head := "environments:\n  prod:\n    kind: production\n"
	sb := "    service-bus:\n      url: https://mib.example.com/\n      oauth-server-url: https://oauth.example.com/\n      application-id: acme-magento\n      oauth-client-id: acme-store\n      oauth-client-secret: ${T_CS}\n      secret: ${T_SEC}\n      secure-endpoint: true\n"
	cases := []struct {
		name, yaml, configPHP string
		env                   map[string]string
		want                  []string // RULE@file:line
	}{
		{"clean", head + sb, profileConfigPHP, nil, nil},
		{"clean-with-secrets-set", head + sb, profileConfigPHP, map[string]string{"T_CS": "client-secret-value-0123456789", "T_SEC": "shared-secret-value-0123456789abcdef"}, nil},
		{"secret-differs", head + sb, "", map[string]string{"T_SEC": "another"}, []string{"OMS501@app/etc/env.php:9"}},
		{"url-differs", head + strings.Replace(sb, "mib.example.com", "mib2.example.com", 1), "", nil, []string{"OMS501@app/etc/env.php:4"}},
		{"bool-differs", head + strings.Replace(sb, "secure-endpoint: true", "secure-endpoint: false", 1), "", nil, []string{"OMS501@app/etc/env.php:10"}},
		{"ref-unset-not-compared", head + strings.Replace(sb, "application-id: acme-magento", "application-id: ${T_APP}", 1), "", nil, nil},
		{"ref-set-differs", head + strings.Replace(sb, "application-id: acme-magento", "application-id: ${T_APP}", 1), "", map[string]string{"T_APP": "other"}, []string{"OMS501@app/etc/env.php:8"}},
		{"literal-secret", head + strings.Replace(sb, "${T_SEC}", "hunter2hunter2", 1), "", nil, []string{"OMS403@.omslint.yaml:10"}},
		{"literal-secret-other-env", head + sb + "  dev:\n    kind: development\n    service-bus:\n      oauth-client-secret: plain\n", "", nil, []string{"OMS403@.omslint.yaml:15"}},
		{"no-aggregate", head + "    sales-channels:\n      - id: web\n        website: base\n", profileConfigPHP, nil, []string{"OMS502@.omslint.yaml:5"}},
		{"two-aggregates", head + "    sales-channels:\n      - id: web\n        website: base\n        stock-aggregates: [a, b]\n", profileConfigPHP, nil, []string{"OMS502@.omslint.yaml:7"}},
		{"same-channel-id-two-aggregates", head + "    sales-channels:\n      - id: web\n        website: base\n        stock-aggregate: a\n      - id: web\n        website: base\n        stock-aggregate: b\n", profileConfigPHP, nil, []string{"OMS502@.omslint.yaml:10"}},
		{"same-channel-id-same-aggregate", head + "    sales-channels:\n      - id: web\n        website: base\n        stock-aggregate: a\n      - id: web\n        website: b2b\n        stock-aggregate: a\n", profileConfigPHP, nil, nil},
		{"website-twice", head + "    sales-channels:\n      - id: web\n        website: base\n        stock-aggregate: a\n      - id: app\n        website: base\n        stock-aggregate: b\n", profileConfigPHP, nil, []string{"OMS503@.omslint.yaml:9"}},
		{"website-same-aggregate", head + "    sales-channels:\n      - id: web\n        website: base\n        stock-aggregate: a\n      - id: app\n        website: base\n        stock-aggregate: a\n", profileConfigPHP, nil, nil},
		{"unknown-website", head + "    sales-channels:\n      - id: web\n        website: bsae\n        stock-aggregate: a\n", profileConfigPHP, nil, []string{"OMS504@.omslint.yaml:6"}},
		{"unknown-website-no-scopes", head + "    sales-channels:\n      - id: web\n        website: bsae\n        stock-aggregate: a\n", "<?php\nreturn ['modules' => []];\n", nil, nil},
	}
	tp, fp, fn := 0, 0, 0
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "app/etc/env.php"), profileEnvPHP)
			write(t, filepath.Join(dir, ".omslint.yaml"), c.yaml)
			if c.configPHP != "" {
				write(t, filepath.Join(dir, "app/etc/config.php"), c.configPHP)
			}
			for _, k := range []string{"T_CS", "T_SEC", "T_APP"} {
				if v, ok := c.env[k]; ok {
					t.Setenv(k, v)
				} else {
					t.Setenv(k, "")
					os.Unsetenv(k)
				}
			}
			t.Chdir(dir)
			out, err := Run(Options{Paths: []string{"."}, FailOn: linter.Error, Env: "prod"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range out.Result.Findings {
				if strings.HasPrefix(f.Rule, "OMS4") || strings.HasPrefix(f.Rule, "OMS5") {
					got = append(got, f.Rule+"@"+f.File+":"+itoa(f.Span.Start.Line))
					for _, s := range []string{"hunter2hunter2", "shared-secret-value", "client-secret-value", "another"} {
						if strings.Contains(f.Message, s) {
							t.Errorf("%s message shows a secret: %s", f.Rule, f.Message)
						}
					}
				}
			}
			sort.Strings(got)
			want := map[string]bool{}
			for _, w := range c.want {
				want[w] = true
			}
			for _, g := range got {
				if want[g] {
					tp++
					delete(want, g)
				} else {
					fp++
					t.Errorf("unexpected %s", g)
				}
			}
			for w := range want {
				fn++
				t.Errorf("missing %s", w)
			}
		})
	}
	t.Logf("profile rules: %d true positives, %d false positives, %d missed", tp, fp, fn)
}

func TestEnvSelectsKind(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "app/etc/env.php"), profileEnvPHP)
	write(t, filepath.Join(dir, ".omslint.yaml"), "environments:\n  prod:\n    kind: production\n")
	t.Chdir(dir)
	p, err := magento.LoadRoot(".", magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res := &report.Result{Sources: map[string]*report.Source{}, Redactor: redact.New()}
	cfg, err := newConfigCache("").forProject(p)
	if err != nil {
		t.Fatal(err)
	}
	lo, err := withProfile(Options{Env: "prod"}, linter.Options{}, cfg, res)
	if err != nil {
		t.Fatal(err)
	}
	if lo.EnvKind != "production" {
		t.Errorf("EnvKind %q, want production", lo.EnvKind)
	}
	if _, err := Run(Options{Paths: []string{"."}, Env: "nope"}); err == nil || !strings.Contains(err.Error(), "prod") {
		t.Errorf("unknown --env: %v", err)
	}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
