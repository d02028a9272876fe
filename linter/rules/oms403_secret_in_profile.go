package rules

import (
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/linter"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS403", Name: "secret-in-profile", Severity: linter.Error,
		Summary: ".omslint.yaml holds a literal secret value instead of an environment-variable reference (${NAME}).",
		Check: func(c *linter.Context) {
			p := c.Profile()
			if p == nil {
				return
			}
			// Every environment, not only the selected one: the file is
			// committed, so a secret in any profile is in the history.
			for _, name := range p.Config.EnvOrder {
				env := p.Config.Environments[name]
				for _, k := range connector.Keys {
					f, ok := env.ServiceBus[k.YAML]
					if !k.Secret || !ok || !f.Set || f.IsRef || f.Value == "" {
						continue
					}
					c.ReportConfig(f.Line, f.Col, f.Value, "environments."+name+".service-bus."+k.YAML,
						"environment %s: service-bus.%s holds a literal secret; write a reference such as ${%s} and export that variable where omslint runs",
						name, k.YAML, defaultSecretVar(k.PHP)).Hint =
						"the file is meant to be committed: rotate this secret, it is in the repository's history"
				}
			}
		},
	})
}

func defaultSecretVar(phpKey string) string {
	if phpKey == "secret" {
		return "OMS_SECRET"
	}
	return "OMS_OAUTH_CLIENT_SECRET"
}
