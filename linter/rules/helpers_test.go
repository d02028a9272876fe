package rules_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/omslint/omslint/linter"
	_ "github.com/omslint/omslint/linter/rules"
	"github.com/omslint/omslint/magento"
)

// lint runs every rule on an env.php source and returns the findings.
func lint(t *testing.T, src string, opts ...linter.Options) []*linter.Finding {
	t.Helper()
	p, err := magento.LoadStdin(strings.NewReader(src), "env.php", "", magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var o linter.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	fs, err := linter.Run(p, o)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// only keeps the findings of one rule.
func only(fs []*linter.Finding, rule string) []*linter.Finding {
	var out []*linter.Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// where renders findings as "line:col key severity" for comparison.
func where(fs []*linter.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%d:%d %s %s", f.Span.Start.Line, f.Span.Start.Col, f.Key, f.Severity))
	}
	return out
}

// applyFixes applies the fixes of the given findings to src.
func applyFixes(t *testing.T, src string, fs []*linter.Finding) string {
	t.Helper()
	type ed struct {
		start, end int
		text       string
	}
	var eds []ed
	for _, f := range fs {
		if f.Fix == nil {
			continue
		}
		for _, e := range f.Fix.Edits {
			eds = append(eds, ed{e.Start, e.End, e.Text})
		}
	}
	sort.Slice(eds, func(i, j int) bool { return eds[i].start > eds[j].start })
	for i, e := range eds {
		if i > 0 && e.end > eds[i-1].start {
			t.Fatalf("overlapping edits")
		}
		src = src[:e.start] + e.text + src[e.end:]
	}
	return src
}

// ruleCase is one row of a rule's table test.
type ruleCase struct {
	name string
	src  string
	want []string // where() of the rule's findings; empty means none
	// fixed, when set, is the source after applying the findings' fixes.
	fixed string
	// msg, when set, must be contained in the first finding's message.
	msg string
	// env is the selected environment kind.
	env string
}

// runCases runs a rule's table test. It also checks, for every finding,
// that no secret value of the source appears in its message, hint or fix
// description.
func runCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			all := lint(t, tc.src, linter.Options{EnvKind: tc.env})
			fs := only(all, rule)
			got := where(fs)
			want := tc.want
			if want == nil {
				want = []string{}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings of %s:\n got %q\nwant %q\nall: %s", rule, got, want, dump(all))
			}
			if tc.msg != "" && (len(fs) == 0 || !strings.Contains(fs[0].Message, tc.msg)) {
				t.Errorf("message should contain %q: %s", tc.msg, dump(fs))
			}
			if tc.fixed != "" {
				if out := applyFixes(t, tc.src, fs); out != tc.fixed {
					t.Errorf("after fix:\n%s\nwant:\n%s", out, tc.fixed)
				}
			}
			for _, f := range all {
				checkNoSecret(t, tc.src, f)
			}
		})
	}
}

// secretLiterals are values the tests use as secrets; none may appear in
// what a finding says.
var secretLiterals = []string{"s3cr3t-Value-0001", "Cl1ent-S3cret-0002", "kP9wQ2mZ7vL4xR8tY1nB6cF3hJ5gD0sA", "e3b0c44298fc1c149afbf4c8996fb924"}

func checkNoSecret(t *testing.T, src string, f *linter.Finding) {
	t.Helper()
	texts := []string{f.Message, f.Hint}
	if f.Fix != nil {
		texts = append(texts, f.Fix.Description)
	}
	for _, s := range secretLiterals {
		if !strings.Contains(src, s) {
			continue
		}
		for _, x := range texts {
			if strings.Contains(x, s) {
				t.Errorf("%s leaks a secret: %q", f.Rule, x)
			}
		}
	}
}

func dump(fs []*linter.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n  %d:%d %s %s %s", f.Span.Start.Line, f.Span.Start.Col, f.Rule, f.Severity, f.Message)
	}
	return b.String()
}

// block returns a modern env.php whose serviceBus block holds the given
// lines (each already indented by 8 spaces and separated by commas).
func block(lines ...string) string {
	return "<?php\nreturn [\n    'MAGE_MODE' => 'production',\n    'serviceBus' => [\n" +
		strings.Join(lines, ",\n") + "\n    ]\n];\n"
}

// Lines of a clean block, in the modern layout (line 5 onwards in block()).
const (
	lURL    = "        'url' => 'https://mib.acme-retail.com/'"
	lOAuth  = "        'oauth_server_url' => 'https://oauth.acme-retail.com/'"
	lID     = "        'oauth_client_id' => 'acme-store'"
	lCSec   = "        'oauth_client_secret' => 'Cl1ent-S3cret-0002'"
	lApp    = "        'application_id' => 'acme-magento'"
	lSecret = "        'secret' => 'kP9wQ2mZ7vL4xR8tY1nB6cF3hJ5gD0sA'"
	lSecure = "        'secure_endpoint' => true"
)

// clean is a block with all seven keys, nothing wrong.
var clean = block(lURL, lOAuth, lID, lCSec, lApp, lSecret, lSecure)

// with returns the clean block with the line of one key replaced (by key
// name, e.g. "url") by line; an empty line drops the key.
func with(repl map[string]string) string {
	names := []string{"url", "oauth_server_url", "oauth_client_id", "oauth_client_secret", "application_id", "secret", "secure_endpoint"}
	lines := []string{lURL, lOAuth, lID, lCSec, lApp, lSecret, lSecure}
	var out []string
	for i, n := range names {
		l := lines[i]
		if r, ok := repl[n]; ok {
			l = r
		}
		if l != "" {
			out = append(out, l)
		}
	}
	return block(out...)
}
