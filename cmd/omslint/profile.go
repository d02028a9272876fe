package main

import (
	"os"

	"github.com/omslint/omslint/config"
)

// loadProfile reads the config file that applies to root (--config when
// given, else .omslint.yaml at root or above the current folder; nil when
// there is none) and, when name is not "", selects its environment
// profile (--env). plan, doctor and generate share it.
func loadProfile(root, configFile, name string) (*config.Config, *config.Environment, error) {
	cwd, _ := os.Getwd()
	cfg, err := config.LoadFor(root, cwd, configFile)
	if err != nil || name == "" {
		return cfg, nil, err
	}
	env, err := cfg.Select(name)
	if err != nil {
		return nil, nil, err
	}
	return cfg, env, nil
}
