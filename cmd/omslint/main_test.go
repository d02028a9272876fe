package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
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

// TestScripts runs testdata/script/*.txtar. `UPDATE_SCRIPTS=1 go test
// ./cmd/omslint -run TestScripts` rewrites the expected files inside them
// (there is no -update flag in this package).
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

// TestTuneGC: a large input switches the collector off under a memory
// limit, a small one leaves it alone, and the settings are restored.
func TestTuneGC(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT set")
	}
	dir := t.TempDir()
	small := filepath.Join(dir, "small.php")
	large := filepath.Join(dir, "app/etc/env.php")
	if err := os.MkdirAll(filepath.Dir(large), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(small, []byte("<?php return [];"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(large, make([]byte, largeInput), 0o600); err != nil {
		t.Fatal(err)
	}
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	tuneGC([]string{small, "-"})()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("small input: GC percent %d", got)
	}
	restore := tuneGC([]string{small, dir})
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("large input (a root): GC percent %d, want off", got)
	}
	if got := debug.SetMemoryLimit(-1); got != minMemLimit {
		t.Errorf("memory limit %d, want %d", got, minMemLimit)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("not restored: GC percent %d", got)
	}
}

// lint -r runs under fleetMemLimit unless the user set GOGC/GOMEMLIMIT or
// the large-input policy set a (higher) limit; restore puts back what was.
func TestFleetGCPolicy(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC/GOMEMLIMIT set")
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Skipf("a memory limit is set (%d)", got)
	}
	restore := tuneFleetGC()
	if got := debug.SetMemoryLimit(-1); got != fleetMemLimit {
		t.Errorf("memory limit %d, want %d", got, fleetMemLimit)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("not restored: %d", got)
	}
	debug.SetMemoryLimit(minMemLimit)
	tuneFleetGC()()
	if got := debug.SetMemoryLimit(math.MaxInt64); got != minMemLimit {
		t.Errorf("the large-input limit was replaced: %d", got)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	tuneFleetGC()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("GOMEMLIMIT set, yet the limit is %d", got)
	}
}
