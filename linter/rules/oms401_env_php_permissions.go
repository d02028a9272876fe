package rules

import (
	"path/filepath"
	"runtime"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS401", Name: "env-php-permissions", Severity: linter.Warning,
		Summary: "env.php is readable or writable by other users (mode & 0o007 != 0), exposing the OMS and database secrets.",
		Check: func(c *linter.Context) {
			env := c.Project.Env
			// Standard input has no file mode; Windows has no "other" bits.
			// A template (env.php.dist) is made to be shared.
			if env == nil || env.Abs == "" || runtime.GOOS == "windows" || magento.IsEnvTemplate(env.Path) {
				return
			}
			perm := env.Mode.Perm()
			if perm&0o007 == 0 {
				return
			}
			what := "readable"
			switch {
			case perm&0o006 == 0o006:
				what = "readable and writable"
			case perm&0o002 != 0:
				what = "writable"
			case perm&0o004 == 0:
				what = "accessible"
			}
			// The whole file: a zero span, shown at 1:1.
			var f *linter.Finding
			if held, ok := secretsHeld(env); ok {
				f = c.Report(env.Path, phpconf.Span{}, "",
					"%s is %s by other users (mode %04o): it holds %s",
					envFileName(env.Path), what, uint32(perm), held)
			} else {
				f = c.Report(env.Path, phpconf.Span{}, "",
					"%s is %s by other users (mode %04o): it holds no secret yet, but it is where Magento and the OMS connector keep theirs (database password, encryption key, OAuth client secret)",
					envFileName(env.Path), what, uint32(perm))
			}
			f.Hint = "chmod o-rwx " + env.Path + " (for example 640: owner read-write, the web server's group read)"
		},
	})
}

// envFileName names a file read as env.php in a message: "env.php", or its
// own name and its role ("env.prod.php (read as env.php)"). It is a path,
// not a value from the file: never masked (linter.Plain).
func envFileName(path string) linter.Plain {
	name := filepath.Base(filepath.FromSlash(path))
	if name == "env.php" {
		return linter.Plain(name)
	}
	return linter.Plain(name + " (read as env.php)")
}
