package magento

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Role is what a file is to omslint, and so which rules read it.
type Role string

// The roles (lint --as ROLE).
const (
	RoleEnv          Role = "env"
	RoleConfig       Role = "config"
	RoleComposerJSON Role = "composer-json"
	RoleComposerLock Role = "composer-lock"
	RoleAuth         Role = "auth"
)

// Roles lists the roles in the order --help shows them.
var Roles = []Role{RoleEnv, RoleConfig, RoleComposerJSON, RoleComposerLock, RoleAuth}

// RoleNames is "env, config, composer-json, composer-lock, auth".
func RoleNames() string {
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// ParseRole reads a --as value.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if strings.EqualFold(s, string(r)) {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q (want one of %s)", s, RoleNames())
}

// FileName is the name a role's file has in a Magento root, for messages.
func (r Role) FileName() string {
	switch r {
	case RoleEnv:
		return "env.php"
	case RoleConfig:
		return "config.php"
	case RoleComposerJSON:
		return "composer.json"
	case RoleComposerLock:
		return "composer.lock"
	case RoleAuth:
		return "auth.json"
	}
	return string(r)
}

// RoleOf returns the role a file's name gives it (docs/usage.md "File
// roles"); ok is false when the name tells nothing:
//   - config.php → config
//   - env.php, and copies and templates of it: env.php.* (env.php.dist,
//     env.php.sample, env.php.bak, env.php.orig, …), env.php~, and
//     env.*.php (env.local.php, env.prod.php, env.dist.php) → env
//   - composer.json, composer.lock, auth.json → their own roles.
//
// Only the base name counts, compared exactly (Magento's names are lower
// case).
func RoleOf(path string) (Role, bool) {
	name := filepath.Base(filepath.FromSlash(path))
	switch name {
	case "config.php":
		return RoleConfig, true
	case "env.php", "env.php~":
		return RoleEnv, true
	case "composer.json":
		return RoleComposerJSON, true
	case "composer.lock":
		return RoleComposerLock, true
	case "auth.json":
		return RoleAuth, true
	}
	if strings.HasPrefix(name, "env.php.") && len(name) > len("env.php.") {
		return RoleEnv, true
	}
	if strings.HasPrefix(name, "env.") && strings.HasSuffix(name, ".php") && len(name) > len("env..php") {
		return RoleEnv, true
	}
	return "", false
}

// envTemplateSuffixes mark an env.php template: a file made to be
// committed and copied, which holds no real secrets by design.
var envTemplateSuffixes = []string{"dist", "sample", "example", "template", "tpl", "default"}

// IsEnvTemplate reports whether a file name is an env.php template meant
// to be committed (env.php.dist, env.sample.php, …): the file-safety rules
// OMS401 and OMS402 do not apply to it. A backup (env.php.bak, env.php~)
// or another environment's copy (env.prod.php) is not a template: it holds
// real secrets.
func IsEnvTemplate(path string) bool {
	name := filepath.Base(filepath.FromSlash(path))
	var mid string
	switch {
	case strings.HasPrefix(name, "env.php."):
		mid = strings.TrimPrefix(name, "env.php.")
	case strings.HasPrefix(name, "env.") && strings.HasSuffix(name, ".php"):
		mid = strings.TrimSuffix(strings.TrimPrefix(name, "env."), ".php")
	default:
		return false
	}
	for _, part := range strings.Split(strings.ToLower(mid), ".") {
		for _, s := range envTemplateSuffixes {
			if part == s {
				return true
			}
		}
	}
	return false
}

// RoleError is a file whose role its name does not tell: the CLI maps it
// to exit code 2 (a usage error).
type RoleError struct{ Path string }

func (e *RoleError) Error() string {
	return fmt.Sprintf("%s: cannot tell from its name which file this is; give --as ROLE (%s)", e.Path, RoleNames())
}
