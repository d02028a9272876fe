package suppress

import (
	"strings"
	"testing"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

// TestProject: comments first (an unused one reported with the run's
// severity), then config ignores by path relative to the root.
func TestProject(t *testing.T) {
	src := "<?php\nreturn [\n    'a' => 1, // omslint-ignore OMS112 known\n    'b' => 2, // omslint-ignore OMS113 stale\n];\n"
	p, err := magento.LoadStdin(strings.NewReader(src), "env.php", "", magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p.Root = "/r"
	p.Env.Path = "/r/app/etc/env.php"
	at := func(rule string, line int) *linter.Finding {
		f := finding(rule, line)
		f.File = p.Env.Path
		return f
	}
	cfg := &config.Config{Ignore: []config.Ignore{{Rules: []string{"OMS120"}, Path: "app/etc/*.php"}}}
	unused := Unused{Rule: &linter.Rule{ID: "OMS006", Name: "suppression-unused"}, Severity: linter.Warning}
	fs := []*linter.Finding{at("OMS112", 3), at("OMS120", 4), at("OMS104", 4)}
	kept, n := Project(p, cfg, fs, unused)
	var got []string
	for _, f := range kept {
		got = append(got, f.Rule+":"+f.Severity.String())
	}
	if g := strings.Join(got, " "); n != 2 || g != "OMS104:unknown OMS006:warning" {
		t.Errorf("suppressed %d, kept %v; want 2 and OMS104 plus an OMS006 warning", n, got)
	}
	if kept, n := Project(p, cfg, fs, Unused{}); n != 2 || len(kept) != 1 {
		t.Errorf("with OMS006 off: suppressed %d, kept %d; want 2 and 1", n, len(kept))
	}
}
