package magento

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links")
	}
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func TestIsRoot(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  bool
	}{
		{"env.php", map[string]string{EnvPHPPath: "<?php return [];"}, true},
		{"config.php only (a repository)", map[string]string{ConfigPHPPath: "<?php return [];"}, true},
		{"composer.json requires the product", map[string]string{ComposerJSONPath: `{"require": {"magento/product-community-edition": "2.4.6"}}`}, true},
		{"enterprise edition", map[string]string{ComposerJSONPath: `{"require": {"magento/product-enterprise-edition": "2.4.6"}}`}, true},
		{"magento2-base in require-dev", map[string]string{ComposerJSONPath: `{"require-dev": {"magento/magento2-base": "*"}}`}, true},
		{"framework", map[string]string{ComposerJSONPath: `{"require": {"Magento/Framework": "*"}}`}, true},
		{"cloud metapackage", map[string]string{ComposerJSONPath: `{"require": {"magento/magento-cloud-metapackage": ">=2.4.6 <2.4.7"}}`}, true},
		{"mage-os", map[string]string{ComposerJSONPath: `{"require": {"mage-os/product-community-edition": "1.0"}}`}, true},
		{"the connector alone", map[string]string{ComposerJSONPath: `{"require": {"magento/module-service-bus": "*"}}`}, true},
		{"another PHP project", map[string]string{ComposerJSONPath: `{"require": {"laravel/framework": "^11", "magento/zend-cache": "*"}}`}, false},
		{"a product name that is no edition", map[string]string{ComposerJSONPath: `{"require": {"magento/product-recommendations": "*"}}`}, false},
		{"invalid composer.json", map[string]string{ComposerJSONPath: `{"require": {"magento/framework": }`}, false},
		{"env.php is a folder", map[string]string{EnvPHPPath + "/x": ""}, false},
		{"empty", map[string]string{}, false},
	}
	for _, c := range cases {
		dir := t.TempDir()
		writeFiles(t, dir, c.files)
		if got := IsRoot(dir); got != c.want {
			t.Errorf("%s: IsRoot = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestFindRootUpward(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{ConfigPHPPath: "<?php return [];", "app/code/Acme/M/etc/module.xml": ""})
	got, err := FindRoot(filepath.Join(dir, "app/code/Acme/M/etc"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.EvalSymlinks(dir)
	if g, _ := filepath.EvalSymlinks(got); g != want {
		t.Errorf("FindRoot = %s, want %s", got, dir)
	}
	if _, err := FindRoot(t.TempDir()); err == nil || !strings.Contains(err.Error(), "composer.json that requires Magento") {
		t.Errorf("no root: err = %v, want the definition named", err)
	}
}

func TestRoleOf(t *testing.T) {
	cases := map[string]Role{
		"app/etc/config.php": RoleConfig, "config.php": RoleConfig,
		"app/etc/env.php": RoleEnv, "env.php.dist": RoleEnv, "env.php.sample": RoleEnv, "env.php.bak": RoleEnv,
		"env.php~": RoleEnv, "env.local.php": RoleEnv, "deploy/env.prod.php": RoleEnv, "env.dist.php": RoleEnv,
		"composer.json": RoleComposerJSON, "x/composer.lock": RoleComposerLock, "auth.json": RoleAuth,
	}
	for name, want := range cases {
		if got, ok := RoleOf(name); !ok || got != want {
			t.Errorf("RoleOf(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	for _, name := range []string{"broken.php", "env.php.", "env..php", "Env.php", "config.php.dist", "composer.json.bak", "myenv.php", "-"} {
		if got, ok := RoleOf(name); ok {
			t.Errorf("RoleOf(%q) = %q, want no role", name, got)
		}
	}
	if r, err := ParseRole("Composer-Lock"); err != nil || r != RoleComposerLock {
		t.Errorf("ParseRole: %q %v", r, err)
	}
	if _, err := ParseRole("yaml"); err == nil || !strings.Contains(err.Error(), "env, config, composer-json, composer-lock, auth") {
		t.Errorf("ParseRole(yaml) = %v", err)
	}
}

func TestIsEnvTemplate(t *testing.T) {
	for name, want := range map[string]bool{
		"env.php.dist": true, "env.php.sample": true, "env.sample.php": true, "env.php.example": true,
		"env.dist.php": true, "env.php.tpl": true, "env.docker.dist.php": true,
		"env.php": false, "env.php.bak": false, "env.php~": false, "env.prod.php": false, "env.php.orig": false,
	} {
		if got := IsEnvTemplate(name); got != want {
			t.Errorf("IsEnvTemplate(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestWalkRootsLinksAndDeploys: links out of the tree are not walked, a
// deploy folder is its current release, a module's composer.json inside a
// root is no root.
func TestWalkRootsLinksAndDeploys(t *testing.T) {
	base := t.TempDir()
	tree := filepath.Join(base, "tree")
	writeFiles(t, base, map[string]string{
		"outside/app/etc/env.php":                      "<?php return [];",
		"tree/shop/app/etc/config.php":                 "<?php return [];",
		"tree/shop/app/code/Acme/M/composer.json":      `{"require": {"magento/framework": "*"}}`,
		"tree/shop/dev/app/etc/config.php":             "<?php return [];",
		"tree/deploy/releases/1/app/etc/config.php":    "<?php return [];",
		"tree/deploy/releases/2/app/etc/config.php":    "<?php return [];",
		"tree/deploy/shared/app/etc/env.php":           "<?php return [];",
		"tree/inner/app/etc/env.php":                   "<?php return [];",
		"tree/vendor/magento/x/app/etc/config.php":     "<?php return [];",
		"tree/deploy/releases/2/generated/app/etc/x.p": "",
	})
	symlink(t, "releases/2", filepath.Join(tree, "deploy/current"))
	symlink(t, filepath.Join(tree, "deploy/releases/1"), filepath.Join(tree, "deploy/release")) // Deployer, mid-deploy
	symlink(t, "../../../../shared/app/etc/env.php", filepath.Join(tree, "deploy/releases/2/app/etc/env.php"))
	symlink(t, filepath.Join(base, "outside"), filepath.Join(tree, "out"))
	symlink(t, "/", filepath.Join(tree, "slash"))
	symlink(t, "inner", filepath.Join(tree, "again")) // a second way in
	symlink(t, "..", filepath.Join(tree, "inner/up")) // a loop
	roots, errs, out := findRootsCounting(tree)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var rel []string
	for _, r := range roots {
		p, _ := filepath.Rel(tree, r)
		rel = append(rel, filepath.ToSlash(p))
	}
	want := []string{"deploy/current", "inner", "shop", "shop/dev"}
	if !reflect.DeepEqual(rel, want) {
		t.Errorf("roots %v, want %v", rel, want)
	}
	if out != 2 {
		t.Errorf("%d links out of the tree counted, want 2 (out, slash)", out)
	}
	if cur, ok := DeployCurrent(filepath.Join(tree, "deploy")); !ok || cur != filepath.Join(tree, "deploy/current") {
		t.Errorf("DeployCurrent = %q, %v", cur, ok)
	}
	if err := NotRootError(filepath.Join(tree, "deploy")); !strings.Contains(err.Error(), "deploy/current") {
		t.Errorf("NotRootError = %v, want the current release named", err)
	}
	// Given itself, a link is searched (the user named it).
	roots, _ = findRoots(filepath.Join(tree, "out"))
	if len(roots) != 1 {
		t.Errorf("roots of a link given = %v, want its target's root", roots)
	}
}
