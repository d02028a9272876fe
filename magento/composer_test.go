package magento

import (
	"testing"

	"github.com/omslint/omslint/jsonpos"
)

func phpSrc(t *testing.T, path, src string) *PHPSource {
	t.Helper()
	return parsePHP(&Source{Path: path, Abs: "/x/" + path, Data: []byte(src)}, LoadOptions{})
}

func jsonSrc(path, src string) *Source {
	return &Source{Path: path, Abs: "/x/" + path, Data: []byte(src)}
}

const plainEnv = "<?php\nreturn [\n    'MAGE_MODE' => 'production'\n];\n"

func TestLockedPositions(t *testing.T) {
	p := &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, plainEnv), ComposerLock: jsonSrc(ComposerLockPath, `{
    "packages": [
        {
            "name": "Magento/MCOM-Connector",
            "version": "v4.5.0"
        },
        {
            "name": "magento/module-service-bus"
        }
    ],
    "packages-dev": [
        {"name": "phpunit/phpunit", "version": "9.6.0"}
    ]
}`)}
	locked := p.Locked()
	lp, ok := p.LockedConnector()
	if !ok || lp.Version != "v4.5.0" || lp.Span().Start.Line != 5 || lp.Span().Start.Col != 24 {
		t.Errorf("connector = %+v, %v; want v4.5.0 at 5:24", lp, ok)
	}
	sb := locked["magento/module-service-bus"]
	if sb.Version != "" || sb.Span().Start.Line != 8 || sb.Span().Start.Col != 21 {
		t.Errorf("service bus (no version) = %+v; want its name at 8:21", sb)
	}
	if !locked["phpunit/phpunit"].Dev {
		t.Error("packages-dev entry not marked Dev")
	}
	if first, again := p.ComposerLockDoc(), p.ComposerLockDoc(); first != again {
		t.Error("composer.lock parsed twice")
	}
}

func TestInvalidJSONIsNoInput(t *testing.T) {
	p := &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, plainEnv),
		ComposerJSON: jsonSrc(ComposerJSONPath, `{"require": {"magento/mcom-connector": "4.5.0",}}`),
		ComposerLock: jsonSrc(ComposerLockPath, `{"packages": [`)}
	if p.ComposerJSONDoc().Err == nil || p.ComposerJSONDoc().Root() != nil {
		t.Error("trailing comma accepted")
	}
	if len(p.Locked()) != 0 || p.ConnectorDetected() {
		t.Error("an invalid file must show nothing")
	}
	if (&Project{}).ComposerJSONDoc().Root() != nil {
		t.Error("absent file has a root")
	}
}

func TestConnectorDetected(t *testing.T) {
	sbEnv := "<?php\nreturn ['serviceBus' => []];\n"
	cases := []struct {
		name string
		p    *Project
		want bool
	}{
		{"nothing", &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, plainEnv)}, false},
		{"env serviceBus", &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, sbEnv)}, true},
		{"env serviceBus, lone file", &Project{Env: phpSrc(t, EnvPHPPath, sbEnv)}, true},
		{"env servicebus misspelled", &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, "<?php\nreturn ['service_bus' => []];\n")}, false},
		{"composer.json require", &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, plainEnv),
			ComposerJSON: jsonSrc(ComposerJSONPath, `{"require": {"magento/mcom-connector": "^4.0"}}`)}, true},
		{"composer.json require-dev service bus", &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, plainEnv),
			ComposerJSON: jsonSrc(ComposerJSONPath, `{"require-dev": {"magento/module-service-bus": "*"}}`)}, true},
		{"composer.json other message bus only", &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, plainEnv),
			ComposerJSON: jsonSrc(ComposerJSONPath, `{"require": {"magento/module-sales-message-bus": "*"}}`)}, false},
		{"composer.lock", &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, plainEnv),
			ComposerLock: jsonSrc(ComposerLockPath, `{"packages": [{"name": "magento/mcom-connector", "version": "4.5.0"}]}`)}, true},
		{"config.php module, disabled", &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, plainEnv),
			Config: phpSrc(t, ConfigPHPPath, "<?php\nreturn ['modules' => ['Magento_SalesMessageBus' => 0]];\n")}, true},
		{"config.php MSI only", &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, plainEnv),
			Config: phpSrc(t, ConfigPHPPath, "<?php\nreturn ['modules' => ['Magento_Inventory' => 1]];\n")}, false},
		// Every file a project holds counts: for a single file linted,
		// the root around it (Project.Only) is what is known.
		{"single file with composer context", &Project{Env: phpSrc(t, EnvPHPPath, plainEnv), Only: EnvPHPPath, OnlyRole: RoleEnv,
			ComposerJSON: jsonSrc(ComposerJSONPath, `{"require": {"magento/mcom-connector": "^4.0"}}`)}, true},
	}
	for _, c := range cases {
		if got := c.p.ConnectorDetected(); got != c.want {
			t.Errorf("%s: ConnectorDetected = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestConnectorShownByFiles(t *testing.T) {
	p := &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, plainEnv),
		ComposerJSON: jsonSrc(ComposerJSONPath, `{"require": {"magento/module-sales-message-bus": "*"}}`)}
	if !p.ConnectorShownByFiles() {
		t.Error("a connector module package shows the connector")
	}
}

// TestLockReadWithoutTree: what the rules read of composer.lock (its
// packages, whether it is valid) comes without building its tree, and a
// malformed lock keeps the full parser's error, message and position.
func TestLockReadWithoutTree(t *testing.T) {
	p := &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, plainEnv), ComposerLock: jsonSrc(ComposerLockPath,
		`{"packages": [{"name": "magento/mcom-connector", "version": "4.5.0", "extra": {"x": [1, {"y": "}"}]}}]}`)}
	if p.ComposerLockErr() != nil || len(p.Locked()) != 1 || !p.ConnectorDetected() || p.Connector() != ConnectorUsed {
		t.Fatalf("err %v, locked %v", p.ComposerLockErr(), p.Locked())
	}
	if p.composer.lock != nil {
		t.Error("composer.lock was parsed into a tree")
	}
	if p.ComposerLockDoc().Root().Get("packages").Index(0).Path("extra", "x", "1", "y").Str != "}" {
		t.Error("the tree, when asked for, is the whole file")
	}

	for _, src := range []string{"{\n  \"packages\": [\n    {\"name\": \"magento/mcom-connector\",}\n  ]\n}", `{"packages": [`, "\xef\xbb\xbf{\"x\": \"\\ud800\"}"} {
		bad := &Project{Root: ".", Env: phpSrc(t, EnvPHPPath, plainEnv), ComposerLock: jsonSrc(ComposerLockPath, src)}
		err := bad.ComposerLockErr()
		_, want := jsonpos.Parse([]byte(src))
		if err == nil || want == nil || err.Error() != want.Error() {
			t.Errorf("%q: error %v, want the parser's %v", src, err, want)
		}
		if d := bad.ComposerLockDoc(); d.Root() != nil || d.Err != err {
			t.Errorf("%q: doc %+v", src, d)
		}
		if len(bad.Locked()) != 0 || bad.Connector() != ConnectorUnknown {
			t.Errorf("%q: a malformed lock shows packages or a verdict", src)
		}
	}
}
