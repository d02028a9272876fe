package main

import (
	"fmt"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run `omslint` as a real command (same binary,
// no build step), so exit codes and stdout/stderr are tested as a user
// sees them.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"omslint": func() { os.Exit(run(os.Args[1:])) },
		// omslint-code runs omslint, prints its exit code on stderr as
		// "exit=N" and exits 0: scripts assert the exact code with
		// `stderr 'exit=2'` (testscript's `! exec` only knows non-zero).
		"omslint-code": func() {
			code := run(os.Args[1:])
			fmt.Fprintf(os.Stderr, "exit=%d\n", code)
			os.Exit(0)
		},
	})
}

// TestScripts runs testdata/script/*.txtar. `go test ./cmd/omslint
// -run TestScripts -update` rewrites the expected files inside them.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") != "",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			return nil
		},
	})
}
