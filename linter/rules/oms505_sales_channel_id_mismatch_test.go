package rules_test

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	omsconfig "github.com/omslint/omslint/config"
	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

// TestOMS505 lints roots whose config.php/env.php `system` sets
// mcom_configuration/general/store_id against a profile with two sales
// channels (base: web-1, b2b: b2b-1).
func TestOMS505(t *testing.T) {
	const profile = `environments:
  prod:
    kind: production
    sales-channels:
      - id: web-1
        website: base
        stock-aggregate: main
      - id: b2b-1
        website: b2b
        stock-aggregate: b2b
`
	sys := func(body string) string { return "<?php\nreturn [\n    'system' => [\n" + body + "    ]\n];\n" }
	def := func(id string) string {
		return "        'default' => ['mcom_configuration' => ['general' => ['store_id' => " + id + "]]],\n"
	}
	site := func(code, id string) string {
		return "        'websites' => ['" + code + "' => ['mcom_configuration' => ['general' => ['store_id' => " + id + "]]]],\n"
	}
	envWith := func(system string) string {
		return strings.Replace(clean, "    'MAGE_MODE' => 'production',\n", "    'MAGE_MODE' => 'production',\n    'system' => [\n"+system+"    ],\n", 1)
	}
	cases := []struct {
		name  string
		files map[string]string
		want  []string
		// dynamic are the OMS004 findings (store_id set by an expression
		// that OMS505 would compare).
		dynamic []string
		// vars, when not nil, is the known environment (--resolve-env).
		vars []string
	}{
		{"none: the database may hold it", map[string]string{}, nil, nil, nil},
		{"default differs from both channels", map[string]string{
			magento.ConfigPHPPath: sys(def("'other'")),
		}, []string{"app/etc/config.php:4:76 'other' web-1", "app/etc/config.php:4:76 'other' b2b-1"}, nil, nil},
		{"default right for base, b2b has its own right one", map[string]string{
			magento.ConfigPHPPath: sys(def("'web-1'") + site("b2b", "'b2b-1'")),
		}, nil, nil, nil},
		{"website scope wrong", map[string]string{
			magento.ConfigPHPPath: sys(def("'web-1'") + site("b2b", "'web-1'")),
		}, []string{"app/etc/config.php:5:87 'web-1' b2b-1"}, nil, nil},
		{"env.php wins over config.php", map[string]string{
			magento.ConfigPHPPath: sys(def("'web-1'") + site("b2b", "'wrong'")),
			magento.EnvPHPPath:    envWith(site("b2b", "'b2b-1'")),
		}, nil, nil, nil},
		{"env.php wrong over a right config.php", map[string]string{
			magento.ConfigPHPPath: sys(def("'web-1'") + site("b2b", "'b2b-1'")),
			magento.EnvPHPPath:    envWith(site("b2b", "'x-1'")),
		}, []string{"app/etc/env.php:5:87 'x-1' b2b-1"}, nil, nil},
		{"an integer id", map[string]string{
			magento.ConfigPHPPath: sys(def("7") + site("b2b", "'b2b-1'")),
		}, []string{"app/etc/config.php:4:76 '7' web-1"}, nil, nil},
		{"an expression is not compared, OMS004 says so", map[string]string{
			magento.ConfigPHPPath: sys(def("getenv('OMS_STORE_ID')") + site("b2b", "'b2b-1'")),
		}, nil, []string{"app/etc/config.php:4:76"}, nil},
		{"an expression in env.php, once for both channels", map[string]string{
			magento.EnvPHPPath: envWith(def("OMS_STORE")),
		}, nil, []string{"app/etc/env.php:5:76"}, nil},
		{"an expression no channel reads is not reported", map[string]string{
			magento.ConfigPHPPath: sys(def("'web-1'") + site("b2b", "'b2b-1'") + "        'websites2' => ['x' => ['mcom_configuration' => ['general' => ['store_id' => X]]]],\n"),
		}, nil, nil, nil},
		{"getenv, resolved: the variable's value is compared", map[string]string{
			magento.ConfigPHPPath: sys(def("'web-1'") + site("b2b", "getenv('B2B_ID')")),
		}, []string{"$B2B_ID:1:1 'b2b-2' b2b-1"}, nil, []string{"B2B_ID=b2b-2"}},
		{"getenv, resolved to the profile's id", map[string]string{
			magento.ConfigPHPPath: sys(def("'web-1'") + site("b2b", "getenv('B2B_ID')")),
		}, nil, nil, []string{"B2B_ID=b2b-1"}},
		{"$_ENV fallback, variable unset", map[string]string{
			magento.EnvPHPPath: envWith(site("b2b", "$_ENV['B2B_ID'] ?? 'old-1'")),
		}, []string{"app/etc/env.php:5:87 'old-1' b2b-1"}, nil, []string{}},
		{"a #env() placeholder is not resolved in system (a section Magento loads whole)", map[string]string{
			magento.ConfigPHPPath: sys(def("'web-1'") + site("b2b", "'#env(B2B_ID)'")),
		}, []string{"app/etc/config.php:5:87 '#env(B2B_ID)' b2b-1"}, nil, []string{"B2B_ID=b2b-1"}},
		{"a website the profile does not name", map[string]string{
			magento.ConfigPHPPath: sys(def("'web-1'") + site("b2b", "'b2b-1'") + "        'websites2' => [],\n"),
		}, nil, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.files[omsconfig.FileName] = profile
			root := writeRoot(t, c.files)
			p, err := magento.LoadRoot(root, magento.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := omsconfig.Load(filepath.Join(root, omsconfig.FileName))
			if err != nil {
				t.Fatal(err)
			}
			env, err := cfg.Select("prod")
			if err != nil {
				t.Fatal(err)
			}
			var known *effective.Env
			if c.vars != nil {
				known = effective.NewEnv(c.vars)
			}
			fs, err := linter.Run(p, linter.Options{Profile: &linter.Profile{Config: cfg, Env: env, Getenv: os.LookupEnv}, Environment: known})
			if err != nil {
				t.Fatal(err)
			}
			var got, dynamic []string
			for _, f := range fs {
				if f.Rule == "OMS004" {
					rel, _ := filepath.Rel(root, f.File)
					dynamic = append(dynamic, filepath.ToSlash(rel)+":"+strconv.Itoa(f.Span.Start.Line)+":"+strconv.Itoa(f.Span.Start.Col))
					if !strings.Contains(f.Message, "store_id") || !strings.Contains(f.Message, "sales channel id is not checked") {
						t.Errorf("OMS004 message: %s", f.Message)
					}
				}
				if f.Rule != "OMS505" {
					continue
				}
				rel, err := filepath.Rel(root, f.File)
				if err != nil || !filepath.IsAbs(f.File) {
					rel = f.File // a variable: $NAME
				}
				// The finding names the file's value and the profile's id.
				id := f.Message[strings.LastIndex(f.Message, "id '")+4:]
				id = id[:strings.IndexByte(id, '\'')]
				val := f.Message[strings.Index(f.Message, " is '")+4:]
				val = val[:strings.Index(val[1:], "'")+2]
				got = append(got, filepath.ToSlash(rel)+":"+strconv.Itoa(f.Span.Start.Line)+":"+strconv.Itoa(f.Span.Start.Col)+" "+val+" "+id)
				if !strings.Contains(f.Hint, "bin/magento config:set --lock-") {
					t.Errorf("hint without the config:set command: %s", f.Hint)
				}
			}
			slices.Sort(got)
			want := slices.Clone(c.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
			if !slices.Equal(dynamic, c.dynamic) {
				t.Errorf("OMS004 at %q, want %q", dynamic, c.dynamic)
			}
		})
	}
}
