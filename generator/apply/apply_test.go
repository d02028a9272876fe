package apply_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/generator"
	"github.com/omslint/omslint/generator/apply"
	"github.com/omslint/omslint/phpconf"
)

const (
	tClient = "Zq8vR2mN5kL7xP4tW9yB3cF6hJ1gD0sA"
	tSecret = "4b99a5fac220ab2f3feeff7fc31ab81d23c2ecd3963d6f2e174e22b91736fd63"
)

// testBlock is the block `generate --write` builds from these flags and
// the two secrets in the environment.
func testBlock(t *testing.T) *generator.Block {
	t.Helper()
	t.Setenv("OMS_OAUTH_CLIENT_SECRET", tClient)
	t.Setenv("OMS_SECRET", tSecret)
	b, _, err := generator.Build(generator.Input{Flags: map[string]string{
		"url": "https://mib.acme-retail.com/", "oauth-server-url": "https://oauth.acme-retail.com/",
		"application-id": "acme", "oauth-client-id": "acme-store"}, AllowUnset: true})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWrite(t *testing.T) {
	cases := []struct {
		name   string
		src    string // env.php before; "" when there is none
		opts   apply.Options
		want   apply.Result // Changes: each must be among the result's
		has    []string     // in the written file
		hasNot []string     // not in the written file
		left   []string     // rule IDs of the keys left
		err    string
		input  bool // the error is a failure.InputError naming the file
	}{
		{
			name: "no serviceBus", src: "<?php\nreturn [\n    'MAGE_MODE' => 'production'\n];\n",
			want: apply.Result{Written: true, Changes: []string{"added serviceBus", "added url (a literal)"}},
			has:  []string{"'MAGE_MODE' => 'production'", "'url' => 'https://mib.acme-retail.com/'", "'secret' => '" + tSecret + "'"},
		},
		{
			name: "already holds the block", src: "",
			opts: apply.Options{Create: true}, // written by the setup below, then again
		},
		{
			name: "partial block", src: "<?php\nreturn [\n    'serviceBus' => [\n        'url' => 'https://old.acme-retail.com/'\n    ]\n];\n",
			want: apply.Result{Written: true, Changes: []string{"replaced url (a literal -> a literal)", "added application_id (a literal)"}},
			has:  []string{"'url' => 'https://mib.acme-retail.com/'"}, hasNot: []string{"old.acme-retail.com"},
		},
		{
			name: "references kept", src: "<?php\nreturn [\n    'serviceBus' => [\n        'oauth_client_secret' => getenv('OMS_OAUTH_CLIENT_SECRET'),\n        'secret' => $_ENV['OMS_SECRET']\n    ]\n];\n",
			want:   apply.Result{Written: true, Changes: []string{"added url (a literal)"}},
			has:    []string{"getenv('OMS_OAUTH_CLIENT_SECRET')", "$_ENV['OMS_SECRET']"},
			hasNot: []string{tClient, tSecret},
		},
		{
			name: "OMS105 typo renamed", src: "<?php\nreturn [\n    'serviceBus' => [\n        'aplication_id' => 'old'\n    ]\n];\n",
			want: apply.Result{Written: true, Changes: []string{"renamed 'aplication_id' to 'application_id' (OMS105)", "replaced application_id (a literal -> a literal)"}},
			has:  []string{"'application_id' => 'acme'"}, hasNot: []string{"aplication_id"},
		},
		{
			name: "OMS102 block renamed", src: "<?php\nreturn [\n    'service_bus' => [\n        'url' => 'http://old/'\n    ]\n];\n",
			want: apply.Result{Written: true, Changes: []string{"renamed 'service_bus' to 'serviceBus' (OMS102)"}},
			has:  []string{"'serviceBus' => ["}, hasNot: []string{"service_bus", "http://old/"},
		},
		{
			name: "misspelling beside the right key is left", src: "<?php\nreturn [\n    'serviceBus' => [\n        'application_id' => 'acme',\n        'aplication_id' => 'acme'\n    ]\n];\n",
			want: apply.Result{Written: true},
			has:  []string{"'aplication_id' => 'acme'"}, left: []string{"OMS105"},
		},
		{
			name: "created", opts: apply.Options{Create: true},
			want: apply.Result{Created: true, Written: true, Changes: []string{"added url (a literal)"}},
			has:  []string{"<?php", "'serviceBus' => ["},
		},
		{
			name: "missing without --create",
			err:  "app/etc/env.php: does not exist (add --create to make a new env.php)", input: true,
		},
		{
			name: "not an array", src: "<?php\nreturn 42;\n",
			err: "app/etc/env.php", input: true,
		},
		{
			name: "serviceBus not an array", src: "<?php\nreturn [\n    'serviceBus' => 'off'\n];\n",
			err: "app/etc/env.php: 3:21: serviceBus holds", input: true,
		},
		{
			name: "syntax error", src: "<?php\nreturn [\n    'serviceBus' => [\n",
			err: "app/etc/env.php",
		},
	}
	b := testBlock(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			path := filepath.Join(root, "app", "etc", "env.php")
			if c.src != "" {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(c.src), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if c.name == "already holds the block" {
				if _, err := apply.Write(path, b, c.opts); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := os.ReadFile(path)
			res, err := apply.Write(path, b, c.opts)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want one naming %q", err, c.err)
				}
				var in *failure.InputError
				if c.input && (!errors.As(err, &in) || in.Path != path) {
					t.Errorf("err = %T %v, want a failure.InputError on %s", err, err, path)
				}
				if after, _ := os.ReadFile(path); string(after) != string(before) {
					t.Errorf("a refused write changed the file:\n%s", after)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Created != c.want.Created || res.Written != c.want.Written {
				t.Errorf("Created %v Written %v, want %v %v", res.Created, res.Written, c.want.Created, c.want.Written)
			}
			for _, ch := range c.want.Changes {
				if !slices.Contains(res.Changes, ch) {
					t.Errorf("changes lack %q:\n%s", ch, strings.Join(res.Changes, "\n"))
				}
			}
			for _, ch := range res.Changes {
				if strings.Contains(ch, tClient) || strings.Contains(ch, tSecret) || strings.Contains(ch, "acme-retail") {
					t.Errorf("a change shows a value: %q", ch)
				}
			}
			var left []string
			for _, f := range res.Left {
				left = append(left, f.Rule)
			}
			if !slices.Equal(left, c.left) {
				t.Errorf("left %v, want %v", left, c.left)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Written && string(got) != string(before) {
				t.Errorf("unchanged, but the file changed")
			}
			for _, s := range c.has {
				if !strings.Contains(string(got), s) {
					t.Errorf("env.php lacks %q:\n%s", s, got)
				}
			}
			for _, s := range c.hasNot {
				if strings.Contains(string(got), s) {
					t.Errorf("env.php still holds %q:\n%s", s, got)
				}
			}
			if _, err := phpconf.Parse(path, got, phpconf.Options{}); err != nil {
				t.Errorf("written env.php does not parse: %v", err)
			}
			if res.Created {
				if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o640 {
					t.Errorf("created with mode %v (%v), want 0640", st.Mode().Perm(), err)
				}
			}
		})
	}
}

func TestWriteMissingIsInputError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app", "etc", "env.php")
	_, err := apply.Write(path, testBlock(t), apply.Options{})
	var in *failure.InputError
	if !errors.As(err, &in) || in.Path != path {
		t.Fatalf("err = %T %v, want a failure.InputError naming %s", err, err, path)
	}
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused write made %s", filepath.Dir(path))
	}
}

