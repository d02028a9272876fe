package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodFile = `fail-on: warning
rules:
  OMS120: off
  OMS112: error
ignore:
  - path: app/etc/env.php
    rules: [OMS113, OMS111]
    reason: staging talks to the mock
  - path: app/etc/*.php
    rules: OMS122
    reason: legacy
secret-keys:
  - db.connection.default.password
  - system.default.payment.key
environments:
  staging:
    kind: preproduction
    service-bus:
      url: https://mib.staging.example.com/
  production:
    kind: production
    service-bus:
      url: https://mib.example.com/
      oauth-server-url: https://auth.example.com/
      application-id: 0042
      oauth-client-id: shop
      oauth-client-secret: ${OMS_OAUTH_CLIENT_SECRET}
      secret: ${OMS_SECRET}
      secure-endpoint: true
    sales-channels:
      - id: web
        website: base
        stock-aggregate: main
      - id: b2b
        website: b2b
        stock-aggregates: [eu, us]
      - id: outlet
        website: outlet
`

func TestParseGood(t *testing.T) {
	c, err := Parse(".omslint.yaml", []byte(goodFile))
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != "warning" || c.Path != ".omslint.yaml" {
		t.Errorf("FailOn=%q Path=%q", c.FailOn, c.Path)
	}
	if r := c.Rules["OMS120"]; r.Severity != "off" || r.Line != 3 || r.Col != 3 {
		t.Errorf("OMS120 = %+v", r)
	}
	if len(c.Ignore) != 2 || c.Ignore[0].Reason != "staging talks to the mock" ||
		strings.Join(c.Ignore[0].Rules, ",") != "OMS113,OMS111" || c.Ignore[0].Line != 6 {
		t.Errorf("Ignore = %+v", c.Ignore)
	}
	if got := c.Ignore[1].Rules; len(got) != 1 || got[0] != "OMS122" {
		t.Errorf("scalar rules = %v", got)
	}
	if strings.Join(c.Secrets, " ") != "db.connection.default.password system.default.payment.key" {
		t.Errorf("Secrets = %v", c.Secrets)
	}
	if strings.Join(c.EnvOrder, ",") != "staging,production" {
		t.Errorf("EnvOrder = %v", c.EnvOrder)
	}
	p, ok := c.Env("production")
	if !ok || p.Kind != KindProduction || p.Line != 20 || p.ServiceBusLine != 22 {
		t.Fatalf("production = %+v", p)
	}
	if f := p.ServiceBus["application-id"]; f.Value != "0042" || !f.Set || f.IsRef || f.Line != 25 || f.Col != 23 {
		t.Errorf("application-id = %+v", f)
	}
	if f := p.ServiceBus["secret"]; !f.IsRef || f.RefName != "OMS_SECRET" || f.Value != "${OMS_SECRET}" {
		t.Errorf("secret = %+v", f)
	}
	if f := p.ServiceBus["secure-endpoint"]; !f.Set || !f.Bool || f.Value != "true" {
		t.Errorf("secure-endpoint = %+v", f)
	}
	if len(p.ServiceBus) != 7 {
		t.Errorf("service bus has %d keys", len(p.ServiceBus))
	}
	if _, ok := c.Environments["staging"].ServiceBus["secret"]; ok {
		t.Error("an unwritten key must be absent")
	}
	counts := []int{}
	for _, sc := range p.SalesChannels {
		counts = append(counts, len(sc.StockAggregates))
	}
	if len(counts) != 3 || counts[0] != 1 || counts[1] != 2 || counts[2] != 0 {
		t.Errorf("aggregate counts = %v", counts)
	}
	if a, ok := p.SalesChannels[0].StockAggregate(); !ok || a.Value != "main" || a.Line != 33 {
		t.Errorf("StockAggregate = %+v %v", a, ok)
	}
	if _, ok := p.SalesChannels[1].StockAggregate(); ok {
		t.Error("two aggregates must not give one")
	}
	if sc := p.SalesChannels[1]; sc.Website.Value != "b2b" || sc.Line != 34 || sc.StockAggregates[1].Line != 36 || sc.StockAggregates[1].Col != 32 {
		t.Errorf("b2b = %+v", sc)
	}
	refs := c.RuleRefs()
	var ids []string
	for _, r := range refs {
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, ",") != "OMS120,OMS112,OMS113,OMS111,OMS122" {
		t.Errorf("RuleRefs = %v", ids)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "\n", "# only a comment\n", "---\n"} {
		c, err := Parse("x.yaml", []byte(src))
		if err != nil || c == nil || c.FailOn != "" || len(c.Environments) != 0 {
			t.Errorf("%q: %v %+v", src, err, c)
		}
	}
}

