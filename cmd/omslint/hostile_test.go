package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostileCase is one hostile input: setup lays it out in dir and returns
// the lint arguments; want is the exit code, and stderr (for exit 2) or
// stdout must contain msg.
type hostileCase struct {
	name  string
	setup func(t *testing.T, dir string) []string
	want  int
	msg   string
}

func file(name string, data []byte) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		writeBytes(t, filepath.Join(dir, name), data)
		return []string{"lint", name}
	}
}

func writeBytes(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// rootWith is a Magento root with a small valid env.php plus extra files.
func rootWith(extra map[string][]byte, args ...string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		writeBytes(t, filepath.Join(dir, "r/app/etc/env.php"), []byte("<?php\nreturn ['serviceBus' => []];\n"))
		for p, d := range extra {
			writeBytes(t, filepath.Join(dir, "r", p), d)
		}
		return append([]string{"lint", "r"}, args...)
	}
}

const mib = 1 << 20

func rep(s string, n int) []byte { return bytes.Repeat([]byte(s), n) }

func php(parts ...[]byte) []byte {
	return bytes.Join(append([][]byte{[]byte("<?php return ")}, parts...), nil)
}

// TestHostileInputs runs the real CLI on hostile inputs: each must end
// within a few seconds with exit 0, 1 or 2, a clear message and no panic.
func TestHostileInputs(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	junk := make([]byte, 256*1024)
	rng.Read(junk)
	cases := []hostileCase{
		{"deep arrays (fast parser)", file("env.php", php(rep("[", 500000), rep("]", 500000), []byte(";"))), 1, "nested deeper than 256"},
		{"deep array() in an expression (full parser)", file("env.php", php([]byte("['a' => 1 + "), rep("array(", 300000), rep(")", 300000), []byte("];"))), 1, "nested deeper than 256"},
		{"deep calls", file("env.php", php([]byte("['a' => "), rep("f(", 300000), rep(")", 300000), []byte("];"))), 1, "nested deeper than 256"},
		{"prefix operators", file("env.php", php([]byte("['a' => "), rep("!", 2*mib), []byte("1];"))), 1, "nested deeper than 256"},
		{"16 MiB of [", file("env.php", rep("[", 16*mib)), 1, "OMS"},
		{"16 MiB of [ after <?php", file("env.php", php(rep("[", 16*mib-13))), 1, "nested deeper than 256"},
		{"over the size limit", file("env.php", append(php([]byte("[];")), rep(" ", 16*mib)...)), 2, "--max-size"},
		{"--max-size", func(t *testing.T, dir string) []string {
			writeBytes(t, filepath.Join(dir, "env.php"), php([]byte("['serviceBus' => []];"), rep(" ", 1000)))
			return []string{"lint", "--max-size", "100", "env.php"}
		}, 2, "env.php: 1034 bytes, larger than the 100-byte limit (--max-size)"},
		{"very long line", file("env.php", php([]byte("['serviceBus' => ['url' => '"), rep("x", 8*mib), []byte("']];"))), 1, "OMS"},
		// One line of expressions takes the full parser, which asks for
		// positions out of order: columns must not be counted from the
		// line start each time (that was quadratic: 40,000 calls took 20 s).
		{"one long line of expressions", file("env.php", php([]byte("['serviceBus' => ['url' => 'x'], "), rep("getenv('A'), ", 60000), []byte("];"))), 1, "OMS"},
		// Expressions in a file the fast route reads: plain getenv()
		// calls without the PHP parser, others one by one through it up
		// to a budget, past which the whole file goes to the parser.
		{"300,000 getenv() calls", file("env.php", php([]byte("[\n"), manyValues(300000, "getenv('X%d')"), []byte("];"))), 1, "OMS101"},
		{"expressions past the per-expression budget", file("env.php", php([]byte("[\n"), manyValues(20000, "FOO . '%d'"), []byte("];"))), 1, "OMS101"},
		// Shapes that were quadratic in a rule or in suppression matching.
		{"thousands of unknown serviceBus keys", file("env.php", php([]byte("['serviceBus' => ["), rep("'k' . 'x' => 1, 'kx' => 'v', ", 1), manyKeys(20000), []byte("]];"))), 0, "OMS105"},
		{"thousands of suppression comments", file("env.php", php([]byte("[\n"), rep("    // omslint-ignore OMS003 duplicate on purpose\n    'a' => 1,\n", 20000), []byte("];"))), 1, "OMS101"},
		{"thousands of fixes in one config.php", rootWith(map[string][]byte{"app/etc/config.php": manyModules(20000)}, "--diff"), 1, "'Magento_Inventory19999' => 0,"},
		{"thousands of secrets with findings", file("env.php", php([]byte("[\n"), manyPasswords(20000), []byte("];"))), 1, "OMS003"},
		// Shapes that were quadratic in the redactor, and a report with no
		// cap on findings (a 16 MB file made a 1.97 GB SARIF).
		{"a long concatenation on a secret key", file("env.php", php([]byte("['serviceBus' => ['secret' => "), bytes.Repeat([]byte("'a' . "), 40000), []byte("'a']];"))), 1, "OMS004"},
		{"4 MB of duplicate passwords on one line", file("env.php", php([]byte("['db' => ["), rep("'password' => 'Dup-Pass-1', ", 4*mib/28), []byte("]];"))), 1, "more OMS003 findings in this file"},
		{"4 MB of duplicate passwords on one line, SARIF", func(t *testing.T, dir string) []string {
			writeBytes(t, filepath.Join(dir, "env.php"), php([]byte("['db' => ["), rep("'password' => 'Dup-Pass-1', ", 4*mib/28), []byte("]];")))
			return []string{"lint", "--format", "sarif", "env.php"}
		}, 1, "more OMS003 findings in this file"},
		{"300,000 findings of one rule", func(t *testing.T, dir string) []string {
			writeBytes(t, filepath.Join(dir, "env.php"), php([]byte("[\n"), rep("    'k' => 1,\n", 300000), []byte("];")))
			return []string{"lint", "--format", "sarif", "env.php"}
		}, 1, "and 299899 more OMS003 findings in this file"},
		{"invalid UTF-8", file("env.php", php([]byte("['serviceBus' => ['url' => '\xff\xfe\xc0\x80', 'secret' => \"\xed\xa0\x80\"]];"))), 1, "OMS"},
		{"NUL bytes", file("env.php", php([]byte("['serviceBus' => ['url' => 'a\x00b']];\x00\x00"))), 1, "OMS"},
		{"binary junk", file("env.php", junk), 1, "OMS"},
		{"binary junk after <?php", file("env.php", append([]byte("<?php "), junk...)), 1, "OMS"},
		{"truncated", file("env.php", []byte("<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://mib.exa")), 1, "OMS001"},
		{"truncated in a comment", file("env.php", []byte("<?php\nreturn [ /* ")), 1, "OMS001"},
		{"inline HTML ending in <", file("env.php", []byte("<?php return []; ?>\n<")), 1, "OMS"},
		{"heredoc starting with $$", file("env.php", []byte("<?php return ['a' => <<<EOT\n$$x\nEOT\n];")), 1, "heredoc"},
		{"empty file", file("env.php", nil), 1, "OMS"},
		{"a folder where env.php should be", func(t *testing.T, dir string) []string {
			if err := os.MkdirAll(filepath.Join(dir, "r/app/etc/env.php"), 0o755); err != nil {
				t.Fatal(err)
			}
			return []string{"lint", "r"}
		}, 2, "r: not a Magento root"},
		{"a folder where config.php should be", func(t *testing.T, dir string) []string {
			rootWith(nil)(t, dir)
			if err := os.MkdirAll(filepath.Join(dir, "r/app/etc/config.php"), 0o755); err != nil {
				t.Fatal(err)
			}
			return []string{"lint", "r"}
		}, 2, "r/app/etc/config.php: is a folder, expected a file"},
		{"a folder where .omslint.yaml should be", func(t *testing.T, dir string) []string {
			rootWith(nil)(t, dir)
			if err := os.MkdirAll(filepath.Join(dir, "r/.omslint.yaml"), 0o755); err != nil {
				t.Fatal(err)
			}
			return []string{"lint", "r"}
		}, 1, "OMS104"}, // not a config file: the search goes on upward (config.Find)
		{"symlink loop", func(t *testing.T, dir string) []string {
			symlink(t, "b.php", filepath.Join(dir, "a.php"))
			symlink(t, "a.php", filepath.Join(dir, "b.php"))
			return []string{"lint", "a.php"}
		}, 2, "a.php: too many levels of symbolic links"},
		{"symlink loop as env.php", func(t *testing.T, dir string) []string {
			rootWith(nil)(t, dir)
			symlink(t, "composer.json", filepath.Join(dir, "r/composer.json"))
			return []string{"lint", "r"}
		}, 2, "r/composer.json: too many levels of symbolic links"},
		{"symlink loop in --recursive", func(t *testing.T, dir string) []string {
			rootWith(nil)(t, dir)
			symlink(t, "..", filepath.Join(dir, "r/up"))
			symlink(t, ".", filepath.Join(dir, "r/self"))
			return []string{"lint", "--recursive", "."}
		}, 1, "r/app/etc/env.php"},
		{"FIFO", func(t *testing.T, dir string) []string {
			mkfifo(t, filepath.Join(dir, "env.php"))
			return []string{"lint", "env.php"}
		}, 2, "env.php: not a regular file (a FIFO, socket or device): refused"},
		{"FIFO as composer.json", func(t *testing.T, dir string) []string {
			rootWith(nil)(t, dir)
			mkfifo(t, filepath.Join(dir, "r/composer.json"))
			return []string{"lint", "r"}
		}, 2, "r/composer.json: not a regular file"},
		{"FIFO as .omslint.yaml", func(t *testing.T, dir string) []string {
			rootWith(nil)(t, dir)
			mkfifo(t, filepath.Join(dir, "r/.omslint.yaml"))
			return []string{"lint", "r"}
		}, 1, "OMS104"}, // ignored like a folder, never opened
		{"FIFO as --config", func(t *testing.T, dir string) []string {
			rootWith(nil)(t, dir)
			mkfifo(t, filepath.Join(dir, "cfg.yaml"))
			return []string{"lint", "--config", "cfg.yaml", "r"}
		}, 2, "cfg.yaml: not a regular file"},
		{"device", func(t *testing.T, dir string) []string {
			return []string{"lint", "/dev/zero"}
		}, 2, "/dev/zero: not a regular file"},
		{"device as auth.json", func(t *testing.T, dir string) []string {
			rootWith(nil)(t, dir)
			symlink(t, "/dev/urandom", filepath.Join(dir, "r/auth.json"))
			return []string{"lint", "r"}
		}, 2, "r/auth.json: not a regular file"},
		// Links to pseudo file systems are refused by what the file
		// system is (saferead): /proc/self/environ would print the CI
		// environment in a snippet, /proc/kmsg blocks a reader as root.
		{"env.php linked to /proc/self/environ", linkedTo("/proc/self/environ", "app/etc/env.php"), 2, "r/app/etc/env.php: on a proc pseudo file system, not a file of the checkout: refused"},
		{"env.php linked to /proc/kmsg", linkedTo("/proc/kmsg", "app/etc/env.php"), 2, "r/app/etc/env.php: "},
		{"composer.json linked to /proc/self/status", linkedTo("/proc/self/status", "composer.json"), 2, "r/composer.json: on a proc pseudo file system"},
		{"config.php linked to sysfs", linkedTo("/sys/kernel/mm/transparent_hugepage/enabled", "app/etc/config.php"), 2, "r/app/etc/config.php: on a sysfs pseudo file system"},
		{".omslint.yaml linked to /proc/self/environ", linkedTo("/proc/self/environ", ".omslint.yaml"), 2, "r/.omslint.yaml: on a proc pseudo file system"},
		{"--config /proc/self/environ", func(t *testing.T, dir string) []string {
			linkedTo("/proc/self/environ", "cfg.yaml")(t, dir)
			return []string{"lint", "--config", "/proc/self/environ", "r"}
		}, 2, "/proc/self/environ: on a proc pseudo file system"},
		{"unreadable file", func(t *testing.T, dir string) []string {
			if os.Geteuid() == 0 {
				t.Skip("root reads a 0000 file: the refusal is covered by the FIFO and folder cases")
			}
			writeBytes(t, filepath.Join(dir, "env.php"), []byte("<?php return [];"))
			if err := os.Chmod(filepath.Join(dir, "env.php"), 0); err != nil {
				t.Fatal(err)
			}
			return []string{"lint", "env.php"}
		}, 2, "env.php: permission denied"},
		{"deep JSON in composer.json", rootWith(map[string][]byte{"composer.json": append(rep("[", 2*mib), rep("]", 2*mib)...)}), 1, "OMS"},
		{"binary composer.lock", rootWith(map[string][]byte{"composer.lock": junk}), 1, "OMS"},
		{"deep YAML config", rootWith(map[string][]byte{".omslint.yaml": append([]byte("rules: "), append(rep("[", 100000), rep("]", 100000)...)...)}), 2, ".omslint.yaml"},
		{"YAML alias bomb", rootWith(map[string][]byte{".omslint.yaml": []byte("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\ni: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n")}), 2, ".omslint.yaml"},
		{"binary YAML config", rootWith(map[string][]byte{".omslint.yaml": junk[:4096]}), 2, ".omslint.yaml"},
		{"NUL in stdin", func(t *testing.T, dir string) []string {
			writeBytes(t, filepath.Join(dir, "stdin"), []byte("<?php return ['a' => \x00];"))
			return []string{"lint", "-"}
		}, 1, "OMS"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			args := c.setup(t, dir)
			stdin := ""
			if args[len(args)-1] == "-" {
				stdin = filepath.Join(dir, "stdin")
			}
			res := runDeadline(t, dir, stdin, args...)
			if res.code != c.want {
				t.Errorf("exit %d, want %d\nstderr: %s\nstdout: %.500s", res.code, c.want, res.stderr, res.stdout)
			}
			for _, bad := range []string{"panic", "internal error", "goroutine "} {
				if strings.Contains(res.stderr, bad) || strings.Contains(res.stdout, bad) {
					t.Errorf("output mentions %q:\n%.2000s", bad, res.stderr)
				}
			}
			where := res.stdout
			if c.want == 2 {
				where = res.stderr
			}
			if !strings.Contains(where, c.msg) {
				t.Errorf("want %q in\n%.1000s", c.msg, where)
			}
			// Findings are capped per rule and file: no input makes a
			// report of more than a few megabytes.
			if len(res.stdout) > 4*mib {
				t.Errorf("a report of %d bytes", len(res.stdout))
			}
			for _, l := range strings.Split(res.stdout, "\n") {
				if len(l) > 2048 {
					t.Errorf("an output line of %d bytes: a snippet or message is not cut", len(l))
					break
				}
			}
		})
	}
}

