package rules_test

// The rule test harness (the one for every rule's table test). A ruleCase
// lints one env.php source (read as stdin) with runCases; a rootCase writes
// a Magento root (writeRoot) and lints it with runRootCases. Both check,
// for every finding, that no secret value of the input appears in what it
// says.

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/omslint/omslint/linter"
	_ "github.com/omslint/omslint/linter/rules"
	"github.com/omslint/omslint/magento"
)

// devEnv is clean in developer mode (MAGE_MODE on line 3).
var devEnv = strings.Replace(clean, "'production'", "'developer'", 1)

// noSBEnv has no serviceBus block.
const noSBEnv = "<?php\nreturn [\n    'MAGE_MODE' => 'production'\n];\n"

// rootCase lints a Magento root made of files (relative path → content)
// and expects rule to report exactly at want ("file:line:col").
type rootCase struct {
	name  string
	files map[string]string
	want  []string
}

// absent as a file's content in writeRoot leaves the file out (env.php,
// which is written by default).
const absent = "\x00absent"

// writeRoot makes a Magento root in a temp folder; files are 0600 so
// OMS401 stays quiet unless a case asks for it.
func writeRoot(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files[magento.EnvPHPPath]; !ok {
		files[magento.EnvPHPPath] = clean
	}
	for rel, data := range files {
		if data == absent {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// lintRoot runs every rule on root and returns rule's findings as
// "file:line:col" with file relative to root.
func lintRoot(t *testing.T, root, rule string) ([]string, []*linter.Finding) {
	t.Helper()
	p, err := magento.LoadRoot(root, magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fs := run(t, p, linter.Options{})
	var got []string
	var out []*linter.Finding
	for _, f := range fs {
		if f.Rule != rule {
			continue
		}
		rel, _ := filepath.Rel(root, filepath.FromSlash(f.File))
		line, col := f.Span.Start.Line, f.Span.Start.Col
		if f.Span.IsZero() {
			line, col = 1, 1
		}
		got = append(got, filepath.ToSlash(rel)+":"+strconv.Itoa(line)+":"+strconv.Itoa(col))
		out = append(out, f)
	}
	return got, out
}

func runRootCases(t *testing.T, rule string, cases []rootCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := writeRoot(t, c.files)
			got, fs := lintRoot(t, root, rule)
			if !slices.Equal(got, c.want) {
				t.Errorf("%s at %q, want %q", rule, got, c.want)
				for _, f := range fs {
					t.Logf("  %s", f.Message)
				}
			}
			for _, f := range fs {
				checkNoSecret(t, strings.Join(slices.Collect(maps.Values(c.files)), "\n"), f)
			}
		})
	}
}

// applyFix applies one finding's fixes to src.
func applyFix(t *testing.T, src string, f *linter.Finding) string {
	t.Helper()
	return applyFixes(t, src, []*linter.Finding{f})
}

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
	return run(t, p, o)
}

// run runs every rule on a loaded project.
func run(t *testing.T, p *magento.Project, o linter.Options) []*linter.Finding {
	t.Helper()
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
	// env is the run's linter.Options.EnvKind ("production", ...).
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

// clean is a complete env.php whose serviceBus block has all seven keys
// and passes every OMS1xx rule, so a case only varies what it tests.
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
