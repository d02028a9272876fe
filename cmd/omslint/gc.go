package main

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/omslint/omslint/magento"
)

// Garbage collection for large inputs. Nearly everything a lint allocates
// is the parsed tree, which stays alive to the end of the run, so a
// collection while a large file is read frees almost nothing and costs a
// scan of everything read so far. For inputs of largeInput bytes or more
// the collector is switched off and a memory limit takes its place: it runs
// only if the process would otherwise pass memLimitFactor times the input
// size (at least minMemLimit). GOGC and GOMEMLIMIT, when set, win.
const (
	largeInput     = 1 << 20
	memLimitFactor = 32
	minMemLimit    = 256 << 20
)

// tuneGC applies the policy for the inputs of a lint run and returns what
// restores the previous settings (main_test runs many commands in one
// process).
func tuneGC(paths []string) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	largest := largestInput(paths)
	if largest < largeInput {
		return func() {}
	}
	oldPercent := debug.SetGCPercent(-1)
	oldLimit := debug.SetMemoryLimit(max(minMemLimit, memLimitFactor*largest))
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}

// largestInput is the size of the largest file a lint of paths reads: the
// PHP files and the Composer files (standard input counts when redirected
// from a file; folders that are not Magento roots count as 0). No path is
// the current folder. composer.lock counts although a lint no longer builds
// its tree (it is skimmed for its packages, jsonpos.Pick): its bytes live
// to the end like the others, a rule may still ask for its tree, and with
// almost nothing else allocated the collector has nothing to free anyway.
func largestInput(paths []string) int64 {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var largest int64
	size := func(p string) {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Size() > largest {
			largest = st.Size()
		}
	}
	for _, p := range paths {
		if p == "-" {
			// Standard input redirected from a file has a size; a pipe
			// does not, and keeps the default collector.
			if st, err := os.Stdin.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > largest {
				largest = st.Size()
			}
			continue
		}
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			for _, rel := range []string{magento.EnvPHPPath, magento.ConfigPHPPath,
				magento.ComposerLockPath, magento.ComposerJSONPath, magento.AuthJSONPath} {
				size(filepath.Join(p, rel))
			}
			continue
		}
		size(p)
	}
	return largest
}

// fleetMemLimit is the soft memory limit of lint --recursive. A fleet run
// holds little per root once it is reported (fleet facts, kept lines,
// findings) and allocates a lot per root that dies at once (each root's
// trees), so with the default policy the heap grows to twice what is live
// before a collection: 110 MB of peak RSS for 10,000 roots where some
// 30 MB were live. Under the limit the collector runs when the heap
// nears 48 MiB instead; a run that really holds more (many findings,
// large files) goes past it with more frequent collections (the runtime
// caps their CPU), never fails.
const fleetMemLimit = 48 << 20

// tuneFleetGC applies fleetMemLimit to a lint --recursive run unless
// GOGC/GOMEMLIMIT are set or a limit is already in place (the large-input
// policy's, higher); it returns what restores the previous limit.
func tuneFleetGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return func() {}
	}
	old := debug.SetMemoryLimit(fleetMemLimit)
	return func() { debug.SetMemoryLimit(old) }
}
