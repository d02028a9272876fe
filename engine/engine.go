// Package engine runs one lint invocation: it turns the user's inputs into
// projects, runs the linter on each, and gathers one report.Result. The
// cobra command only maps flags to Options and the outcome to an exit code.
package engine

import (
	"errors"
	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/failure"
	"io"
	"os"

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
	// As is the role of every file named and of standard input (lint
	// --as); "" takes each file's role from its name.
	As      magento.Role
	MaxSize int64
	// FailOn is the lowest severity that fails the run; 0 means never.
	// The config file's fail-on replaces it unless FailOnSet (the flag was
	// given explicitly).
	FailOn    linter.Severity
	FailOnSet bool
	// Lint adjusts rules; its entries win over the config file's
	// (--enable/--disable: Off[id] false runs a rule the config turns off).
	Lint linter.Options
	// MinSeverity hides findings below it (--min-severity): they are not
	// reported, fixed, baselined or counted for the exit code, only
	// counted in Result.BelowMinSeverity. 0 shows everything.
	MinSeverity linter.Severity
	ShowSecrets bool
	// Env selects an environment profile of .omslint.yaml (lint --env).
	// See profile.go.
	Env string
	// Fix applies every available fix in place (stdin: the fixed text goes
	// to Outcome.FixedStdin); Diff renders the fixes and changes nothing.
	Fix  bool
	Diff bool
	// Force lets --fix write a read-only file, and write in place a file
	// that replacing would change (owner, group, hard links, extended
	// attributes): see atomicfile.Options.
	Force bool
	// FollowSymlinks lets --fix write through an env.php or app/etc
	// symlink whose real path leaves the Magento root (a report.Wrote
	// note then says where it wrote).
	FollowSymlinks bool
	// ConfigPath names the config file (--config); "" finds .omslint.yaml
	// at each Magento root, else upward from the current folder.
	ConfigPath string
	// Baseline hides the findings recorded in that file (--baseline);
	// WriteBaseline records the current findings there first
	// (--write-baseline) and then hides them.
	Baseline      string
	WriteBaseline string
	// Recursive lints every Magento root found under Paths (lint
	// --recursive): see recursive.go.
	Recursive bool
	// ResolveEnv evaluates references to the environment (getenv(),
	// $_ENV, #env(), MAGENTO_DC__OVERRIDE) against the process
	// environment (lint --resolve-env); EnvFiles are env files whose
	// variables win over the process's (lint --env-file). See
	// environment.go.
	ResolveEnv bool
	EnvFiles   []string
	// environment is what ResolveEnv and EnvFiles give, read once by Run.
	environment *effective.Env
	// Progress, when set, is called after each project with how many are
	// done out of how many were found so far (lint --recursive on a
	// terminal: the search for roots goes on while the first are linted,
	// so total grows until the search ends). Calls are serialised.
	Progress func(done, total int)
	// ForgetCleanFiles drops from Result.Sources the files no finding
	// points into (they are still counted in Result.Files): the report
	// does not list them (every format but those report.ListsEveryFile
	// names), and a fleet of 10,000 roots need not keep 50,000 names.
	ForgetCleanFiles bool
	// Stream, when set, receives each project's findings (with their
	// sources and the run's redactor) in input order as soon as its turn
	// comes, so a long --recursive run shows output from its first roots
	// on (the text format). The findings stay in the outcome for the
	// summary and the exit code; cross-root findings come only in the
	// outcome. The CLI sets it for text on standard output without
	// --fix, --diff or a baseline (which filters findings at the end).
	Stream func(part *report.Result) error
}

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
	// InputErrors are the roots (or folders) that could not be read or
	// whose config file is wrong, with Options.Recursive only: the others
	// were linted; the CLI names each and exits 2.
	InputErrors []error
}

