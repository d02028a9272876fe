package effective

import "testing"

// Magento's ENV_NAME_PATTERN, case by case (DeploymentConfig.php).
func TestParsePlaceholder(t *testing.T) {
	cases := []struct {
		in       string
		ok       bool
		name     string
		fallback string
	}{
		{`#env(OMS_URL)`, true, "OMS_URL", ""},
		{`#env( OMS_URL )`, true, "OMS_URL", ""},
		{`#env(OMS_URL, "https://mib.example.com/")`, true, "OMS_URL", "https://mib.example.com/"},
		{`#env(OMS_URL,"d")`, true, "OMS_URL", "d"},
		{"#env(OMS_URL)\n", true, "OMS_URL", ""}, // PCRE's $ before a final newline
		{"#env(\vX\t)", true, "X", ""},           // PCRE's \s includes \v
		{`#env(X, "")`, false, "", ""},           // the default must be non-empty
		{`#env(X, 'd')`, false, "", ""},
		{`#env(X , "d" )`, false, "", ""}, // no blank before ')' after a default
		{`#env(X-Y)`, false, "", ""},
		{`#env()`, false, "", ""},
		{` #env(X)`, false, "", ""},
		{`#env(X)x`, false, "", ""},
		{`#ENV(X)`, false, "", ""},
		{`#env(X, "a"b")`, false, "", ""},
		{"#env(X)\n\n", false, "", ""},
		{`#env(É)`, false, "", ""}, // \w without /u is ASCII
	}
	for _, c := range cases {
		r, ok := ParsePlaceholder(c.in)
		if ok != c.ok {
			t.Errorf("%q: ok=%v, want %v", c.in, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		fb := ""
		if r.Fallback != nil {
			fb = r.Fallback.Str
		}
		if r.Name != c.name || fb != c.fallback {
			t.Errorf("%q: name %q default %q", c.in, r.Name, fb)
		}
	}
}

func TestParseExpr(t *testing.T) {
	cases := []struct {
		in   string
		ok   bool
		kind RefKind
		name string
		fb   *Literal
	}{
		{`getenv('OMS_URL')`, true, RefGetenv, "OMS_URL", nil},
		{`\getenv("OMS_URL")`, true, RefGetenv, "OMS_URL", nil},
		{`GETENV( 'OMS_URL' /* c */ )`, true, RefGetenv, "OMS_URL", nil},
		{`getenv('OMS_URL') ?: 'https://mib.example.com/'`, true, RefGetenv, "OMS_URL", &Literal{Kind: LitString, Str: "https://mib.example.com/"}},
		{`getenv('S') ? : 'it\'s'`, true, RefGetenv, "S", &Literal{Kind: LitString, Str: "it's"}},
		{`getenv('B') ?: true`, true, RefGetenv, "B", &Literal{Kind: LitBool, Bool: true}},
		{`$_ENV['OMS_ID']`, true, RefSuperglobal, "OMS_ID", nil},
		{`$_ENV['OMS_ID'] ?? 'acme'`, true, RefSuperglobal, "OMS_ID", &Literal{Kind: LitString, Str: "acme"}},
		{`$_ENV['OMS_ID'] ?? null`, true, RefSuperglobal, "OMS_ID", &Literal{Kind: LitNull}},
		{`getenv('X') ?? 'a'`, false, 0, "", nil},
		{`$_ENV['X'] ?: 'a'`, false, 0, "", nil},
		{`getenv('X', true)`, false, 0, "", nil},
		{`getenv('X') . '/'`, false, 0, "", nil},
		{`getenv("X$y")`, false, 0, "", nil},
		{`getenv('X') ?: getenv('Y')`, false, 0, "", nil},
		{`$_env['X']`, false, 0, "", nil},
		{`(getenv('X'))`, false, 0, "", nil},
		{`getenv($name)`, false, 0, "", nil},
		{`OMS_URL`, false, 0, "", nil},
	}
	for _, c := range cases {
		r, ok := ParseExpr(c.in)
		if ok != c.ok {
			t.Errorf("%q: ok=%v, want %v", c.in, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if r.Kind != c.kind || r.Name != c.name {
			t.Errorf("%q: %v %q", c.in, r.Kind, r.Name)
		}
		switch {
		case (r.Fallback == nil) != (c.fb == nil):
			t.Errorf("%q: fallback %+v, want %+v", c.in, r.Fallback, c.fb)
		case c.fb != nil && (r.Fallback.Kind != c.fb.Kind || r.Fallback.Str != c.fb.Str || r.Fallback.Bool != c.fb.Bool):
			t.Errorf("%q: fallback %+v, want %+v", c.in, r.Fallback, c.fb)
		}
	}
}
