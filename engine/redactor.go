package engine

import (
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/redact"
)

// ProjectRedactor returns a redactor that knows every secret of p: the
// built-in secret keys of env.php and config.php, extra key paths (the
// config file's secret-keys), and auth.json's credentials. Commands other
// than lint (plan) pass their output through it.
func ProjectRedactor(p *magento.Project, secretKeys []string) *redact.Redactor {
	r := redact.New()
	for _, s := range []*magento.PHPSource{p.Env, p.Config} {
		if s != nil {
			r.AddTree(s.Path, s.Tree, secretKeys)
		}
	}
	addJSONSecrets(r, p)
	return r
}
