// Package benchdata makes the inputs of omslint's benchmarks and of
// scripts/bench-compare.sh: synthetic env.php files of a given size and a
// fleet of Magento roots. Benchmarks and the comparison script use the same
// generator, so their numbers are about the same files.
package benchdata

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// SyntheticEnv builds an env.php of about size bytes (never less) in
// Magento's modern layout: many `system` blocks as app:config:dump writes
// them, then a serviceBus block. Every key is distinct, as in a real file:
// duplicates would make the benchmark time tens of thousands of OMS003
// findings rather than the lint.
func SyntheticEnv(size int) []byte { return synthetic(size, false) }

// SyntheticEnvWithExpressions is SyntheticEnv as a container image writes
// it: the database and serviceBus credentials come from getenv(), with
// fallbacks (`getenv('X') ?: 'default'`), and one system block in 500
// reads a constant. A quarter of the real env.php files in the corpus
// hold such expressions.
func SyntheticEnvWithExpressions(size int) []byte { return synthetic(size, true) }

func synthetic(size int, expressions bool) []byte {
	var b strings.Builder
	b.Grow(size + 1024)
	b.WriteString("<?php\nreturn [\n")
	if expressions {
		b.WriteString("    'db' => [\n        'connection' => [\n            'default' => [\n" +
			"                'host' => getenv('DB_HOST') ?: 'localhost',\n" +
			"                'dbname' => getenv('DB_NAME'),\n" +
			"                'username' => getenv('DB_USER'),\n" +
			"                'password' => getenv('DB_PASSWORD'),\n" +
			"                'port' => (int) (getenv('DB_PORT') ?: 3306)\n" +
			"            ]\n        ]\n    ],\n" +
			"    'MAGE_MODE' => $_ENV['MAGE_MODE'] ?? 'production',\n")
	}
	for i := 0; b.Len() < size; i++ {
		if expressions && i%500 == 0 {
			b.WriteString("    'system_")
			b.WriteString(strconv.Itoa(i))
			b.WriteString("' => [\n        'default' => [\n            'path/to/setting' => BP . '/var/' . 'value',\n            'flag' => 1\n        ]\n    ],\n")
			continue
		}
		b.WriteString("    'system_")
		b.WriteString(strconv.Itoa(i))
		b.WriteString("' => [\n        'default' => [\n            'path/to/setting' => 'value with text',\n            'flag' => 1,\n            'nested' => [\n                'a' => true,\n                'b' => null,\n                'c' => 1.5\n            ]\n        ]\n    ],\n")
	}
	if expressions {
		b.WriteString("    'serviceBus' => [\n        'url' => getenv('OMS_MIB_URL'),\n        'secret' => getenv('OMS_SHARED_SECRET')\n    ]\n];\n")
	} else {
		b.WriteString("    'serviceBus' => [\n        'url' => 'https://mib.acme-retail.com/'\n    ]\n];\n")
	}
	return []byte(b.String())
}

// RootFiles are the files of a Magento root, relative path to content.
type RootFiles map[string][]byte

// ReadRoot reads every regular file below dir (a Magento root fixture).
func ReadRoot(dir string) (RootFiles, error) {
	files := RootFiles{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if strings.HasPrefix(filepath.Base(rel), "lint.") {
			return nil // golden outputs of a fixture case
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("%s: no files", dir)
	}
	return files, err
}

// WriteFleet writes n copies of the root under dir as dir/shop-0001 ...
// (files mode 0600, as env.php should be) and returns their paths.
func WriteFleet(dir string, n int, root RootFiles) ([]string, error) {
	paths := make([]string, 0, n)
	for i := 1; i <= n; i++ {
		r := filepath.Join(dir, fmt.Sprintf("shop-%04d", i))
		for rel, data := range root {
			p := filepath.Join(r, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(p, data, 0o600); err != nil {
				return nil, err
			}
		}
		paths = append(paths, r)
	}
	return paths, nil
}
