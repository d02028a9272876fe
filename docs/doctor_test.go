package docs_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/omslint/omslint/docs"
	"github.com/omslint/omslint/doctor"
	"github.com/omslint/omslint/linter"
)

// TestDoctorPages checks the pages of doctor's checks (OMS7xx): the same
// heading and sections as a rule page, embedded as written, and an example
// whose text output shows the check's own result line. Their examples are
// not re-run: they need a live bus (doctor's own tests run every check
// against servers on 127.0.0.1).
func TestDoctorPages(t *testing.T) {
	lineRe := regexp.MustCompile(`(?m)^(PASS|WARN|FAIL|SKIP)  (OMS7\d\d) ([a-z0-9-]+) +\S`)
	for _, c := range doctor.Checks() {
		t.Run(c.ID, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("rules", c.ID+".md"))
			if err != nil {
				t.Fatalf("no docs page: %v", err)
			}
			page := string(raw)
			if m := headRe.FindStringSubmatch(page); m == nil || m[1] != c.ID || m[2] != c.Name {
				t.Errorf("page must start with %q", "# "+c.ID+" "+c.Name)
			}
			if !strings.Contains(page, "\nKind: doctor check (`omslint doctor") {
				t.Error("the line under the heading must say `Kind: doctor check (`omslint doctor ...`)`")
			}
			for _, sec := range []string{"## Example", "## Why it matters", "## How to fix", "## References"} {
				if !strings.Contains(page, "\n"+sec+"\n") {
					t.Errorf("missing section %q", sec)
				}
			}
			if emb, err := docs.RulePage(c.ID); err != nil || emb != page {
				t.Errorf("embedded page differs from the file (rebuild): %v", err)
			}
			loc := outRe.FindStringIndex(page)
			if loc == nil {
				t.Fatal("the Example section needs a ```text output``` block")
			}
			out := page[loc[1]:]
			out = out[:strings.Index(out, "```")]
			found := false
			for _, m := range lineRe.FindAllStringSubmatch(out, -1) {
				if doctor.Lookup(m[2]) == nil || doctor.Lookup(m[2]).Name != m[3] {
					t.Errorf("example names %s %s, which is not a doctor check", m[2], m[3])
				}
				found = found || m[2] == c.ID
			}
			if !found {
				t.Errorf("the example output shows no %s result line", c.ID)
			}
		})
	}
}

// TestDoctorIDsApart: doctor's IDs are no lint rule's, and every OMS7xx
// page belongs to a doctor check.
func TestDoctorIDsApart(t *testing.T) {
	for _, c := range doctor.Checks() {
		if linter.Lookup(c.ID) != nil || linter.Lookup(c.Name) != nil {
			t.Errorf("%s %s is also a lint rule", c.ID, c.Name)
		}
	}
	pages, _ := filepath.Glob(filepath.Join("rules", "OMS7*.md"))
	for _, p := range pages {
		id := strings.TrimSuffix(filepath.Base(p), ".md")
		if doctor.Lookup(id) == nil {
			t.Errorf("%s: no doctor check %s", p, id)
		}
	}
}
