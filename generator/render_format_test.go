package generator

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRenderFormats(t *testing.T) {
	t.Setenv("OMS_OAUTH_CLIENT_SECRET", "Zq8vR2mN5kL7xP4tW9yB3cF6hJ1gD0sA")
	t.Setenv("OMS_SECRET", "4b99a5fac220ab2f3feeff7fc31ab81d23c2ecd3963d6f2e174e22b91736fd63")
	b, _, err := Build(Input{Flags: map[string]string{
		"url": "https://mib.acme-retail.com/", "oauth-server-url": "https://oauth.acme-retail.com/",
		"application-id": "acme", "oauth-client-id": "acme-store"}})
	if err != nil {
		t.Fatal(err)
	}
	check := map[string]func(string) bool{
		"php": func(s string) bool {
			// At env.php's depth: inside `return [`, one level in.
			return strings.HasPrefix(s, "    'serviceBus' => [\n") && strings.Contains(s, "\n        'url' => 'https://mib.acme-retail.com/',")
		},
		"env": func(s string) bool {
			return strings.HasPrefix(s, "MAGENTO_DC__OVERRIDE='{") && strings.HasSuffix(s, "}'")
		},
		"env-file": func(s string) bool {
			return strings.HasPrefix(s, "MAGENTO_DC__OVERRIDE={") && strings.HasSuffix(s, "}")
		},
		"override": func(s string) bool {
			var v map[string]map[string]any
			return json.Unmarshal([]byte(s), &v) == nil && v["serviceBus"]["application_id"] == "acme"
		},
		"json": func(s string) bool {
			var v map[string]any
			return json.Unmarshal([]byte(s), &v) == nil && strings.Contains(s, "\n  \"") && strings.Contains(s, "oauth_client_id")
		},
	}
	if len(check) != len(Formats) {
		t.Fatalf("%d formats, %d checked", len(Formats), len(check))
	}
	for _, f := range Formats {
		out, err := b.Render(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !check[f](out) {
			t.Errorf("%s: unexpected output: %q", f, out)
		}
	}
	if _, err := b.Render("yaml"); err == nil || !strings.Contains(err.Error(), "php, env, env-file, override, json") {
		t.Errorf("unknown format: %v", err)
	}
}

func TestRenderPlanFormats(t *testing.T) {
	h := PlanHeader{Root: "shop"}
	steps := []Step{{ID: "modules", Kind: KindCommand, Title: "Enable the connector modules", Command: []string{"bin/magento", "module:enable", "Magento_InventoryMessageBus"}, Why: "config.php disables it"}}
	for _, c := range []struct {
		format string
		ok     func(string) bool
	}{
		{"text", func(s string) bool {
			return strings.Contains(s, "Enable the connector modules") && !strings.HasPrefix(s, "#!")
		}},
		{"sh", func(s string) bool {
			return strings.HasPrefix(s, "#!") && strings.Contains(s, "bin/magento module:enable Magento_InventoryMessageBus")
		}},
		{"json", func(s string) bool {
			var v struct {
				Root  string `json:"root"`
				Steps []any  `json:"steps"`
			}
			return json.Unmarshal([]byte(s), &v) == nil && v.Root == "shop" && len(v.Steps) == 1
		}},
	} {
		out, err := RenderPlan(c.format, h, steps)
		if err != nil || !c.ok(out) {
			t.Errorf("%s: %v\n%s", c.format, err, out)
		}
	}
	if _, err := RenderPlan("html", h, steps); err == nil {
		t.Error("unknown plan format accepted")
	}
}
