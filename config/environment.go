package config

import (
	"regexp"
	"sync"

	"github.com/omslint/omslint/connector"

	"gopkg.in/yaml.v3"
)

var (
	envKeys          = []string{"kind", "service-bus", "sales-channels"}
	kindValues       = []string{KindProduction, KindPreproduction, KindDevelopment}
	salesChannelKeys = []string{"id", "website", "stock-aggregate", "stock-aggregates"}
	// An environment name is typed as `--env NAME`, so it stays shell-safe.
	envNamePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`) })
)

func (d *decoder) environments(v *yaml.Node, cfg *Config) {
	d.mapping(v, "environments", nil, func(k, val *yaml.Node) {
		if !envNamePattern().MatchString(k.Value) {
			d.errorf(k, "environments: '%s' is not a usable environment name (letters, digits, '.', '_', '-')", k.Value)
			return
		}
		env := d.environment(k, val)
		cfg.Environments[env.Name] = env
		cfg.EnvOrder = append(cfg.EnvOrder, env.Name)
	})
}

// environment reads one profile. `kind` is required: a production profile
// that forgot to say so would quietly get development-level checks.
func (d *decoder) environment(k, v *yaml.Node) *Environment {
	env := &Environment{Name: k.Value, Line: k.Line, Col: k.Column, ServiceBus: map[string]Field{}}
	where := "environments." + env.Name
	hasKind := false
	d.mapping(v, where, envKeys, func(key, val *yaml.Node) {
		switch key.Value {
		case "kind":
			hasKind = true
			env.Kind, _ = d.enum(val, where+".kind", kindValues)
		case "service-bus":
			env.ServiceBusLine = key.Line
			d.serviceBus(val, where+".service-bus", env)
		case "sales-channels":
			d.list(val, where+".sales-channels", false, func(it *yaml.Node) {
				if sc, ok := d.salesChannel(it, where+".sales-channels"); ok {
					env.SalesChannels = append(env.SalesChannels, sc)
				}
			})
		}
	})
	if !hasKind {
		d.errorf(k, "%s: no 'kind' (expected production | preproduction | development)", where)
	}
	return env
}

func (d *decoder) serviceBus(v *yaml.Node, where string, env *Environment) {
	d.mapping(v, where, connector.YAMLNames(), func(key, val *yaml.Node) {
		sk := connector.LookupYAML(key.Value)
		var f Field
		var ok bool
		if sk.Bool {
			f, ok = d.boolean(val, where+"."+sk.YAML)
		} else {
			f, ok = d.text(val, where+"."+sk.YAML)
		}
		if ok {
			env.ServiceBus[sk.YAML] = f
		}
	})
}

func (d *decoder) salesChannel(n *yaml.Node, where string) (SalesChannel, bool) {
	n = deref(n)
	sc := SalesChannel{Line: n.Line, Col: n.Column}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s: each entry must be a mapping with id, website and stock-aggregate, got %s", where, describe(n))
		return sc, false
	}
	before := len(d.errs)
	d.mapping(n, where, salesChannelKeys, func(key, val *yaml.Node) {
		switch key.Value {
		case "id":
			sc.ID, _ = d.text(val, where+".id")
		case "website":
			sc.Website, _ = d.text(val, where+".website")
		case "stock-aggregate", "stock-aggregates":
			// Both spellings, one value or a list: the count is the fact
			// OMS502 judges, so the file records it rather than refusing.
			d.list(val, where+"."+key.Value, true, func(it *yaml.Node) {
				if f, ok := d.text(it, where+"."+key.Value); ok && f.Set {
					sc.StockAggregates = append(sc.StockAggregates, f)
				}
			})
		}
	})
	return sc, len(d.errs) == before
}
