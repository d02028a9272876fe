package docs_test

import (
	"os"
	"strings"
	"testing"
)

// TestConfigurationSources lints every example of
// configuration-sources.md (each "### " section with its files and a
// ```text output``` block, whose info string may add --env-file FILE or
// --resolve-env) and checks the recorded output (-update-docs rewrites it).
func TestConfigurationSources(t *testing.T) {
	const path = "configuration-sources.md"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(raw)
	parts := strings.Split(page, "\n### ")
	n := 0
	for i := 1; i < len(parts); i++ {
		sec := "### " + parts[i]
		if !strings.Contains(sec, "```text output") {
			continue
		}
		n++
		title := strings.SplitN(parts[i], "\n", 2)[0]
		var got string
		t.Run(title, func(t *testing.T) {
			out, ok := runExample(t, sec)
			if !ok {
				t.Fatal("the example needs a ```php file=...``` block")
			}
			got = out
		})
		if updated := replaceOutput(sec, got); updated != sec {
			if !*updateDocs {
				t.Errorf("%s: recorded output is stale (go test ./docs -update-docs); the tool prints:\n%s", title, got)
				continue
			}
			parts[i] = strings.TrimPrefix(updated, "### ")
		}
	}
	if n < 3 {
		t.Errorf("%d examples, want at least 3", n)
	}
	if *updateDocs {
		if err := os.WriteFile(path, []byte(strings.Join(parts, "\n### ")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
