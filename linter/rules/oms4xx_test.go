package rules_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
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
	p, err := magento.LoadStdin(strings.NewReader(cleanEnv), "env.php", "", magento.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := linter.Run(p, linter.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
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
		if got, _ := lintRoot(t, root, "OMS402"); strings.Join(got, ",") != "app/etc/env.php:1:1" {
			t.Errorf("OMS402 at %q", got)
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
		if err := os.WriteFile(filepath.Join(root, envPath), []byte(cleanEnv), 0o600); err != nil {
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
