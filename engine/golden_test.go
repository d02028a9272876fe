package engine

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/report"
)

// -update rewrites the golden files; review the diff before committing.
var update = flag.Bool("update", false, "rewrite the golden files under fixtures/cases and fixtures/fix")

// ciGoldens are the CI formats' golden files, written for the cases in
// ciCases: one with findings of every severity, suppressions, a config file
// and secrets, and a clean run.
var (
	ciGoldens = []struct{ format, file string }{
		{"sarif", "lint.sarif"}, {"github", "lint.github"}, {"checkstyle", "lint.checkstyle.xml"},
		{"junit", "lint.junit.xml"}, {"codequality", "lint.codequality.json"},
	}
	ciCases = map[string]bool{"all-severities": true, "clean": true}
)

// TestGolden lints every fixtures/cases/NAME (a Magento root, or a folder
// holding a lone env.php) and compares text and JSON output with NAME/lint.out
// and NAME/lint.json, and for ciCases every other format too.
func TestGolden(t *testing.T) {
	cases, err := filepath.Glob("../fixtures/cases/*")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden cases found: %v", err)
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Chdir(dir)
			input := "."
			if _, err := os.Stat("app/etc/env.php"); err != nil {
				input = "env.php"
			}
			// OMS401 and OMS402 depend on the checkout (file modes after
			// git checkout, and the fixtures being tracked by omslint's own
			// repository), not on the fixture: their tests make their own
			// files (linter/rules).
			lint := linter.Options{Off: map[string]bool{"OMS401": true, "OMS402": true}}
			out, err := Run(Options{Paths: []string{input}, FailOn: linter.Error, Lint: lint})
			if err != nil {
				t.Fatal(err)
			}
			out.Result.ToolVersion = "test"
			goldens := []struct{ format, file string }{{"text", "lint.out"}, {"json", "lint.json"}}
			if ciCases[filepath.Base(dir)] {
				goldens = append(goldens, ciGoldens...)
			}
			for _, g := range goldens {
				var buf bytes.Buffer
				if err := report.Write(&buf, g.format, out.Result, report.Options{}); err != nil {
					t.Fatal(err)
				}
				compareGolden(t, g.file, buf.Bytes())
			}
		})
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./engine -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale:\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}