func TestWriteSymlinkOutOfRoot(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	real := filepath.Join(outside, "env.php")
	if err := os.WriteFile(real, []byte("<?php\nreturn [];\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "app", "etc"), 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, "app", "etc", "env.php")
	if err := os.Symlink(real, path); err != nil {
		t.Fatal(err)
	}
	b := testBlock(t)
	if _, err := apply.Write(path, b, apply.Options{}); err == nil {
		t.Fatal("wrote through a link out of the Magento root without --follow-symlinks")
	}
	if got, _ := os.ReadFile(real); string(got) != "<?php\nreturn [];\n" {
		t.Fatalf("the refused write changed the target:\n%s", got)
	}
	var log strings.Builder
	o := apply.Options{Log: &log}
	o.Write.FollowSymlinks = true
	res, err := apply.Write(path, b, o)
	if err != nil || !res.Written {
		t.Fatalf("--follow-symlinks: %v %+v", err, res)
	}
	if !strings.Contains(log.String(), "--follow-symlinks: writing "+real) {
		t.Errorf("the log does not say where it wrote: %q", log.String())
	}
}

func TestTargetAndRoot(t *testing.T) {
	dir := t.TempDir()
	shop := filepath.Join(dir, "shop")
	if err := os.MkdirAll(filepath.Join(shop, "app", "etc"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shop, "app", "etc", "config.php"), []byte("<?php\nreturn ['modules' => []];\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(shop, "app", "code"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		cwd, arg, want, err string
	}{
		{cwd: dir, arg: "shop", want: "shop/app/etc/env.php"},                    // a folder: its env.php
		{cwd: dir, arg: "shop/app/etc/env.php", want: "shop/app/etc/env.php"},    // a file, existing or not
		{cwd: dir, arg: "other/env.staging.php", want: "other/env.staging.php"},  // any path as given
		{cwd: filepath.Join(shop, "app", "code"), want: "../../app/etc/env.php"}, // no PATH: the root upward
		{cwd: filepath.Join(shop, "app", "code"), arg: "-", want: "../../app/etc/env.php"},
		{cwd: shop, want: "app/etc/env.php"},
		{cwd: filepath.Join(dir, "empty"), err: "give --write PATH"},
	}
	for _, c := range cases {
		t.Run(c.cwd+" "+c.arg, func(t *testing.T) {
			t.Chdir(c.cwd)
			got, err := apply.Target(c.arg)
			if c.err != "" {
				var in *failure.InputError
				if !errors.As(err, &in) || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want an input error saying %q", err, c.err)
				}
				return
			}
			if err != nil || filepath.ToSlash(got) != c.want {
				t.Fatalf("Target(%q) = %q, %v; want %q", c.arg, got, err, c.want)
			}
		})
	}
	for target, want := range map[string]string{
		"app/etc/env.php":             ".",
		"shop/app/etc/env.php":        "shop",
		"/srv/shop/app/etc/env.php":   "/srv/shop",
		"other/env.staging.php":       "other",
		"shop/app/etc/../etc/env.php": "shop",
	} {
		if got := filepath.ToSlash(apply.Root(target)); got != want {
			t.Errorf("Root(%q) = %q, want %q", target, got, want)
		}
	}
}
