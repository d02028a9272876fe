package linter

import (
	"errors"
	"strings"
	"testing"

	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// The rules registered here live only in this package's test binary.
func init() {
	Register(&Rule{ID: "OMS990", Name: "test-two-findings", Severity: Warning, Check: func(c *Context) {
		at := func(line int) phpconf.Span {
			return phpconf.Span{Start: phpconf.Pos{Line: line, Col: 1}, End: phpconf.Pos{Line: line, Col: 2}}
		}
		c.Report("b.php", at(3), "k", "second file")
		c.Report("a.php", at(9), "k", "late line")
		c.Report("a.php", at(2), "", "early line").Severity = Error
	}})
	Register(&Rule{ID: "OMS991", Name: "test-panics", Severity: Info, Check: func(c *Context) {
		if c.EnvKind == "panic" {
			panic("boom")
		}
	}})
}

func TestRunSortsAndOverrides(t *testing.T) {
	fs, err := Run(&magento.Project{}, Options{Severity: map[string]Severity{"OMS990": Info}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.File+":"+f.Message+":"+f.Severity.String())
	}
	want := []string{"a.php:early line:info", "a.php:late line:info", "b.php:second file:info"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("finding %d = %s, want %s (sorted by file, line; config severity wins)", i, got[i], want[i])
		}
	}
	if fs, _ := Run(&magento.Project{}, Options{Off: map[string]bool{"OMS990": true}}); len(fs) != 0 {
		t.Errorf("a rule turned off still reported %d findings", len(fs))
	}
}

func TestRulePanicIsInternalError(t *testing.T) {
	_, err := Run(&magento.Project{}, Options{EnvKind: "panic"})
	var ie *failure.InternalError
	if !errors.As(err, &ie) || ie.Stack == "" {
		t.Fatalf("want an InternalError with a stack, got %v", err)
	}
}

func TestLookupByIDOrName(t *testing.T) {
	for _, q := range []string{"OMS990", "oms990", "test-two-findings"} {
		if r := Lookup(q); r == nil || r.ID != "OMS990" {
			t.Errorf("Lookup(%q) = %v", q, r)
		}
	}
	if Lookup("OMS999") != nil {
		t.Error("Lookup of an unknown rule found one")
	}
}

func TestParseSeverity(t *testing.T) {
	for in, want := range map[string]Severity{"error": Error, "WARNING": Warning, "info": Info} {
		if got, err := ParseSeverity(in); err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity accepted fatal")
	}
}

// TestCap: at most max findings of one rule in one file, then one finding
// at the first left out saying how many more, with their highest severity;
// other rules and files are not touched.
func TestCap(t *testing.T) {
	var fs []*Finding
	for i := 1; i <= 7; i++ {
		sev := Warning
		if i == 6 {
			sev = Error
		}
		fs = append(fs, &Finding{Rule: "OMS003", File: "a.php", Severity: sev, Span: phpconf.Span{Start: phpconf.Pos{Line: i}}, Message: "dup"})
	}
	fs = append(fs,
		&Finding{Rule: "OMS104", File: "a.php", Severity: Info, Message: "other rule"},
		&Finding{Rule: "OMS003", File: "b.php", Severity: Info, Message: "other file"})
	Sort(fs)
	got := Cap(fs, 3)
	var lines []string
	for _, f := range got {
		lines = append(lines, f.File+":"+f.Rule+":"+f.Severity.String()+":"+f.Message)
	}
	want := []string{
		"a.php:OMS104:info:other rule",
		"a.php:OMS003:warning:dup", "a.php:OMS003:warning:dup", "a.php:OMS003:warning:dup",
		"a.php:OMS003:error:and 4 more OMS003 findings in this file (a report lists at most 3 per rule and file; --fix fixes all of them)",
		"b.php:OMS003:info:other file",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if got[4].Span.Start.Line != 4 {
		t.Errorf("the summary is at line %d, want 4 (the first left out)", got[4].Span.Start.Line)
	}
	if m := got[4].MarkedMessage(); m != got[4].Message {
		t.Errorf("the summary's words are marked as a value: %q", m)
	}
	if len(Cap(fs[:2], 3)) != 2 {
		t.Error("Cap changed a short list")
	}
}
