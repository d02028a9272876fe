package engine

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/position"
	"github.com/omslint/omslint/redact"
)

// loadEnvironment is the environment references are resolved against:
// nil (unknown) without --resolve-env and --env-file; with --resolve-env
// the process environment; each --env-file's variables over it, in the
// order given. Without --resolve-env only the env files' variables are
// known (a container gets what its env file says, not what the shell
// running omslint holds), except a `NAME` line without '=', which takes
// the process's value as docker and compose do.
func loadEnvironment(opts Options) (*effective.Env, error) {
	if !opts.ResolveEnv && len(opts.EnvFiles) == 0 {
		return nil, nil
	}
	var env *effective.Env
	if opts.ResolveEnv {
		env = effective.NewEnv(os.Environ())
	} else {
		env = effective.NewEnv(nil)
	}
	for _, path := range opts.EnvFiles {
		data, err := magento.ReadFile(path, opts.MaxSize)
		if err != nil {
			return nil, err
		}
		if err := env.AddFile(path, data, os.LookupEnv); err != nil {
			var fe *effective.EnvFileError
			if errors.As(err, &fe) {
				return nil, &failure.InputError{Path: fmt.Sprintf("%s:%d:%d", fe.Path, fe.Line, fe.Col), Err: errors.New(fe.Msg)}
			}
			return nil, &failure.InputError{Path: path, Err: err}
		}
	}
	return env, nil
}

// maskEnvironment registers with the redactor every value the project's
// effective serviceBus took from the environment (cli.md "Secrets": values
// from environment variables are never shown), and every string of
// MAGENTO_DC__OVERRIDE.
func maskEnvironment(r *redact.Redactor, p *magento.Project, env *effective.Env) {
	if env == nil {
		return
	}
	for _, v := range effective.EnvValues(p, env) {
		r.AddEnvValue(v.Name, v.Value)
	}
}

// dedupeEnvFindings drops repeats of a finding on the environment (an env
// file, or "$NAME"): with --recursive every root reads the same variables,
// and a problem of MAGENTO_DC__OVERRIDE or of an env file line is one
// problem, reported once. fs is sorted, so repeats are neighbours.
func dedupeEnvFindings(fs []*linter.Finding, env *effective.Env) []*linter.Finding {
	if env == nil || len(fs) < 2 {
		return fs
	}
	envFile := map[string]bool{}
	for _, f := range env.Files {
		envFile[f.Path] = true
	}
	out := fs[:1]
	for _, f := range fs[1:] {
		prev := out[len(out)-1]
		if (envFile[f.File] || strings.HasPrefix(f.File, "$")) && f.File == prev.File && f.Rule == prev.Rule &&
			f.Span == prev.Span && f.Message == prev.Message {
			continue
		}
		out = append(out, f)
	}
	return out
}

// envFindingKey identifies a finding on the environment across roots.
type envFindingKey struct {
	file, rule, message string
	span                position.Span
}

// envSeen drops, from one project's findings, those on the environment
// that an earlier project of the run already reported: the streaming
// form of dedupeEnvFindings (a streamed root's findings are written before
// the run's end).
type envSeen struct {
	env  *effective.Env
	file map[string]bool
	seen map[envFindingKey]bool
}

func newEnvSeen(env *effective.Env) *envSeen {
	s := &envSeen{env: env, file: map[string]bool{}, seen: map[envFindingKey]bool{}}
	if env != nil {
		for _, f := range env.Files {
			s.file[f.Path] = true
		}
	}
	return s
}

func (s *envSeen) filter(fs []*linter.Finding) []*linter.Finding {
	if s.env == nil {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if s.file[f.File] || strings.HasPrefix(f.File, "$") {
			k := envFindingKey{f.File, f.Rule, f.Message, f.Span}
			if s.seen[k] {
				continue
			}
			s.seen[k] = true
		}
		out = append(out, f)
	}
	return out
}

// LoadEnvironment is loadEnvironment for other commands (doctor): the
// environment --resolve-env and --env-file give, meaning exactly what
// they mean for lint (opts.ResolveEnv, opts.EnvFiles, opts.MaxSize).
func LoadEnvironment(opts Options) (*effective.Env, error) { return loadEnvironment(opts) }

// MaskEnvironment registers with r every value p's configuration reads
// from env (see maskEnvironment).
func MaskEnvironment(r *redact.Redactor, p *magento.Project, env *effective.Env) {
	maskEnvironment(r, p, env)
}
