package engine

import (
	"bytes"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/omslint/omslint/internal/benchdata"
	"github.com/omslint/omslint/report"
)

// What lint -r holds grows with the roots by their compact facts only, not
// by their files: a root's sources are released once its findings are
// known (kept: the lines its findings and fleet values point at). Each root
// here is the bundled clean root (about 9 KB in five files) with one
// finding (serviceBus.secure_endpoint false, OMS122), the shape where the
// whole env.php used to stay for its snippet to the end of the run. Not a
// timing test: the bounds are on heap bytes per extra root between N and
// 4N roots, and generous.
func TestRecursiveMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 1,000 roots")
	}
	root, err := benchdata.ReadRoot("../fixtures/cases/clean-root")
	if err != nil {
		t.Fatal(err)
	}
	delete(root, "lint.out")
	delete(root, "lint.json")
	root["app/etc/env.php"] = bytes.Replace(root["app/etc/env.php"], []byte("'secure_endpoint' => true"), []byte("'secure_endpoint' => false"), 1)
	var rootBytes int
	for _, data := range root {
		rootBytes += len(data)
	}
	inuse := func() int64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return int64(ms.HeapInuse)
	}
	// held is the heap after Run, while its result is alive (what JSON,
	// SARIF and JUnit are written from); during is the heap when the last
	// root is merged (text streaming), with the fleet facts still held.
	measure := func(roots int) (held, during int64) {
		dir := filepath.Join(t.TempDir(), "fleet")
		if _, err := benchdata.WriteFleet(dir, roots, root); err != nil {
			t.Fatal(err)
		}
		inuse()
		out, err := Run(Options{Paths: []string{dir}, Recursive: true, ForgetCleanFiles: true})
		if err != nil || len(out.InputErrors) > 0 || len(out.Result.Findings) != roots {
			t.Fatalf("err %v, input errors %v, %d findings for %d roots", err, out.InputErrors, len(out.Result.Findings), roots)
		}
		held = inuse()
		runtime.KeepAlive(out)
		out = nil
		streamed := 0
		if _, err := Run(Options{Paths: []string{dir}, Recursive: true, ForgetCleanFiles: true,
			Stream: func(part *report.Result) error {
				// Called in turn, after the root is merged.
				if streamed++; streamed == roots {
					during = inuse()
				}
				return nil
			}}); err != nil {
			t.Fatal(err)
		}
		return held, during
	}
	const n = 200
	held1, during1 := measure(n)
	held4, during4 := measure(4 * n)
	heldPer, duringPer := (held4-held1)/(3*n), (during4-during1)/(3*n)
	t.Logf("per extra root: %d bytes held after the run, %d while it runs (a root's files: %d bytes)", heldPer, duringPer, rootBytes)
	if heldPer > int64(rootBytes)/2 {
		t.Errorf("the result grows by %d bytes per root, more than half of a root's %d bytes of files: sources are kept", heldPer, rootBytes)
	}
	if duringPer > int64(rootBytes)*2/3 {
		t.Errorf("the run grows by %d bytes per root, more than two thirds of a root's %d bytes of files", duringPer, rootBytes)
	}
}