// Run lints every input. An input that does not exist or cannot be read is
// returned as a *failure.InputError (exit code 2), a wrong config file as a
// config.ErrorList (exit code 2, file:line:col per mistake).
//
// Per project: load its config, run the rules with the config's severities,
// drop what inline comments and config ignores suppress (reporting unused
// comments as OMS006), then hide what the baseline records.
func Run(opts Options) (*Outcome, error) {
	res := &report.Result{ToolName: "omslint", Sources: map[string]*report.Source{}, Redactor: redact.New()}
	// Every project's secrets are merged into the run's redactor, which
	// keeps digests of them, not the secrets (a fleet learns 20,000).
	res.Redactor.KeepDigestsOnly()
	res.Redactor.Off = opts.ShowSecrets
	out := &Outcome{Result: res}
	in, err := inputPaths(opts)
	if err != nil {
		return nil, err
	}
	if opts.environment, err = loadEnvironment(opts); err != nil {
		return nil, err
	}
	configs := newConfigCache(opts.ConfigPath)
	failOn := map[*linter.Finding]linter.Severity{}
	if opts.Recursive {
		res.Roots, res.RootsWithoutConnector = new(int), new(int)
	}
	var (
		fleet   []fleetEntry
		runErr  error
		seenEnv = newEnvSeen(opts.environment)
	)
	runAll(opts, in, configs, func(path string, pr *projectRun) bool {
		if pr.err != nil {
			if opts.Recursive && isInputError(pr.err) {
				// One root that cannot be read (or whose config is wrong)
				// does not stop the others; the CLI reports it and exits 2.
				out.InputErrors = append(out.InputErrors, rootError(path, pr.err))
				return true
			}
			runErr = pr.err
			return false
		}
		if opts.Stream != nil {
			// Findings on the environment are one problem for the
			// whole run: only the first root that has them shows them
			// (what dedupeEnvFindings does at the end otherwise).
			pr.findings = seenEnv.filter(pr.findings)
		}
		mergeRun(out, pr, failOn)
		if pr.fleet != nil {
			fleet = append(fleet, fleetEntry{pr.fleet, pr.failOnSev})
		}
		if opts.Stream != nil && len(pr.findings) > 0 {
			fs := append([]*linter.Finding(nil), pr.findings...)
			linter.Sort(fs)
			part := &report.Result{Findings: fs, Sources: pr.res.Sources, Redactor: res.Redactor}
			if err := opts.Stream(part); err != nil {
				runErr = err
				return false
			}
			// Shown: keep of these files only what later findings
			// (cross-root) may point at.
			pruneSources(res, pr.res.Sources, nil, pr.fleet, opts.ForgetCleanFiles, pr.configFile)
		}
		return true
	})
	if runErr != nil {
		return nil, runErr
	}
	// The folders that could not be searched come first, as when the
	// search finished before the first root was linted.
	out.InputErrors = append(*in.errs, out.InputErrors...)
	if err := runFleet(out, fleet, opts, failOn); err != nil {
		return nil, err
	}
	linter.Sort(res.Findings)
	res.Findings = dedupeEnvFindings(res.Findings, opts.environment)
	res.Written = out.FixedFiles
	if out.DiffNeedsShowSecrets {
		res.Notes = append(res.Notes, report.Note{Kind: report.MaskedHunks,
			Text: "some hunks hold a secret and were masked; they apply only when made with --diff --show-secrets"})
	}
	res.Errors = runErrors(out.InputErrors)
	if err := applyBaseline(res, opts); err != nil {
		return nil, err
	}
	for _, f := range res.Findings {
		if fo := failOn[f]; !f.Fixed && fo != 0 && f.Severity >= fo {
			out.Failed = true
		}
	}
	// Reported: at most linter.MaxPerRuleFile of one rule in one file
	// (the exit code above, --fix and a written baseline saw them all).
	res.Findings = linter.Cap(res.Findings, linter.MaxPerRuleFile)
	return out, nil
}

