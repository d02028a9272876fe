package rules_test

import (
	"strings"
	"testing"
)

func TestOMS106(t *testing.T) {
	se := func(v string) string {
		return with(map[string]string{"secure_endpoint": "        'secure_endpoint' => " + v})
	}
	runCases(t, "OMS106", []ruleCase{
		{name: "clean", src: clean},
		{name: "false is a bool", src: se("false")},
		{name: "upper-case TRUE is a bool", src: se("TRUE")},
		{name: "int id", src: with(map[string]string{"oauth_client_id": "        'oauth_client_id' => 12345"}),
			want: []string{"7:30 serviceBus.oauth_client_id error"}, msg: "is an int (12345); expected a string"},
		{name: "null url", src: with(map[string]string{"url": "        'url' => null"}), want: []string{"5:18 serviceBus.url error"}, msg: "is null; expected a string"},
		{name: "array secret", src: with(map[string]string{"secret": "        'secret' => ['a']"}), want: []string{"10:21 serviceBus.secret error"}},
		{name: "bool secret: value not shown", src: with(map[string]string{"secret": "        'secret' => true"}),
			want: []string{"10:21 serviceBus.secret error"}, msg: "is a bool; expected a string"},
		{name: "string 'true'", src: se("'true'"), want: []string{"11:30 serviceBus.secure_endpoint warning"}, fixed: clean},
		{name: "string 'false'", src: se(`"false"`), want: []string{"11:30 serviceBus.secure_endpoint warning"}, fixed: se("false")},
		{name: "int 1", src: se("1"), want: []string{"11:30 serviceBus.secure_endpoint warning"}, fixed: clean},
		{name: "int 0", src: se("0"), want: []string{"11:30 serviceBus.secure_endpoint warning"}, fixed: se("false")},
		{name: "string '1'", src: se("'1'"), want: []string{"11:30 serviceBus.secure_endpoint warning"}, fixed: clean},
		{name: "string '0'", src: se("'0'"), want: []string{"11:30 serviceBus.secure_endpoint warning"}, fixed: se("false")},
		{name: "other string: no fix", src: se("'yes'"), want: []string{"11:30 serviceBus.secure_endpoint warning"}, fixed: se("'yes'")},
		{name: "null: no fix", src: se("null"), want: []string{"11:30 serviceBus.secure_endpoint warning"}, fixed: se("null")},
		{name: "expression is OMS004", src: se("(bool) getenv('X')")},
	})
}

// The kind a message names ("null", "an int") is omslint's own word, not a
// value from the file: the redactor masks only marked values, so a secret
// whose value is null must not turn every "is null" of the run into
// "is ********".
func TestOMS106KindIsToolWords(t *testing.T) {
	src := with(map[string]string{
		"oauth_client_secret": "        'oauth_client_secret' => null",
		"secure_endpoint":     "        'secure_endpoint' => null",
	})
	fs := only(lint(t, src), "OMS106")
	if len(fs) != 2 {
		t.Fatalf("want 2 OMS106 findings, got %s", dump(fs))
	}
	for _, f := range fs {
		if !strings.Contains(f.MarkedMessage(), "is null") {
			t.Errorf("%s: the kind is marked as a value (masked with the secret null): %q", f.Key, f.MarkedMessage())
		}
	}
}
