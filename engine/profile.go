package engine

import (
	"os"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/report"
)

// withProfile loads the project's .omslint.yaml (at its root, else the
// nearest above the current folder) and passes it to the profile rules as
// linter.ExtraProfile; with Options.Env it selects that environment and
// makes its kind the run's EnvKind (OMS113 is an error for production).
// The config file joins the result's sources, with its literal secrets
// masked.
//
// TODO(ci7-merge): the ci7 branch loads the config in the engine too
// (engine/config.go, --config); once merged, take the loaded *config.Config
// from there instead of loading it again here.
func withProfile(opts Options, p *magento.Project, res *report.Result) (linter.Options, error) {
	lo := opts.Lint
	cwd, _ := os.Getwd()
	root := p.Root
	cfg, err := config.LoadFor(root, cwd, opts.ConfigFile)
	if err != nil {
		if _, isList := err.(config.ErrorList); isList {
			return lo, err // every mistake, as file:line:col (exit 2)
		}
		return lo, &magento.InputError{Path: configName(opts.ConfigFile), Err: err}
	}
	if cfg == nil && opts.Env == "" {
		return lo, nil
	}
	prof := &linter.Profile{Config: cfg, Getenv: os.LookupEnv}
	if opts.Env != "" {
		env, err := cfg.Select(opts.Env)
		if err != nil {
			return lo, &UsageError{Msg: err.Error()}
		}
		prof.Env = env
		lo.EnvKind = env.Kind
	}
	if data, err := os.ReadFile(configPath(root, cwd, opts.ConfigFile)); err == nil {
		prof.Lines = phpconf.NewLineIndex(data)
		if _, seen := res.Sources[cfg.Path]; !seen {
			res.Files++
			res.Sources[cfg.Path] = &report.Source{Data: data, Lines: prof.Lines}
			maskProfileSecrets(res, prof)
		}
	}
	extra := map[string]any{}
	for k, v := range lo.Extra {
		extra[k] = v
	}
	extra[linter.ExtraProfile] = prof
	lo.Extra = extra
	return lo, nil
}

// UsageError is a wrong flag value (exit code 2).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func configName(explicit string) string {
	if explicit != "" {
		return explicit
	}
	return config.FileName
}

func configPath(root, cwd, explicit string) string {
	if explicit != "" {
		return explicit
	}
	p, _ := config.Find(root, cwd)
	return p
}

// maskProfileSecrets registers the literal secret values of every profile
// with the redactor, by position and by value.
func maskProfileSecrets(res *report.Result, prof *linter.Profile) {
	for _, env := range prof.Config.Environments {
		for _, k := range config.ServiceBusKeys {
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
