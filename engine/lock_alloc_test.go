package engine

import (
	"os"
	"testing"

	"github.com/omslint/omslint/internal/benchdata"
	"github.com/omslint/omslint/jsonpos"
)

// TestLintSkimsComposerLock: a lint of a real-size root reads composer.lock
// for its packages without building the file's tree. The tree alone takes
// more allocations than the whole lint does without it, so a rule that
// starts asking for it (Project.ComposerLockDoc) fails this test.
func TestLintSkimsComposerLock(t *testing.T) {
	env, err := os.ReadFile("../fixtures/cases/clean-root/app/etc/env.php")
	if err != nil {
		t.Fatal(err)
	}
	files := benchdata.RealSizeRoot(409, 409, env)
	paths, err := benchdata.WriteFleet(t.TempDir(), 1, files)
	if err != nil {
		t.Fatal(err)
	}
	tree := testing.AllocsPerRun(3, func() {
		if _, err := jsonpos.Parse(files["composer.lock"]); err != nil {
			t.Fatal(err)
		}
	})
	lint := testing.AllocsPerRun(3, func() {
		out, err := Run(Options{Paths: paths})
		if err != nil || len(out.Result.Findings) != 0 {
			t.Fatalf("lint: %v, %d findings", err, len(out.Result.Findings))
		}
	})
	if lint >= tree {
		t.Errorf("a lint allocates %.0f times, composer.lock's tree alone %.0f: the tree is being built", lint, tree)
	}
}
