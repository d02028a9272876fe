package engine

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/omslint/omslint/atomicfile"
	"github.com/omslint/omslint/linter"
)

// twoFileRoot is a Magento root where --fix changes both files: env.php
// (OMS112) and config.php (OMS201).
func twoFileRoot(t *testing.T) string {
	t.Helper()
	root := copyTree(t, "../fixtures/fix/modern-OMS112")
	cfg, err := os.ReadFile("../fixtures/fix/modern-OMS201/app/etc/config.php")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "app/etc/config.php"), cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	return root
}

func fixOpts(root string) Options {
	return Options{Paths: []string{root}, Fix: true, Lint: fixLint, FailOn: linter.Error}
}

// The second file fails after the first was written: the error says which
// was written and which was not, and the other writer's bytes stay.
func TestFixReportsWhatWasWritten(t *testing.T) {
	root := twoFileRoot(t)
	t.Chdir(root)
	cfg := filepath.Join(root, "app/etc/config.php")
	theirs := []byte("<?php\nreturn ['modules' => ['Magento_Theirs' => 1]];\n")
	beforeWrite = func(path string) {
		if path == cfg {
			if err := os.WriteFile(path, theirs, 0o600); err != nil {
				t.Error(err)
			}
		}
	}
	t.Cleanup(func() { beforeWrite = nil })
	_, err := Run(Options{Paths: []string{"."}, Fix: true, Lint: fixLint, FailOn: linter.Error})
	var we *WriteError
	if !errors.As(err, &we) {
		t.Fatalf("err = %v, want a WriteError", err)
	}
	if strings.Join(we.Written, ",") != "app/etc/env.php" || strings.Join(we.NotWritten, ",") != "app/etc/config.php" {
		t.Fatalf("written %v, not written %v", we.Written, we.NotWritten)
	}
	msg := err.Error()
	for _, want := range []string{"app/etc/config.php changed on disk", "--fix wrote app/etc/env.php; not written: app/etc/config.php"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if b, _ := os.ReadFile(cfg); !bytes.Equal(b, theirs) {
		t.Errorf("config.php overwritten:\n%s", b)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "app/etc/env.php")); !bytes.Contains(b, []byte("/api/'")) {
		t.Error("env.php was not written although the error says so")
	}
}

// A refusal found while preparing (a read-only config.php) comes before
// any file is written.
func TestFixWritesNothingWhenOneIsRefused(t *testing.T) {
	root := twoFileRoot(t)
	env := filepath.Join(root, "app/etc/env.php")
	cfg := filepath.Join(root, "app/etc/config.php")
	before, _ := os.ReadFile(env)
	if err := os.Chmod(cfg, 0o440); err != nil {
		t.Fatal(err)
	}
	_, err := Run(fixOpts(root))
	var re *atomicfile.RefusedError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "read-only (mode 0440)") || !strings.Contains(err.Error(), "--fix wrote no file") {
		t.Fatalf("err = %v", err)
	}
	if after, _ := os.ReadFile(env); !bytes.Equal(before, after) {
		t.Error("env.php was written although config.php was refused")
	}
	// --force writes both, keeping the mode.
	o := fixOpts(root)
	o.Force = true
	if _, err := Run(o); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(cfg); st.Mode().Perm() != 0o440 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	if b, _ := os.ReadFile(cfg); !bytes.Contains(b, []byte("'Magento_InventoryApi' => 0")) {
		t.Errorf("config.php not fixed:\n%s", b)
	}
}

// Two --fix runs of one root at once: the second waits for the first's
// lock and reads what it wrote, instead of failing with "changed on disk".
func TestConcurrentFixesSerialise(t *testing.T) {
	want := readFiles(t, fixedCopy(t))
	n := 20
	if testing.Short() {
		n = 3
	}
	for i := 0; i < n; i++ {
		root := twoFileRoot(t)
		errs := make(chan error, 2)
		for j := 0; j < 2; j++ {
			go func() {
				_, err := Run(fixOpts(root))
				errs <- err
			}()
		}
		for j := 0; j < 2; j++ {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: %v", i, err)
			}
		}
		got := readFiles(t, root)
		for k, v := range want {
			if !bytes.Equal(got[k], v) {
				t.Fatalf("round %d: %s differs from one --fix:\n%s", i, k, got[k])
			}
		}
	}
}

// fixedCopy is twoFileRoot after one --fix.
func fixedCopy(t *testing.T) string {
	root := twoFileRoot(t)
	if _, err := Run(fixOpts(root)); err != nil {
		t.Fatal(err)
	}
	return root
}

