package engine

import (
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/failure"
	"os"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/linter"

	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/report"
	"github.com/omslint/omslint/saferead"
)

// withProfile passes the project's config file (cfg, loaded once by the
// config cache; empty when there is none) to the profile rules as
// linter.Options.Profile; with Options.Env it selects that environment and
// makes its kind the run's EnvKind (OMS113 is an error for production).
// The config file joins the result's sources, with its literal secrets
// masked.
func withProfile(opts Options, lo linter.Options, cfg *config.Config, res *report.Result) (linter.Options, error) {
	if cfg.Path == "" {
		if opts.Env != "" {
			return lo, failure.Usagef("--env %s: no %s found (at the Magento root, above the current folder, or --config)", opts.Env, config.FileName)
		}
		return lo, nil
	}
	// Every value read from the environment is a secret in all output
	// (a checkout's .omslint.yaml may put ${ANY_CI_VARIABLE} in a field
	// that is printed): the redactor learns each as it is read.
	prof := &linter.Profile{Config: cfg, Getenv: res.Redactor.EnvLookup(os.LookupEnv)}
	if opts.Env != "" {
		env, err := cfg.Select(opts.Env)
		if err != nil {
			return lo, &failure.UsageError{Err: err}
		}
		prof.Env = env
		lo.EnvKind = env.Kind
	}
	if data, _, err := saferead.ReadFile(cfg.Path, config.MaxSize); err == nil {
		prof.Lines = phpconf.NewLineIndex(data)
		if _, seen := res.Sources[cfg.Path]; !seen {
			res.Files++
			res.Sources[cfg.Path] = &report.Source{Data: data, Lines: prof.Lines}
			maskProfileSecrets(res, prof)
		}
	}
	lo.Profile = prof
	return lo, nil
}

// maskProfileSecrets registers the literal secret values of every profile
// with the redactor, by position and by value.
func maskProfileSecrets(res *report.Result, prof *linter.Profile) {
	for _, env := range prof.Config.Environments {
		for _, k := range connector.Keys {
			f, ok := env.ServiceBus[k.YAML]
			if !k.Secret || !ok || !f.Set || f.IsRef || f.Value == "" {
				continue
			}
			sp := prof.FieldSpan(f.Line, f.Col, f.Value)
			res.Redactor.AddSpan(prof.Config.Path, sp.Start.Offset, sp.End.Offset)
			res.Redactor.AddValue(f.Value)
		}
	}
}
