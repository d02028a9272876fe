package rules_test

import (
	"strings"
	"testing"
)

func TestOMS102(t *testing.T) {
	mis := strings.Replace(clean, "'serviceBus'", "'service_bus'", 1)
	runCases(t, "OMS102", []ruleCase{
		{name: "clean", src: clean},
		{name: "snake case", src: mis, want: []string{"4:5 service_bus error"}, fixed: clean},
		{name: "lower case, double quotes", src: strings.Replace(clean, "'serviceBus'", `"servicebus"`, 1),
			want: []string{"4:5 servicebus error"}, fixed: strings.Replace(clean, "'serviceBus'", `"serviceBus"`, 1)},
		{name: "pascal case", src: strings.Replace(clean, "'serviceBus'", "'ServiceBus'", 1), want: []string{"4:5 ServiceBus error"}, fixed: clean},
		{name: "kebab case", src: strings.Replace(clean, "'serviceBus'", "'service-bus'", 1), want: []string{"4:5 service-bus error"}},
		{name: "exact key present too", src: "<?php\nreturn [\n    'service_bus' => [],\n    'serviceBus' => []\n];\n"},
		{name: "two near misses: no fix", src: "<?php\nreturn [\n    'service_bus' => [],\n    'servicebus' => []\n];\n",
			want: []string{"3:5 service_bus error", "4:5 servicebus error"}, fixed: "<?php\nreturn [\n    'service_bus' => [],\n    'servicebus' => []\n];\n"},
		{name: "nested is not top-level", src: "<?php\nreturn [\n    'system' => ['service_bus' => []]\n];\n"},
		{name: "other word", src: "<?php\nreturn [\n    'service_buses' => []\n];\n"},
	})
}

// A misspelled block is not read by the connector: only OMS102 reports on
// it, not OMS101 nor the key and value rules.
func TestOMS102Alone(t *testing.T) {
	src := "<?php\nreturn [\n    'servicebus' => ['url' => 'ftp://x', 'foo' => 1]\n];\n"
	fs := lint(t, src)
	if len(fs) != 1 || fs[0].Rule != "OMS102" {
		t.Errorf("want only OMS102:%s", dump(fs))
	}
}
