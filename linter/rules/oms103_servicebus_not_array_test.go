package rules_test

import (
	"strings"
	"testing"
)

func TestOMS103(t *testing.T) {
	src := func(v string) string { return "<?php\nreturn [\n    'serviceBus' => " + v + "\n];\n" }
	runCases(t, "OMS103", []ruleCase{
		{name: "clean", src: clean},
		{name: "string", src: src("'https://mib.acme-retail.com/'"), want: []string{"3:21 serviceBus error"}, msg: "holds a string; expected an array"},
		{name: "null", src: src("null"), want: []string{"3:21 serviceBus error"}, msg: "holds null"},
		{name: "bool", src: src("true"), want: []string{"3:21 serviceBus error"}},
		{name: "int", src: src("1"), want: []string{"3:21 serviceBus error"}},
		{name: "long array", src: src("array ()")},
		{name: "expression is OMS004", src: src("getenv('SB')")},
		{name: "earlier duplicate dropped", src: "<?php\nreturn [\n    'serviceBus' => 'x',\n    'serviceBus' => []\n];\n"},
	})
}

// The kind and the key list are omslint's words, never marked as values.
func TestOMS103KindIsToolWords(t *testing.T) {
	fs := only(lint(t, "<?php\nreturn [\n    'serviceBus' => null\n];\n"), "OMS103")
	if len(fs) != 1 || !strings.Contains(fs[0].MarkedMessage(), "holds null; expected an array of the connector settings (url, ") {
		t.Errorf("OMS103 message marks its own words as values: %s", dump(fs))
	}
}
