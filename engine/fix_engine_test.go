package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/omslint/omslint/atomicfile"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/report"
)

// A fix on the line after a secret: the secret line is never context, a
// changed secret line is masked, and the run says --show-secrets is needed.
func TestFixDiffSecrets(t *testing.T) {
	for _, name := range []string{"modern-OMS104", "crlf-OMS104", "modern-OMS105", "modern-OMS106", "var-export-OMS104"} {
		t.Run(name, func(t *testing.T) {
			root := copyTree(t, filepath.Join("../fixtures/fix", name))
			p, err := magento.LoadRoot(root, magento.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			secrets := secretValues(p.Env)
			out := runIn(t, root, Options{Diff: true})
			d := out.Diff
			for _, s := range secrets {
				if strings.Contains(d, s) {
					t.Errorf("secret %q in the diff", s)
				}
			}
			changedSecret := false
			for _, line := range strings.Split(d, "\n") {
				if strings.HasPrefix(line, " ") && (strings.Contains(line, "'secret'") || strings.Contains(line, "'oauth_client_secret'")) {
					t.Errorf("secret line used as context: %q", line)
				}
				if (strings.HasPrefix(line, "-") || strings.HasPrefix(line, "+")) && strings.Contains(line, "'secret' =>") {
					changedSecret = true
					if !strings.Contains(line, "=> ********") {
						t.Errorf("changed secret line not masked: %q", line)
					}
				}
			}
			if changedSecret != out.DiffNeedsShowSecrets || changedSecret != strings.Contains(d, phpconf.SecretNote) {
				t.Errorf("masked hunk %v, DiffNeedsShowSecrets %v, note in diff %v", changedSecret, out.DiffNeedsShowSecrets, strings.Contains(d, phpconf.SecretNote))
			}
			if n := out.Result.StderrNotes(); changedSecret != (len(n) == 1 && strings.Contains(n[0], "--diff --show-secrets")) || len(out.Result.ReportNotes()) != 0 {
				t.Errorf("masked hunk %v, notes %+v: want one standard-error note exactly when a hunk was masked", changedSecret, out.Result.Notes)
			}
			// --show-secrets lifts the masking: the values are back.
			shown := runIn(t, root, Options{Diff: true, ShowSecrets: true})
			if shown.DiffNeedsShowSecrets || changedSecret && !strings.Contains(shown.Diff, secrets[len(secrets)-1]) {
				t.Errorf("--show-secrets diff still masked:\n%s", shown.Diff)
			}
		})
	}
}

// --fix on a Magento root: JSON lists the fixed findings with fixed: true
// (and fixable: true), summary.fixed counts them, and the exit code
// reflects only what remains.
func TestFixJSON(t *testing.T) {
	root := copyTree(t, "../fixtures/fix/modern-OMS102")
	// Two more faults: a URL without '/' (a warning) in env.php, an MSI
	// module (an error) in config.php.
	env := filepath.Join(root, "app/etc/env.php")
	b, _ := os.ReadFile(env)
	b = bytes.Replace(b, []byte("'https://oauth.acme-retail.com/'"), []byte("'https://oauth.acme-retail.com'"), 1)
	os.WriteFile(env, b, 0o600)
	cfg := filepath.Join(root, "app/etc/config.php")
	b, _ = os.ReadFile(cfg)
	b = bytes.Replace(b, []byte("'Magento_InventoryApi' => 0"), []byte("'Magento_InventoryApi' => 1"), 1)
	os.WriteFile(cfg, b, 0o600)

	diff := runIn(t, root, Options{Diff: true})
	if !diff.Failed {
		t.Error("--diff: the findings are still there, the run must fail")
	}
	out := runIn(t, root, Options{Fix: true})
	if out.Failed {
		t.Error("--fix: every error was fixed, the run must not fail")
	}
	var doc struct {
		Findings []struct {
			Rule, Key      string
			Fixable, Fixed bool
		}
		Summary report.Summary
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, "json", out.Result, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"OMS102 service_bus": true, "OMS112 serviceBus.oauth_server_url": true, "OMS201 modules.Magento_InventoryApi": true}
	for _, f := range doc.Findings {
		k := f.Rule + " " + f.Key
		if !want[k] {
			t.Errorf("unexpected finding %s", k)
			continue
		}
		if !f.Fixed || !f.Fixable {
			t.Errorf("%s: fixed %v fixable %v", k, f.Fixed, f.Fixable)
		}
		delete(want, k)
	}
	if len(want) > 0 {
		t.Errorf("missing fixed findings: %v", want)
	}
	if doc.Summary.Fixed != 3 || doc.Summary.Errors != 0 || doc.Summary.Warnings != 0 {
		t.Errorf("summary %+v, want 3 fixed and nothing else", doc.Summary)
	}
	if len(out.FixedFiles) != 2 {
		t.Errorf("FixedFiles %v, want env.php and config.php", out.FixedFiles)
	}
	// A warning left after --fix does not fail the run at --fail-on error.
	b, _ = os.ReadFile(env)
	os.WriteFile(env, bytes.Replace(b, []byte("'acme-store-prod'"), []byte("'acme-store-prod',\n        'extra' => 1"), 1), 0o600)
	out = runIn(t, root, Options{Fix: true})
	if out.Failed || out.Result.Summary().Warnings != 1 {
		t.Errorf("failed %v, summary %+v: want one warning left (OMS105), not failing", out.Failed, out.Result.Summary())
	}
}

// Overlapping fixes: the first (in finding order) is kept, the others are
// skipped as a whole and stay fixable; the choice does not depend on
// anything but that order.
func TestFixOverlap(t *testing.T) {
	src := "<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://mib.acme-retail.com'\n    ]\n];\n"
	for i := 0; i < 5; i++ {
		p, err := magento.LoadStdin(strings.NewReader(src), "env.php", "", magento.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		fs, err := linter.Run(p, linter.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var slash *linter.Finding
		for _, f := range fs {
			if f.Rule == "OMS112" {
				slash = f
			}
		}
		if slash == nil {
			t.Fatal("no OMS112 finding")
		}
		e := slash.Fix.Edits[0]
		// Two made-up fixes after it: one replacing the same URL (skipped),
		// one elsewhere (kept).
		over := &linter.Finding{Rule: "OMS999", File: slash.File, Fix: &linter.Fix{Description: "overlap",
			Edits: []phpconf.Edit{{Start: e.Start - 5, End: e.Start + 1, Text: "X"}}}}
		apart := &linter.Finding{Rule: "OMS998", File: slash.File, Fix: &linter.Fix{Description: "apart",
			Edits: []phpconf.Edit{{Start: 0, End: 0, Text: ""}}}}
		plans := planFixes(p, append(fs, over, apart))
		if len(plans) != 1 {
			t.Fatalf("%d plans", len(plans))
		}
		ff := plans[0]
		if len(ff.skipped) != 1 || ff.skipped[0] != over {
			t.Fatalf("skipped %v, want the overlapping fix", ff.skipped)
		}
		kept := map[*linter.Finding]bool{}
		for _, f := range ff.findings {
			kept[f] = true
		}
		if !kept[slash] || !kept[apart] {
			t.Fatal("the first fix and the one apart must be kept")
		}
		// Through fixProject: the skipped finding is reported fixable, not
		// fixed.
		var out Outcome
		keep := func(fs []*linter.Finding) []*linter.Finding { return fs }
		if _, _, err := fixProject(p, append(fs, over), linter.Options{}, nil, Options{Fix: true}, &out, keep, nil); err != nil {
			t.Fatal(err)
		}
		if over.Fixed || !over.Fixable() || !slash.Fixed {
			t.Fatalf("over fixed %v, slash fixed %v", over.Fixed, slash.Fixed)
		}
		if !strings.Contains(string(out.FixedStdin), "'https://mib.acme-retail.com/'") {
			t.Fatalf("fixed text:\n%s", out.FixedStdin)
		}
	}
}

// The file mode and owner survive --fix.
func TestFixKeepsModeAndOwner(t *testing.T) {
	root := copyTree(t, "../fixtures/fix/tabs-OMS112")
	env := filepath.Join(root, "app/etc/env.php")
	if err := os.Chmod(env, 0o640); err != nil {
		t.Fatal(err)
	}
	uid, gid := os.Getuid(), os.Getgid()
	if uid == 0 {
		// As root, give the file to someone else: the rename must not
		// hand it back to root.
		uid, gid = 4321, 4322
		if err := os.Chown(env, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	runIn(t, root, Options{Fix: true})
	st, err := os.Stat(env)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", st.Mode().Perm())
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok && (int(sys.Uid) != uid || int(sys.Gid) != gid) {
		t.Errorf("owner %d:%d, want %d:%d", sys.Uid, sys.Gid, uid, gid)
	}
	if b, _ := os.ReadFile(env); !bytes.Contains(b, []byte("/api/'")) {
		t.Error("not fixed")
	}
}

// A file changed by someone else between the read and the write is not
// overwritten: the run fails and the other writer's bytes stay.
func TestFixRefusesChangedFile(t *testing.T) {
	root := copyTree(t, "../fixtures/fix/modern-OMS112")
	env := filepath.Join(root, "app/etc/env.php")
	theirs := []byte("<?php\nreturn ['MAGE_MODE' => 'developer'];\n")
	beforeWrite = func(path string) {
		if err := os.WriteFile(path, theirs, 0o600); err != nil {
			t.Error(err)
		}
	}
	t.Cleanup(func() { beforeWrite = nil })
	t.Chdir(root)
	_, err := Run(Options{Paths: []string{"."}, Fix: true, Lint: fixLint, FailOn: linter.Error})
	var we *WriteError
	var ce *atomicfile.ChangedError
	if !errors.As(err, &we) || !errors.As(err, &ce) || !strings.Contains(err.Error(), "app/etc/env.php changed on disk") {
		t.Fatalf("err = %v, want a WriteError saying the file changed", err)
	}
	if b, _ := os.ReadFile(env); !bytes.Equal(b, theirs) {
		t.Errorf("the other writer's bytes were replaced:\n%s", b)
	}
}

// A config.php that does not parse is never written, while env.php is
// fixed; the parse error stays reported.
func TestFixSkipsUnparsedFile(t *testing.T) {
	root := copyTree(t, "../fixtures/fix/modern-OMS112")
	cfg := filepath.Join(root, "app/etc/config.php")
	broken := []byte("<?php\nreturn [\n    'modules' => [\n        'Magento_InventoryApi' => 1,,\n    ]\n];\n")
	if err := os.WriteFile(cfg, broken, 0o600); err != nil {
		t.Fatal(err)
	}
	st0, _ := os.Stat(cfg)
	out := runIn(t, root, Options{Fix: true})
	if b, _ := os.ReadFile(cfg); !bytes.Equal(b, broken) {
		t.Errorf("config.php was written:\n%s", b)
	}
	if st, _ := os.Stat(cfg); !st.ModTime().Equal(st0.ModTime()) {
		t.Error("config.php was rewritten")
	}
	if len(out.FixedFiles) != 1 || !strings.HasSuffix(out.FixedFiles[0], "env.php") {
		t.Errorf("FixedFiles = %v, want env.php only", out.FixedFiles)
	}
	parseErr := false
	for _, f := range out.Result.Findings {
		parseErr = parseErr || f.Rule == "OMS001" && strings.HasSuffix(f.File, "config.php")
	}
	if !parseErr || !out.Failed {
		t.Error("the parse error of config.php must stay reported and fail the run")
	}
}
