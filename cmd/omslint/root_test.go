package main

import (
	"bytes"
	"testing"
)

// A run that names its command builds only that command; its help must
// be the same as the whole tree's, and everything else sees every command.
func TestRootBuildsOnlyTheNamedCommand(t *testing.T) {
	for _, c := range subcommands {
		lazy := newRootCmd([]string{c.name, "--help"})
		if n := len(lazy.Commands()); n != 1 || lazy.Commands()[0].Name() != c.name {
			t.Errorf("%s: built %d commands, want only %s", c.name, n, c.name)
		}
		render := func(full bool) string {
			args := []string{c.name, "--help"}
			root := newRootCmd(args)
			if full {
				root = newRootCmd(nil)
			}
			var out bytes.Buffer
			root.SetOut(&out)
			root.SetErr(&out)
			root.SetArgs(args)
			if err := root.Execute(); err != nil {
				t.Fatalf("%s --help: %v", c.name, err)
			}
			return out.String()
		}
		if lazy, full := render(false), render(true); lazy != full {
			t.Errorf("%s --help differs when only it is built:\n%s\nwhole tree:\n%s", c.name, lazy, full)
		}
	}
	for _, args := range [][]string{nil, {"help"}, {"--no-color", "lint"}, {"lnt"}, {"__complete", "l"}} {
		if got := len(newRootCmd(args).Commands()); got < len(subcommands) {
			t.Errorf("newRootCmd(%q) built %d commands, want all %d", args, got, len(subcommands))
		}
	}
}
