package doctor

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/redact"
)

// Value is one setting doctor uses, with where it came from.
type Value struct {
	// Text is the value; meaningful only when Set.
	Text string
	Set  bool
	// From names where the value was read ("app/etc/env.php:8:18").
	From string
	// Why says why a value that is present cannot be used (an expression
	// read from the environment without --resolve-env); "" otherwise.
	Why string
	// Secret marks a value that must never be printed: a value read from
	// the environment, whatever its key.
	Secret bool
	// Unset says, for a value that is not set, where it was looked for and
	// how else it could be read (" in app/etc/env.php or config.php; ...");
	// "" when the source does not say.
	Unset string
}

// notSet is the message for a value that is not set.
func (v Value) notSet() string { return "is not set" + v.Unset }

// Usable reports whether the value can be used for a request.
func (v Value) Usable() bool { return v.Set && v.Why == "" && v.Text != "" }

// Source gives the effective values doctor tests: a serviceBus key
// ("url") or a dotted path of the configuration
// ("system.default.web.secure.base_url"). It is the one seam between
// doctor and the code that decides what Magento reads: EffectiveSource
// (the effective serviceBus), TreeSource (literals of env.php over
// config.php, for the other paths), ProfileSource (a profile's values for
// what the checkout does not set).
type Source interface {
	Get(path string) Value
}

// TreeSource reads values from the parsed env.php and config.php of a
// project, env.php first (Magento merges env.php over config.php). It
// knows literals only: a value that is an expression is reported as not
// usable.
type TreeSource struct {
	Files []*phpconf.File
}

// NewTreeSource returns the source for a loaded project.
func NewTreeSource(p *magento.Project) *TreeSource {
	s := &TreeSource{}
	for _, ps := range []*magento.PHPSource{p.Env, p.Config} {
		if ps != nil && ps.Tree != nil && ps.Tree.Root != nil {
			s.Files = append(s.Files, ps.Tree)
		}
	}
	return s
}

// Get implements Source. Bare serviceBus key names are looked up under
// serviceBus.
func (s *TreeSource) Get(path string) Value {
	if isServiceBusKey(path) {
		path = "serviceBus." + path
	}
	for _, f := range s.Files {
		el := f.Lookup(path)
		if el == nil || el.Value == nil {
			continue
		}
		pos := f.Pos(int(el.Value.Range.Start))
		v := Value{From: fmt.Sprintf("%s:%d:%d", f.Name, pos.Line, pos.Col), Set: true}
		v.fromLiteral(el.Value, "is an expression read at run time (such as getenv()); pass --resolve-env or --env-file so doctor can evaluate it")
		return v
	}
	return Value{}
}

// fromLiteral sets v's text from a string, integer or boolean literal,
// unsets v for null, and otherwise says why the value cannot be used
// (exprWhy for an expression): the one value-to-text of TreeSource and
// EffectiveSource.
func (v *Value) fromLiteral(pv *phpconf.Value, exprWhy string) {
	switch pv.Kind {
	case phpconf.KindString:
		v.Text = pv.Str
	case phpconf.KindInt:
		v.Text = strconv.FormatInt(pv.Int, 10)
	case phpconf.KindBool:
		v.Text = strconv.FormatBool(pv.Bool)
	case phpconf.KindNull:
		v.Set = false
	case phpconf.KindExpr:
		v.Why = exprWhy
	default:
		v.Why = "is " + pv.Kind.String() + ", not a string"
	}
}

func isServiceBusKey(k string) bool { return connector.Lookup(k) != nil }

// Settings are the values the checks use.
type Settings struct {
	URL, OAuthServerURL, ClientID, ClientSecret Value
	// CallbackBase is application_base_url, else the store's secure base
	// URL, else its unsecure one (system.default.web.*.base_url).
	CallbackBase Value
	// CallbackKey names where CallbackBase came from, for messages.
	CallbackKey string
}

