package main

import (
	"errors"
	"io/fs"
	"os"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/failure"
)

// loadProfile reads the config file that applies to root (--config when
// given, else .omslint.yaml at root or above the current folder; nil when
// there is none) and, when name is not "", selects its environment
// profile (--env). plan, doctor, generate and --env completion share it.
// A file that cannot be read is an input error naming it, as lint says it
// ("nope.yaml: no such file or directory"); a profile that is not there is
// a usage error (the --env flag).
func loadProfile(root, configFile, name string) (*config.Config, *config.Environment, error) {
	cwd, _ := os.Getwd()
	cfg, err := config.LoadFor(root, cwd, configFile)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, nil, &failure.InputError{Path: pe.Path, Err: pe.Err}
	}
	if err != nil || name == "" {
		return cfg, nil, err
	}
	env, err := cfg.Select(name)
	if err != nil {
		return nil, nil, &failure.UsageError{Err: err}
	}
	return cfg, env, nil
}
