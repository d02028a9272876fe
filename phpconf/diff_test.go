package phpconf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// applyPatch applies diff to a copy of orig (at name) with tool ("git" or
// "patch") and returns the result; it skips when the tool is not installed.
func applyPatch(t *testing.T, tool, name string, orig []byte, diff string) ([]byte, error) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s not installed", tool)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	var cmd *exec.Cmd
	if tool == "git" {
		cmd = exec.Command("git", "apply", "-p1", "-")
	} else {
		cmd = exec.Command("patch", "-p1", "--no-backup-if-mismatch", "-s")
	}
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(diff)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, &patchError{err: err, out: string(out)}
	}
	got, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(p), "*.rej")); len(m) > 0 {
		return got, &patchError{out: "rejects left: " + strings.Join(m, " ")}
	}
	return got, nil
}

type patchError struct {
	err error
	out string
}

func (e *patchError) Error() string { return e.out }

// checkDiffApplies checks that both tools turn src into the edited bytes.
func checkDiffApplies(t *testing.T, src []byte, edits []Edit, opts DiffOptions) string {
	t.Helper()
	want, _, _ := Apply(src, edits)
	diff, _ := Diff(src, edits, opts)
	for _, tool := range []string{"git", "patch"} {
		t.Run(tool, func(t *testing.T) {
			got, err := applyPatch(t, tool, opts.Path, src, diff)
			if err != nil {
				t.Fatalf("%s does not apply the diff: %v\n%s", tool, err, diff)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s result differs\n%s\ngot\n%q\nwant\n%q", tool, diff, got, want)
			}
		})
	}
	return diff
}

func TestDiffSimple(t *testing.T) {
	src := []byte("<?php\nreturn [\n    'a' => 1,\n    'b' => 2,\n    'c' => 3,\n    'd' => 4,\n    'e' => 5,\n    'f' => 6\n];\n")
	f := mustParse(t, src)
	diff := checkDiffApplies(t, src, []Edit{ReplaceValue(f.Lookup("c"), "33")}, DiffOptions{Path: "app/etc/env.php"})
	want := "--- a/app/etc/env.php\n+++ b/app/etc/env.php\n@@ -2,7 +2,7 @@\n return [\n     'a' => 1,\n     'b' => 2,\n-    'c' => 3,\n+    'c' => 33,\n     'd' => 4,\n     'e' => 5,\n     'f' => 6\n"
	if diff != want {
		t.Fatalf("got\n%s\nwant\n%s", diff, want)
	}
	if d, _ := Diff(src, nil, DiffOptions{}); d != "" {
		t.Fatalf("empty edit list gave %q", d)
	}
	if d, _ := Diff(src, []Edit{{5, 6, string(src[5:6])}}, DiffOptions{}); d != "" {
		t.Fatalf("no-op edit gave %q", d)
	}
}

// TestDiffCorpus diffs several fixes at once on each layout, including
// files without a final newline and with CRLF, and applies them.
func TestDiffCorpus(t *testing.T) {
	for _, c := range corpusCases(t) {
		t.Run(c.name, func(t *testing.T) {
			f := mustParse(t, c.src)
			st := DetectStyle(f, f.Root)
			var edits []Edit
			edits = append(edits, InsertElement(f, f.Root, "serviceBus", FormatArray(sbEntries, st, st.ElemIndent)))
			n := 0
			f.Root.Walk(func(el *Element) bool {
				// Every fifth scalar gets a new value and every seventh
				// key a new name: hunks close together and far apart.
				if el.Value.IsScalar() {
					if n++; n%5 == 0 {
						edits = append(edits, ReplaceValue(el, PHPString("new value")))
					}
					if n%7 == 0 && !el.Key.Implicit {
						edits = append(edits, RenameKey(f, el, "renamed"))
					}
				}
				return true
			})
			// The first line too, to get a hunk at the start of the file.
			edits = append(edits, Edit{0, 5, "<?php // edited"})
			checkDiffApplies(t, c.src, edits, DiffOptions{Path: "app/etc/env.php"})
		})
	}
}

