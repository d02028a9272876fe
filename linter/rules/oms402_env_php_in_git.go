package rules

import (
	"github.com/omslint/omslint/gitindex"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

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
			// The index of the work tree holding the Magento root, read
			// in-process: no git process, no git config (docs/security.md).
			// A split index is read with its shared index. Any error (no
			// repository, a malformed index, a sparse index that cannot
			// tell, a shared index missing or damaged) skips the rule
			// quietly.
			if tracked, err := gitindex.TrackedFile(env.Abs, c.Project.Root); err != nil || !tracked {
				return
			}
			held, ok := secretsHeld(env)
			if !ok {
				f := c.Report(env.Path, phpconf.Span{}, "",
					"%s is tracked by git: it holds no secret now, but the ones Magento and the OMS connector write into it later (database password, encryption key, OAuth client secret) would go into the repository history", envFileName(env.Path))
				f.Hint = "git rm --cached " + env.Path + " and add it to .gitignore (and rotate any secret an earlier version of it held)"
				return
			}
			f := c.Report(env.Path, phpconf.Span{}, "",
				"%s is tracked by git: %s %s in the repository history", envFileName(env.Path), held, isAre(held))
			f.Hint = "git rm --cached " + env.Path + ", add it to .gitignore, and rotate every secret it held"
		},
	})
}
