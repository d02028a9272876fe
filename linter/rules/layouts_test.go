package rules_test

import (
	"os"
	"testing"
)

// The clean seven-key block in each layout Magento (or a person) writes
// gives no finding at all.
func TestCleanLayouts(t *testing.T) {
	for _, name := range []string{"clean-modern", "clean-var-export", "clean-tabs"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile("../../fixtures/cases/" + name + "/env.php")
			if err != nil {
				t.Fatal(err)
			}
			if fs := lint(t, string(src)); len(fs) != 0 {
				t.Errorf("want no findings:%s", dump(fs))
			}
		})
	}
}
