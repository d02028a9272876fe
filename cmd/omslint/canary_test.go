package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/omslint/omslint/failure"
)

// Canary values: each secret-bearing key holds its own, so a leak names
// the key it came from. Every one matches canaryRe.
var canaryRe = regexp.MustCompile(`Cnry[A-Za-z]+[0-9]{2}`)

const canaryEnvPHP = `<?php
return [
    'backend' => ['frontName' => 'admin'],
    'crypt' => [
        'key' => 'CnryCryptKey01',
    ],
    'db' => [
        'connection' => [
            'default' => [
                'host' => 'localhost',
                'username' => 'magento',
                'password' => 'CnryDbPassA02', 'password' => 'CnryDbPassB03',
            ],
        ],
    ],
    'session' => ['save' => 'redis', 'redis' => ['host' => '127.0.0.1', 'password' => 'CnryRedisSess04']],
    'cache' => ['frontend' => ['default' => ['backend' => 'Cm_Cache_Backend_Redis', 'backend_options' => ['server' => '127.0.0.1', 'password' => 'CnryRedisCache05']]]],
    'queue' => ['amqp' => ['host' => 'rabbit', 'user' => 'guest', 'password' => 'CnryAmqp06']],
    'payment' => ['braintree' => ['private_key' => 'CnryBraintree07']],
    'serviceBus' => [
        'url' => 'https://omsuser:CnryUrlPass08@mib.example.com',
        'oauth_server_url' => 'https://mib.example.com/',
        'application_id' => 'app-1',
        'oauth_client_id' => 'client-1',
        'oauth_client_secret' => 'your_CnryOcs09',
        'secret' => 'CnrySecShort10', 'secret' => 'CnrySecDup11',
        'secure_endpoint' => 'true',
        'oauth_client_secret' => getenv('OMS_OCS') ?: 'CnryFallback25',
        'secret' => getenv('OMS_S') ?: <<<EOT
            CnryHeredoc29
            EOT,
        'secret' => getenv('OMS_S') ?: <<<'EOT'
            CnryNowdoc30
            EOT,
        'secret' => getenv('OMS_S') ?: ` + "`CnryBacktick48`" + `,
        'oauth_server_url' => 'https://u:CnryAt33@CnryAt34@mib.example.com/',
        'oauth_server_url' => 'https://u:CnrySlash31/CnryTail32@mib.example.com/',
    ],
    'wrapped' => ['secret' => ['CnryArr39'], 'password' => ['CnryArr40', 'CnryArr41'], 'password' => ['CnryArr42']],
];
`

// typo: misspelt secret keys, fixed by --fix (OMS105 renames them), and
// secrets wrapped in arrays.
const canaryTypoEnv = `<?php
return [
    'db' => ['connection' => ['default' => ['pasword' => 'CnryTypo37', 'pasword' => 'CnryTypo38']]],
    'serviceBus' => [
        'url' => 'https://mib.example.com/',
        'oauth_server_url' => 'https://mib.example.com/',
        'application_id' => 'app-1',
        'oauth_client_id' => 'client-1',
        'oauth_client_secrte' => 'CnryTypo43', 'secrte' => 'CnryTypo44',
        'secure_endpoint' => true,
    ],
    'other' => ['secret' => ['CnryArr45']],
];
`

// apos: a syntax error on the line of a password holding an apostrophe.
const canaryAposEnv = `<?php
return [
    'db' => ['connection' => ['default' => ['password' => 'CnryApos35'CnryApos36', 'host' => 'h']]],
];
`

const canaryAuthJSON = `{
    "http-basic": {
        "repo.magento.com": {"username": "pubkey", "password": "CnryAuthPass13"},
        "mcom-connector.bcn.magento.com": {"username": "u", "password": "CnryAuthLegacy16"}
    },
    "github-oauth": {"github.com": "CnryGhToken14"},
    "bearer": {"example.org": "CnryBearer15"}
}
`

// badjson: Composer files that do not parse, broken on a credential's line
// (OMS001 reports them; no line of them may be shown).
const canaryBadAuthJSON = `{
    "http-basic": {"repo.magento.com": {"username": "pubkey", "password": "CnryBadAuth53"x}}
}
`

const canaryBadComposerJSON = `{
    "repositories": [{"type": "composer", "url": "https://u:CnryBadComposer54@repo.example.com/",}]
}
`

