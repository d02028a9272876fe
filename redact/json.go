package redact

import (
	"strings"

	"github.com/omslint/omslint/jsonpos"
)

// authSections are Composer's credential sections (auth.json, composer.json's
// "config", or a repository's options): every string under them is a
// secret except a user name. Source: Composer docs, "Authentication for
// privately hosted packages and repositories".
var authSections = map[string]bool{
	"http-basic": true, "bearer": true, "github-oauth": true, "gitlab-oauth": true, "gitlab-token": true,
	"bitbucket-oauth": true, "forgejo-token": true, "custom-headers": true, "client-certificate": true,
	"authorization": true, "proxy-authorization": true,
}

// credentialHeaders are HTTP headers whose value is a credential, as found
// in a repository's options.http.header list ("Authorization: Bearer x")
// or custom-headers.
var credentialHeaders = map[string]bool{
	"authorization": true, "proxy-authorization": true, "private-token": true, "job-token": true,
	"deploy-token": true, "x-api-key": true, "api-key": true, "x-auth-token": true, "x-access-token": true,
	"cookie": true, "x-gitlab-token": true, "x-github-token": true,
}

// AddJSON registers the credentials of a Composer JSON file (auth.json,
// composer.json) with the redactor, by position (the text between the
// quotes) and by value: every string under a credential section or a
// secret key name, at any depth (repositories[].options included), except
// a user name; and every "Header: value" string naming a credential header
// (options.http.header), whose value part is what messages mask.
func (r *Redactor) AddJSON(file string, root *jsonpos.Node) {
	if r == nil || root == nil {
		return
	}
	r.addJSON(file, root, "", false)
}

func (r *Redactor) addJSON(file string, n *jsonpos.Node, key string, secret bool) {
	if n == nil {
		return
	}
	switch n.Kind {
	case jsonpos.KindString:
		if strings.EqualFold(key, "username") || strings.EqualFold(key, "user") {
			return
		}
		value := n.Str
		if !secret {
			name, v, ok := strings.Cut(n.Str, ":")
			if !ok || !isCredentialHeader(strings.TrimSpace(name)) {
				return
			}
			value = strings.TrimSpace(v)
		}
		if n.Range.End-1 > n.Range.Start+1 {
			r.addSpan(file, int(n.Range.Start)+1, int(n.Range.End)-1) // keep the quotes
		}
		r.AddValue(value)
		if _, cred, ok := strings.Cut(value, " "); ok {
			r.AddValue(strings.TrimSpace(cred)) // "Bearer x", "Basic x": x alone
		}
	case jsonpos.KindObject:
		for _, m := range n.Members {
			k := strings.ToLower(m.Key)
			r.addJSON(file, m.Value, m.Key, secret || authSections[k] || isCredentialHeader(k) || IsSecretName(m.Key))
		}
	case jsonpos.KindArray:
		for _, e := range n.Elems {
			r.addJSON(file, e, key, secret)
		}
	}
}

func isCredentialHeader(name string) bool {
	n := strings.ToLower(name)
	return credentialHeaders[n] || strings.HasSuffix(n, "-token") || strings.HasSuffix(n, "-api-key")
}
