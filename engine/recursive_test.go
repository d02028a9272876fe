package engine

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/report"
)

// fleetEnv is an env.php with a few findings, one of them on a secret line,
// and a per-site secret so each root has distinct values to mask.
func fleetEnv(site string) string {
	return fmt.Sprintf(`<?php
return [
    'serviceBus' => [
        'url' => 'https://%s.mib.example.com',
        'oauth_server_url' => 'https://%s.mib.example.com/',
        'application_id' => 'app-%s',
        'oauth_client_id' => 'client-%s',
        'oauth_client_secret' => 'short-%s',
        'secret' => 'Fleet-Secret-%s-0123456789abcdef0123456789',
        'secure_endpoint' => true
    ],
];
`, site, site, site, site, site, site)
}

func makeRoot(t *testing.T, dir, site string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "app/etc"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "app/etc/env.php")
	write(t, p, fleetEnv(site))
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
}

// fleet lays out n roots under a temp folder, plus roots in skipped folders
// and symbolic links that loop or duplicate a root, and changes into it.
func fleet(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		makeRoot(t, filepath.Join(dir, "sites", fmt.Sprintf("s%03d", i)), fmt.Sprintf("s%03d", i))
	}
	makeRoot(t, filepath.Join(dir, "nested/deeper/shop"), "deep")
	for _, skip := range []string{"vendor/acme/m", "node_modules/x", ".git/y", "sites/s000/generated/z", "sites/s000/pub/p", "sites/s000/var/v"} {
		makeRoot(t, filepath.Join(dir, skip), "skipped")
	}
	// A loop back to an ancestor, and a second way to an existing root.
	if err := os.Symlink("..", filepath.Join(dir, "sites", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("sites/s001", filepath.Join(dir, "alias")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("missing", filepath.Join(dir, "broken")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}

func render(t *testing.T, res *report.Result) string {
	t.Helper()
	var b bytes.Buffer
	for _, f := range []string{"text", "json"} {
		if err := report.Write(&b, f, res, report.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

func TestRecursiveFindsRootsOnceInOrder(t *testing.T) {
	fleet(t, 5)
	var calls, last atomic.Int32
	out, err := Run(Options{Paths: []string{"."}, Recursive: true, FailOn: linter.Error,
		Progress: func(done, total int) {
			// The search goes on while roots are linted: total is what
			// was found so far, all 6 once the last root is done.
			calls.Add(1)
			if total > 6 || done < 1 || done > total || done == 6 && total != 6 {
				t.Errorf("progress %d/%d", done, total)
			}
			last.Store(int32(done))
		}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.InputErrors) != 0 {
		t.Fatalf("input errors: %v", out.InputErrors)
	}
	if calls.Load() != 6 || last.Load() != 6 {
		t.Errorf("progress called %d times, last with %d done, want 6 and 6", calls.Load(), last.Load())
	}
	var roots []string
	seen := map[string]bool{}
	for _, f := range out.Result.Findings {
		r := strings.TrimSuffix(f.File, "/"+magento.EnvPHPPath)
		if !seen[r] {
			seen[r] = true
			roots = append(roots, r)
		}
	}
	want := []string{"nested/deeper/shop", "sites/s000", "sites/s001", "sites/s002", "sites/s003", "sites/s004"}
	if fmt.Sprint(roots) != fmt.Sprint(want) {
		t.Errorf("roots %v, want %v", roots, want)
	}
	if out.Result.Files != 6 {
		t.Errorf("files = %d, want 6", out.Result.Files)
	}
}

// The output is the same whatever the parallelism, and the same as
// linting the roots one by one without --recursive.
func TestRecursiveDeterministic(t *testing.T) {
	fleet(t, 40)
	var first string
	var roots0, noConn0 *int
	for _, procs := range []int{1, 4, 1, 8} {
		old := runtime.GOMAXPROCS(procs)
		out, err := Run(Options{Recursive: true, FailOn: linter.Error})
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		// 40 sites and nested/deeper/shop, every one with serviceBus.
		if r, nc := out.Result.Roots, out.Result.RootsWithoutConnector; r == nil || nc == nil || *r != 41 || *nc != 0 {
			t.Fatalf("summary roots = %v, without connector %v, want 41 and 0", r, nc)
		}
		roots0, noConn0 = out.Result.Roots, out.Result.RootsWithoutConnector
		got := render(t, out.Result)
		if first == "" {
			first = got
			continue
		}
		if got != first {
			t.Fatalf("GOMAXPROCS=%d changed the output", procs)
		}
	}
	roots, errs := walkedRoots(".")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	seq, err := Run(Options{Paths: roots, FailOn: linter.Error})
	if err != nil {
		t.Fatal(err)
	}
	// Only --recursive counts roots in the summary.
	if seq.Result.Roots != nil {
		t.Errorf("roots counted without --recursive")
	}
	seq.Result.Roots, seq.Result.RootsWithoutConnector = roots0, noConn0
	if got := render(t, seq.Result); got != first {
		t.Errorf("--recursive differs from naming the roots")
	}
	for i := 0; i < 40; i++ {
		s := fmt.Sprintf("Fleet-Secret-s%03d", i)
		if strings.Contains(first, s) {
			t.Errorf("secret %s shown", s)
		}
	}
}

// One root that cannot be read is reported, the others are linted.
func TestRecursiveBadRootDoesNotStopOthers(t *testing.T) {
	dir := fleet(t, 3)
	// A folder where config.php should be, a FIFO for composer.json, a
	// wrong config file and an env.php over the size limit.
	if err := os.Mkdir(filepath.Join(dir, "sites/s000/app/etc/config.php"), 0o755); err != nil {
		t.Fatal(err)
	}
	makeRoot(t, filepath.Join(dir, "sites/fifo"), "fifo")
	mkfifo(t, filepath.Join(dir, "sites/fifo/composer.json"))
	makeRoot(t, filepath.Join(dir, "sites/badcfg"), "badcfg")
	write(t, filepath.Join(dir, "sites/badcfg/.omslint.yaml"), "fail-on: [\n")
	makeRoot(t, filepath.Join(dir, "sites/huge"), "huge")
	write(t, filepath.Join(dir, "sites/huge/app/etc/env.php"), "<?php return [];"+strings.Repeat(" ", 2000))
	out, err := Run(Options{Recursive: true, FailOn: linter.Error, MaxSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, e := range out.InputErrors {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"sites/s000/app/etc/config.php: is a folder", "sites/fifo/composer.json: not a regular file", "sites/badcfg/.omslint.yaml:1", "sites/huge/app/etc/env.php", "--max-size"} {
		if !strings.Contains(all, want) {
			t.Errorf("input errors lack %q:\n%s", want, all)
		}
	}
	var el config.ErrorList
	if !errors.As(out.InputErrors[0], &el) && len(out.InputErrors) != 4 {
		t.Errorf("%d input errors, want 4", len(out.InputErrors))
	}
	got := map[string]bool{}
	for _, f := range out.Result.Findings {
		got[strings.SplitN(f.File, "/app/", 2)[0]] = true
	}
	for _, want := range []string{"sites/s001", "sites/s002", "nested/deeper/shop"} {
		if !got[want] {
			t.Errorf("root %s not linted", want)
		}
	}
}

// Without --recursive the first unreadable input still stops the run.
func TestExplicitBadPathStops(t *testing.T) {
	fleet(t, 2)
	_, err := Run(Options{Paths: []string{"sites/s000", "nope", "sites/s001"}})
	var ie *failure.InputError
	if !errors.As(err, &ie) || ie.Path != "nope" {
		t.Fatalf("err = %v, want an input error for nope", err)
	}
}

// lint -r searches for roots while it lints them: the streamed report
// comes in the sorted order of the roots whatever the parallelism, and is
// the report of naming the sorted roots, even where a walk by name and
// the sorted order differ ("a-b" sorts before "a" and "a/b", as their
// files do: magento.RootOrder).
func TestRecursiveStreamOrderWithConcurrentSearch(t *testing.T) {
	dir := t.TempDir()
	names := []string{"a", "a-b", "a.b", "a0", "a/b", "a/b-c", "a/b/c", "b-c", "b/c", "b/c-d", "c"}
	for i := 0; i < 30; i++ {
		names = append(names, fmt.Sprintf("m/s%02d", i), fmt.Sprintf("m/s%02d-x", i))
	}
	for i, n := range names {
		makeRoot(t, filepath.Join(dir, n), fmt.Sprintf("site%d", i))
	}
	t.Chdir(dir)
	roots, errs := walkedRoots(".")
	if len(errs) > 0 || len(roots) != len(names) {
		t.Fatalf("roots: %v, %d roots", errs, len(roots))
	}
	if !slices.IsSortedFunc(roots, magento.RootOrder) {
		t.Fatalf("roots not sorted: %v", roots)
	}
	// Today's order: the search first, then the roots it found, in turn.
	var want bytes.Buffer
	wantStream := report.NewTextStream(&want, report.Options{})
	if _, err := Run(Options{Paths: roots, FailOn: linter.Error, Stream: wantStream.Part}); err != nil {
		t.Fatal(err)
	}
	wantFindings := want.String()
	for _, procs := range []int{1, 2, 8} {
		old := runtime.GOMAXPROCS(procs)
		var got bytes.Buffer
		var order []string
		stream := report.NewTextStream(&got, report.Options{})
		out, err := Run(Options{Recursive: true, FailOn: linter.Error, Stream: func(part *report.Result) error {
			order = append(order, strings.TrimSuffix(part.Findings[0].File, "/"+magento.EnvPHPPath))
			return stream.Part(part)
		}})
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(order, roots) {
			t.Fatalf("GOMAXPROCS=%d: roots streamed in the order\n%v\nwant\n%v", procs, order, roots)
		}
		if got.String() != wantFindings {
			t.Fatalf("GOMAXPROCS=%d: streamed findings differ from naming the sorted roots:\n%s\nwant\n%s", procs, got.String(), wantFindings)
		}
		if len(out.InputErrors) > 0 {
			t.Fatal(out.InputErrors)
		}
	}
}

// walkedRoots collects the roots magento.WalkRoots hands over, in its order.
func walkedRoots(dir string) (roots []string, errs []error) {
	errs, _ = magento.WalkRoots(dir, func(root string) { roots = append(roots, root) })
	return roots, errs
}