const canaryComposerJSON = `{
    "name": "acme/shop",
    "require": {"magento/product-community-edition": "2.4.6", "magento/mcom-connector": "^4.0"},
    "repositories": [
        {"type": "composer", "url": "https://u:CnryComposerUrl17@mcom-connector.bcn.magento.com/"},
        {"type": "composer", "url": "https://mcom-connector.bcn.magento.com/", "options": {"http": {"header": ["Authorization: Bearer CnryHeader46"]}}, "authorization": "CnryRepoAuth47", "http-basic": {"x": {"username": "u", "password": "CnryRepoBasic49"}}}
    ],
    "config": {"bearer": {"mcom-connector.bcn.magento.com": "CnryCfgBearer50"}, "github-oauth": {"github.com": "CnryCfgGh51"}}
}
`

const canaryConfig = `secret-keys: [payment.braintree.private_key]
environments:
  production:
    kind: production
    service-bus:
      url: https://mib.example.com/
      oauth-server-url: https://mib.example.com/
      application-id: ${CNRY_CI_VARIABLE}
      oauth-client-id: client-1
      oauth-client-secret: CnryProfOcs18
      secret: ${OMS_SECRET}
`

// reuse: one value in the secret, the client secret and the client id.
const canaryReuseEnv = `<?php
return [
    'serviceBus' => [
        'url' => 'https://mib.example.com/',
        'oauth_server_url' => 'https://mib.example.com/',
        'application_id' => 'app-1',
        'oauth_client_id' => 'CnryReuseAll12-0123456789abcdef0123',
        'oauth_client_secret' => 'CnryReuseAll12-0123456789abcdef0123',
        'secret' => 'CnryReuseAll12-0123456789abcdef0123',
        'secure_endpoint' => true
    ],
];
`

// broken: a syntax error on a line holding a secret.
const canaryBrokenEnv = `<?php
return [
    'db' => ['connection' => ['default' => ['password' => 'CnryBroken20' 'x']]],
    'serviceBus' => [
        'secret' => 'CnryBroken21',
    ],
];
`

// brokenml: syntax errors on lines that hold a secret but not its key:
// the value on the line after its key, an unquoted secret, a comment
// between key and arrow.
const canaryBrokenMultiEnv = `<?php
return [
    'serviceBus' => [
        'secret' =>
            'CnryNextLine55' 'x',
    ],
    'db' => ['connection' => ['default' => ['password' => 'a' CnryBare56]]],
    'crypt' => ['key' /* k */ => 'CnryCmtKey57' CnryCmtKey58],
];
`

// truncated: the file ends inside a secret.
const canaryTruncatedEnv = `<?php
return [
    'serviceBus' => [
        'oauth_client_secret' => 'CnryTrunc26`

// badcfg: config mistakes next to secrets in .omslint.yaml.
const canaryBadConfig = `environments:
  production:
    kind: prod-typo
    service-bus:
      secret: CnryCfg22
      oauth-client-secret: [CnryCfg23]
      oauth-client-id: {a: CnryCfg27}
`

const canaryBadYAML = `environments:
  production:
    service-bus:
      secret: "CnryCfg24
`