// lintProject is one project's share of a run. It touches nothing shared
// but the config cache (which locks): the result, redactor and outcome
// parts are its own, merged in input order by Run.
func lintProject(path string, opts Options, configs *configCache) *projectRun {
	pr := &projectRun{
		res:    &report.Result{Sources: map[string]*report.Source{}, Redactor: redact.New()},
		failOn: map[*linter.Finding]linter.Severity{},
	}
	pr.res.Redactor.Off = opts.ShowSecrets
	var fixLocked *fixLocks
	if opts.Fix && path != "-" {
		// The files --fix may write are locked before they are read: a
		// second omslint --fix waits here, then reads what this one wrote.
		locks, err := lockForFix(path)
		if err != nil {
			pr.err = err
			return pr
		}
		defer locks.release()
		fixLocked = locks
	}
	p, err := loadPath(path, opts)
	if err != nil {
		pr.err = err
		return pr
	}
	res, out := pr.res, &pr.out
	out.Result = res
	pr.root = !p.Single()
	pr.noConnector = pr.root && p.Connector() == magento.ConnectorNotUsed
	cfg, err := configs.forProject(p)
	if err != nil {
		pr.err = err
		return pr
	}
	lo, err := withProfile(opts, lintOptions(opts.Lint, cfg), cfg, res)
	if err != nil {
		pr.err = err
		return pr
	}
	lo.Environment = opts.environment
	maskEnvironment(res.Redactor, p, opts.environment)
	if _, ok := res.Sources[cfg.Path]; ok && cfg.Path != "" {
		pr.configFile = cfg.Path
	}
	fs, err := linter.Run(p, lo)
	if err != nil {
		pr.err = err
		return pr
	}
	fs = onlyFile(p, fs)
	fr, probes := fleetProbes(p, lo)
	fs = append(fs, probes...)
	// Secrets of the original files are registered before any fix, so
	// a value a fix moves is still masked.
	res.Files += addSources(res, p, cfg.Secrets)
	suppressed := res.Suppressed
	fs = takeProbes(res, onlyFile(p, applySuppressions(res, p, cfg, fs, lo)), fr, probes)
	pr.fleet = fr
	below := res.BelowMinSeverity
	fs = aboveMinSeverity(res, fs, opts.MinSeverity)
	if opts.Fix || opts.Diff {
		// Only what is reported is fixed: a suppressed finding stays
		// as the user chose to leave it, and a single file's context is
		// never touched.
		keep := func(fs []*linter.Finding) []*linter.Finding {
			scratch := &report.Result{}
			return aboveMinSeverity(scratch, onlyFile(p, applySuppressions(scratch, p, cfg, onlyFile(p, fs), lo)), opts.MinSeverity)
		}
		after, fixed, err := fixProject(p, fs, lo, cfg.Secrets, opts, out, keep, fixLocked)
		if err != nil {
			pr.err = err
			return pr
		}
		if fixed != nil && opts.Fix {
			addSources(res, p, cfg.Secrets) // snippets show the fixed files
			res.Suppressed, res.BelowMinSeverity = suppressed, below
			fs = append(aboveMinSeverity(res, onlyFile(p, applySuppressions(res, p, cfg, onlyFile(p, after), lo)), opts.MinSeverity), fixed...)
		}
	}
	pf, err := projectFailOn(opts, cfg)
	if err != nil {
		pr.err = err
		return pr
	}
	for _, f := range fs {
		pr.failOn[f] = pf
	}
	pr.failOnSev = pf
	pr.findings = fs
	pruneSources(res, res.Sources, fs, pr.fleet, opts.ForgetCleanFiles, pr.configFile)
	res.Notes = append(res.Notes, singleFileNotes(p, lo)...)
	res.Notes = append(res.Notes, rootNotes(p, lo)...)
	return pr
}

// inputs is what a run lints: the paths, when known before linting, or
// (lint -r) a search that hands over the roots, in sorted order, while it
// goes on; the folders it could not search are in *errs once it returned.
type inputs struct {
	paths  []string
	search func(emit func(string) bool)
	errs   *[]error
}

// inputPaths is what to lint, in order: the paths given (with
// Options.Recursive, every Magento root found under them, sorted), or the
// Magento root containing the current folder.
func inputPaths(opts Options) (inputs, error) {
	in := inputs{errs: new([]error)}
	paths := opts.Paths
	if len(paths) == 0 {
		if opts.Recursive {
			paths = []string{"."}
		} else {
			root, err := magento.ResolveRoot("")
			if err != nil {
				return in, err
			}
			paths = []string{root}
		}
	}
	if !opts.Recursive {
		in.paths = uniquePaths(paths)
		return in, nil
	}
	in.search = func(emit func(string) bool) { *in.errs = findRoots(paths, emit) }
	return in, nil
}

