package config

import (
	"strings"
	"testing"
)

// Columns count characters, as the CLI contract says, not bytes (the
// rule ID starts at byte 41, character 38).
func TestColumnsCountCharacters(t *testing.T) {
	_, err := Parse("f", []byte("ignore:\n  - {reason: 'ééé', path: a, rules: [OMS1]}\n"))
	if err == nil || !strings.Contains(err.Error(), "f:2:38:") {
		t.Errorf("err = %v", err)
	}
}