// TestParseBad checks each mistake is reported at the exact place with a
// message that says what was expected.
func TestParseBad(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // "line:col: substring"
	}{
		{"typo suggests", "fial-on: error\n", []string{"1:1: unknown key 'fial-on' (did you mean 'fail-on'?)"}},
		{"unknown lists keys", "colour: red\n", []string{"1:1: unknown key 'colour'; expected one of: fail-on, rules, ignore, secret-keys, environments"}},
		{"fail-on enum", "fail-on: fatal\n", []string{"1:10: fail-on: 'fatal' is not one of error | warning | info | never"}},
		{"fail-on suggest", "fail-on: warn\n", []string{"1:10: fail-on: 'warn' is not one of error | warning | info | never (did you mean 'warning'?)"}},
		{"fail-on type", "fail-on: [error]\n", []string{"1:10: fail-on: expected one of error | warning | info | never, got a list"}},
		{"top not mapping", "- a\n", []string{"1:1: expected a mapping, got a list"}},
		{"duplicate", "fail-on: error\nfail-on: info\n", []string{"2:1: duplicate key 'fail-on' (first at line 1)"}},
		{"rules id", "rules:\n  OMS12: off\n", []string{"2:3: rules: expected a rule ID like OMS113, got 'OMS12'"}},
		{"rules name", "rules:\n  url-trailing-slash: off\n", []string{"2:3: rules: expected a rule ID"}},
		{"rules severity", "rules:\n  OMS120: fatal\n", []string{"2:11: rules.OMS120: 'fatal' is not one of off | error | warning | info"}},
		{"rules bool", "rules:\n  OMS120: false\n", []string{"2:11: rules.OMS120: 'false' is not one of"}},
		{"rules not map", "rules: [OMS120]\n", []string{"1:8: rules: expected a mapping, got a list"}},
		{"ignore no reason", "ignore:\n  - path: app/etc/env.php\n    rules: [OMS113]\n", []string{"2:5: ignore: entry has no 'reason'"}},
		{"ignore blank reason", "ignore:\n  - path: a\n    rules: [OMS113]\n    reason: '  '\n", []string{"4:13: ignore.reason: give a reason"}},
		{"ignore no path", "ignore:\n  - rules: [OMS113]\n    reason: r\n", []string{"2:5: ignore: entry has no 'path'"}},
		{"ignore no rules", "ignore:\n  - path: a\n    reason: r\n", []string{"2:5: ignore: entry has no 'rules'"}},
		{"ignore empty rules", "ignore:\n  - path: a\n    rules: []\n    reason: r\n", []string{"3:12: ignore.rules: name at least one rule"}},
		{"ignore bad rule", "ignore:\n  - path: a\n    rules: [OMS113, oms1]\n    reason: r\n", []string{"3:21: ignore.rules: expected a rule ID like OMS113, got 'oms1'"}},
		{"ignore abs path", "ignore:\n  - path: /etc/x\n    rules: [OMS113]\n    reason: r\n", []string{"2:11: ignore.path: '/etc/x' must be relative"}},
		{"ignore bad glob", "ignore:\n  - path: 'a/['\n    rules: [OMS113]\n    reason: r\n", []string{"2:11: ignore.path: 'a/[' is not a valid glob"}},
		{"ignore doublestar", "ignore:\n  - path: '**/env.php'\n    rules: [OMS113]\n    reason: r\n", []string{"2:11: ignore.path: '**/env.php': '**' is not supported"}},
		{"ignore unknown key", "ignore:\n  - path: a\n    rule: [OMS113]\n    reason: r\n", []string{"2:5: ignore: entry has no 'rules'", "3:5: ignore: unknown key 'rule' (did you mean 'rules'?)"}},
		{"ignore scalar entry", "ignore:\n  - app/etc/env.php\n", []string{"2:5: ignore: each entry must be a mapping"}},
		{"secret-keys segment", "secret-keys: [a..b]\n", []string{"1:15: secret-keys: 'a..b' has an empty segment"}},
		{"secret-keys type", "secret-keys: db.password\n", []string{"1:14: secret-keys: expected a list, got a string"}},
		{"env no kind", "environments:\n  prod:\n    service-bus: {}\n", []string{"2:3: environments.prod: no 'kind'"}},
		{"env bad kind", "environments:\n  prod:\n    kind: prod\n", []string{"3:11: environments.prod.kind: 'prod' is not one of production | preproduction | development"}},
		{"env name", "environments:\n  'my env':\n    kind: production\n", []string{"2:3: environments: 'my env' is not a usable environment name"}},
		{"env unknown key", "environments:\n  p:\n    kind: production\n    servicebus: {}\n", []string{"4:5: environments.p: unknown key 'servicebus' (did you mean 'service-bus'?)"}},
		{"sb php spelling", "environments:\n  p:\n    kind: production\n    service-bus:\n      oauth_client_id: x\n", []string{"5:7: environments.p.service-bus: unknown key 'oauth_client_id' (did you mean 'oauth-client-id'?)"}},
		{"sb type", "environments:\n  p:\n    kind: production\n    service-bus:\n      url: {a: b}\n", []string{"5:12: environments.p.service-bus.url: expected a string, got a mapping"}},
		{"sb bool for string", "environments:\n  p:\n    kind: production\n    service-bus:\n      application-id: true\n", []string{"5:23: environments.p.service-bus.application-id: expected a string, got true/false"}},
		{"sb secure yes", "environments:\n  p:\n    kind: production\n    service-bus:\n      secure-endpoint: yes\n", []string{"5:24: environments.p.service-bus.secure-endpoint: expected true or false, got a string (YAML 1.2 reads 'yes' as text"}},
		{"sb secure quoted", "environments:\n  p:\n    kind: production\n    service-bus:\n      secure-endpoint: 'true'\n", []string{"5:24: environments.p.service-bus.secure-endpoint: expected true or false, got a string"}},
		{"sb partial ref", "environments:\n  p:\n    kind: production\n    service-bus:\n      secret: pre${OMS_SECRET}\n", []string{"5:15: environments.p.service-bus.secret: a reference must be the whole value"}},
		{"sb bad ref name", "environments:\n  p:\n    kind: production\n    service-bus:\n      secret: ${1X}\n", []string{"5:15: environments.p.service-bus.secret: a reference must be the whole value"}},
		{"channels not list", "environments:\n  p:\n    kind: production\n    sales-channels: {id: a}\n", []string{"4:21: environments.p.sales-channels: expected a list, got a mapping"}},
		{"channel unknown", "environments:\n  p:\n    kind: production\n    sales-channels:\n      - id: a\n        stock: x\n", []string{"6:9: environments.p.sales-channels: unknown key 'stock'"}},
		{"channel aggregate map", "environments:\n  p:\n    kind: production\n    sales-channels:\n      - stock-aggregate: {a: b}\n", []string{"5:26: environments.p.sales-channels.stock-aggregate: expected a list, got a mapping"}},
		{"merge key", "a: &x {kind: production}\nenvironments:\n  p:\n    <<: *x\n", []string{"1:1: unknown key 'a'", "3:3: environments.p: no 'kind'", "4:5: environments.p: merge keys (<<) are not supported"}},
		{"syntax", "fail-on: error\n  rules: x\n", []string{"2: invalid YAML:"}},
		{"two documents", "fail-on: error\n---\nfail-on: info\n", []string{"2:1: a second YAML document"}},
		{"errors sorted", "environments:\n  p:\n    kind: x\nfial-on: error\n", []string{"3:11: environments.p.kind", "4:1: unknown key 'fial-on'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("f.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; got %+v", c)
			}
			if c != nil {
				t.Error("a config came back with an error")
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %T is not an ErrorList", err)
			}
			if len(list) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(list), len(tt.want), err)
			}
			for i, w := range tt.want {
				if got := list[i].Error(); !strings.HasPrefix(got, "f.yaml:") || !strings.Contains(got, "f.yaml:"+w) {
					t.Errorf("error %d = %q, want it to contain %q", i, got, "f.yaml:"+w)
				}
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	_, err := Parse("f.yaml", make([]byte, MaxSize+1))
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("err = %v", err)
	}
}

