// Package generator makes the connector configuration for an environment:
// the `serviceBus` block of app/etc/env.php in Magento's own layout, the
// edits that merge it into an existing env.php, the MAGENTO_DC__OVERRIDE
// line and JSON for containers, and the ordered registration plan. It
// returns text and edits; it never writes a file (the command does, with
// the same atomic writer as `lint --fix`).
package generator

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"github.com/omslint/omslint/connector"
	"io"
	"os"
	"strings"

	"github.com/omslint/omslint/config"
)

// Default environment variables for the two secrets when the profile names
// none (cli.md "Generate").
const (
	EnvOAuthClientSecret = "OMS_OAUTH_CLIENT_SECRET"
	EnvSecret            = "OMS_SECRET"
)

// Value is one key of the block.
type Value struct {
	// Key is the env.php key (snake_case) and YAML its profile name.
	Key, YAML string
	Str       string
	Bool      bool
	IsBool    bool
	Secret    bool
	// Var is the environment variable a secret comes from.
	Var string
	// Getenv renders the value as getenv('Var') instead of a literal.
	Getenv bool
	// Generated is true for a secret made here because Var was not set; a
	// merge keeps a secret the file already has rather than replace it
	// with a new random one.
	Generated bool
	// FromVar is the environment variable the value was read from: Var for
	// a secret taken from the environment, the ${NAME} of a profile field
	// for the others; "" for a literal (a flag, a profile value) or a
	// generated secret. A merge keeps a file's reference to that variable.
	FromVar string
	// Unset is true for a value whose variable (Var) is not set, accepted
	// only when merging (Input.AllowUnset): the file's own value is kept.
	Unset bool
}

// Block is the serviceBus block, its keys in connector.Keys order.
type Block struct {
	Values []Value
}

// Get returns the value of an env.php key.
func (b *Block) Get(key string) (Value, bool) {
	for _, v := range b.Values {
		if v.Key == key {
			return v, true
		}
	}
	return Value{}, false
}

// Input is what a block is made from: a profile, flags, or both (a flag wins
// over the profile's value).
type Input struct {
	// Env is the selected profile (nil: flags only).
	Env *config.Environment
	// Flags holds non-secret values by YAML name (url, oauth-server-url,
	// application-id, oauth-client-id). Secrets are never flags.
	Flags map[string]string
	// SecureEndpoint overrides the profile's secure-endpoint (default true).
	SecureEndpoint *bool
	// Getenv reads environment variables (os.LookupEnv when nil).
	Getenv func(string) (string, bool)
	// UseGetenv renders secrets as getenv('NAME') (--secrets getenv).
	UseGetenv bool
	// Rand is the source of a generated secret (crypto/rand when nil).
	Rand io.Reader
	// AllowUnset accepts an oauth_client_secret whose variable is not set
	// (Value.Unset): a merge keeps what the file holds, or refuses to add
	// it.
	AllowUnset bool
}

