package engine

import (
	"errors"
	"io/fs"
	"os"
	"sync"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

// configCache loads each config file once, however many projects share it.
// It is shared by the projects of a parallel run, so it locks.
type configCache struct {
	mu       sync.Mutex
	explicit string
	loaded   map[string]*config.Config
}

func newConfigCache(explicit string) *configCache {
	return &configCache{explicit: explicit, loaded: map[string]*config.Config{}}
}

// forProject returns the config that applies to p: --config when given,
// else .omslint.yaml at its Magento root, else the nearest one upward from
// the current folder; an empty config when there is none.
func (c *configCache) forProject(p *magento.Project) (*config.Config, error) {
	file := c.explicit
	if file == "" {
		cwd, _ := os.Getwd()
		found, ok := config.Find(p.Root, cwd)
		if !ok {
			return &config.Config{}, nil
		}
		file = config.UserPath(found, cwd)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if cfg, ok := c.loaded[file]; ok {
		return cfg, nil
	}
	cfg, err := config.LoadChecked(file, func(id string) bool { return linter.Lookup(id) != nil })
	if err != nil {
		var list config.ErrorList
		if errors.As(err, &list) {
			return nil, err
		}
		return nil, &failure.InputError{Path: file, Err: cleanPathErr(err)}
	}
	c.loaded[file] = cfg
	return cfg, nil
}

// lintOptions merges the config's rule settings under the caller's.
func lintOptions(base linter.Options, cfg *config.Config) linter.Options {
	lo := base
	lo.Severity = map[string]linter.Severity{}
	lo.Off = map[string]bool{}
	for id, s := range cfg.Rules {
		if s.Severity == config.SeverityOff {
			lo.Off[id] = true
			continue
		}
		if sev, err := linter.ParseSeverity(s.Severity); err == nil {
			lo.Severity[id] = sev
		}
	}
	for id, sev := range base.Severity {
		lo.Severity[id] = sev
		delete(lo.Off, id)
	}
	for id, off := range base.Off {
		lo.Off[id] = off
	}
	return lo
}

// projectFailOn is --fail-on when given explicitly, else the config's
// fail-on, else the default the caller passed.
func projectFailOn(opts Options, cfg *config.Config) (linter.Severity, error) {
	if opts.FailOnSet || cfg.FailOn == "" {
		return opts.FailOn, nil
	}
	if cfg.FailOn == config.FailOnNever {
		return 0, nil
	}
	return linter.ParseSeverity(cfg.FailOn)
}

func cleanPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
