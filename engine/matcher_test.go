package engine

import (
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestProblemMatcher runs the GitHub problem matcher's patterns over the
// golden text output with findings of every severity and checks that each
// finding line is matched once, with the file, position, severity, message
// and rule ID of the JSON golden, and that nothing else is.
func TestProblemMatcher(t *testing.T) {
	raw, err := os.ReadFile("../.github/omslint-problem-matcher.json")
	if err != nil {
		t.Fatal(err)
	}
	var pm struct {
		ProblemMatcher []struct {
			Owner    string
			Severity string
			Pattern  []struct {
				Regexp                                      string
				File, Line, Column, Severity, Message, Code int
			}
		}
	}
	if err := json.Unmarshal(raw, &pm); err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile("../fixtures/cases/all-severities/lint.out")
	if err != nil {
		t.Fatal(err)
	}
	var golden struct {
		Findings []struct {
			Rule, Severity, Message, File string
			Line, Column                  int
		}
	}
	raw, _ = os.ReadFile("../fixtures/cases/all-severities/lint.json")
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(string(text), "\n") {
		hits := 0
		for _, m := range pm.ProblemMatcher {
			p := m.Pattern[0]
			re := regexp.MustCompile(p.Regexp)
			g := re.FindStringSubmatch(line)
			if g == nil {
				continue
			}
			hits++
			sev := m.Severity
			if p.Severity > 0 {
				sev = g[p.Severity]
			}
			if sev == "notice" {
				sev = "info"
			}
			got = append(got, strings.Join([]string{g[p.File], g[p.Line], g[p.Column], sev, g[p.Message], g[p.Code]}, "|"))
		}
		if hits > 1 {
			t.Errorf("%d matchers match %q", hits, line)
		}
	}
	// A rule's repeats in one file are printed without the explanation
	// they share (report/text.go): their message is the JSON message cut
	// before a ": " or "; ".
	var want []string
	for i, f := range golden.Findings {
		msg := f.Message
		if i < len(got) {
			if m := strings.Split(got[i], "|")[4]; m != msg && strings.HasPrefix(msg, m) &&
				(strings.HasPrefix(msg[len(m):], ": ") || strings.HasPrefix(msg[len(m):], "; ")) {
				msg = m
			}
		}
		want = append(want, strings.Join([]string{f.File, strconv.Itoa(f.Line), strconv.Itoa(f.Column), f.Severity, msg, f.Rule}, "|"))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("matched:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
