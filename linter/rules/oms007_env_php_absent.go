package rules

import (
	"strings"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS007", Name: "env-php-absent", Severity: linter.Info,
		Summary: "The connector is installed but the Magento root has no app/etc/env.php (a repository): its serviceBus settings were not checked.",
		Check: func(c *linter.Context) {
			p := c.Project
			// A root lint only: a single file says what it could not
			// check in the run's notes instead (engine).
			if !p.HasRoot() || p.Single() || p.Env != nil {
				return
			}
			// A serviceBus that config.php holds, or that
			// MAGENTO_DC__OVERRIDE sets with --resolve-env, is what
			// Magento reads without env.php, and it is checked; the
			// keys a config.php block lacks come from each environment's
			// env.php, and were not (OMS104 leaves them to this rule).
			if sb := c.ServiceBus(); sb.Present {
				if b := sbBlock(c); b != nil && !b.DynamicKey && repositoryBlock(c, b) {
					if missing := missingKeys(b); len(missing) > 0 {
						names := make([]string, len(missing))
						for i, k := range missing {
							names[i] = k.PHP
						}
						f := c.ReportOrigin(b.Section, ServiceBusKey,
							"app/etc/config.php holds a serviceBus block without %s, and this Magento root has no %s: those keys come from each environment's env.php (or MAGENTO_DC__OVERRIDE) and were not checked",
							linter.Plain(strings.Join(names, ", ")), magento.EnvPHPPath)
						f.Hint = "keep the secrets out of config.php (it is committed); lint the env.php each environment deploys (omslint lint /path/to/app/etc/env.php), " +
							"or with containers run omslint lint --resolve-env where MAGENTO_DC__OVERRIDE is set"
					}
				}
				return
			}
			file, span, key, what, ok := connectorEvidence(p)
			if !ok {
				return
			}
			f := c.Report(file, span, key,
				"the connector is installed (%s) but this Magento root has no %s: the serviceBus settings (MIB URL, OAuth client, secrets) were not checked",
				what, magento.EnvPHPPath)
			f.Hint = "lint the env.php that each environment deploys (omslint lint /path/to/app/etc/env.php, in the deploy job or on the server); " +
				"where containers set serviceBus in MAGENTO_DC__OVERRIDE, run omslint lint --resolve-env in that environment"
		},
	})
}

// connectorEvidence is the first place that shows the connector
// installed, for a finding to point at: a connector package required in
// composer.json, a connector module listed in config.php, or a connector
// package locked in composer.lock (domain.md §3). what names it for the message.
func connectorEvidence(p *magento.Project) (file string, span phpconf.Span, key, what string, ok bool) {
	if d := p.ComposerJSONDoc(); d.Root() != nil {
		for _, section := range []string{"require", "require-dev"} {
			req := d.Root().Get(section)
			if req == nil {
				continue
			}
			for _, m := range req.Members {
				if magento.IsConnectorPackage(m.Key) {
					return p.ComposerJSON.Path, d.Span(m.KeyRange), section + "." + m.Key,
						m.Key + " in composer.json", true
				}
			}
		}
	}
	if m := p.ConfigModules(); m != nil && m.Value != nil && m.Value.Kind == phpconf.KindArray {
		for _, el := range m.Value.Array.Items {
			if !el.Key.IsInt && !el.Key.Dynamic && magento.IsConnectorModule(el.Key.Str) {
				return p.Config.Path, p.Config.Tree.Span(el.Key.Range), "modules." + el.Key.Str,
					el.Key.Str + " in config.php", true
			}
		}
	}
	for _, pkg := range magento.ConnectorPackages {
		if lp, found := p.Locked()[pkg.Name]; found {
			return p.ComposerLock.Path, lp.Span(), "", lp.Name + " " + lp.Version + " in composer.lock", true
		}
	}
	return "", phpconf.Span{}, "", "", false
}
