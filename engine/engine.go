// Package engine runs one lint invocation: it turns the user's inputs into
// projects, runs the linter on each, and gathers one report.Result. The
// cobra command only maps flags to Options and the outcome to an exit code.
package engine

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/redact"
	"github.com/omslint/omslint/report"

	_ "github.com/omslint/omslint/linter/rules" // register the rules
)

// Options are the inputs of a lint run.
type Options struct {
	// Paths are Magento roots, env.php files, or "-" for standard input.
	// Empty means the Magento root containing the current folder.
	Paths         []string
	Stdin         io.Reader
	StdinFilename string
	MaxSize       int64
	// FailOn is the lowest severity that fails the run; 0 means never.
	FailOn      linter.Severity
	Lint        linter.Options
	ShowSecrets bool
	// Env selects an environment profile of .omslint.yaml (lint --env);
	// ConfigFile names the config file (default: found). See profile.go.
	Env, ConfigFile string
	// Fix applies every available fix in place (stdin: the fixed text goes
	// to Outcome.FixedStdin); Diff renders the fixes and changes nothing.
	Fix  bool
	Diff bool
	// SecretKeys are extra env.php key paths to treat as secret.
	SecretKeys []string
}

func (o Options) secretKeys() []string { return o.SecretKeys }

// Outcome is the result of a run plus what decides the exit code.
type Outcome struct {
	Result *report.Result
	// Failed is true when a finding is at or above FailOn.
	Failed bool
	// Diff is the unified diff of the fixes (Options.Diff);
	// DiffNeedsShowSecrets is true when a hunk was masked.
	Diff                 string
	DiffNeedsShowSecrets bool
	// FixedFiles were rewritten by --fix; FixedStdin is the fixed text of
	// standard input.
	FixedFiles []string
	FixedStdin []byte
}

// Run lints every input. An input that does not exist or cannot be read is
// returned as a *magento.InputError (exit code 2).
func Run(opts Options) (*Outcome, error) {
	res := &report.Result{ToolName: "omslint", Sources: map[string]*report.Source{}, Redactor: redact.New()}
	res.Redactor.Off = opts.ShowSecrets
	projects, err := load(opts)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Result: res}
	for _, p := range projects {
		lo, err := withProfile(opts, p, res)
		if err != nil {
			return nil, err
		}
		fs, err := linter.Run(p, lo)
		if err != nil {
			return nil, err
		}
		// Secrets of the original files are registered before any fix, so
		// a value a fix moves is still masked.
		res.Files += addSources(res, p)
		if opts.Fix || opts.Diff {
			if fs, err = fixProject(p, fs, opts, out); err != nil {
				return nil, err
			}
			addSources(res, p) // snippets show the fixed files
		}
		res.Findings = append(res.Findings, fs...)
	}
	linter.Sort(res.Findings)
	for _, f := range res.Findings {
		if !f.Fixed && opts.FailOn != 0 && f.Severity >= opts.FailOn {
			out.Failed = true
		}
	}
	return out, nil
}

func load(opts Options) ([]*magento.Project, error) {
	lo := magento.LoadOptions{MaxSize: opts.MaxSize}
	paths := opts.Paths
	if len(paths) == 0 {
		cwd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		root, err := magento.FindRoot(cwd)
		if err != nil {
			return nil, &magento.InputError{Path: ".", Err: err}
		}
		rel, err := filepath.Rel(cwd, root)
		if err != nil {
			rel = root
		}
		paths = []string{rel}
	}
	var out []*magento.Project
	for _, p := range paths {
		var (
			pr  *magento.Project
			err error
		)
		switch {
		case p == "-":
			name := opts.StdinFilename
			if name == "" {
				name = "<stdin>"
			}
			if opts.Stdin == nil {
				return nil, &magento.InputError{Path: "-", Err: errors.New("no standard input")}
			}
			pr, err = magento.LoadStdin(opts.Stdin, name, lo)
		case isDir(p):
			if !magento.IsRoot(p) {
				return nil, &magento.InputError{Path: p, Err: fmt.Errorf("not a Magento root: no %s (give the env.php file, or use --recursive)", magento.EnvPHPPath)}
			}
			pr, err = magento.LoadRoot(p, lo)
		default:
			pr, err = magento.LoadFile(p, lo)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, pr)
	}
	return out, nil
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// addSources registers the project's files for snippets and its secrets
// with the redactor, and returns how many files the project has.
func addSources(res *report.Result, p *magento.Project) (files int) {
	for _, s := range []*magento.PHPSource{p.Env, p.Config} {
		if s == nil {
			continue
		}
		files++
		res.Sources[s.Path] = &report.Source{Data: s.Data, Lines: s.Tree.Lines}
		res.Redactor.AddTree(s.Path, s.Tree, nil)
	}
	for _, s := range []*magento.Source{p.ComposerJSON, p.ComposerLock, p.AuthJSON} {
		if s == nil {
			continue
		}
		files++
		res.Sources[s.Path] = &report.Source{Data: s.Data, Lines: phpconfLines(s.Data)}
	}
	addJSONSecrets(res.Redactor, p)
	return files
}
