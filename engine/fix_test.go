package engine

import (
	"bytes"
	"github.com/omslint/omslint/internal/phptest"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// fixLint turns off the rules that depend on the checkout rather than on
// the file contents (file modes after git checkout, git tracking).
var fixLint = linter.Options{Off: map[string]bool{"OMS401": true, "OMS402": true}}

// copyTree copies the PHP inputs of a fixture (app/...) to a temp folder,
// private (0600) as a deployed env.php is, and returns the folder.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if !strings.HasSuffix(p, ".php") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// phpFiles are the PHP inputs of a Magento root, relative to it.
var phpFiles = []string{magento.EnvPHPPath, "app/etc/config.php"}

func readFiles(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, rel := range phpFiles {
		if b, err := os.ReadFile(filepath.Join(root, rel)); err == nil {
			out[rel] = b
		}
	}
	return out
}

// runIn runs the engine on the Magento root "." from inside root, so that
// paths (and diff headers) are relative: app/etc/env.php.
func runIn(t *testing.T, root string, opts Options) *Outcome {
	t.Helper()
	t.Chdir(root)
	opts.Paths = []string{"."}
	if opts.Lint.Off == nil {
		opts.Lint = fixLint
	}
	if opts.FailOn == 0 {
		opts.FailOn = linter.Error
	}
	out, err := Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFixGolden runs --fix on a copy of every fixtures/fix/NAME (a Magento
// root: LAYOUT-RULE) and compares each PHP file with FILE.fixed (no .fixed
// file: the file must not change), and --diff with NAME/fix.diff. Then it
// checks the properties every fix run must have (checkFixProperties).
// `go test ./engine -run TestFixGolden -update` rewrites the goldens.
func TestFixGolden(t *testing.T) {
	cases, _ := filepath.Glob("../fixtures/fix/*")
	if len(cases) == 0 {
		t.Fatal("no fixtures under fixtures/fix")
	}
	for _, dir := range cases {
		dir, _ := filepath.Abs(dir)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			root := copyTree(t, dir)
			before := readFiles(t, root)
			out := runIn(t, root, Options{Fix: true})
			if out.fixedCount() == 0 {
				t.Fatal("nothing was fixed")
			}
			after := readFiles(t, root)
			for rel, b := range after {
				golden := filepath.Join(dir, rel+".fixed")
				if bytes.Equal(b, before[rel]) {
					if _, err := os.Stat(golden); err == nil && !*update {
						t.Errorf("%s did not change but %s exists", rel, golden)
					} else if *update {
						os.Remove(golden)
					}
					continue
				}
				compareGolden(t, golden, b)
			}
			diffRoot := copyTree(t, dir)
			d := runIn(t, diffRoot, Options{Diff: true})
			compareGolden(t, filepath.Join(dir, "fix.diff"), []byte(d.Diff))
			checkFixProperties(t, dir)
		})
	}
}

// fixedCount is the count JSON reports as summary.fixed.
func (o *Outcome) fixedCount() int { return o.Result.Summary().Fixed }

// checkFixProperties runs --fix on a copy of the Magento root src and
// checks what the issue promises:
//   - each round of fixes changes only the bytes of its edits, and the run
//     as a whole changes only the bytes of the composed edit spans;
//   - the result parses, and php -l accepts it (when php is installed);
//   - no fixable finding is left, and no finding appears that was not
//     there before (rule + key);
//   - a second --fix changes nothing;
//   - --diff writes nothing, and its output (with --show-secrets) applies
//     with patch -p1 and git apply, giving exactly the --fix result;
//   - without --show-secrets, no secret value is in the diff.
func checkFixProperties(t *testing.T, src string) {
	t.Helper()
	root := copyTree(t, src)
	orig := readFiles(t, root)

	// The oracle: lint and apply round by round, checking each round.
	p, err := magento.LoadRoot(root, magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	beforeFs, err := linter.Run(p, fixLint)
	if err != nil {
		t.Fatal(err)
	}
	keep := func(fs []*linter.Finding) []*linter.Finding { return fs }
	files, fixed, afterFs, err := fixRounds(p, beforeFs, fixLint, magento.LoadOptions{}, keep)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("nothing to fix")
	}
	for _, file := range files {
		checkOutside(t, file.orig.Data, file.final.Data, file.edits)
		if file.final.Tree.Err != nil || file.final.Tree.Root == nil {
			t.Fatalf("%s: fixed file does not parse", file.orig.Path)
		}
		phptest.Lint(t, file.final.Data)
	}
	oracleRounds(t, root)

	before := ruleKeys(beforeFs)
	// OMS106 turns 0, '0' and 'false' into false, which OMS122 then
	// reports: the same value, now checkable by the specific rule.
	for _, f := range fixed {
		if f.Rule == "OMS106" {
			before["OMS122 "+f.Key] = true
		}
	}
	for _, f := range afterFs {
		if f.Fixable() {
			t.Errorf("still fixable after --fix: %s %s %s", f.Rule, f.Key, f.Message)
		}
		if !before[f.Rule+" "+f.Key] {
			t.Errorf("new finding after --fix: %s %s %s", f.Rule, f.Key, f.Message)
		}
	}
	after := ruleKeys(afterFs)
	for _, f := range fixed {
		if after[f.Rule+" "+f.Key] {
			t.Errorf("fixed finding still fires: %s %s", f.Rule, f.Key)
		}
	}

	// --diff writes nothing; with --show-secrets it applies.
	diffOut := runIn(t, root, Options{Diff: true, ShowSecrets: true})
	masked := runIn(t, root, Options{Diff: true})
	if got := readFiles(t, root); !sameFiles(got, orig) {
		t.Fatal("--diff changed a file")
	}
	for _, file := range files {
		for _, s := range secretValues(file.orig) {
			if strings.Contains(masked.Diff, phpconf.PHPString(s)) {
				t.Errorf("secret %q in --diff output", s)
			}
		}
	}

	// --fix writes what the oracle computed.
	out := runIn(t, root, Options{Fix: true})
	fixedFiles := readFiles(t, root)
	for _, file := range files {
		rel := filepath.ToSlash(file.orig.Path)
		rel = strings.TrimPrefix(rel, filepath.ToSlash(root)+"/")
		if !bytes.Equal(fixedFiles[rel], file.final.Data) {
			t.Errorf("%s: --fix wrote\n%s\nwant\n%s", rel, fixedFiles[rel], file.final.Data)
		}
	}
	if len(out.FixedFiles) != len(files) {
		t.Errorf("--fix reports %v fixed, want %d files", out.FixedFiles, len(files))
	}
	again := runIn(t, root, Options{Fix: true})
	if len(again.FixedFiles) != 0 || !sameFiles(readFiles(t, root), fixedFiles) || again.fixedCount() != 0 {
		t.Errorf("second --fix is not a no-op: %v", again.FixedFiles)
	}
	applyDiff(t, src, diffOut.Diff, fixedFiles)
}

// oracleRounds applies the fixes of root round by round with its own loop
// (lint, keep the non-overlapping fixable findings, apply) and checks that
// every round changes only the bytes of that round's edits.
func oracleRounds(t *testing.T, root string) {
	t.Helper()
	p, err := magento.LoadRoot(root, magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for round := 0; round < maxFixRounds; round++ {
		fs, err := linter.Run(p, fixLint)
		if err != nil {
			t.Fatal(err)
		}
		plans := planFixes(p, fs)
		if len(plans) == 0 {
			return
		}
		for _, ff := range plans {
			out, _, skipped := phpconf.Apply(ff.src.Data, ff.edits)
			if len(skipped) > 0 {
				t.Fatalf("planned edits conflict: %+v", ff.edits)
			}
			checkOutside(t, ff.src.Data, out, ff.edits)
			res := ff.src.WithData(out, magento.LoadOptions{})
			if p.Env == ff.src {
				p.Env = res
			} else {
				p.Config = res
			}
		}
	}
	t.Fatalf("fixes do not converge in %d rounds", maxFixRounds)
}

// checkOutside checks that out is src with edits applied and nothing else:
// every byte outside the edit spans is the same, in the same order.
func checkOutside(t *testing.T, src, out []byte, edits []phpconf.Edit) {
	t.Helper()
	es := sortedEdits(edits)
	ps, po := 0, 0
	for _, e := range es {
		n := e.Start - ps
		if n < 0 || po+n > len(out) || !bytes.Equal(src[ps:e.Start], out[po:po+n]) {
			t.Fatalf("bytes before offset %d changed", e.Start)
		}
		po += n
		if po+len(e.Text) > len(out) || string(out[po:po+len(e.Text)]) != e.Text {
			t.Fatalf("edit %+v not found in the result", e)
		}
		po += len(e.Text)
		ps = e.End
	}
	if !bytes.Equal(src[ps:], out[po:]) {
		t.Fatalf("bytes after offset %d changed", ps)
	}
}

func ruleKeys(fs []*linter.Finding) map[string]bool {
	out := map[string]bool{}
	for _, f := range fs {
		out[f.Rule+" "+f.Key] = true
	}
	return out
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// secretValues are the literal values of the secret keys of a file (at
// least 6 bytes, so that the check does not match by chance).
func secretValues(s *magento.PHPSource) []string {
	var out []string
	var visit func(a *phpconf.Array)
	visit = func(a *phpconf.Array) {
		for _, el := range a.Items {
			if el.Value == nil {
				continue
			}
			if el.Value.Kind == phpconf.KindArray {
				visit(el.Value.Array)
				continue
			}
			k := el.Key.Str
			if el.Value.Kind == phpconf.KindString && len(el.Value.Str) >= 6 &&
				(k == "password" || k == "secret" || k == "oauth_client_secret" || el.Path() == "crypt.key") {
				out = append(out, el.Value.Str)
			}
		}
	}
	if s.Tree.Root != nil {
		visit(s.Tree.Root)
	}
	return out
}

// applyDiff applies diff to fresh copies of the Magento root src with
// `patch -p1` and `git apply` (each when installed) and compares the
// result with want.
func applyDiff(t *testing.T, src, diff string, want map[string][]byte) {
	t.Helper()
	tools := [][]string{{"patch", "-p1", "--quiet", "--no-backup-if-mismatch", "-i"}, {"git", "apply"}}
	for _, tool := range tools {
		bin, err := exec.LookPath(tool[0])
		if err != nil {
			continue
		}
		root := copyTree(t, src)
		pf := filepath.Join(t.TempDir(), "fix.diff")
		if err := os.WriteFile(pf, []byte(diff), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, append(tool[1:], pf)...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s\n%s", strings.Join(tool, " "), err, out, diff)
		}
		if got := readFiles(t, root); !sameFiles(got, want) {
			var names []string
			for k := range got {
				names = append(names, k)
			}
			sort.Strings(names)
			for _, k := range names {
				if !bytes.Equal(got[k], want[k]) {
					t.Errorf("%s: %s gives\n%q\nwant\n%q", tool[0], k, got[k], want[k])
				}
			}
		}
	}
}
