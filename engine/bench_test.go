package engine

import (
	"github.com/omslint/omslint/internal/testcorpus"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/omslint/omslint/internal/benchdata"
	"github.com/omslint/omslint/report"
)

// The benchmarks time a full lint as `omslint lint PATH` does it, minus the
// process: load and parse, every rule, suppressions, the text report.
// scripts/bench-compare.sh times the whole process against `php -l`.

// lintOnce is one `omslint lint paths...` with the text report.
func lintOnce(b *testing.B, paths []string) {
	out, err := Run(Options{Paths: paths})
	if err != nil {
		b.Fatal(err)
	}
	if err := report.Write(io.Discard, "text", out.Result, report.Options{}); err != nil {
		b.Fatal(err)
	}
}

// benchFile lints one env.php holding src, written 0600 in a temporary
// folder (outside any git work tree, so OMS401/OMS402 stay quiet).
func benchFile(b *testing.B, src []byte) {
	p := filepath.Join(b.TempDir(), "env.php")
	if err := os.WriteFile(p, src, 0o600); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lintOnce(b, []string{p})
	}
}

func corpusEnv(b *testing.B, prefix string) []byte {
	src, err := os.ReadFile(testcorpus.File(b, "envphp", prefix))
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkLintTypical2KB: Magento's own env.php sample (corpus 12).
func BenchmarkLintTypical2KB(b *testing.B) { benchFile(b, corpusEnv(b, "12")) }

// BenchmarkLintTypical10KB: a Bitnami image's env.php (corpus 11).
func BenchmarkLintTypical10KB(b *testing.B) { benchFile(b, corpusEnv(b, "11")) }

func BenchmarkLint200KB(b *testing.B) { benchFile(b, benchdata.SyntheticEnv(200<<10)) }
func BenchmarkLint10MB(b *testing.B)  { benchFile(b, benchdata.SyntheticEnv(10<<20)) }

// BenchmarkLint10MBWithExpressions: the 10 MB file with getenv()
// credentials and a few constants (the fast route reads expressions one by
// one through the PHP parser instead of giving the whole file to it).
func BenchmarkLint10MBWithExpressions(b *testing.B) {
	benchFile(b, benchdata.SyntheticEnvWithExpressions(10<<20))
}

// BenchmarkLintFleet1000: 1,000 Magento roots (copies of
// fixtures/cases/clean-root: env.php, config.php, composer.json,
// composer.lock, auth.json) in one run, as `omslint lint --recursive` does.
func BenchmarkLintFleet1000(b *testing.B) { benchRoots(b, "../fixtures/cases/clean-root", 1000) }

// BenchmarkLintRealSizeRoot: a root of a real store's size, 409 modules in
// config.php and a composer.lock of 409 packages (about 1.25 MB), with the
// bundled clean env.php.
func BenchmarkLintRealSizeRoot(b *testing.B) {
	env, err := os.ReadFile("../fixtures/cases/clean-root/app/etc/env.php")
	if err != nil {
		b.Fatal(err)
	}
	benchFleet(b, benchdata.RealSizeRoot(409, 409, env), 1)
}

// BenchmarkLintCorpusEnvSuperglobal: a corpus env.php that reads its
// settings with $_ENV[...] (corpus 13).
func BenchmarkLintCorpusEnvSuperglobal(b *testing.B) { benchFile(b, corpusEnv(b, "13")) }

// BenchmarkLintTypicalRoot: the bundled clean root (env.php, config.php,
// composer.json, composer.lock, auth.json) outside any git work tree, the
// "typical root" row of scripts/bench-compare.sh minus the process.
func BenchmarkLintTypicalRoot(b *testing.B) { benchRoots(b, "../fixtures/cases/clean-root", 1) }

// BenchmarkLintTypicalRootInGit: the same root inside a git work tree
// whose index tracks its composer.json (not env.php), the "root inside
// git" row: OMS402 reads the index in-process. The fixture is made with
// the git binary (the test's, never omslint's); skipped without it.
func BenchmarkLintTypicalRootInGit(b *testing.B) {
	root, err := benchdata.ReadRoot("../fixtures/cases/clean-root")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	paths, err := benchdata.WriteFleet(dir, 1, root)
	if err != nil {
		b.Fatal(err)
	}
	rel, err := filepath.Rel(dir, filepath.Join(paths[0], "composer.json"))
	if err != nil {
		b.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-q", "."}, {"add", filepath.ToSlash(rel)}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Skipf("git %v: %v %s", args, err, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".git", "index")); err != nil {
		b.Fatal("no index written: ", err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lintOnce(b, paths)
	}
}

// benchRoots lints n copies of the Magento root at dir in one run.
func benchRoots(b *testing.B, dir string, n int) {
	root, err := benchdata.ReadRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	benchFleet(b, root, n)
}

// benchFleet writes n copies of root and lints them in one run.
func benchFleet(b *testing.B, root benchdata.RootFiles, n int) {
	paths, err := benchdata.WriteFleet(b.TempDir(), n, root)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lintOnce(b, paths)
	}
}
