package docs_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/omslint/omslint/docs"
	"github.com/omslint/omslint/engine"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/report"
)

// -update-docs rewrites the `text output` block of every rule page with what
// the tool prints today; review the diff before committing.
var updateDocs = flag.Bool("update-docs", false, "rewrite the recorded outputs in docs/rules/*.md")

var (
	fenceRe = regexp.MustCompile("(?s)```([^\n]*)\n(.*?)```\n")
	headRe  = regexp.MustCompile(`^# (OMS\d{3}) ([a-z0-9-]+)\n`)
	// outRe finds the recorded output; its info string may add lint flags
	// (`--env NAME`, for pages whose example needs a profile).
	outRe = regexp.MustCompile("```text output([^\n]*)\n")
)

// TestRulePages checks that every rule has a page with the required
// sections, and that each page's example, linted now, prints exactly the
// output the page records.
func TestRulePages(t *testing.T) {
	for _, r := range linter.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			// Absolute: runExample changes the working folder.
			path, _ := filepath.Abs(filepath.Join("rules", r.ID+".md"))
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("no docs page: %v", err)
			}
			page := string(raw)
			if m := headRe.FindStringSubmatch(page); m == nil || m[1] != r.ID || m[2] != r.Name {
				t.Errorf("page must start with %q", "# "+r.ID+" "+r.Name)
			}
			for _, sec := range []string{"## Example", "## Why it matters", "## How to fix", "## References"} {
				if !strings.Contains(page, "\n"+sec+"\n") {
					t.Errorf("missing section %q", sec)
				}
			}
			if emb, err := docs.RulePage(r.ID); err != nil || emb != page {
				t.Errorf("embedded page differs from the file (rebuild): %v", err)
			}
			got, ok := runExample(t, page)
			if !ok {
				t.Fatal("the Example section needs at least one ```php file=...``` (or json) block and a ```text output``` block")
			}
			if !strings.Contains(got, "["+r.ID+" ") {
				t.Errorf("the example does not trigger %s:\n%s", r.ID, got)
			}
			updated := replaceOutput(page, got)
			if updated == page {
				return
			}
			if *updateDocs {
				if err := os.WriteFile(path, []byte(updated), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			t.Errorf("recorded output is stale (go test ./docs -update-docs); the tool prints:\n%s", got)
		})
	}
}

// runExample writes the page's example files into a temporary folder and
// lints it as the page's reader would: a Magento root when the files are
// under app/etc/, else the single file.
func runExample(t *testing.T, page string) (string, bool) {
	dir := t.TempDir()
	var files, tracked []string
	for _, m := range fenceRe.FindAllStringSubmatch(page, -1) {
		info := strings.Fields(m[1])
		if len(info) < 2 || !strings.HasPrefix(info[1], "file=") {
			continue
		}
		name := strings.TrimPrefix(info[1], "file=")
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(m[2]), 0o600); err != nil {
			t.Fatal(err)
		}
		// Attributes after file=: mode=0644 sets the file mode (OMS401),
		// git=tracked commits the file to a git repository made in the
		// example's folder (OMS402).
		for _, attr := range info[2:] {
			switch {
			case strings.HasPrefix(attr, "mode="):
				mode, err := strconv.ParseUint(strings.TrimPrefix(attr, "mode="), 8, 32)
				if err != nil {
					t.Fatalf("bad %s", attr)
				}
				if err := os.Chmod(p, os.FileMode(mode)); err != nil {
					t.Fatal(err)
				}
			case attr == "git=tracked":
				tracked = append(tracked, name)
			default:
				t.Fatalf("unknown attribute %q on %s", attr, name)
			}
		}
		files = append(files, name)
	}
	m := outRe.FindStringSubmatch(page)
	if len(files) == 0 || m == nil {
		return "", false
	}
	// Flags on the output block: --env NAME, --env-file FILE (repeatable,
	// a file of the example), --resolve-env.
	opts := engine.Options{FailOn: linter.Error}
	flags := strings.Fields(m[1])
	for i := 0; i < len(flags); i++ {
		switch {
		case flags[i] == "--env" && i+1 < len(flags):
			i++
			opts.Env = flags[i]
		case flags[i] == "--env-file" && i+1 < len(flags):
			i++
			opts.EnvFiles = append(opts.EnvFiles, flags[i])
		case flags[i] == "--resolve-env":
			opts.ResolveEnv = true
		default:
			t.Fatalf("unknown flag %q on the output block", flags[i])
		}
	}
	if len(tracked) > 0 {
		gitTrack(t, dir, tracked)
	}
	input, recursive := files[0], false
	for _, f := range files {
		switch {
		case strings.HasPrefix(f, "app/etc/"):
			input = "."
		case strings.Contains(f, "/app/etc/"):
			// Several roots (the cross-root rules): lint them together.
			input, recursive = ".", true
		}
	}
	t.Chdir(dir)
	opts.Paths, opts.Recursive = []string{input}, recursive
	out, err := engine.Run(opts)
	if err != nil {
		t.Fatalf("lint: %v", err)
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, "text", out.Result, report.Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.String(), true
}

// replaceOutput puts got into the page's ```text output``` block.
func replaceOutput(page, got string) string {
	loc := outRe.FindStringIndex(page)
	if loc == nil {
		return page
	}
	i, open := loc[0], loc[1]-loc[0]
	j := strings.Index(page[i+open:], "```\n")
	if j < 0 {
		return page
	}
	return page[:i+open] + got + page[i+open+j:]
}

// gitTrack makes dir a git repository and commits files to it; the page's
// test is skipped where git is not installed.
func gitTrack(t *testing.T, dir string, files []string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	env := append(os.Environ(), "GIT_AUTHOR_NAME=docs", "GIT_AUTHOR_EMAIL=docs@localhost",
		"GIT_COMMITTER_NAME=docs", "GIT_COMMITTER_EMAIL=docs@localhost", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	for _, args := range [][]string{{"init", "-q"}, append([]string{"add", "--"}, files...), {"commit", "-qm", "example"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}
