package generator_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/engine"
	"github.com/omslint/omslint/generator"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

var update = flag.Bool("update", false, "rewrite the golden files under fixtures/generate and fixtures/plan")

// zeros makes the generated secret deterministic in tests.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 0xab
	}
	return len(p), nil
}

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

var flagsInput = map[string]string{
	"url": "https://mib.example.com/", "oauth-server-url": "https://oauth.example.com/",
	"application-id": "acme-magento", "oauth-client-id": "acme-store",
}

func build(t *testing.T, in generator.Input) *generator.Block {
	t.Helper()
	if in.Flags == nil {
		in.Flags = flagsInput
	}
	if in.Getenv == nil {
		in.Getenv = env(map[string]string{"OMS_OAUTH_CLIENT_SECRET": `it's a \ secret`})
	}
	if in.Rand == nil {
		in.Rand = zeros{}
	}
	b, _, err := generator.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("../fixtures/generate", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./generator -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s is stale:\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

func TestGolden(t *testing.T) {
	b := build(t, generator.Input{})
	golden(t, "block.php", b.PHP(generator.Indent)+"\n")
	golden(t, "env.php", b.NewEnvPHP())
	j, err := b.JSON("  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "block.json", j+"\n")
	e, err := b.EnvLine()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "block.env", e+"\n")
	g := build(t, generator.Input{UseGetenv: true})
	golden(t, "block-getenv.php", g.PHP(generator.Indent)+"\n")
	if _, err := g.JSON(""); err == nil {
		t.Error("JSON with getenv secrets must be refused")
	}
}

func TestSecretGenerated(t *testing.T) {
	b, notes, err := generator.Build(generator.Input{Flags: flagsInput, Getenv: env(map[string]string{"OMS_OAUTH_CLIENT_SECRET": "x-client-secret-x"})})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := b.Get("secret")
	if !s.Generated || len(s.Str) != 64 || strings.Trim(s.Str, "0123456789abcdef") != "" {
		t.Errorf("generated secret %q: want 64 hex characters", s.Str)
	}
	for _, n := range notes {
		if strings.Contains(n, s.Str) {
			t.Error("a note prints the secret")
		}
	}
	if !strings.Contains(generator.GeneratedNote(s), "OMS_SECRET") {
		t.Error("the note must name the variable")
	}
}

func TestSecretsNeverFromProfileLiterals(t *testing.T) {
	cfg, err := config.Parse(".omslint.yaml", []byte("environments:\n  p:\n    kind: production\n    service-bus:\n      secret: abc\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = generator.Build(generator.Input{Env: cfg.Environments["p"], Flags: flagsInput, Getenv: env(map[string]string{"OMS_OAUTH_CLIENT_SECRET": "c"})})
	if err == nil || !strings.Contains(err.Error(), "OMS403") {
		t.Errorf("want an OMS403 refusal, got %v", err)
	}
}

func TestProfileReferences(t *testing.T) {
	cfg, err := config.Parse(".omslint.yaml", []byte(`environments:
  prod:
    kind: production
    service-bus:
      url: https://mib.example.com/
      oauth-server-url: ${OAUTH_URL}
      application-id: shop
      oauth-client-id: shop-client
      oauth-client-secret: ${MY_CLIENT_SECRET}
      secret: ${MY_SECRET}
      secure-endpoint: true
`))
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := generator.Build(generator.Input{Env: cfg.Environments["prod"], Getenv: env(map[string]string{
		"OAUTH_URL": "https://oauth.example.com/", "MY_CLIENT_SECRET": "cs-0123456789", "MY_SECRET": strings.Repeat("ab", 20)})})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := b.Get("oauth_server_url"); v.Str != "https://oauth.example.com/" {
		t.Errorf("oauth_server_url = %q", v.Str)
	}
	if v, _ := b.Get("secret"); v.Var != "MY_SECRET" || v.Generated {
		t.Errorf("secret from %s generated=%v", v.Var, v.Generated)
	}
	g, _, err := generator.Build(generator.Input{Env: cfg.Environments["prod"], UseGetenv: true, Getenv: env(map[string]string{"OAUTH_URL": "https://oauth.example.com/"})})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(g.PHP(""), "'secret' => getenv('MY_SECRET')") {
		t.Errorf("getenv names the profile's variable:\n%s", g.PHP(""))
	}
	// A mock host is refused for a production profile (OMS113 is an error there).
	_, _, err = generator.Build(generator.Input{Env: cfg.Environments["prod"], UseGetenv: true, Flags: map[string]string{"url": "http://mom.test/"},
		Getenv: env(map[string]string{"OAUTH_URL": "https://oauth.example.com/"})})
	if err == nil || !strings.Contains(err.Error(), "OMS113") {
		t.Errorf("want OMS113 refusal, got %v", err)
	}
}

func TestRefusesValuesThatFailLint(t *testing.T) {
	for _, bad := range []map[string]string{
		{"url": "https://mib.example.com"},
		{"url": "mib.example.com/"},
		{"url": "http://mib.example.com/"},
		{"url": "https://u:p@mib.example.com/"},
		{"url": "https://mib.example.com/?x=1"},
		{"application-id": "changeme"},
		{"oauth-client-id": "<client id>"},
		{"oauth-client-id": " "},
	} {
		in := map[string]string{}
		for k, v := range flagsInput {
			in[k] = v
		}
		for k, v := range bad {
			in[k] = v
		}
		if _, _, err := generator.Build(generator.Input{Flags: in, UseGetenv: true}); err == nil {
			t.Errorf("%v: accepted", bad)
		}
	}
}

// lint runs the real linter on a file and returns its findings.
func lint(t *testing.T, path string) []*linter.Finding {
	t.Helper()
	out, err := engine.Run(engine.Options{Paths: []string{path}, As: magento.RoleEnv, FailOn: linter.Error})
	if err != nil {
		t.Fatal(err)
	}
	return out.Result.Findings
}

func TestGeneratedLintsClean(t *testing.T) {
	dir := t.TempDir()
	for name, b := range map[string]*generator.Block{
		"values.php": build(t, generator.Input{}),
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(b.NewEnvPHP()), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, f := range lint(t, p) {
			t.Errorf("%s: %s %s: %s", name, f.Rule, f.Key, f.Message)
		}
	}
}

// php runs code with the PHP CLI, skipping the test when there is none.
func php(t *testing.T, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("php"); err != nil {
		t.Skip("php not installed (CI installs php-cli)")
	}
	out, err := exec.Command("php", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("php %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func TestGeneratedEvaluatesInPHP(t *testing.T) {
	b := build(t, generator.Input{})
	p := filepath.Join(t.TempDir(), "env.php")
	if err := os.WriteFile(p, []byte(b.NewEnvPHP()), 0o600); err != nil {
		t.Fatal(err)
	}
	got := php(t, "-r", `var_export(include $argv[1]);`, p)
	want := "array (\n  'serviceBus' => \n  array (\n" +
		"    'url' => 'https://mib.example.com/',\n    'oauth_server_url' => 'https://oauth.example.com/',\n" +
		"    'oauth_client_id' => 'acme-store',\n" +
		"    'oauth_client_secret' => 'it\\'s a \\\\ secret',\n    'application_id' => 'acme-magento',\n" +
		"    'secret' => '" + strings.Repeat("ab", 32) + "',\n    'secure_endpoint' => true,\n  ),\n)"
	if got != want {
		t.Errorf("php evaluates the generated file to\n%s\nwant\n%s", got, want)
	}
	// Magento's writer would print exactly this file for that array.
	f := parse(t, p, []byte(b.NewEnvPHP()))
	if m := modernFile(f); m != b.NewEnvPHP() {
		t.Errorf("not Magento's modern layout:\n%s", m)
	}
}

func parse(t *testing.T, name string, src []byte) *phpconf.File {
	t.Helper()
	f, err := phpconf.Parse(name, src, phpconf.Options{})
	if err != nil || f.Err != nil || f.Root == nil {
		t.Fatalf("%s does not parse: %v %v", name, err, f.Err)
	}
	return f
}

var _ = bytes.Equal

// The keys come in connector.Keys order; the optional application_base_url
// only when given, last, and checked like the other URLs.
func TestKeyOrderAndOptionalKey(t *testing.T) {
	sec := env(map[string]string{"OMS_OAUTH_CLIENT_SECRET": "x-client-secret-x", "OMS_SECRET": strings.Repeat("ab", 32)})
	b, _, err := generator.Build(generator.Input{Flags: flagsInput, Getenv: sec})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, v := range b.Values {
		keys = append(keys, v.Key)
	}
	if got := strings.Join(keys, ","); got != "url,oauth_server_url,oauth_client_id,oauth_client_secret,application_id,secret,secure_endpoint" {
		t.Errorf("order %s", got)
	}
	with := map[string]string{"application-base-url": "https://shop.acme-retail.com/"}
	for k, v := range flagsInput {
		with[k] = v
	}
	b, _, err = generator.Build(generator.Input{Flags: with, Getenv: sec})
	if err != nil {
		t.Fatal(err)
	}
	if v := b.Values[len(b.Values)-1]; v.Key != "application_base_url" || v.Str != "https://shop.acme-retail.com/" {
		t.Errorf("last value %+v", v)
	}
	with["application-base-url"] = "http://shop.acme-retail.com/"
	if _, _, err := generator.Build(generator.Input{Flags: with, Getenv: sec}); err == nil || !strings.Contains(err.Error(), "OMS111") {
		t.Errorf("an http application_base_url must be refused: %v", err)
	}
}
