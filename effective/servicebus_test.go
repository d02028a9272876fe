package effective

import (
	"strings"
	"testing"

	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

func src(path, text string) *magento.PHPSource {
	f, err := phpconf.Parse(path, []byte(text), phpconf.Options{})
	if err != nil || f.Err != nil {
		panic(path + ": does not parse")
	}
	return &magento.PHPSource{Source: magento.Source{Path: path, Data: []byte(text)}, Tree: f}
}

func project(config, env string) *magento.Project {
	p := &magento.Project{Root: "."}
	if config != "" {
		p.Config = src("app/etc/config.php", config)
	}
	if env != "" {
		p.Env = src("app/etc/env.php", env)
	}
	return p
}

func keys(sb *ServiceBus) string {
	var out []string
	for _, e := range sb.Entries {
		out = append(out, e.Key+"@"+e.Origin.Layer)
	}
	return strings.Join(out, " ")
}

func TestLayers(t *testing.T) {
	cfg := "<?php\nreturn ['serviceBus' => ['url' => 'https://a/', 'secret' => 'cfg', 'application_id' => 'app']];\n"
	env := "<?php\nreturn ['serviceBus' => ['secret' => 'env', 'oauth_client_id' => 'id']];\n"
	sb := Build(project(cfg, env), nil)
	if got := keys(sb); got != "url@config.php secret@env.php application_id@config.php oauth_client_id@env.php" {
		t.Errorf("merge order: %s", got)
	}
	if e := sb.Get("secret"); e.Value.Str != "env" || e.Replaced == nil || e.Replaced.Value.Str != "cfg" {
		t.Errorf("env.php wins: %+v", e)
	}
	if e := sb.Get("url"); !e.NotOverridden || e.Describe() != "set in config.php, not overridden by env.php" {
		t.Errorf("config.php layer: %q", e.Describe())
	}
	if sb.Section.Layer != LayerEnv || len(sb.Files) != 2 || strings.Join(sb.Layers, ",") != "config.php,env.php" {
		t.Errorf("section %s files %d layers %v", sb.Section.Layer, len(sb.Files), sb.Layers)
	}
	// config.php only; no files at all; env.php replacing a non-array.
	if sb := Build(project(cfg, ""), nil); sb.Section.Layer != LayerConfig || sb.Get("url").NotOverridden || sb.Get("url").Describe() != "set in config.php" {
		t.Errorf("config.php only: %s %q", sb.Section.Layer, sb.Get("url").Describe())
	}
	if sb := Build(&magento.Project{}, nil); sb.Present {
		t.Error("no file: no block")
	}
	if sb := Build(nil, nil); sb.Present {
		t.Error("nil project: no block")
	}
	if sb := Build(project(cfg, "<?php\nreturn ['serviceBus' => 'x'];\n"), nil); sb.Value.Kind != phpconf.KindString || sb.Entries != nil {
		t.Error("a non-array env.php block replaces config.php's")
	}
}

func TestOverride(t *testing.T) {
	env := "<?php\nreturn ['serviceBus' => ['url' => 'https://file/']];\n"
	e := NewEnv([]string{`MAGENTO_DC__OVERRIDE={"db":{},"serviceBus":{"url":"http://mib.example.com/","secure_endpoint":true,"n":1.5,"url":"http://last/"}}`})
	sb := Build(project("", env), e)
	if sb.Section.Layer != OverrideVar || len(sb.Shadowed) != 1 || sb.Shadowed[0].Layer != LayerEnv {
		t.Fatalf("override: %s shadowed %d", sb.Section.Layer, len(sb.Shadowed))
	}
	if got := keys(sb); got != "url@MAGENTO_DC__OVERRIDE secure_endpoint@MAGENTO_DC__OVERRIDE n@MAGENTO_DC__OVERRIDE" {
		t.Errorf("entries %s", got)
	}
	u := sb.Get("url")
	if u.Value.Str != "http://last/" || u.Describe() != "from MAGENTO_DC__OVERRIDE" {
		t.Errorf("url %q %q", u.Value.Str, u.Describe())
	}
	if file, sp := u.Origin.Var.Where(u.Origin.JSONOff); file != "$MAGENTO_DC__OVERRIDE" || sp.Start.Col < 80 {
		t.Errorf("position %s %+v", file, sp.Start)
	}
	if sb.Get("secure_endpoint").Value.Kind != phpconf.KindBool || sb.Get("n").Value.Kind != phpconf.KindFloat {
		t.Error("JSON kinds")
	}
	// Without serviceBus in the override, the files stand.
	if sb := Build(project("", env), NewEnv([]string{`MAGENTO_DC__OVERRIDE={"db":{}}`})); sb.Section.Layer != LayerEnv || len(sb.Shadowed) != 0 {
		t.Error("an override without serviceBus changes nothing")
	}
	// Only the environment: a container without env.php.
	if sb := Build(&magento.Project{}, e); !sb.Present || sb.Get("url") == nil {
		t.Error("an override alone gives the block")
	}
	for _, c := range []struct{ val, err string }{
		{`{"serviceBus": [`, "not valid JSON"},
		{`[1]`, "a JSON list"},
		{`"x"`, "TypeError"},
		{`'{"serviceBus":{}}'`, "not valid JSON"},
	} {
		o := ReadOverride(NewEnv([]string{OverrideVar + "=" + c.val}))
		if o == nil || !strings.Contains(o.Err, c.err) {
			t.Errorf("%s: %+v", c.val, o)
		}
	}
	for _, val := range []string{"", "0", "null"} {
		if o := ReadOverride(NewEnv([]string{OverrideVar + "=" + val})); o != nil {
			t.Errorf("%q is ignored by Magento: %+v", val, o)
		}
	}
	if ReadOverride(nil) != nil {
		t.Error("unknown environment: no override")
	}
}

func TestResolve(t *testing.T) {
	env := `<?php
return ['serviceBus' => [
    'url' => '#env(OMS_URL)',
    'oauth_server_url' => '#env(OMS_OAUTH, "https://oauth.example.com/")',
    'oauth_client_id' => getenv('OMS_ID') ?: 'fallback-id',
    'oauth_client_secret' => getenv('OMS_CS'),
    'application_id' => $_ENV['OMS_APP'] ?? 'app',
    'secret' => '#env(X, "")',
    'secure_endpoint' => (bool) getenv('SECURE')
]];
`
	p := project("", env)
	// Unknown environment: placeholders and references have no value but
	// their fallback; a non-matching placeholder is a literal.
	sb := Build(p, nil)
	checks := []struct {
		key   string
		value string // "<nil>" for none
		fb    bool
	}{
		{"url", "<nil>", false}, {"oauth_server_url", "https://oauth.example.com/", true},
		{"oauth_client_id", "fallback-id", true}, {"oauth_client_secret", "<nil>", false},
		{"application_id", "app", true}, {"secret", `#env(X, "")`, false}, {"secure_endpoint", "<nil>", false},
	}
	for _, c := range checks {
		e := sb.Get(c.key)
		got := "<nil>"
		if e.Value != nil {
			got = e.Value.Str
		}
		if got != c.value || e.Fallback != c.fb {
			t.Errorf("unknown env: %s = %q fallback=%v", c.key, got, e.Fallback)
		}
	}
	if sb.Get("secret").Ref != nil || !sb.Get("secret").Literal() {
		t.Error(`#env(X, "") is a literal`)
	}
	// Known environment.
	e := NewEnv([]string{"OMS_URL=http://mib.acme-retail.com/", "OMS_ID=0", "OMS_APP="})
	sb = Build(p, e)
	if u := sb.Get("url"); u.Value.Str != "http://mib.acme-retail.com/" || u.Origin.Via == nil || u.Literal() {
		t.Errorf("url from OMS_URL: %+v", u)
	}
	if o := sb.Get("oauth_server_url"); o.Value.Str != "https://oauth.example.com/" || !o.Fallback || !o.Unset {
		t.Errorf("oauth default: %+v", o)
	}
	if id := sb.Get("oauth_client_id"); id.Value.Str != "fallback-id" || !strings.Contains(id.Describe(), `empty or "0"`) {
		t.Errorf("getenv ?: with \"0\": %q %q", id.Value.Str, id.Describe())
	}
	if cs := sb.Get("oauth_client_secret"); cs.Value.Kind != phpconf.KindBool || cs.Value.Bool {
		t.Errorf("getenv of an unset variable is false: %+v", cs.Value)
	}
	if a := sb.Get("application_id"); a.Value.Str != "" || a.Origin.Via == nil {
		t.Errorf("$_ENV of a set, empty variable is '' (?? does not apply): %+v", a.Value)
	}
	if s := sb.Get("secure_endpoint"); s.Value != nil {
		t.Error("(bool) getenv() is not evaluated")
	}
	// A placeholder without default whose variable is unset reads as ''.
	if u := Build(p, NewEnv(nil)).Get("url"); u.Value.Kind != phpconf.KindString || u.Value.Str != "" || !u.Unset {
		t.Errorf("unset placeholder: %+v", u.Value)
	}
	var vals []string
	for _, v := range EnvValues(p, e) {
		vals = append(vals, v.Name+"="+v.Value)
	}
	if strings.Join(vals, ",") != "OMS_URL=http://mib.acme-retail.com/,OMS_ID=0,OMS_APP=" {
		t.Errorf("values to mask: %q", vals)
	}
}
