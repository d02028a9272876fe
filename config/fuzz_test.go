package config

import "testing"

// FuzzParse feeds arbitrary bytes to Parse: it must never panic, and it
// must return exactly one of a config or an error.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		goodFile, Starter(), "", "fail-on: [", "a: &x [*x]\n", "environments:\n  p: *x\n",
		"ignore:\n  - {path: a, rules: OMS113, reason: r}\n", "rules: {OMS120: off}\n",
		"environments: {p: {kind: production, sales-channels: [{stock-aggregates: [a, b]}]}}\n",
		"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "--- !!binary x\n", "%YAML 1.1\n---\nfail-on: error\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("f.yaml", data)
		if (c == nil) == (err == nil) {
			t.Fatalf("config %v and error %v", c, err)
		}
		if err != nil {
			_ = err.Error()
		}
	})
}
