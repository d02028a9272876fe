package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/engine"
	"github.com/omslint/omslint/failure"
)

// TestPrintErrEscapesEveryKind: whatever the kind of error, a name from
// the checkout holding a newline, CR or ESC cannot start a line of its own
// (a forged GitHub workflow command) or reach the terminal raw.
func TestPrintErrEscapesEveryKind(t *testing.T) {
	evil := "shop\n::error file=x::forged\x1b[2J\r"
	_, cfgErr := config.Parse(evil+".yaml", []byte("rules:\n  OMS101: sometimes\n  OMS102: never-ever\n"))
	if cfgErr == nil {
		t.Fatal("config.Parse accepted wrong severities")
	}
	cases := []struct {
		name string
		err  error
		// lines printed: a usage error (cobra's suggestions) keeps its own
		// line breaks, escaped, and a line of it that would start a
		// workflow command is prefixed; the other kinds say where theirs
		// are.
		lines int
	}{
		{"input", &failure.InputError{Path: evil, Err: errors.New("not a Magento root")}, 1},
		{"input wrapped", fmt.Errorf("--write: %w", &failure.InputError{Path: evil, Err: errors.New("does not exist")}), 1},
		{"internal", &failure.InternalError{Msg: evil + ": rule OMS101 panicked"}, 1},
		{"config mistakes", cfgErr, 2},
		{"usage", failure.Usagef("unknown flag: --%s\nRun 'omslint lint --help' for the flags", evil), 3},
		{"write error", &engine.WriteError{Err: errors.New(evil + ": changed meanwhile"), Written: []string{"app/etc/env.php"}, NotWritten: []string{"app/etc/config.php"}}, 2},
		{"plain", errors.New(evil), 2},
		{"indented", errors.New("Did you mean this?\n\t::error file=x::forged\n  ::warning::too"), 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			printErr(&b, c.err, " (suffix)")
			out := b.String()
			if strings.ContainsAny(out, "\x1b\r") {
				t.Errorf("raw control character printed: %q", out)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != c.lines {
				t.Errorf("%d lines, want %d: %q", len(lines), c.lines, out)
			}
			for _, l := range lines {
				if strings.HasPrefix(strings.TrimLeft(l, " \t"), "::") {
					t.Errorf("a line of its own starts with the forged command: %q", out)
				}
			}
			if !strings.HasPrefix(out, "omslint: ") || !strings.HasSuffix(out, " (suffix)\n") {
				t.Errorf("not one omslint: message with the suffix at the end: %q", out)
			}
		})
	}
}
