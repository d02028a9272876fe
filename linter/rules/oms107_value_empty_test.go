package rules_test

import "testing"

func TestOMS107(t *testing.T) {
	runCases(t, "OMS107", []ruleCase{
		{name: "clean", src: clean},
		{name: "empty url", src: with(map[string]string{"url": "        'url' => ''"}), want: []string{"5:18 serviceBus.url error"}, msg: "is empty"},
		{name: "blank secret", src: with(map[string]string{"secret": "        'secret' => '  '"}), want: []string{"10:21 serviceBus.secret error"}, msg: "only white space"},
		{name: "tab-only id", src: with(map[string]string{"application_id": "        'application_id' => \"\\t\""}), want: []string{"9:29 serviceBus.application_id error"}},
		{name: "empty secure_endpoint is a type problem", src: with(map[string]string{"secure_endpoint": "        'secure_endpoint' => ''"})},
		{name: "null is a type problem", src: with(map[string]string{"url": "        'url' => null"})},
	})
	// An empty value gives one finding, not URL or secret findings too.
	fs := lint(t, with(map[string]string{"url": "        'url' => ''", "secret": "        'secret' => ''"}))
	for _, f := range fs {
		if f.Rule != "OMS107" && f.Rule != "OMS101" {
			t.Errorf("unexpected %s: %s", f.Rule, f.Message)
		}
	}
}