func TestDiffNoFinalNewline(t *testing.T) {
	for _, src := range []string{"<?php\nreturn ['a' => 1];", "<?php\nreturn ['a' => 1];\n"} {
		for _, text := range []string{"2", "2\n", "[\n'x' => 1]"} {
			b := []byte(src)
			f := mustParse(t, b)
			checkDiffApplies(t, b, []Edit{ReplaceValue(f.Lookup("a"), text)}, DiffOptions{Path: "env.php"})
			checkDiffApplies(t, b, []Edit{{len(b), len(b), "\n// end"}}, DiffOptions{Path: "env.php"})
			checkDiffApplies(t, b, []Edit{{len(b) - 1, len(b), ""}}, DiffOptions{Path: "env.php"})
		}
	}
}

const secretFixture = `<?php
return [
    'serviceBus' => [
        'url' => 'https://oms.example.com',
        'oauth_server_url' => 'https://oms.example.com/oauth/',
        'application_id' => 'app',
        'oauth_client_idd' => 'client',
        'oauth_client_secret' => 'S3CRET-client-value',
        'secret' => 'S3CRET-shared-value',
        'secure_endpoint' => true
    ],
    'crypt' => [
        'key' => 'S3CRET-crypt-key'
    ],
    'MAGE_MODE' => 'production'
];
`

func isSecretElement(el *Element) bool {
	switch el.Key.Str {
	case "oauth_client_secret", "secret", "password":
		return true
	}
	return el.Path() == "crypt.key"
}

// secretOpts builds the predicate from both versions of the file, as the
// CLI does.
func secretOpts(t *testing.T, src []byte, edits []Edit, show bool) DiffOptions {
	out, _, _ := Apply(src, edits)
	oldLines := secretLines(mustParse(t, src), isSecretElement)
	newLines := secretLines(mustParse(t, out), isSecretElement)
	return DiffOptions{Path: "app/etc/env.php", ShowSecrets: show, Secret: func(s Side, l int) bool {
		if s == Old {
			return oldLines[l]
		}
		return newLines[l]
	}}
}

func checkNoSecretContext(t *testing.T, diff string) {
	t.Helper()
	for _, l := range strings.Split(diff, "\n") {
		if strings.HasPrefix(l, " ") && strings.Contains(l, "S3CRET") {
			t.Fatalf("secret used as context: %q\n%s", l, diff)
		}
	}
}

