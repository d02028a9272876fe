package rules_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestOMS401(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix file modes")
	}
	for _, c := range []struct {
		mode os.FileMode
		want []string
	}{
		{0o600, nil},
		{0o640, nil},
		{0o660, nil},
		{0o644, []string{"app/etc/env.php:1:1"}},
		{0o664, []string{"app/etc/env.php:1:1"}},
		{0o602, []string{"app/etc/env.php:1:1"}},
		{0o601, []string{"app/etc/env.php:1:1"}},
		{0o666, []string{"app/etc/env.php:1:1"}},
	} {
		t.Run(c.mode.String(), func(t *testing.T) {
			root := writeRoot(t, map[string]string{})
			if err := os.Chmod(filepath.Join(root, envPath), c.mode); err != nil {
				t.Fatal(err)
			}
			got, fs := lintRoot(t, root, "OMS401")
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Errorf("OMS401 at %q, want %q", got, c.want)
			}
			if len(fs) == 1 && !fs[0].Span.IsZero() {
				t.Error("OMS401 concerns the whole file: zero span")
			}
		})
	}
}

func TestOMS401Stdin(t *testing.T) {
	for _, f := range lint(t, clean) { // lint reads standard input
		if f.Rule == "OMS401" || f.Rule == "OMS402" {
			t.Errorf("%s on standard input", f.Rule)
		}
	}
}

// git runs git in dir with a fixed identity.
func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestOMS402(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	t.Run("tracked", func(t *testing.T) {
		root := writeRoot(t, map[string]string{})
		git(t, root, "init", "-q")
		git(t, root, "add", envPath)
		git(t, root, "commit", "-qm", "env")
		got, fs := lintRoot(t, root, "OMS402")
		if strings.Join(got, ",") != "app/etc/env.php:1:1" {
			t.Fatalf("OMS402 at %q", got)
		}
		// clean holds the two OMS secrets and no database password.
		if want := "the OMS OAuth client secret and the OMS shared secret are in the repository history"; !strings.Contains(fs[0].Message, want) {
			t.Errorf("message %q, want %q", fs[0].Message, want)
		}
	})
	t.Run("tracked, no secret", func(t *testing.T) {
		root := writeRoot(t, map[string]string{envPath: "<?php\nreturn ['MAGE_MODE' => 'production'];\n"})
		git(t, root, "init", "-q")
		git(t, root, "add", envPath)
		git(t, root, "commit", "-qm", "env")
		_, fs := lintRoot(t, root, "OMS402")
		if len(fs) != 1 || !strings.Contains(fs[0].Message, "it holds no secret now") || strings.Contains(fs[0].Message, "are in the repository history") {
			t.Errorf("findings %v", fs)
		}
	})
	t.Run("staged only", func(t *testing.T) {
		root := writeRoot(t, map[string]string{})
		git(t, root, "init", "-q")
		git(t, root, "add", envPath)
		if got, _ := lintRoot(t, root, "OMS402"); len(got) != 1 {
			t.Errorf("OMS402 at %q, want one (staged files are tracked)", got)
		}
	})
	t.Run("root in a subfolder of the repository", func(t *testing.T) {
		repo := t.TempDir()
		git(t, repo, "init", "-q")
		root := filepath.Join(repo, "shop")
		if err := os.MkdirAll(filepath.Join(root, "app/etc"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, envPath), []byte(clean), 0o600); err != nil {
			t.Fatal(err)
		}
		git(t, repo, "add", ".")
		if got, _ := lintRoot(t, root, "OMS402"); len(got) != 1 {
			t.Errorf("OMS402 at %q, want one", got)
		}
	})
	t.Run("ignored", func(t *testing.T) {
		root := writeRoot(t, map[string]string{".gitignore": "/app/etc/env.php\n"})
		git(t, root, "init", "-q")
		git(t, root, "add", ".")
		if got, _ := lintRoot(t, root, "OMS402"); len(got) != 0 {
			t.Errorf("OMS402 at %q, want none", got)
		}
	})
	t.Run("untracked", func(t *testing.T) {
		root := writeRoot(t, map[string]string{})
		git(t, root, "init", "-q")
		if got, _ := lintRoot(t, root, "OMS402"); len(got) != 0 {
			t.Errorf("OMS402 at %q, want none", got)
		}
	})
	t.Run("not a repository", func(t *testing.T) {
		root := writeRoot(t, map[string]string{})
		for d := root; filepath.Dir(d) != d; d = filepath.Dir(d) {
			if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
				t.Skipf("the temporary folder is inside a git work tree (%s)", d)
			}
		}
		if got, _ := lintRoot(t, root, "OMS402"); len(got) != 0 {
			t.Errorf("OMS402 at %q, want none", got)
		}
	})
}

// TestOMS401NamesHeldSecrets: the message names only the secrets the file
// holds as literals; a file with none says so.
func TestOMS401NamesHeldSecrets(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix file modes")
	}
	for _, c := range []struct {
		name, env, want string
	}{
		{"only MAGE_MODE", "<?php\nreturn ['MAGE_MODE' => 'production'];\n",
			"it holds no secret yet, but it is where Magento and the OMS connector keep theirs"},
		{"database password only", "<?php\nreturn ['db' => ['connection' => ['default' => ['password' => 'p7Vd!x2Lq9']]]];\n",
			"it holds the database password"},
		{"empty and env-read secrets hold nothing", "<?php\nreturn ['serviceBus' => ['secret' => '', 'oauth_client_secret' => getenv('OMS_SECRET')], 'crypt' => ['key' => null]];\n",
			"it holds no secret yet"},
		{"a getenv fallback is held", "<?php\nreturn ['serviceBus' => ['oauth_client_secret' => getenv('X') ?: 'fallback-value']];\n",
			"it holds the OMS OAuth client secret"},
		{"oauth, shared, crypt", "<?php\nreturn ['serviceBus' => ['oauth_client_secret' => 'abc', 'secret' => 'def'], 'crypt' => ['key' => 'k1']];\n",
			"it holds the OMS OAuth client secret, the OMS shared secret and the encryption key (crypt.key)"},
		{"another password", "<?php\nreturn ['queue' => ['amqp' => ['password' => 'guest']]];\n",
			"it holds the secret at queue.amqp.password"},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := writeRoot(t, map[string]string{envPath: c.env})
			if err := os.Chmod(filepath.Join(root, envPath), 0o644); err != nil {
				t.Fatal(err)
			}
			_, fs := lintRoot(t, root, "OMS401")
			if len(fs) != 1 {
				t.Fatalf("%d OMS401 findings", len(fs))
			}
			if !strings.Contains(fs[0].Message, c.want) {
				t.Errorf("message %q\nwant it to contain %q", fs[0].Message, c.want)
			}
			for _, absent := range []string{"database password", "shared secret", "crypt.key"} {
				if !strings.Contains(c.want, absent) && !strings.Contains(c.want, "no secret") && strings.Contains(fs[0].Message, absent) {
					t.Errorf("message names %q, which the file does not hold: %q", absent, fs[0].Message)
				}
			}
		})
	}
}
