package engine

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/report"
)

// projectRun is what lintProject produces for one input: its own result
// (sources, redactor, counts), findings with their fail-on, and its part
// of the outcome (diff, fixed files).
type projectRun struct {
	res      *report.Result
	findings []*linter.Finding
	failOn   map[*linter.Finding]linter.Severity
	out      Outcome
	// configFile is the config file this project added to res.Sources
	// (counted once per run however many projects share it).
	configFile string
	// fleet is the project's contribution to the cross-root rules
	// (fleet.go), failOnSev its fail-on severity.
	fleet     *linter.FleetRoot
	failOnSev linter.Severity
	// root is true for a Magento root linted whole; noConnector when its
	// files show the shop does not use the connector (magento.Connector).
	root, noConnector bool

	err error
}

// runAll lints every input (the paths, or what the search hands over), at most GOMAXPROCS at a
// time, and hands each run to each in the order of the paths as soon as
// its turn comes, so the output never depends on scheduling and a finished
// run can be merged and released at once: a fleet of 10,000 roots no
// longer holds 10,000 runs (their redactors, findings and kept sources)
// until the last is done. The search runs on its own goroutine,
// concurrently with the linting (lint -r: it goes on while the first
// roots are linted and reported); its emit returns false once the run
// stops. Workers stay at most a window of runs ahead of the one merged
// last. each returning false stops the run (no new project is started).
//
// --fix on explicit paths runs one at a time: the same file may be named
// twice, and two fixes of one file must not race.
func runAll(opts Options, in inputs, configs *configCache, each func(path string, pr *projectRun) bool) {
	if in.search == nil && len(in.paths) == 1 {
		// One project (every lint without -r): run it on this goroutine.
		// A worker would start with a fresh stack and grow it again while
		// the parser recurses, and on a small root those page faults are
		// a measurable part of the whole process (issue 19).
		pr := lintProjectSafe(in.paths[0], opts, configs)
		if opts.Progress != nil {
			opts.Progress(1, 1)
		}
		each(in.paths[0], pr)
		return
	}
	produce := in.search
	if produce == nil {
		produce = func(emit func(string) bool) {
			for _, p := range in.paths {
				if !emit(p) {
					return
				}
			}
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if opts.Fix && !opts.Recursive {
		workers = 1
	}
	workers = max(1, workers)
	if in.search == nil {
		workers = min(workers, len(in.paths))
	}
	type job struct {
		path string
		done chan *projectRun
	}
	// order holds the runs started but not yet handed on, in input order;
	// its capacity is the window.
	order := make(chan job, 4*workers)
	jobs := make(chan job)
	stop := make(chan struct{})
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		finished int
		found    atomic.Int64
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.done <- lintProjectSafe(j.path, opts, configs)
				if opts.Progress != nil {
					mu.Lock()
					finished++
					opts.Progress(finished, int(found.Load()))
					mu.Unlock()
				}
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		produce(func(path string) bool {
			j := job{path, make(chan *projectRun, 1)}
			select {
			case order <- j:
			case <-stop:
				return false
			}
			found.Add(1)
			select {
			case jobs <- j:
				return true
			case <-stop:
				return false
			}
		})
	}()
	stopped := false
	for j := range order {
		if stopped {
			continue // drain: the producer may be blocked on order
		}
		pr := <-j.done
		if !each(j.path, pr) {
			close(stop)
			stopped = true
		}
	}
	wg.Wait()
}

// lintProjectSafe turns a panic in one project into an internal error of
// that project, so a worker goroutine never takes the process down without
// the CLI's message (main's recover only sees its own goroutine).
func lintProjectSafe(path string, opts Options, configs *configCache) (pr *projectRun) {
	defer func() {
		if v := recover(); v != nil {
			pr = &projectRun{err: &failure.InternalError{Msg: fmt.Sprintf("%s: %v", path, v), Stack: string(debug.Stack())}}
		}
	}()
	return lintProject(path, opts, configs)
}

// mergeRun adds one project's run to the outcome.
func mergeRun(out *Outcome, pr *projectRun, failOn map[*linter.Finding]linter.Severity) {
	res := out.Result
	if _, seen := res.Sources[pr.configFile]; seen && pr.configFile != "" {
		res.Files-- // the shared config file was already counted
	}
	res.Files += pr.res.Files
	res.Notes = append(res.Notes, pr.res.Notes...)
	if res.Roots != nil && pr.root {
		*res.Roots++
		if pr.noConnector {
			*res.RootsWithoutConnector++
		}
	}
	for k, v := range pr.res.Sources {
		res.Sources[k] = v
	}
	// Of the files reduced to some lines, the lines keep their own masks:
	// the run's redactor takes the secret spans of whole files only.
	res.Redactor.MergeFiles(pr.res.Redactor, func(file string) bool { return pr.res.Sources[file].Whole() })
	res.Suppressed += pr.res.Suppressed
	res.BelowMinSeverity += pr.res.BelowMinSeverity
	res.Findings = append(res.Findings, pr.findings...)
	for f, s := range pr.failOn {
		failOn[f] = s
	}
	out.Diff += pr.out.Diff
	out.DiffNeedsShowSecrets = out.DiffNeedsShowSecrets || pr.out.DiffNeedsShowSecrets
	out.FixedFiles = append(out.FixedFiles, pr.out.FixedFiles...)
	if pr.out.FixedStdin != nil {
		out.FixedStdin = pr.out.FixedStdin
	}
}

// findRoots expands each folder into the Magento roots under it (sorted,
// each root once even when two paths reach it) and hands them to emit as
// the search finds them (magento.WalkRoots); a path that is a file is kept
// as it is. Folders that cannot be searched are returned. It stops when
// emit returns false.
func findRoots(paths []string, emit func(string) bool) (errs []error) {
	seen := map[string]bool{}
	stopped := false
	add := func(p string) {
		if stopped {
			return
		}
		key := p
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			stopped = !emit(p)
		}
	}
	for _, p := range paths {
		if stopped {
			break
		}
		if p == "-" || !isDir(p) {
			add(p)
			continue
		}
		n := 0
		werrs, outLinks := magento.WalkRoots(p, func(r string) { n++; add(r) })
		errs = append(errs, werrs...)
		if n == 0 && len(werrs) == 0 {
			// A CI job pointed at the wrong folder must not pass silently.
			why := ""
			if outLinks > 0 {
				why = fmt.Sprintf(" (%d folder links lead out of it and were not followed: name their targets instead)", outLinks)
			}
			errs = append(errs, &failure.InputError{Path: p,
				Err: fmt.Errorf("no Magento root (%s) in it or below it%s", magento.RootNotFoundText, why)})
		}
	}
	return errs
}

// isInputError reports whether err belongs to one root (it cannot be
// read, its config file is wrong, a flag does not fit it): with
// --recursive such a root is reported and the others go on.
func isInputError(err error) bool {
	var (
		ie *failure.InputError
		el config.ErrorList
		ue *failure.UsageError
		we *WriteError
	)
	return errors.As(err, &ie) || errors.As(err, &el) || errors.As(err, &ue) || errors.As(err, &we)
}

// rootError names the root an error belongs to when the error itself does
// not (a config mistake names the config file, a usage error nothing).
func rootError(root string, err error) error {
	var (
		ie *failure.InputError
		el config.ErrorList
		we *WriteError
	)
	if errors.As(err, &ie) || errors.As(err, &el) || errors.As(err, &we) {
		return err // it names its file
	}
	return &failure.InputError{Path: root, Err: err}
}