// TestCanaryNoSecretLeaks plants a canary in every secret-bearing key,
// makes many findings land on or next to secret lines, runs every command
// in every format, and checks that no canary appears in standard output or
// error where the user did not ask for secrets.
func TestCanaryNoSecretLeaks(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, filepath.Join(dir, "main"), map[string]string{
		"app/etc/env.php": canaryEnvPHP, "auth.json": canaryAuthJSON,
		"composer.json": canaryComposerJSON, ".omslint.yaml": canaryConfig,
	})
	writeTree(t, filepath.Join(dir, "reuse"), map[string]string{"app/etc/env.php": canaryReuseEnv})
	writeTree(t, filepath.Join(dir, "broken"), map[string]string{"app/etc/env.php": canaryBrokenEnv, ".omslint.yaml": canaryConfig})
	writeTree(t, filepath.Join(dir, "truncated"), map[string]string{"app/etc/env.php": canaryTruncatedEnv})
	writeTree(t, filepath.Join(dir, "brokenml"), map[string]string{"app/etc/env.php": canaryBrokenMultiEnv})
	writeTree(t, filepath.Join(dir, "badcfg"), map[string]string{"app/etc/env.php": canaryReuseEnv, ".omslint.yaml": canaryBadConfig})
	writeTree(t, filepath.Join(dir, "badyaml"), map[string]string{"app/etc/env.php": canaryReuseEnv, ".omslint.yaml": canaryBadYAML})
	writeTree(t, filepath.Join(dir, "typo"), map[string]string{"app/etc/env.php": canaryTypoEnv, ".omslint.yaml": canaryConfig})
	writeTree(t, filepath.Join(dir, "apos"), map[string]string{"app/etc/env.php": canaryAposEnv})
	writeTree(t, filepath.Join(dir, "badjson"), map[string]string{"app/etc/env.php": canaryReuseEnv,
		"auth.json": canaryBadAuthJSON, "composer.json": canaryBadComposerJSON})
	// The first OMS501 compares env.php with the profile through variables.
	t.Setenv("OMS_SECRET", "CnryEnvSecret19")
	t.Setenv("OMS_OAUTH_CLIENT_SECRET", "CnryEnvOcs28")
	// Any variable a checkout's profile names is a secret once read.
	t.Setenv("CNRY_CI_VARIABLE", "CnryCiVariable52")
	t.Setenv("NO_COLOR", "1")

	roots := []string{"main", "reuse", "broken", "brokenml", "truncated", "badcfg", "badyaml", "typo", "apos", "badjson"}
	formats := []string{"text", "json", "sarif", "github", "checkstyle", "junit", "codequality"}
	var runs [][]string
	for _, r := range roots {
		for _, f := range formats {
			runs = append(runs, []string{"lint", "--fail-on", "info", "--format", f, r})
		}
		runs = append(runs,
			[]string{"lint", "--color", "always", r},
			[]string{"lint", "--diff", r},
			[]string{"lint", "--diff", "--env", "production", r},
			[]string{"lint", "--env", "production", "--format", "json", r},
			[]string{"lint", "--env", "production", r + "/app/etc/env.php", "--config", r + "/.omslint.yaml"},
			[]string{"plan", r},
			[]string{"plan", "--format", "sh", r},
			[]string{"plan", "--format", "json", r},
			[]string{"plan", "--env", "production", r},
		)
	}
	runs = append(runs,
		[]string{"lint", "--recursive", "."},
		[]string{"lint", "--recursive", "--format", "sarif", "."},
		[]string{"lint", "-", "--stdin-filename", "app/etc/env.php"},
		[]string{"lint", "--fix", "-", "--stdin-filename", "app/etc/env.php"}, // prints the fixed input: secrets asked for? no: see below
		[]string{"lint", "--format", "json=" + filepath.Join(dir, "out.json"), "--format", "sarif=" + filepath.Join(dir, "out.sarif"), "main"},
		[]string{"lint", "--write-baseline", filepath.Join(dir, "baseline.json"), "main"},
		[]string{"explain", "OMS120"},
		[]string{"explain", "OMS114"},
		[]string{"rules"},
	)
	stdinFile := filepath.Join(dir, "main/app/etc/env.php")
	for _, args := range runs {
		name := strings.Join(args, " ")
		stdin := ""
		if contains(args, "-") {
			stdin = stdinFile
		}
		res := runCLI(t, dir, stdin, args...)
		if res.code == failure.ExitInternal {
			t.Errorf("%s: internal error: %s", name, res.stderr)
		}
		stdout := res.stdout
		if contains(args, "--fix") && contains(args, "-") {
			// The fixed file itself is what the user asked for; its
			// report goes to stderr and is checked.
			stdout = ""
		}
		checkNoCanary(t, name, "stdout", stdout)
		checkNoCanary(t, name, "stderr", res.stderr)
	}
	for _, f := range []string{"out.json", "out.sarif", "baseline.json"} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		checkNoCanary(t, "lint --format "+f, f, string(data))
	}

	// --fix on a copy, then lint what it wrote.
	fixDir := filepath.Join(dir, "fixcopy")
	writeTree(t, fixDir, map[string]string{"app/etc/env.php": canaryEnvPHP, ".omslint.yaml": canaryConfig})
	res := runCLI(t, dir, "", "lint", "--fix", "fixcopy")
	checkNoCanary(t, "lint --fix", "stdout", res.stdout)
	checkNoCanary(t, "lint --fix", "stderr", res.stderr)

	// generate: with --secrets getenv no value is asked for; with values
	// (php, env, json) the block on stdout holds them by design, but
	// stderr never does. --write prints nothing secret either.
	genDir := filepath.Join(dir, "main")
	for _, args := range [][]string{
		{"generate", "--env", "production", "--secrets", "getenv"},
		{"generate", "--url", "https://mib.example.com/", "--oauth-server-url", "https://mib.example.com/", "--application-id", "a", "--oauth-client-id", "c", "--secrets", "getenv"},
	} {
		res := runCLI(t, genDir, "", args...)
		checkNoCanary(t, strings.Join(args, " "), "stdout", res.stdout)
		checkNoCanary(t, strings.Join(args, " "), "stderr", res.stderr)
	}
	for _, f := range []string{"php", "env", "json"} {
		res := runCLI(t, genDir, "", "generate", "--env", "production", "--format", f)
		checkNoCanary(t, "generate --format "+f, "stderr", res.stderr)
	}
	writeTree(t, filepath.Join(dir, "gencopy"), map[string]string{"app/etc/env.php": canaryEnvPHP, ".omslint.yaml": canaryConfig})
	res = runCLI(t, filepath.Join(dir, "gencopy"), "", "generate", "--env", "production", "--write")
	checkNoCanary(t, "generate --write", "stdout", res.stdout)
	checkNoCanary(t, "generate --write", "stderr", res.stderr)

	// --show-secrets is the user asking: the text shows them (sanity
	// check that the canaries are really in the findings).
	res = runCLI(t, dir, "", "lint", "--show-secrets", "main")
	if !canaryRe.MatchString(res.stdout) {
		t.Errorf("--show-secrets shows no canary: the test would not see a leak\n%s", res.stdout)
	}
}

