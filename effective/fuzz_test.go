package effective

import (
	"strings"
	"testing"
)

// FuzzParseEnvFile: any bytes give variables or an error naming a line,
// never a panic; a variable's value position stays inside the file.
func FuzzParseEnvFile(f *testing.F) {
	for _, s := range []string{"A=1\n", "export A='x'\n# c\nB=\"y\\n\"\n", "A\n", "\uFEFFA=1\r\n", "A='open\n", "=x\n", "A=\"\\"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ef, err := ParseEnvFile("f.env", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.env:") {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		for _, v := range ef.Vars {
			if v.ValueStart < 0 || v.ValueStart > len(data) {
				t.Fatalf("value start %d outside the file", v.ValueStart)
			}
			v.Where(3)
			v.WhereValue()
		}
	})
}

// FuzzRefs: the recognisers never panic, and what they accept names a
// variable.
func FuzzRefs(f *testing.F) {
	for _, s := range []string{`getenv('A') ?: 'b'`, `$_ENV['A'] ?? null`, `#env(A, "b")`, `getenv(`, `'`, `/*`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if r, ok := ParseExpr(s); ok && r.Name == "" && r.Kind != RefGetenv && r.Kind != RefSuperglobal {
			t.Fatalf("%q: %+v", s, r)
		}
		if r, ok := ParsePlaceholder(s); ok && r.Name == "" {
			t.Fatalf("%q: placeholder without a name", s)
		}
	})
}

// FuzzOverride: any MAGENTO_DC__OVERRIDE value gives a block or an error,
// never a panic, and every entry's position is inside the value.
func FuzzOverride(f *testing.F) {
	for _, s := range []string{`{"serviceBus":{"url":"#env(A)"}}`, `{"serviceBus":"x"}`, `[1]`, `"`, `{"serviceBus":{"a":1,"a":[{}]}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		env := NewEnv([]string{OverrideVar + "=" + s, "A=x"})
		sb := Build(nil, env)
		for _, e := range sb.Entries {
			if e.Origin.JSONOff < 0 || e.Origin.JSONOff > len(s) {
				t.Fatalf("offset %d outside the value", e.Origin.JSONOff)
			}
			e.Origin.Var.Where(e.Origin.JSONOff)
			e.Describe()
		}
		EnvValues(nil, env)
	})
}
