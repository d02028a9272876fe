package engine

import (
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/redact"
)

// addJSONSecrets registers the credentials of auth.json and composer.json
// with the redactor (redact.AddJSON decides what they are): their values
// are masked in messages (by value) and in snippets (by position).
func addJSONSecrets(r *redact.Redactor, p *magento.Project) {
	if d := p.AuthJSONDoc(); d.Root() != nil {
		r.AddJSON(p.AuthJSON.Path, d.Root())
	}
	if d := p.ComposerJSONDoc(); d.Root() != nil {
		r.AddJSON(p.ComposerJSON.Path, d.Root())
	}
}