func checkNoCanary(t *testing.T, cmd, stream, text string) {
	t.Helper()
	if m := canaryRe.FindAllString(text, -1); len(m) > 0 {
		t.Errorf("%s: %s shows %v:\n%s", cmd, stream, unique(m), excerpt(text, m[0]))
	}
}

func excerpt(text, s string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			out = append(out, "    "+l)
		}
	}
	return strings.Join(out, "\n")
}

func unique(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// TestMaskingKeepsToolWords is issue 18's masking bug: with the database
// password 'magento' (Magento's sample default), the plan's commands and
// the OMS401 hint's path stay intact, in every plan format and in the
// lint formats that print hints; the value is still masked where it is
// shown (the snippet of a finding on its line).
func TestMaskingKeepsToolWords(t *testing.T) {
	dir := t.TempDir()
	env := "<?php\nreturn [\n    'db' => ['connection' => ['default' => ['password' => 'magento', 'password' => 'magento']]],\n    'serviceBus' => [],\n];\n"
	writeTree(t, filepath.Join(dir, "shop"), map[string]string{"app/etc/env.php": env, "12-magento-magento2.php": env})
	if err := os.Chmod(filepath.Join(dir, "shop/12-magento-magento2.php"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"text", "sh", "json"} {
		res := runCLI(t, filepath.Join(dir, "shop"), "", "plan", "--format", f)
		want := "bin/magento oms:service-bus:register"
		if f == "json" {
			want = "\"bin/magento\",\n        \"oms:service-bus:register\""
		}
		if !strings.Contains(res.stdout, want) {
			t.Errorf("plan --format %s: the command is masked:\n%s%s", f, res.stdout, res.stderr)
		}
	}
	for _, f := range []string{"text", "json", "github"} {
		res := runCLI(t, filepath.Join(dir, "shop"), "", "lint", "--as", "env", "--format", f, "12-magento-magento2.php")
		if !strings.Contains(res.stdout, "chmod o-rwx 12-magento-magento2.php") || !strings.Contains(res.stdout, "12-magento-magento2.php (read as env.php) is readable") {
			t.Errorf("lint --format %s: the OMS401 hint is masked:\n%s", f, res.stdout)
		}
		if f == "text" && !strings.Contains(res.stdout, "'password' => ********, 'password' => ********") {
			t.Errorf("lint: the password is not masked in the snippet:\n%s", res.stdout)
		}
		if strings.Contains(res.stdout, "'magento'") {
			t.Errorf("lint --format %s shows the password:\n%s", f, res.stdout)
		}
	}
}
