package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// cliResult is what one in-process run of the CLI printed.
type cliResult struct {
	stdout, stderr string
	code           int
	elapsed        time.Duration
}

// runCLI runs the real command line in-process in dir, with standard
// output and error captured in files (run() and cobra write to the os
// files), and stdin read from the given file ("" for an empty one). Tests
// using it must not run in parallel.
func runCLI(t *testing.T, dir, stdin string, args ...string) cliResult {
	t.Helper()
	tmp := t.TempDir()
	outF, err := os.Create(filepath.Join(tmp, "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	errF, err := os.Create(filepath.Join(tmp, "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	if stdin == "" {
		stdin = filepath.Join(tmp, "stdin")
		if err := os.WriteFile(stdin, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inF, err := os.Open(stdin)
	if err != nil {
		t.Fatal(err)
	}
	oldOut, oldErr, oldIn := os.Stdout, os.Stderr, os.Stdin
	os.Stdout, os.Stderr, os.Stdin = outF, errF, inF
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	code := run(args)
	elapsed := time.Since(start)
	_ = os.Chdir(wd)
	os.Stdout, os.Stderr, os.Stdin = oldOut, oldErr, oldIn
	outF.Close()
	errF.Close()
	inF.Close()
	o, _ := os.ReadFile(outF.Name())
	e, _ := os.ReadFile(errF.Name())
	return cliResult{stdout: string(o), stderr: string(e), code: code, elapsed: elapsed}
}

// writeTree writes files (path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, c := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
