package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The floor must link every package omslint links but its own: a new
// dependency of omslint that is missing here would make the floor look
// cheaper than it is.
func TestFloorLinksOmslintsDependencies(t *testing.T) {
	deps := func(pkg string) map[string]bool {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Skipf("go list: %v", err)
		}
		m := map[string]bool{}
		for _, p := range strings.Fields(string(out)) {
			m[p] = true
		}
		return m
	}
	floor := deps("github.com/omslint/omslint/scripts/depsfloor")
	for p := range deps("github.com/omslint/omslint/cmd/omslint") {
		if !strings.HasPrefix(p, "github.com/omslint/omslint") && !floor[p] {
			t.Errorf("omslint links %s, scripts/depsfloor does not: import it there", p)
		}
	}
}
