package rules

import (
	"strings"

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
			// syntax error), or a config.php 'modules' that is an
			// expression, might show the connector: stay silent.
			if (p.Config != nil && cfg == nil) || p.ConfigModulesUnknown() || (p.ComposerJSON != nil && cj == nil) ||
				(p.ComposerLock != nil && p.ComposerLockErr() != nil) {
				return
			}
			if p.ConnectorShownByFiles() {
				return
			}
			msg := connectorNotShownMessage(p.Config != nil, p.ComposerJSON != nil, p.ComposerLock != nil)
			// The finding belongs to config.php (OMS2xx): at the 'modules'
			// key that should list the connector modules, or at the
			// returned array when there is none. Without config.php, at
			// composer.json's "require" key.
			if cfg != nil {
				if m := p.ConfigModules(); m != nil {
					c.ReportAt(p.Config, m.Key.Range, "modules", "%s", linter.Plain(msg))
				} else {
					c.ReportAt(p.Config, arrayOpening(cfg.Root), "", "%s", linter.Plain(msg))
				}
				return
			}
			if m := cj.Member("require"); m != nil {
				c.Report(p.ComposerJSON.Path, p.ComposerJSONDoc().Span(m.KeyRange), "require", "%s", linter.Plain(msg))
				return
			}
			c.Report(p.ComposerJSON.Path, p.ComposerJSONDoc().Span(jsonOpening(cj)), "", "%s", linter.Plain(msg))
		},
	})
}

// jsonOpening is the first character of a JSON value (`{`).
func jsonOpening(n *jsonpos.Node) phpconf.Range {
	return phpconf.Range{Start: n.Range.Start, End: n.Range.Start + 1}
}

// connectorNotShownMessage names only the files OMS204 looked at: the
// ones present (a config.php that does not exist is not "without a
// connector module").
func connectorNotShownMessage(config, composerJSON, composerLock bool) string {
	var looked []string
	if config {
		looked = append(looked, "no connector module in config.php")
	}
	var composer []string
	if composerJSON {
		composer = append(composer, "composer.json")
	}
	if composerLock {
		composer = append(composer, "composer.lock")
	}
	if len(composer) > 0 {
		looked = append(looked, "no magento/mcom-connector in "+strings.Join(composer, " or "))
	}
	return "env.php configures 'serviceBus', but the OMS connector is not installed: " + joinAnd(looked)
}
