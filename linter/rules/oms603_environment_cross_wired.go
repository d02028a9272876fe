package rules

import (
	"fmt"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/linter"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS603", Name: "environment-cross-wired", Severity: linter.Error,
		Summary: "A non-production root or profile uses the MIB URL and application id of a production profile.",
		Fleet: func(c *linter.FleetContext) {
			prods := productionRegistrations(c.Configs)
			// Profiles of one config file that share a registration
			// across kinds: whichever environment is deployed with the
			// non-production one talks to production.
			for _, cfg := range c.Configs {
				for _, name := range cfg.Config.EnvOrder {
					env := cfg.Config.Environments[name]
					if env.Kind == config.KindProduction {
						continue
					}
					reg, ok := profileRegistration(env)
					if !ok {
						continue
					}
					for _, p := range prods[reg] {
						if p.cfg != cfg {
							continue // across files: the roots' check below
						}
						f := env.ServiceBus["url"]
						c.ReportConfig(cfg.Config.Path, cfg.FieldSpan(f.Line, f.Col, f.Value), "environments."+name+".service-bus.url",
							"%s profile '%s' uses the MIB url and application-id of the production profile '%s' (line %d): deployed with it, this environment sends its orders and registration to production",
							env.Kind, name, p.env.Name, p.env.Line)
					}
				}
			}
			// Roots whose selected profile is not production, wired to a
			// production profile's registration (in any config of the run).
			for _, r := range c.Roots {
				if r.Kind == "" || r.Kind == config.KindProduction {
					continue
				}
				u, id := r.Value("url"), r.Value("application_id")
				if !u.Known() || !id.Known() {
					continue
				}
				reg, ok := registrationURL(u.Value)
				if !ok {
					continue
				}
				for _, p := range prods[reg+"\x00"+id.Value] {
					c.ReportAt(r, u, nil,
						"this root is selected as %s profile '%s' but uses the MIB url and application_id of the production profile '%s' (%s): it registers as production and takes production's callbacks",
						r.Kind, r.Profile, p.env.Name, linter.Plain(p.where()))
				}
			}
		},
	})
}

type prodProfile struct {
	cfg *linter.Profile
	env *config.Environment
}

func (p prodProfile) where() string {
	return fmt.Sprintf("%s:%d:%d", p.cfg.Config.Path, p.env.Line, p.env.Col)
}

// productionRegistrations indexes the production profiles of the run by
// registration (normalised url and application-id).
func productionRegistrations(cfgs []*linter.Profile) map[string][]prodProfile {
	out := map[string][]prodProfile{}
	for _, cfg := range cfgs {
		for _, name := range cfg.Config.EnvOrder {
			env := cfg.Config.Environments[name]
			if env.Kind != config.KindProduction {
				continue
			}
			if reg, ok := profileRegistration(env); ok {
				out[reg] = append(out[reg], prodProfile{cfg, env})
			}
		}
	}
	return out
}

// profileRegistration is a profile's registration key. References
// (${NAME}) take no part: their values come from the environment, which
// the profile rules resolve and mask elsewhere.
func profileRegistration(env *config.Environment) (string, bool) {
	u, id := env.ServiceBus["url"], env.ServiceBus["application-id"]
	if !u.Set || !id.Set || u.IsRef || id.IsRef || u.Value == "" || id.Value == "" {
		return "", false
	}
	reg, ok := registrationURL(u.Value)
	return reg + "\x00" + id.Value, ok
}
