package rules_test

import "testing"

func TestOMS108(t *testing.T) {
	id := func(v string) string {
		return with(map[string]string{"application_id": "        'application_id' => '" + v + "'"})
	}
	const at = "9:29 serviceBus.application_id error"
	fire := []string{"<APPLICATION_ID>", "<your application id>", "{{ app_id }}", "${OMS_APP_ID}", "%APP_ID%",
		"changeme", "CHANGE-ME", "change_me", "replace_me", "ReplaceMe", "todo", "TBD", " xxx ", "XXXXXXXX", "xxxx-xxxx",
		"placeholder", "dummy", "your_app_id", "Your-Application"}
	quiet := []string{"mdc", "acme-magento", "store%20one", "100%", "todo-list", "xx", "dummy-store", "yours", "a<b"}
	var cases []ruleCase
	cases = append(cases, ruleCase{name: "clean", src: clean})
	for _, v := range fire {
		cases = append(cases, ruleCase{name: "fires on " + v, src: id(v), want: []string{at}})
	}
	for _, v := range quiet {
		cases = append(cases, ruleCase{name: "quiet on " + v, src: id(v)})
	}
	cases = append(cases,
		ruleCase{name: "url template", src: with(map[string]string{"url": "        'url' => 'https://{{MIB_HOST}}/'"}), want: []string{"5:18 serviceBus.url error"}},
		ruleCase{name: "secret: value not named", src: with(map[string]string{"secret": "        'secret' => '<secret>'"}),
			want: []string{"10:21 serviceBus.secret error"}, msg: "'serviceBus.secret' is a template placeholder, not a real value"},
		ruleCase{name: "hex secret", src: with(map[string]string{"secret": "        'secret' => 'e3b0c44298fc1c149afbf4c8996fb924'"})},
	)
	runCases(t, "OMS108", cases)
	// A placeholder URL is not also reported by the URL rules.
	fs := lint(t, with(map[string]string{"url": "        'url' => '<MIB_URL>'"}))
	for _, f := range fs {
		if f.Rule != "OMS108" && f.Rule != "OMS101" {
			t.Errorf("unexpected %s: %s", f.Rule, f.Message)
		}
	}
}