// linkedTo is a Magento root whose file rel is a link to target (a Linux
// pseudo file; skipped where it does not exist).
func linkedTo(target, rel string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		if _, err := os.Stat(target); runtime.GOOS != "linux" || err != nil {
			t.Skipf("%s: not on this system", target)
		}
		rootWith(nil)(t, dir)
		p := filepath.Join(dir, "r", rel)
		_ = os.Remove(p)
		symlink(t, target, p)
		return []string{"lint", "r"}
	}
}

// hostileDeadline bounds each hostile run: a generous deadline on the
// process (killed when it passes), not a timing assertion. The shapes it
// guards were quadratic or worse (minutes to hours at these sizes).
func hostileDeadline() time.Duration {
	if raceEnabled || runtime.NumCPU() < 2 {
		return 90 * time.Second
	}
	return 20 * time.Second
}

// runDeadline runs omslint as a child process (testscript.Main puts it on
// PATH) in dir, killed at the deadline: a run that does not finish fails
// the test instead of hanging it.
func runDeadline(t *testing.T, dir, stdin string, args ...string) cliResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileDeadline())
	defer cancel()
	cmd := exec.CommandContext(ctx, "omslint", args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if stdin != "" {
		f, err := os.Open(stdin)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		cmd.Stdin = f
	}
	start := time.Now()
	err := cmd.Run()
	res := cliResult{stdout: out.String(), stderr: errb.String(), elapsed: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("did not finish within %v (killed)", hostileDeadline())
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		res.code = ee.ExitCode()
	default:
		t.Fatal(err)
	}
	return res
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlink: %v", err)
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

// manyKeys is `'k0' => 'v', 'k1' => 'v', ...`: n distinct unknown keys.
func manyKeys(n int) []byte {
	var b []byte
	for i := 0; i < n; i++ {
		b = append(b, fmt.Sprintf("'k%d' => 'v', ", i)...)
	}
	return b
}

// manyValues is n elements 'kI' => VALUE, one per line, VALUE a format
// taking I.
func manyValues(n int, value string) []byte {
	var b []byte
	for i := 0; i < n; i++ {
		b = append(b, fmt.Sprintf("    'k%d' => "+value+",\n", i, i)...)
	}
	return b
}

// manyModules is a config.php enabling n MSI modules (n OMS201 fixes).
func manyModules(n int) []byte {
	b := []byte("<?php\nreturn [\n    'modules' => [\n        'Magento_ServiceBus' => 1,\n")
	for i := 0; i < n; i++ {
		b = append(b, fmt.Sprintf("        'Magento_Inventory%d' => 1,\n", i)...)
	}
	return append(b, "    ]\n];\n"...)
}

// manyPasswords is n arrays each holding a duplicated password key: n
// findings next to 2n distinct secrets.
func manyPasswords(n int) []byte {
	var b []byte
	for i := 0; i < n; i++ {
		b = append(b, fmt.Sprintf("    'db%d' => ['password' => 'Secret-Pass-%06d', 'password' => 'Other-Pass-%06d'],\n", i, i, i)...)
	}
	return b
}
