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
// (files mode 0600, as env.php should be) and returns their paths. Each
// copy is its own store, as in a real fleet: its env.php's application_id,
// secret and oauth_client_secret get the shop's name as a prefix, so the
// cross-root rules (OMS601, OMS602) find nothing to compare equal.
func WriteFleet(dir string, n int, root RootFiles) ([]string, error) {
	paths := make([]string, 0, n)
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("shop-%04d", i)
		r := filepath.Join(dir, name)
		for rel, data := range root {
			if rel == "app/etc/env.php" {
				data = distinctStore(data, name)
			}
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

// RealSizeRoot is a Magento root of the size a real store has: config.php
// listing modules modules (the MSI modules disabled, the connector's on)
// and a composer.lock of lockPackages entries shaped like Composer's own
// (name, version, source, dist, require, suggest, extra, autoload,
// authors, description, support, funding...; about 3 KB each, so 409
// packages make some 1.25 MB, the real store), plus composer.json and
// the bundled clean env.php text env.
func RealSizeRoot(modules, lockPackages int, env []byte) RootFiles {
	var cfg strings.Builder
	cfg.WriteString("<?php\nreturn [\n    'modules' => [\n")
	for i := 0; i < modules; i++ {
		name, on := fmt.Sprintf("Vendor%02d_Module%03d", i%37, i), 1
		switch {
		case i < 20:
			name, on = fmt.Sprintf("Magento_Inventory%s", inventorySuffix(i)), 0
		case i == 20:
			name = "Magento_InventoryMessageBus"
		case i == 21:
			name = "Magento_ServiceBus"
		}
		fmt.Fprintf(&cfg, "        '%s' => %d,\n", name, on)
	}
	cfg.WriteString("    ],\n    'scopes' => [\n        'websites' => [\n            'base' => [\n                'website_id' => '1',\n                'code' => 'base'\n            ]\n        ]\n    ]\n];\n")

	var lock strings.Builder
	lock.WriteString("{\n    \"_readme\": [\n        \"This file locks the dependencies of your project to a known state\"\n    ],\n    \"content-hash\": \"0f2d6c3b5a0e4f1d9c8b7a6e5d4c3b2a\",\n    \"packages\": [\n")
	for i := 0; i < lockPackages; i++ {
		name, version := fmt.Sprintf("vendor%02d/module-%03d", i%37, i), fmt.Sprintf("%d.%d.%d", 100+i%3, i%10, i%7)
		switch i {
		case 0:
			name, version = "magento/mcom-connector", "4.5.0"
		case 1:
			name, version = "magento/module-service-bus", "4.5.0"
		case 2:
			name, version = "magento/product-community-edition", "2.4.7"
		case 3:
			name, version = "magento/framework", "103.0.7"
		}
		if i > 0 {
			lock.WriteString(",\n")
		}
		fmt.Fprintf(&lock, `        {
            "name": %q,
            "version": %q,
            "source": {
                "type": "git",
                "url": "https://github.com/%s.git",
                "reference": "5e3c4b1a2f0d9e8c7b6a5f4e3d2c1b0a9f8e7d6c"
            },
            "dist": {
                "type": "zip",
                "url": "https://api.github.com/repos/%s/zipball/5e3c4b1a2f0d9e8c7b6a5f4e3d2c1b0a9f8e7d6c",
                "reference": "5e3c4b1a2f0d9e8c7b6a5f4e3d2c1b0a9f8e7d6c",
                "shasum": ""
            },
            "require": {
                "magento/framework": "103.0.*",
                "magento/module-store": "101.1.*",
                "magento/module-catalog": "104.0.*",
                "php": "~8.1.0||~8.2.0||~8.3.0"
            },
            "require-dev": {
                "phpunit/phpunit": "^9.5"
            },
            "suggest": {
                "magento/module-sales": "To export the store's orders to the order management system",
                "magento/module-inventory": "For source-based stock, synchronised with the order management system"
            },
            "conflict": {
                "magento/module-legacy-oms": "*"
            },
            "type": "magento2-module",
            "extra": {
                "branch-alias": {
                    "dev-main": "%d.%d.x-dev"
                },
                "map": [
                    [
                        "etc/module.xml",
                        "app/code/Vendor/Module%03d/etc/module.xml"
                    ]
                ]
            },
            "autoload": {
                "files": [
                    "registration.php"
                ],
                "psr-4": {
                    "Vendor\\Module%03d\\": ""
                }
            },
            "notification-url": "https://packagist.org/downloads/",
            "license": [
                "OSL-3.0",
                "AFL-3.0"
            ],
            "authors": [
                {
                    "name": "Vendor Team",
                    "email": "team@vendor.example",
                    "homepage": "https://vendor.example/"
                }
            ],
            "description": "N/A: a module of the store, with a description as long as real ones are, naming what it does for the catalog, checkout, customer accounts and order management, and where its configuration lives.",
            "homepage": "https://github.com/%s",
            "keywords": [
                "magento",
                "magento2",
                "module",
                "order management"
            ],
            "support": {
                "issues": "https://github.com/%s/issues",
                "source": "https://github.com/%s/tree/%s"
            },
            "funding": [
                {
                    "url": "https://github.com/sponsors/%s",
                    "type": "github"
                }
            ],
            "time": "2024-05-07T12:34:56+00:00"
        }`, name, version, name, name, 100+i%3, i%10, i, i, name, name, name, version, name)
	}
	lock.WriteString("\n    ],\n    \"packages-dev\": [],\n    \"aliases\": [],\n    \"minimum-stability\": \"stable\",\n    \"stability-flags\": [],\n    \"prefer-stable\": true,\n    \"prefer-lowest\": false,\n    \"platform\": {\n        \"php\": \"~8.1.0||~8.2.0||~8.3.0\"\n    },\n    \"platform-dev\": [],\n    \"plugin-api-version\": \"2.6.0\"\n}\n")

	composer := "{\n    \"name\": \"acme/store\",\n    \"type\": \"project\",\n    \"require\": {\n        \"magento/product-community-edition\": \"2.4.7\",\n        \"magento/mcom-connector\": \"4.5.0\"\n    }\n}\n"
	return RootFiles{
		"app/etc/env.php":    env,
		"app/etc/config.php": []byte(cfg.String()),
		"composer.json":      []byte(composer),
		"composer.lock":      []byte(lock.String()),
	}
}

func inventorySuffix(i int) string {
	s := []string{"", "Api", "Catalog", "CatalogApi", "Sales", "SalesApi", "Indexer", "Reservations",
		"ReservationsApi", "Shipping", "ShippingAdminUi", "Bundle", "Cache", "ConfigurableProduct",
		"Export", "Import", "LowQuantityNotification", "Distance", "GroupedProduct", "Swatches"}
	return s[i%len(s)]
}

// distinctStore prefixes the values of the keys that identify a store on
// the bus with name.
func distinctStore(env []byte, name string) []byte {
	s := string(env)
	for _, key := range []string{"application_id", "secret", "oauth_client_secret"} {
		s = strings.ReplaceAll(s, "'"+key+"' => '", "'"+key+"' => '"+name+"-")
	}
	return []byte(s)
}
