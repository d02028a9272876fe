package rules_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// hostileGit sets up what a hostile checkout would make git run: a hook
// script that creates a marker file, and a fake git first on PATH that
// creates another. It returns the hook's path and a check that neither
// marker exists. The real git used to build fixtures is found before PATH
// changes.
func hostileGit(t *testing.T) (hook string, realGit string, check func()) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("shell scripts")
	}
	realGit, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	bin := t.TempDir()
	hookMarker := filepath.Join(bin, "hook-ran")
	gitMarker := filepath.Join(bin, "git-ran")
	hook = filepath.Join(bin, "hook.sh")
	if err := os.WriteFile(hook, []byte("#!/bin/sh\n: > '"+hookMarker+"'\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte("#!/bin/sh\n: > '"+gitMarker+"'\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return hook, realGit, func() {
		t.Helper()
		t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
		t.Cleanup(func() {
			for _, m := range []string{hookMarker, gitMarker} {
				if _, err := os.Stat(m); err == nil {
					t.Errorf("%s exists: omslint started a program on the checkout's behalf", filepath.Base(m))
				}
			}
		})
	}
}

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOMS402HostileCheckouts: checkouts built to make git run a command
// (issue 15). omslint reads the index in-process: no marker is ever made,
// and OMS402 still answers for the checkout's own repository.
func TestOMS402HostileCheckouts(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(t *testing.T, root, hook string)
		want  int
	}{
		{"embedded repository in app/etc, env.php tracked", func(t *testing.T, root, hook string) {
			embedRepo(t, root, hook)
			git(t, root, "init", "-q")
			git(t, root, "add", ".")
		}, 1},
		{"embedded repository in app/etc, env.php ignored", func(t *testing.T, root, hook string) {
			embedRepo(t, root, hook)
			writeFile(t, filepath.Join(root, ".gitignore"), "/app/etc/env.php\n")
			git(t, root, "init", "-q")
			git(t, root, "add", ".")
		}, 0},
		{"core.fsmonitor in .git/config", func(t *testing.T, root, hook string) {
			git(t, root, "init", "-q")
			git(t, root, "add", ".")
			git(t, root, "config", "core.fsmonitor", hook)
			git(t, root, "config", "core.hooksPath", filepath.Dir(hook))
		}, 1},
		{"include.path to a committed file", func(t *testing.T, root, hook string) {
			writeFile(t, filepath.Join(root, "app/etc/evil.gitconfig"), "[core]\n\tfsmonitor = "+hook+"\n")
			git(t, root, "init", "-q")
			git(t, root, "add", ".")
			git(t, root, "config", "include.path", "../app/etc/evil.gitconfig")
		}, 1},
		{"core.worktree pointing elsewhere", func(t *testing.T, root, hook string) {
			git(t, root, "init", "-q")
			git(t, root, "add", ".")
			git(t, root, "config", "core.worktree", t.TempDir())
		}, 1},
		{".git file naming a committed git folder", func(t *testing.T, root, hook string) {
			// A full repository tracking env.php, with an fsmonitor hook,
			// committed as app/etc/evil and named by a `.git` file (from a
			// tarball or cache: git never checks out a `.git` path).
			evil := t.TempDir()
			git(t, evil, "init", "-q")
			writeFile(t, filepath.Join(evil, "app/etc/env.php"), clean)
			git(t, evil, "add", ".")
			git(t, evil, "config", "core.fsmonitor", hook)
			if err := os.Rename(filepath.Join(evil, ".git"), filepath.Join(root, "app/etc/evil")); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(root, ".git"), "gitdir: app/etc/evil\n")
		}, 0},
		{"GIT_* variables in the environment", func(t *testing.T, root, hook string) {
			git(t, root, "init", "-q")
			git(t, root, "add", ".")
			other := t.TempDir()
			git(t, other, "init", "-q")
			t.Setenv("GIT_DIR", filepath.Join(other, ".git"))
			t.Setenv("GIT_WORK_TREE", other)
			t.Setenv("GIT_INDEX_FILE", filepath.Join(other, ".git/index"))
			t.Setenv("GIT_CONFIG_COUNT", "1")
			t.Setenv("GIT_CONFIG_KEY_0", "core.fsmonitor")
			t.Setenv("GIT_CONFIG_VALUE_0", hook)
			t.Setenv("GIT_CONFIG_PARAMETERS", "'core.fsmonitor'='"+hook+"'")
		}, 1},
		{"a .git folder inside the Magento root is not the checkout's", func(t *testing.T, root, hook string) {
			git(t, root, "init", "-q")
			git(t, root, "add", ".")
			git(t, filepath.Join(root, "app/etc"), "init", "-q")
			git(t, filepath.Join(root, "app/etc"), "config", "core.fsmonitor", hook)
		}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			hook, _, check := hostileGit(t)
			root := writeRoot(t, map[string]string{})
			c.setup(t, root, hook)
			check()
			if got, _ := lintRoot(t, root, "OMS402"); len(got) != c.want {
				t.Errorf("OMS402 at %q, want %d", got, c.want)
			}
		})
	}
}

// embedRepo commits what makes git treat app/etc as a repository of its
// own whose config names an fsmonitor command (HEAD, config, objects/,
// refs/), and shows that the real git does run it there.
func embedRepo(t *testing.T, root, hook string) {
	t.Helper()
	etc := filepath.Join(root, "app/etc")
	writeFile(t, filepath.Join(etc, "HEAD"), "ref: refs/heads/main\n")
	writeFile(t, filepath.Join(etc, "config"), "[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = ..\n\tfsmonitor = "+hook+"\n")
	writeFile(t, filepath.Join(etc, "objects/info/.keep"), "")
	writeFile(t, filepath.Join(etc, "refs/heads/.keep"), "")
	// The attack is real: git in app/etc runs the committed command.
	cmd := exec.Command("git", "ls-files", "--error-unmatch", "env.php")
	cmd.Dir = etc
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, _ := cmd.CombinedOutput()
	marker := filepath.Join(filepath.Dir(hook), "hook-ran")
	if _, err := os.Stat(marker); err == nil {
		os.Remove(marker)
	} else {
		t.Logf("this git did not run the embedded fsmonitor (%s)", strings.TrimSpace(string(out)))
	}
}

// TestOMS402LinkedWorkTree: a work tree made by git worktree add has a
// `.git` file naming its git folder, which names it back: its index is read.
func TestOMS402LinkedWorkTree(t *testing.T) {
	_, _, check := hostileGit(t)
	root := writeRoot(t, map[string]string{})
	git(t, root, "init", "-q")
	git(t, root, "add", ".")
	git(t, root, "commit", "-qm", "env")
	wt := filepath.Join(t.TempDir(), "wt")
	git(t, root, "worktree", "add", "-q", wt)
	check()
	if got, _ := lintRoot(t, wt, "OMS402"); strings.Join(got, ",") != "app/etc/env.php:1:1" {
		t.Errorf("OMS402 in the linked work tree at %q", got)
	}
	// The same `.git` file copied to another folder is not that work tree.
	other := writeRoot(t, map[string]string{})
	data, err := os.ReadFile(filepath.Join(wt, ".git"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(other, ".git"), string(data))
	if got, _ := lintRoot(t, other, "OMS402"); len(got) != 0 {
		t.Errorf("OMS402 through a copied .git file at %q", got)
	}
}