func loadPath(p string, opts Options) (*magento.Project, error) {
	lo := magento.LoadOptions{MaxSize: opts.MaxSize}
	switch {
	case p == "-":
		if opts.Stdin == nil {
			return nil, &failure.InputError{Path: "-", Err: errors.New("no standard input")}
		}
		return magento.LoadStdin(opts.Stdin, opts.StdinFilename, opts.As, lo)
	case isDir(p):
		if !magento.IsRoot(p) {
			return nil, magento.NotRootError(p)
		}
		return magento.LoadRoot(p, lo)
	default:
		return magento.LoadFile(p, opts.As, lo)
	}
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// onlyFile drops the findings on the context of a single file linted
// (Project.Only): the other files of the root around it are not input.
// Findings on the file and on the config file stay; a root's all stay.
func onlyFile(p *magento.Project, fs []*linter.Finding) []*linter.Finding {
	if !p.Single() {
		return fs
	}
	context := map[string]bool{}
	for _, s := range []*magento.PHPSource{p.Env, p.Config} {
		if s != nil {
			context[s.Path] = true
		}
	}
	for _, s := range []*magento.Source{p.ComposerJSON, p.ComposerLock, p.AuthJSON} {
		if s != nil {
			context[s.Path] = true
		}
	}
	delete(context, p.Only)
	out := fs[:0:0]
	for _, f := range fs {
		if !context[f.File] {
			out = append(out, f)
		}
	}
	return out
}

// addSources registers the project's files for snippets and its secrets
// (built-in, and extra key paths from the config file) with the redactor,
// and returns how many files the project has. Of a single file linted,
// only that file is a source and counted; the secrets of its context are
// registered too (masking more is safe).
func addSources(res *report.Result, p *magento.Project, secretKeys []string) (files int) {
	input := func(path string) bool { return !p.Single() || path == p.Only }
	for _, s := range []*magento.PHPSource{p.Env, p.Config} {
		if s == nil {
			continue
		}
		res.Redactor.AddTree(s.Path, s.Tree, secretKeys)
		if input(s.Path) {
			files++
			res.Sources[s.Path] = &report.Source{Data: s.Data, Lines: s.Tree.Lines, Foreign: !magento.LooksLikePHP(s.Data)}
		}
	}
	invalid := map[*magento.Source]bool{}
	for _, f := range p.InvalidComposerFiles() {
		invalid[f.Source] = true
	}
	for _, s := range []*magento.Source{p.ComposerJSON, p.ComposerLock, p.AuthJSON} {
		if s == nil || !input(s.Path) {
			continue
		}
		files++
		// A Composer file that is not valid JSON shows no line: its
		// credentials were not parsed, so the redactor cannot mask them.
		res.Sources[s.Path] = &report.Source{Data: s.Data, Lines: phpconfLines(s.Data),
			Foreign: !magento.LooksLikeJSON(s.Data) || invalid[s]}
	}
	addJSONSecrets(res.Redactor, p)
	return files
}

// aboveMinSeverity drops the findings below min (--min-severity), counting
// them in res.BelowMinSeverity.
func aboveMinSeverity(res *report.Result, fs []*linter.Finding, min linter.Severity) []*linter.Finding {
	if min <= linter.Info {
		return fs
	}
	kept := fs[:0:0]
	for _, f := range fs {
		if f.Severity < min {
			res.BelowMinSeverity++
			continue
		}
		kept = append(kept, f)
	}
	return kept
}

// pruneSources keeps of the project's sources only what the report can
// still need: the lines findings point at (the text format's snippets
// show the line a finding starts on; no other format reads a source's
// text), the lines of the values the cross-root rules may report later
// (fleet), and of the rest only the name (checkstyle and JUnit list every
// file). A fleet of 10,000 roots otherwise holds every byte of every file
// with a finding to the end of the run (82 % of what -r held). Secrets
// stay registered with the redactor, by value and by span (a kept line
// keeps its offset in the file, which is what the spans are in).
//
// Only the files of own are looked at (the project's), and their pruned
// form is stored in res. fs nil means the findings were already shown.
// With forget, a file of which nothing is kept is dropped (not the shared
// config file: the run counts it once by its entry).
func pruneSources(res *report.Result, own map[string]*report.Source, fs []*linter.Finding, fleet *linter.FleetRoot, forget bool, configFile string) {
	lines := map[string][]int{}
	whole := map[string]bool{}
	if fleet != nil && fleet.Config != nil && fleet.Config.Config != nil {
		whole[fleet.Config.Config.Path] = true // OMS603 reports into it later; it is small
	}
	for _, f := range fs {
		if !f.Span.IsZero() {
			lines[f.File] = append(lines[f.File], f.Span.Start.Line)
		}
	}
	if fleet != nil {
		for _, v := range fleet.Values {
			if !v.Span.IsZero() && !v.ContextOnly {
				lines[v.File] = append(lines[v.File], v.Span.Start.Line)
			}
		}
	}
	for file := range own {
		src := res.Sources[file]
		switch {
		case src == nil || whole[file]:
		case forget && len(lines[file]) == 0 && file != configFile:
			delete(res.Sources, file)
		default:
			res.Sources[file] = src.Keep(file, lines[file], res.Redactor)
		}
	}
}