func TestDiffSecrets(t *testing.T) {
	src := []byte(secretFixture)
	f := mustParse(t, src)

	t.Run("change between secrets applies unmasked", func(t *testing.T) {
		// url and MAGE_MODE: crypt.key sits two lines above MAGE_MODE.
		edits := []Edit{ReplaceValue(f.Lookup("serviceBus.url"), PHPString("https://oms.example.com/")),
			ReplaceValue(f.Lookup("MAGE_MODE"), PHPString("default"))}
		opts := secretOpts(t, src, edits, false)
		diff, needs := Diff(src, edits, opts)
		if needs || strings.Contains(diff, "S3CRET") || strings.Contains(diff, SecretNote) {
			t.Fatalf("unexpected secret in diff:\n%s", diff)
		}
		checkDiffApplies(t, src, edits, opts)
	})

	t.Run("secret right after a change is absorbed and masked", func(t *testing.T) {
		edits := []Edit{RenameKey(f, f.Lookup("serviceBus.oauth_client_idd"), "oauth_client_id")}
		opts := secretOpts(t, src, edits, false)
		diff, needs := Diff(src, edits, opts)
		checkNoSecretContext(t, diff)
		if !needs || !strings.Contains(diff, SecretNote) || strings.Contains(diff, "S3CRET") {
			t.Fatalf("secret not masked / no note:\n%s", diff)
		}
		if !strings.Contains(diff, "-        'oauth_client_secret' => '********',\n-        'secret' => '********',\n") ||
			!strings.Contains(diff, "+        'oauth_client_secret' => '********',\n+        'secret' => '********',\n         'secure_endpoint'") {
			t.Fatalf("absorbed secret line not masked as expected:\n%s", diff)
		}
		// Masked, it must not apply silently to something wrong.
		for _, tool := range []string{"git", "patch"} {
			if _, err := applyPatch(t, tool, opts.Path, src, diff); err == nil {
				t.Fatalf("%s applied a masked hunk", tool)
			}
		}
		// With --show-secrets it applies.
		opts = secretOpts(t, src, edits, true)
		diff = checkDiffApplies(t, src, edits, opts)
		checkNoSecretContext(t, diff)
	})

	t.Run("changed secret is masked", func(t *testing.T) {
		edits := []Edit{ReplaceValue(f.Lookup("serviceBus.secret"), PHPString("S3CRET-new-value"))}
		opts := secretOpts(t, src, edits, false)
		diff, needs := Diff(src, edits, opts)
		checkNoSecretContext(t, diff)
		if !needs || strings.Contains(diff, "S3CRET") {
			t.Fatalf("secret shown:\n%s", diff)
		}
		// Leading context stops at oauth_client_secret.
		if !strings.Contains(diff, "@@ -9,4 +9,4 @@ "+SecretNote+"\n-        'secret' => '********',\n+        'secret' => '********',\n         'secure_endpoint' => true\n") {
			t.Fatalf("unexpected hunk:\n%s", diff)
		}
		checkDiffApplies(t, src, edits, secretOpts(t, src, edits, true))
	})

	t.Run("trailing context cut short cuts leading context", func(t *testing.T) {
		edits := []Edit{ReplaceValue(f.Lookup("serviceBus.oauth_server_url"), PHPString("https://oms.example.com/o/"))}
		opts := secretOpts(t, src, edits, false)
		diff, needs := Diff(src, edits, opts)
		checkNoSecretContext(t, diff)
		if needs {
			t.Fatalf("no secret changed, yet masked:\n%s", diff)
		}
		if !strings.Contains(diff, "@@ -3,5 +3,5 @@\n") {
			t.Fatalf("unexpected hunk:\n%s", diff)
		}
		checkDiffApplies(t, src, edits, opts)
	})

	t.Run("crlf", func(t *testing.T) {
		src := toCRLF([]byte(secretFixture))
		f := mustParse(t, src)
		edits := []Edit{ReplaceValue(f.Lookup("serviceBus.secret"), PHPString("S3CRET-x")),
			ReplaceValue(f.Lookup("serviceBus.url"), PHPString("https://x/"))}
		diff, _ := Diff(src, edits, secretOpts(t, src, edits, false))
		checkNoSecretContext(t, diff)
		if strings.Contains(diff, "S3CRET") || !strings.Contains(diff, "'secret' => '********',\r\n") {
			t.Fatalf("CRLF secret line not masked cleanly:\n%q", diff)
		}
		checkDiffApplies(t, src, edits, secretOpts(t, src, edits, true))
	})
}

func TestDefaultMask(t *testing.T) {
	for in, want := range map[string]string{
		`    'secret' => 'abc',`:        `    'secret' => '********',`,
		`    'secret' => "a\"b", // x`:  `    'secret' => '********', // x`,
		`  'key' => 'it\'s'`:            `  'key' => '********'`,
		`    'password' => getenv('P')`: `    'password' => getenv('********')`,
		"\tbody of heredoc":             "\t********",
	} {
		if got := DefaultMask(in); got != want {
			t.Errorf("DefaultMask(%q) = %q, want %q", in, got, want)
		}
	}
}

// secretLines returns the 1-based lines of f that hold part of the value
// of an element for which secret returns true: the test's stand-in for
// redact.SecretLines, which decides it for omslint.
func secretLines(f *File, secret func(el *Element) bool) map[int]bool {
	lines := map[int]bool{}
	if f == nil || f.Root == nil {
		return lines
	}
	f.Root.Walk(func(el *Element) bool {
		if secret(el) && el.Value != nil {
			for l := f.Line(el.Value.Range.Start); l <= f.Line(el.Value.Range.End); l++ {
				lines[l] = true
			}
		}
		return true
	})
	return lines
}
