package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary act as the omslint command inside scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"omslint": func() { os.Exit(run(os.Args[1:])) },
	})
}

// TestScripts runs testdata/script/*.txtar: end-to-end checks of exit
// codes, outputs and files as a user (or CI job) sees them. `sh -c '...;
// echo exit=$?'` is used where the exact exit code matters.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