// TestErrorsHideSecrets: a literal secret in a bad place must not leak into
// an error message (they end up in CI logs).
func TestErrorsHideSecrets(t *testing.T) {
	src := "environments:\n  p:\n    kind: production\n    service-bus:\n      secret: ${S}x-s3cr3t-value\n      oauth-client-secret: [s3cr3t-value]\n      secure-endpoint: s3cr3t-value\n"
	_, err := Parse("f.yaml", []byte(src))
	if err == nil || strings.Contains(err.Error(), "s3cr3t") {
		t.Fatalf("err = %v", err)
	}
}

// TestUnknownRuleIDsWithOtherMistakes: a rule ID that names no rule is
// listed with the file's other mistakes, in file order, not only once the
// rest of the file is right.
func TestUnknownRuleIDsWithOtherMistakes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, ".omslint.yaml")
	src := "rules:\n  OMS112: of\n  OMS999: off\nignore:\n  - path: x\n    rules: [OMS998]\n    reason: r\n"
	if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	known := func(id string) bool { return id == "OMS112" }
	_, err := LoadChecked(file, known)
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want an ErrorList", err)
	}
	var got []string
	for _, e := range list {
		got = append(got, fmt.Sprintf("%d:%d %s", e.Line, e.Col, e.Msg))
	}
	want := []string{
		"2:11 rules.OMS112: 'of' is not one of off | error | warning | info (did you mean 'off'?)",
		"3:3 OMS999 names no rule (`omslint rules` lists them)",
		"6:13 OMS998 names no rule (`omslint rules` lists them)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Without a registry (plan, generate), IDs are only checked for shape.
	if _, err := Load(file); err == nil || strings.Contains(err.Error(), "names no rule") {
		t.Errorf("Load: %v", err)
	}
}