// Build makes the block. Notes are for standard error (a generated secret,
// a weak one); an error means no block can be made (a required value is
// missing, or would fail lint).
func Build(in Input) (*Block, []string, error) {
	getenv := in.Getenv
	if getenv == nil {
		getenv = os.LookupEnv
	}
	var (
		b     = &Block{}
		notes []string
		errs  []string
	)
	for _, k := range connector.Keys {
		v := Value{Key: k.PHP, YAML: k.YAML, Secret: k.Secret, IsBool: k.Bool}
		var f config.Field
		hasField := false
		if in.Env != nil {
			f, hasField = in.Env.ServiceBus[k.YAML]
			hasField = hasField && f.Set
		}
		switch {
		case k.Bool:
			v.Bool = true
			if hasField {
				v.Bool = f.Bool
			}
			if in.SecureEndpoint != nil {
				v.Bool = *in.SecureEndpoint
			}
			if !v.Bool {
				notes = append(notes, "warning: secure_endpoint is false (OMS122): every public example sets true")
			}
		case k.Secret:
			v.Var = defaultVar(k.PHP)
			if hasField {
				if !f.IsRef {
					errs = append(errs, fmt.Sprintf("%s holds a literal secret in the profile (OMS403): write ${NAME} and export NAME", k.YAML))
					continue
				}
				v.Var = f.RefName
			}
			if in.UseGetenv {
				v.Getenv = true
				break
			}
			val, ok := getenv(v.Var)
			switch {
			case ok && strings.TrimSpace(val) != "":
				if msg := checkValue(k.PHP, val); msg != "" {
					// Never quote the value: it is a secret.
					errs = append(errs, fmt.Sprintf("%s: the value of %s %s", k.YAML, v.Var, msg))
					continue
				}
				v.Str, v.FromVar = val, v.Var
			case k.PHP == "secret":
				s, err := RandomSecret(in.Rand)
				if err != nil {
					return nil, nil, err
				}
				v.Str, v.Generated = s, true
			case in.AllowUnset:
				v.Unset = true
			default:
				errs = append(errs, fmt.Sprintf("%s: environment variable %s is not set (secrets come from the environment, never from flags)", k.YAML, v.Var))
				continue
			}
		default:
			if _, flagged := in.Flags[k.YAML]; k.Optional && !hasField && !flagged {
				continue // an optional key is written only when given
			}
			val, src := "", ""
			if hasField {
				s, err := config.ExpandRef(f, getenv)
				_, flagged := in.Flags[k.YAML]
				switch {
				case err != nil && f.IsRef && in.AllowUnset && !flagged:
					// Merging: the file may read the same variable.
					v.Unset, v.FromVar, v.Var = true, f.RefName, f.RefName
					b.Values = append(b.Values, v)
					continue
				case err != nil && !flagged:
					errs = append(errs, fmt.Sprintf("%s: %v", k.YAML, err))
					continue
				}
				val, src = s, "profile "+in.Env.Name
				if f.IsRef {
					v.FromVar = f.RefName
				}
			}
			if fv, ok := in.Flags[k.YAML]; ok {
				val, src, v.FromVar = fv, "--"+k.YAML, ""
			}
			if strings.TrimSpace(val) == "" {
				errs = append(errs, fmt.Sprintf("%s: no value (give --%s or set service-bus.%s in the profile)", k.YAML, k.YAML, k.YAML))
				continue
			}
			if msg := checkValue(k.PHP, val); msg != "" {
				errs = append(errs, fmt.Sprintf("%s (from %s): %s", k.YAML, src, msg))
				continue
			}
			if msg := hostNote(k.PHP, val, in.Env); msg != "" {
				if in.Env != nil && in.Env.Kind == config.KindProduction {
					errs = append(errs, fmt.Sprintf("%s (from %s): %s", k.YAML, src, msg))
					continue
				}
				notes = append(notes, "warning: "+k.YAML+": "+msg)
			}
			v.Str = val
		}
		b.Values = append(b.Values, v)
	}
	if len(errs) > 0 {
		return nil, notes, &BuildError{Problems: errs}
	}
	notes = append(notes, secretNotes(b)...)
	return b, notes, nil
}

// BuildError lists every reason no block could be made.
type BuildError struct{ Problems []string }

func (e *BuildError) Error() string {
	return "cannot generate the serviceBus block:\n  " + strings.Join(e.Problems, "\n  ")
}

func defaultVar(phpKey string) string {
	if phpKey == "secret" {
		return EnvSecret
	}
	return EnvOAuthClientSecret
}

// RandomSecret returns 64 hex characters (32 bytes) from r, crypto/rand
// when r is nil.
func RandomSecret(r io.Reader) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	buf := make([]byte, 32)
	if _, err := io.ReadFull(r, buf); err != nil {
		return "", fmt.Errorf("generating a secret: %w", err)
	}
	return hex.EncodeToString(buf), nil
}

// GeneratedNote is what standard error says when the secret was made here.
func GeneratedNote(v Value) string {
	return fmt.Sprintf("%s is not set: generated a new random secret (64 hex characters from crypto/rand). "+
		"Keep it (export %s=... from your secret store next time) and register again after deploying: "+
		"bin/magento oms:service-bus:register", v.Var, v.Var)
}

// secretNotes warns about secrets the linter would warn about (OMS120,
// OMS121); the values are never printed.
func secretNotes(b *Block) []string {
	var notes []string
	sec, _ := b.Get("secret")
	cs, _ := b.Get("oauth_client_secret")
	id, _ := b.Get("oauth_client_id")
	if !sec.Getenv && !sec.Generated && !sec.Unset && (len([]rune(sec.Str)) < 32 || allOneChar(sec.Str)) {
		notes = append(notes, fmt.Sprintf("warning: the value of %s is weak (OMS120: shorter than 32 characters or one repeated character)", sec.Var))
	}
	if !sec.Getenv && !cs.Getenv && !cs.Unset && sec.Str == cs.Str {
		notes = append(notes, "warning: secret equals oauth_client_secret (OMS121)")
	}
	if !cs.Getenv && !cs.Unset && cs.Str == id.Str {
		notes = append(notes, "warning: oauth_client_secret equals oauth_client_id (OMS121)")
	}
	if !sec.Getenv && sec.Str == id.Str {
		notes = append(notes, "warning: secret equals oauth_client_id (OMS121)")
	}
	return notes
}

func allOneChar(s string) bool {
	if s == "" {
		return true
	}
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return false
		}
	}
	return true
}