// LoadSettings reads the settings from a source.
func LoadSettings(src Source) Settings {
	s := Settings{
		URL:            src.Get("url"),
		OAuthServerURL: src.Get("oauth_server_url"),
		ClientID:       src.Get("oauth_client_id"),
		ClientSecret:   src.Get("oauth_client_secret"),
	}
	for _, k := range []string{"application_base_url", "system.default.web.secure.base_url", "system.default.web.unsecure.base_url"} {
		v := src.Get(k)
		// Magento's secure base URL may be written in terms of the
		// unsecure one.
		if v.Set && strings.Contains(v.Text, "{{unsecure_base_url}}") {
			if u := src.Get("system.default.web.unsecure.base_url"); u.Usable() {
				v.Text = strings.ReplaceAll(v.Text, "{{unsecure_base_url}}", u.Text)
				v.Secret = v.Secret || u.Secret
			}
		}
		if v.Set {
			s.CallbackBase, s.CallbackKey = v, k
			if v.Usable() {
				break
			}
		}
	}
	if s.CallbackKey == "application_base_url" {
		s.CallbackKey = "serviceBus.application_base_url"
	}
	return s
}

// Secrets are the values that must never be printed.
func (s Settings) Secrets() []string {
	var out []string
	if s.ClientSecret.Set {
		out = append(out, s.ClientSecret.Text)
	}
	for _, v := range []Value{s.URL, s.OAuthServerURL, s.ClientID, s.CallbackBase} {
		if v.Set && v.Secret {
			out = append(out, v.Text)
		}
	}
	return out
}

// ProfileSource gives a profile's `service-bus:` value for a serviceBus
// key the checkout does not set (a repository without env.php, a key
// still to be written): doctor then tests what the profile says. The
// checkout's value wins when both exist: it is what Magento reads (lint
// reports a difference as OMS501). A `${NAME}` reference is read through
// Getenv and is a secret.
type ProfileSource struct {
	Base Source
	Env  *config.Environment
	// File names the config file in Value.From.
	File   string
	Getenv func(string) (string, bool)
}

// Get implements Source.
func (p *ProfileSource) Get(path string) Value {
	v := p.Base.Get(path)
	if v.Set || p.Env == nil {
		return v
	}
	k := connector.Lookup(strings.TrimPrefix(path, connector.ServiceBus+"."))
	if k == nil {
		return v
	}
	f, ok := p.Env.ServiceBus[k.YAML]
	if !ok || !f.Set {
		return v
	}
	out := Value{Set: true, From: fmt.Sprintf("%s:%d:%d (profile %s)", p.File, f.Line, f.Col, p.Env.Name), Secret: f.IsRef}
	text, err := config.ExpandRef(f, p.Getenv)
	if err != nil {
		out.Why = "is ${" + f.RefName + "} in the profile, and " + f.RefName + " is not set in the environment"
		return out
	}
	out.Text = text
	if f.IsRef && text == "" {
		out.Why = "is ${" + f.RefName + "} in the profile, and " + f.RefName + " is empty in the environment"
	}
	if k.Bool {
		out.Text = strconv.FormatBool(f.Bool)
	}
	return out
}

// Describe lists the tested values that are not secret, masked, for the
// report's header.
func Describe(s Settings, r *redact.Redactor) []Setting {
	m := &masker{r: r}
	for _, v := range s.Secrets() {
		m.add(v)
	}
	var out []Setting
	for _, kv := range []struct {
		key string
		v   Value
	}{{"serviceBus.url", s.URL}, {"serviceBus.oauth_server_url", s.OAuthServerURL}, {"serviceBus.oauth_client_id", s.ClientID}, {s.CallbackKey, s.CallbackBase}} {
		if kv.key == "" {
			continue
		}
		st := Setting{Key: kv.key, From: kv.v.From}
		switch {
		case !kv.v.Set:
			st.Value = "(not set)"
		case kv.v.Why != "":
			st.Value = "(not usable: " + kv.v.Why + ")"
		case kv.v.Secret:
			st.Value = redact.Mask
		case strings.HasSuffix(kv.key, "url"):
			st.Value = m.url(kv.v.Text)
		default:
			st.Value = m.text(kv.v.Text)
		}
		out = append(out, st)
	}
	return out
}
