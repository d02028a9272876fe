package rules

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// gitTimeout bounds the `git ls-files` call: a slow or huge repository
// must not stall a lint run.
const gitTimeout = 5 * time.Second

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS402", Name: "env-php-in-git", Severity: linter.Warning,
		Summary: "env.php is tracked by git, so its secrets are in the repository history.",
		Check: func(c *linter.Context) {
			env := c.Project.Env
			if env == nil || env.Abs == "" {
				return // standard input
			}
			if magento.IsEnvTemplate(env.Path) {
				return // a template (env.php.dist) is made to be committed
			}
			if !gitTracked(env.Abs) {
				return
			}
			f := c.Report(env.Path, phpconf.Span{}, "",
				"%s is tracked by git: the OMS OAuth client secret, the shared secret and the database password are in the repository history", envFileName(env.Path))
			f.Hint = "git rm --cached " + env.Path + ", add it to .gitignore, and rotate every secret it held"
		},
	})
}

// gitTracked reports whether git tracks the file at abs, asking git in the
// file's folder. Any failure (no git, not a work tree, a time-out, an
// unsafe-repository refusal) counts as "not tracked": the rule is quietly
// skipped rather than guessing.
//
// Starting git costs more than linting a typical env.php, so when no
// folder from the file's up to the file system root holds a `.git` entry,
// git is not asked: its repository discovery (GIT_DIR is removed from its
// environment, see gitEnv) finds a work tree only through such an entry.
func gitTracked(abs string) bool {
	if !inGitWorkTree(filepath.Dir(abs)) {
		return false
	}
	git, err := exec.LookPath("git")
	if err != nil {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), gitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, git, "ls-files", "--error-unmatch", "--", filepath.Base(abs))
	cmd.Dir = filepath.Dir(abs)
	cmd.Env = gitEnv()
	return cmd.Run() == nil
}

// inGitWorkTree reports whether dir or a folder above it holds a `.git`
// entry (a folder, or the file of a linked work tree or submodule). A false
// answer is certain; a true one is for git to confirm (ceilings, ignored
// files, safe.directory).
func inGitWorkTree(dir string) bool {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return false
		}
		d = parent
	}
}

// gitEnv is the environment without variables that would point git at
// another repository than the one holding the file (set inside git hooks).
func gitEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR":
			continue
		}
		out = append(out, kv)
	}
	return append(out, "GIT_OPTIONAL_LOCKS=0")
}