// A process keeps rewriting env.php while --fix runs: every write of theirs
// is in the file at the end (as they wrote it, or fixed by us after we
// read it), or --fix failed naming env.php. Never silently lost.
func TestFixLostUpdateRace(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 20
	}
	src, err := os.ReadFile("../fixtures/fix/modern-OMS112/app/etc/env.php")
	if err != nil {
		t.Fatal(err)
	}
	refused, fixedTheirs, before, lost := 0, 0, 0, 0
	var span time.Duration
	for i := 0; i < n; i++ {
		root := copyTree(t, "../fixtures/fix/modern-OMS112")
		env := filepath.Join(root, "app/etc/env.php")
		marker := "'marker-" + strconv.Itoa(i) + "'"
		theirs := bytes.Replace(src, []byte("'MAGE_MODE' => 'production'"), []byte("'MAGE_MODE' => "+marker), 1)
		if span == 0 {
			start := time.Now()
			if _, err := Run(fixOpts(root)); err != nil {
				t.Fatal(err)
			}
			span = time.Since(start)
			if err := os.WriteFile(env, src, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		delay := time.Duration(rand.Int64N(int64(span)))
		done := make(chan error, 1)
		go func() {
			time.Sleep(delay)
			done <- os.WriteFile(env, theirs, 0o600)
		}()
		_, err := Run(fixOpts(root))
		if werr := <-done; werr != nil {
			t.Fatal(werr)
		}
		got, _ := os.ReadFile(env)
		if !bytes.Contains(got, []byte(marker)) {
			// os.WriteFile truncates in place without the lock: the
			// documented window (docs/fixing.md) may lose a rare round
			// on a loaded machine; more than 1 % is a regression.
			lost++
			t.Logf("round %d: their write was lost (--fix err=%v)", i, err)
			if lost > max(1, n/100) {
				t.Fatalf("%d of %d rounds lost their write", lost, i+1)
			}
			continue
		}
		var ce *atomicfile.ChangedError
		switch {
		case err != nil:
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), "app/etc/env.php") {
				t.Fatalf("round %d: %v", i, err)
			}
			refused++
		case bytes.Contains(got, []byte("/api/'")):
			fixedTheirs++ // we read theirs, then fixed it
		default:
			before++ // ours first, theirs after
		}
	}
	t.Logf("%d rounds, %d lost: --fix refused (exit 2) %d, fixed their version %d, wrote before them %d", n, lost, refused, fixedTheirs, before)
}

func TestFixSymlinkOutOfRoot(t *testing.T) {
	base := t.TempDir()
	rel := filepath.Join(base, "releases", "5")
	shared := filepath.Join(base, "shared", "app", "etc")
	for _, d := range []string{filepath.Join(rel, "app", "etc"), shared} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	src, err := os.ReadFile("../fixtures/fix/modern-OMS112/app/etc/env.php")
	if err != nil {
		t.Fatal(err)
	}
	sharedEnv := filepath.Join(shared, "env.php")
	if err := os.WriteFile(sharedEnv, src, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../../../shared/app/etc/env.php", filepath.Join(rel, "app/etc/env.php")); err != nil {
		t.Skip(err)
	}
	_, err = Run(fixOpts(rel))
	var oe *atomicfile.OutsideRootError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "--follow-symlinks") {
		t.Fatalf("err = %v, want a refusal to leave the root", err)
	}
	if b, _ := os.ReadFile(sharedEnv); !bytes.Equal(b, src) {
		t.Fatal("written through the link")
	}
	// Reading the linked env.php stays allowed.
	if _, err := Run(Options{Paths: []string{rel}, Lint: fixLint, FailOn: linter.Error}); err != nil {
		t.Fatal(err)
	}
	o := fixOpts(rel)
	o.FollowSymlinks = true
	out, err := Run(o)
	if err != nil {
		t.Fatal(err)
	}
	if n := out.Result.StderrNotes(); len(n) != 1 || !strings.Contains(n[0], "writing "+sharedEnv) || len(out.Result.ReportNotes()) != 0 {
		t.Fatalf("notes %+v, want where it wrote, for standard error", out.Result.Notes)
	}
	if b, _ := os.ReadFile(sharedEnv); !bytes.Contains(b, []byte("/api/'")) {
		t.Fatal("not written with --follow-symlinks")
	}
	if fi, _ := os.Lstat(filepath.Join(rel, "app/etc/env.php")); fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced")
	}
}
