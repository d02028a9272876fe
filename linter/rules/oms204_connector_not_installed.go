package rules

import (
	"github.com/omslint/omslint/jsonpos"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS204", Name: "connector-not-installed", Severity: linter.Warning,
		Summary: "env.php configures serviceBus, but neither config.php nor composer.json/composer.lock shows the OMS connector.",
		Check: func(c *linter.Context) {
			p := c.Project
			if !p.HasRoot() || !p.HasServiceBus() {
				return
			}
			cfg := c.ConfigTree()
			cj := p.ComposerJSONDoc().Root()
			if cfg == nil && cj == nil {
				// Neither file is present: nothing shows what is
				// installed, so nothing can be concluded.
				return
			}
			// A file that is present but cannot be read (a PHP or JSON
			// syntax error) might show the connector: stay silent.
			if (p.Config != nil && cfg == nil) || (p.ComposerJSON != nil && cj == nil) ||
				(p.ComposerLock != nil && p.ComposerLockDoc().Root() == nil) {
				return
			}
			if p.ConnectorShownByFiles() {
				return
			}
			const msg = "env.php configures 'serviceBus', but the OMS connector is not installed: " +
				"no connector module in config.php and no magento/mcom-connector in composer.json or composer.lock"
			// The finding belongs to config.php (OMS2xx): at the 'modules'
			// key that should list the connector modules, or at the
			// returned array when there is none. Without config.php, at
			// composer.json's "require" key.
			if cfg != nil {
				if m := p.ConfigModules(); m != nil {
					c.ReportAt(p.Config, m.Key.Range, "modules", msg)
				} else {
					c.ReportAt(p.Config, arrayOpening(cfg.Root), "", msg)
				}
				return
			}
			if m := cj.Member("require"); m != nil {
				c.Report(p.ComposerJSON.Path, p.ComposerJSONDoc().Span(m.KeyRange), "require", msg)
				return
			}
			c.Report(p.ComposerJSON.Path, p.ComposerJSONDoc().Span(jsonOpening(cj)), "", msg)
		},
	})
}

// jsonOpening is the first character of a JSON value (`{`).
func jsonOpening(n *jsonpos.Node) phpconf.Range {
	return phpconf.Range{Start: n.Range.Start, End: n.Range.Start + 1}
}
