package engine

import (
	"github.com/omslint/omslint/internal/testcorpus"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/omslint/omslint/phpconf"
)

// corpusFault is one way to break a connector setup that --fix repairs.
type corpusFault struct {
	rename    bool // 'service_bus' instead of 'serviceBus' (OMS102)
	drop      bool // no secure_endpoint (OMS104)
	strings   bool // 'true' for secure_endpoint (OMS106)
	noSlash   bool // URLs without their final '/' (OMS112)
	typo      bool // 'aplication_id' (OMS105)
	msi       bool // an MSI module set to 1 in config.php (OMS201)
	busOff    bool // Magento_InventoryMessageBus 0 (OMS202)
	connector bool // a connector module 0 (OMS203)
}

var corpusFaults = map[string]corpusFault{
	"rename":    {rename: true},
	"drop":      {drop: true},
	"strings":   {strings: true},
	"slash":     {noSlash: true},
	"msi":       {msi: true},
	"all":       {rename: true, drop: true, noSlash: true, typo: true, msi: true, busOff: true, connector: true},
	"all-bools": {rename: true, strings: true, noSlash: true, typo: true, msi: true},
}

// TestFixCorpus injects fixable faults into every parseable corpus file,
// in the file's own layout (a serviceBus block added as its writer would
// add it, a config.php written in the same layout), keeping the file's
// comments and getenv() calls, and checks the fix properties on each.
func TestFixCorpus(t *testing.T) {
	// The shared corpus of real env.php files (see its SOURCES.md).
	names := testcorpus.Files(t, "envphp", "*.php")
	if len(names) == 0 {
		t.Skip("no shared corpus")
	}
	n := 0
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := phpconf.Parse(filepath.Base(name), src, phpconf.Options{})
		if err != nil || f.Err != nil || f.Root == nil {
			continue
		}
		for fname, fault := range corpusFaults {
			if testing.Short() && !strings.HasPrefix(fname, "all") {
				continue
			}
			t.Run(strings.TrimSuffix(filepath.Base(name), ".php")+"/"+fname, func(t *testing.T) {
				env, config := injectFaults(t, f, fault)
				root := t.TempDir()
				etc := filepath.Join(root, "app", "etc")
				if err := os.MkdirAll(etc, 0o755); err != nil {
					t.Fatal(err)
				}
				for file, data := range map[string][]byte{"env.php": env, "config.php": config} {
					if err := os.WriteFile(filepath.Join(etc, file), data, 0o600); err != nil {
						t.Fatal(err)
					}
				}
				checkFixProperties(t, root)
			})
			n++
		}
	}
	if n == 0 {
		t.Fatal("no parseable corpus file")
	}
}

// injectFaults returns f's source with a faulty serviceBus block added as
// the last top-level key, and a config.php in f's layout.
func injectFaults(t *testing.T, f *phpconf.File, fault corpusFault) (env, config []byte) {
	t.Helper()
	url, oauth := "https://mib.acme-retail.com/", "https://oauth.acme-retail.com/"
	if fault.noSlash {
		url, oauth = "https://mib.acme-retail.com/api", "https://oauth.acme-retail.com"
	}
	appKey := "application_id"
	if fault.typo {
		appKey = "aplication_id"
	}
	sb := []phpconf.KV{
		{Key: "url", Raw: phpconf.PHPString(url)},
		{Key: "oauth_server_url", Raw: phpconf.PHPString(oauth)},
		{Key: "oauth_client_id", Raw: phpconf.PHPString("acme-store-prod")},
		{Key: "oauth_client_secret", Raw: phpconf.PHPString("q8Zr2LmW4vT9xK1pN6sB3dF7hJ0cY5eA")},
		{Key: appKey, Raw: phpconf.PHPString("acme-magento")},
		{Key: "secret", Raw: phpconf.PHPString("3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e2b4d6f0a9c1e3b5d7f2a4c6e8b0d1f3a")},
	}
	switch {
	case fault.drop:
	case fault.strings:
		sb = append(sb, phpconf.KV{Key: "secure_endpoint", Raw: "'true'"})
	default:
		sb = append(sb, phpconf.KV{Key: "secure_endpoint", Raw: "true"})
	}
	key := "serviceBus"
	if fault.rename {
		key = "service_bus"
	}
	st := phpconf.DetectStyle(f, f.Root)
	e := phpconf.InsertElement(f, f.Root, key, phpconf.FormatArray(sb, st, st.ElemIndent))
	env, _, skipped := phpconf.Apply(f.Src, []phpconf.Edit{e})
	if len(skipped) > 0 {
		t.Fatal("cannot insert the serviceBus block")
	}

	flag := func(on bool) string {
		if on {
			return "1"
		}
		return "0"
	}
	mods := []phpconf.KV{
		{Key: "Magento_Store", Raw: "1"},
		{Key: "Magento_Inventory", Raw: "0"},
		{Key: "Magento_InventoryApi", Raw: flag(fault.msi)},
		{Key: "Magento_InventoryMessageBus", Raw: flag(!fault.busOff)},
		{Key: "Magento_ServiceBus", Raw: "1"},
		{Key: "Magento_SalesMessageBus", Raw: flag(!fault.connector)},
	}
	rst := phpconf.DetectStyle(f, f.Root)
	nl := rst.Newline
	text := "<?php" + nl + "return " + phpconf.FormatArray([]phpconf.KV{phpconf.Nested("modules", mods...)}, rst, "") + ";"
	if len(f.Src) > 0 && f.Src[len(f.Src)-1] == '\n' {
		text += nl
	}
	return env, []byte(text)
}
