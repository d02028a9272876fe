package docs_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDocsLinkInsideRepository: README.md and every page under docs/ link
// only to files of the repository (or to web URLs), every relative link
// names a file that exists, and nothing cites the specs outside it
// (../shared/...).
func TestDocsLinkInsideRepository(t *testing.T) {
	linkRe := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	pages, _ := filepath.Glob("*.md")
	rules, _ := filepath.Glob("rules/*.md")
	pages = append(append(pages, rules...), "../README.md")
	root, _ := filepath.Abs("..")
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "shared/spec") || strings.Contains(string(data), "shared/corpus") {
			t.Errorf("%s cites a file outside the repository (shared/spec or shared/corpus)", page)
		}
		for _, m := range linkRe.FindAllStringSubmatch(string(data), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "#") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			target, _, _ = strings.Cut(target, "#")
			abs, _ := filepath.Abs(filepath.Join(filepath.Dir(page), target))
			if rel, err := filepath.Rel(root, abs); err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("%s links %s, outside the repository", page, m[1])
				continue
			}
			if _, err := os.Stat(abs); err != nil {
				t.Errorf("%s links %s, which does not exist", page, m[1])
			}
		}
	}
}

// TestCIRunsTheREADMETestCommand: .ci/run ends with exactly the test
// command the README gives for a fresh machine.
func TestCIRunsTheREADMETestCommand(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?m)^(go test[^#\n]*?)\\s+# run the tests").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no `go test ...   # run the tests` line")
	}
	ci, err := os.ReadFile("../.ci/run")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(ci)), "\n")
	if last := strings.TrimSpace(lines[len(lines)-1]); last != string(m[1]) {
		t.Errorf(".ci/run ends with %q, README's test command is %q", last, m[1])
	}
}
