package engine

import (
	"github.com/omslint/omslint/jsonpos"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/redact"
)

// authSections are Composer's credential sections (auth.json, or
// composer.json's "config"): every string in them is a secret except an
// http-basic username. Source: Composer docs, "Authentication for
// privately hosted packages and repositories".
var authSections = []string{
	"http-basic", "bearer", "github-oauth", "gitlab-oauth", "gitlab-token",
	"bitbucket-oauth", "forgejo-token", "custom-headers", "client-certificate",
}

// addJSONSecrets registers the credentials of auth.json and of
// composer.json's "config" with the redactor: their values are masked in
// messages (by value) and in snippets (by position).
func addJSONSecrets(r *redact.Redactor, p *magento.Project) {
	if d := p.AuthJSONDoc(); d.Root() != nil {
		addAuthSections(r, p.AuthJSON.Path, d.Root())
	}
	if d := p.ComposerJSONDoc(); d.Root() != nil {
		addAuthSections(r, p.ComposerJSON.Path, d.Root().Get("config"))
	}
}

func addAuthSections(r *redact.Redactor, file string, n *jsonpos.Node) {
	for _, sec := range authSections {
		maskStrings(r, file, n.Get(sec), "")
	}
}

// maskStrings registers every string under n, except the value of a
// "username" member.
func maskStrings(r *redact.Redactor, file string, n *jsonpos.Node, key string) {
	if n == nil {
		return
	}
	switch n.Kind {
	case jsonpos.KindString:
		if key == "username" {
			return
		}
		r.AddSpan(file, int(n.Range.Start)+1, int(n.Range.End)-1) // keep the quotes
		r.AddValue(n.Str)
	case jsonpos.KindObject:
		for _, m := range n.Members {
			maskStrings(r, file, m.Value, m.Key)
		}
	case jsonpos.KindArray:
		for _, e := range n.Elems {
			maskStrings(r, file, e, key)
		}
	}
}
