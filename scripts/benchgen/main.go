// Command benchgen writes the inputs of scripts/bench-compare.sh:
//
//	benchgen -env SIZE -o FILE        a synthetic env.php of about SIZE bytes
//	benchgen -env SIZE -expr -o FILE  the same with getenv() credentials and constants
//	benchgen -fleet N -from ROOT -o DIR   N copies of the Magento root ROOT (distinct stores)
//	benchgen -realsize [-from ROOT] -o DIR  a root of a real store's size
//
// SIZE accepts a K or M suffix (200K, 10M).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/omslint/omslint/internal/benchdata"
)

func main() {
	env := flag.String("env", "", "write a synthetic env.php of this size (200K, 10M)")
	fleet := flag.Int("fleet", 0, "write this many copies of -from")
	from := flag.String("from", "fixtures/cases/clean-root", "the Magento root copied by -fleet")
	out := flag.String("o", "", "output file (-env) or folder (-fleet)")
	expr := flag.Bool("expr", false, "with -env: credentials from getenv() and a few constants")
	realSize := flag.Bool("realsize", false, "write a root of a real store's size (409 modules, 409 locked packages) into -o")
	flag.Parse()
	if *realSize {
		if err := writeRealSize(*from, *out); err != nil {
			fmt.Fprintln(os.Stderr, "benchgen:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*env, *expr, *fleet, *from, *out); err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
}

func run(env string, expr bool, fleet int, from, out string) error {
	if out == "" {
		return fmt.Errorf("-o is required")
	}
	switch {
	case env != "":
		size, err := parseSize(env)
		if err != nil {
			return err
		}
		data := benchdata.SyntheticEnv(size)
		if expr {
			data = benchdata.SyntheticEnvWithExpressions(size)
		}
		return os.WriteFile(out, data, 0o600)
	case fleet > 0:
		root, err := benchdata.ReadRoot(from)
		if err != nil {
			return err
		}
		_, err = benchdata.WriteFleet(out, fleet, root)
		return err
	}
	return fmt.Errorf("give -env SIZE or -fleet N")
}

// writeRealSize writes benchdata.RealSizeRoot into dir, with the env.php
// of the root from.
func writeRealSize(from, dir string) error {
	if dir == "" {
		return fmt.Errorf("-o is required")
	}
	env, err := os.ReadFile(filepath.Join(from, "app", "etc", "env.php"))
	if err != nil {
		return err
	}
	for rel, data := range benchdata.RealSizeRoot(409, 409, env) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o600); err != nil {
			return err
		}
	}
	return nil
}

func parseSize(s string) (int, error) {
	mul := 1
	switch {
	case strings.HasSuffix(s, "K"):
		mul, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mul, s = 1<<20, strings.TrimSuffix(s, "M")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mul, nil
}
