package rules

// The secret rules, OMS120-OMS121. Their messages say what is wrong with a
// secret, never what it is (cli.md "Secrets").

import (
	"unicode/utf8"

	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
)

// minSecretLen is the shortest acceptable shared secret, in characters.
const minSecretLen = 32

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS120", Name: "secret-weak", Severity: linter.Warning,
		Summary: "serviceBus.secret is shorter than 32 characters or repeats one character.",
		Check: func(c *linter.Context) {
			el, s := sbString(c, "secret")
			if el == nil {
				return
			}
			switch {
			case oneChar(s):
				c.ReportEntry(el, "'%s' repeats a single character; expected at least %d random characters (it keys the HMAC-SHA1 signature of the MIB's callbacks)", el.Path(), minSecretLen)
			case utf8.RuneCountInString(s) < minSecretLen:
				c.ReportEntry(el, "'%s' is shorter than %d characters; expected at least %d random characters (it keys the HMAC-SHA1 signature of the MIB's callbacks)", el.Path(), minSecretLen, minSecretLen)
			}
		},
	})
	linter.Register(&linter.Rule{
		ID: "OMS121", Name: "secret-reused", Severity: linter.Warning,
		Summary: "serviceBus.secret equals oauth_client_secret, or a secret equals oauth_client_id.",
		Check: func(c *linter.Context) {
			sec, secV := sbString(c, "secret")
			csec, csecV := sbString(c, "oauth_client_secret")
			_, idV := sbString(c, "oauth_client_id")
			if sec != nil {
				var same []string
				if csec != nil && secV == csecV {
					same = append(same, "'oauth_client_secret'")
				}
				if idV != "" && secV == idV {
					same = append(same, "'oauth_client_id'")
				}
				reportReuse(c, sec, same)
			}
			if csec != nil && idV != "" && csecV == idV {
				reportReuse(c, csec, []string{"'oauth_client_id'"})
			}
		},
	})
}

func reportReuse(c *linter.Context, el *effective.Entry, same []string) {
	if len(same) == 0 {
		return
	}
	what := same[0]
	if len(same) == 2 {
		what = same[0] + " and " + same[1]
	}
	c.ReportEntry(el, "'%s' is the same as %s; expected its own random value, so one leaked value does not give away the other", el.Path(), what)
}

// oneChar reports whether s is one character repeated (at least twice).
func oneChar(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if n == len(s) {
		return false
	}
	for _, x := range s {
		if x != r {
			return false
		}
	}
	return true
}
