package effective

import (
	"strings"
	"testing"

	"github.com/omslint/omslint/phpconf"
)

// Leaf reads a top-level key as Magento's single-key get() does: env.php
// over config.php, the override over both, references resolved.
func TestLeaf(t *testing.T) {
	cfg := "<?php\nreturn ['MAGE_MODE' => 'developer'];\n"
	p := project(cfg, "<?php\nreturn ['MAGE_MODE' => getenv('MODE') ?: 'production'];\n")
	cases := []struct {
		name  string
		p     func() *Entry
		value string
		layer string
		path  string
	}{
		{"config.php alone", func() *Entry { return Leaf(project(cfg, "<?php\nreturn [];\n"), nil, "MAGE_MODE") }, "developer", LayerConfig, "MAGE_MODE"},
		{"env.php over config.php, fallback", func() *Entry { return Leaf(p, nil, "MAGE_MODE") }, "production", LayerEnv, "MAGE_MODE"},
		{"env.php, resolved", func() *Entry { return Leaf(p, NewEnv([]string{"MODE=developer"}), "MAGE_MODE") }, "developer", LayerEnv, "MAGE_MODE"},
		{"the override over both", func() *Entry {
			return Leaf(p, NewEnv([]string{`MAGENTO_DC__OVERRIDE={"MAGE_MODE":"#env(M, \"default\")"}`}), "MAGE_MODE")
		}, "default", OverrideVar, "MAGE_MODE"},
	}
	for _, c := range cases {
		e := c.p()
		if e == nil || e.Value == nil || e.Value.Kind != phpconf.KindString || e.Value.Str != c.value || e.Origin.Layer != c.layer || e.Path() != c.path {
			t.Errorf("%s: %+v", c.name, e)
		}
	}
	if Leaf(p, nil, "NOPE") != nil {
		t.Error("a key no layer sets")
	}
}

// Expr evaluates getenv()/$_ENV in a section Magento loads whole; a
// placeholder there is not an expression (it stays the text).
func TestExpr(t *testing.T) {
	p := project("", "<?php\nreturn ['system' => ['default' => ['x' => getenv('SC'), 'y' => '#env(SC)', 'z' => FOO]]];\n")
	d := p.Env.Tree.Root.Get("system").Value.Array.Get("default").Value.Array
	if e := Expr(LayerEnv, p.Env, d.Get("x"), NewEnv([]string{"SC=chan-1"})); e == nil || e.Value.Str != "chan-1" || e.Origin.Via == nil || e.Path() != "system.default.x" {
		t.Errorf("getenv resolved: %+v", e)
	}
	if e := Expr(LayerEnv, p.Env, d.Get("x"), nil); e == nil || e.Value != nil || e.Ref.Name != "SC" {
		t.Errorf("getenv, environment unknown: %+v", e)
	}
	if Expr(LayerEnv, p.Env, d.Get("y"), NewEnv([]string{"SC=chan-1"})) != nil || Expr(LayerEnv, p.Env, d.Get("z"), nil) != nil {
		t.Error("a placeholder or another expression is not evaluated")
	}
	// The values the rules read from the environment outside serviceBus
	// are masked too.
	p = project("", "<?php\nreturn ['MAGE_MODE' => getenv('MODE'), 'system' => ['websites' => ['base' => ['mcom_configuration' => ['general' => ['store_id' => getenv('SC')]]]]]];\n")
	var vals []string
	for _, v := range EnvValues(p, NewEnv([]string{"MODE=developer", "SC=chan-9", "OTHER=x"})) {
		vals = append(vals, v.Name+"="+v.Value)
	}
	if strings.Join(vals, ",") != "MODE=developer,SC=chan-9" {
		t.Errorf("values to mask: %q", vals)
	}
}
