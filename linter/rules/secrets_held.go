package rules

import (
	"fmt"
	"strings"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/redact"
)

// secretsHeld names the secrets a PHP config file actually holds, for the
// messages of OMS401/OMS402: "the OMS OAuth client secret, the OMS shared
// secret and the database password". What is a secret is redact's policy
// (IsSecretElement); a secret is held when its value has a literal in the
// file: a non-empty string or a number, an array holding one, or an
// expression with a literal part (the fallback of getenv('X') ?: 'v').
// getenv('X') alone, an empty string and null hold nothing. ok is false when the file
// holds none (a file with only MAGE_MODE). Key paths are the user's names,
// never values: the result is Plain.
func secretsHeld(s *magento.PHPSource) (names linter.Plain, ok bool) {
	if s == nil || s.Tree == nil || s.Tree.Root == nil {
		return "", false
	}
	var oauth, shared, crypt, db bool
	var others []string
	s.Tree.Root.Walk(func(el *phpconf.Element) bool {
		if el.Value == nil || !redact.IsSecretElement(el, nil) {
			return true
		}
		if !holdsLiteral(s.Tree, el.Value) {
			return false
		}
		switch p := el.Path(); {
		case p == "serviceBus.oauth_client_secret":
			oauth = true
		case p == "serviceBus.secret":
			shared = true
		case p == "crypt.key":
			crypt = true
		case strings.HasPrefix(p, "db.") && strings.HasSuffix(strings.ToLower(p), "password"):
			db = true
		default:
			others = append(others, p)
		}
		return false // a secret array's inside is the same secret
	})
	var parts []string
	if oauth {
		parts = append(parts, "the OMS OAuth client secret")
	}
	if shared {
		parts = append(parts, "the OMS shared secret")
	}
	if db {
		parts = append(parts, "the database password")
	}
	if crypt {
		parts = append(parts, "the encryption key (crypt.key)")
	}
	switch n := len(others); {
	case n == 1:
		parts = append(parts, "the secret at "+others[0])
	case n > 1 && n <= 3:
		parts = append(parts, "the secrets at "+joinAnd(others))
	case n > 3:
		parts = append(parts, fmt.Sprintf("%d other secrets (%s, …)", n, strings.Join(others[:2], ", ")))
	}
	if len(parts) == 0 {
		return "", false
	}
	return linter.Plain(joinAnd(parts)), true
}

// holdsLiteral reports whether v has a literal value in the file.
func holdsLiteral(t *phpconf.File, v *phpconf.Value) bool {
	switch v.Kind {
	case phpconf.KindString:
		return v.Str != ""
	case phpconf.KindInt, phpconf.KindFloat:
		return true
	case phpconf.KindArray:
		if v.Array == nil {
			return false
		}
		for _, it := range v.Array.Items {
			if it.Value != nil && holdsLiteral(t, it.Value) {
				return true
			}
		}
		return false
	case phpconf.KindExpr:
		for _, r := range redact.ExprLiteralRanges(t.Raw(v.Range)) {
			if r[1] > r[0] {
				return true
			}
		}
	}
	return false
}

// joinAnd is "a", "a and b", "a, b and c".
func joinAnd(parts []string) string {
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// isAre is the verb for a list of secrets ("the shared secret is", "the
// OAuth client secret and the shared secret are").
func isAre(list linter.Plain) linter.Plain {
	if strings.Contains(string(list), " and ") || strings.Contains(string(list), "secrets") {
		return "are"
	}
	return "is"
}
