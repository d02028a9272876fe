package engine

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/omslint/omslint/internal/schematest"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/report"
)

// outputSchema compiles docs/output.schema.json, the documented shape of
// --format json.
func outputSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return schematest.Compile(t, "../docs/output.schema.json", true)
}

func validateJSON(t *testing.T, s *jsonschema.Schema, name string, data []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s does not match docs/output.schema.json: %v", name, err)
	}
}

// TestOutputSchema validates real JSON output against the schema: every
// golden lint.json (each is what TestGolden checks the tool prints), and
// runs made here for what the goldens do not show: --recursive with roots
// that cannot be read and a wrong config file, --fix, --min-severity and a
// baseline.
func TestOutputSchema(t *testing.T) {
	s := outputSchema(t)
	goldens, _ := filepath.Glob("../fixtures/cases/*/lint.json")
	if len(goldens) < 10 {
		t.Fatalf("only %d golden lint.json files", len(goldens))
	}
	for _, g := range goldens {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		validateJSON(t, s, g, data)
	}

	dir := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	env := "<?php\nreturn ['serviceBus' => ['url' => 'http://mib.example.com/api', 'secret' => 'short', 'secure_endpoint' => 'true']];\n"
	write("fleet/a/app/etc/env.php", env)
	write("fleet/b/app/etc/env.php", env)
	write("fleet/badcfg/app/etc/env.php", env)
	write("fleet/badcfg/.omslint.yaml", "nosuchkey: 1\n")
	write("fleet/broken/app/etc/env.php", env)
	if err := os.Mkdir(filepath.Join(dir, "fleet/broken/app/etc/config.php"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("auth/app/etc/env.php", env)
	write("auth/auth.json", `{"http-basic": {"mcom-connector.bcn.magento.com": {"username": "u", "password": "p"}}}`)
	t.Chdir(dir)

	runs := []struct {
		name string
		opts Options
		// check looks at the parsed report beyond the schema.
		wantErrors bool
	}{
		{"recursive with errors", Options{Paths: []string{"fleet"}, Recursive: true, FailOn: linter.Error}, true},
		{"min-severity", Options{Paths: []string{"fleet/a"}, FailOn: linter.Error, MinSeverity: linter.Error}, false},
		{"auth.json key with dots", Options{Paths: []string{"auth"}, FailOn: linter.Error}, false},
		{"fix", Options{Paths: []string{"fleet/b"}, FailOn: linter.Error, Fix: true}, false},
		{"write baseline", Options{Paths: []string{"fleet/a"}, FailOn: linter.Error, WriteBaseline: filepath.Join(dir, "baseline.json")}, false},
	}
	for _, r := range runs {
		out, err := Run(r.opts)
		if err != nil {
			t.Fatalf("%s: %v", r.name, err)
		}
		out.Result.ToolVersion = "dev"
		var b bytes.Buffer
		if err := report.Write(&b, "json", out.Result, report.Options{}); err != nil {
			t.Fatal(err)
		}
		validateJSON(t, s, r.name, b.Bytes())
		if got := len(out.Result.Errors) > 0; got != r.wantErrors {
			t.Errorf("%s: errors in the report %v, want %v", r.name, got, r.wantErrors)
		}
	}
}

// TestOutputSchemaRejects: the schema is not vacuous: output missing a
// summary field, with an unknown severity or an undocumented field fails.
func TestOutputSchemaRejects(t *testing.T) {
	s := outputSchema(t)
	base := `{"tool": {"name": "omslint", "version": "dev"}, "findings": [%s], "errors": [], "summary": %s}`
	summary := `{"files": 1, "errors": 1, "warnings": 0, "infos": 0, "fixed": 0, "suppressed": 0, "baselined": 0, "belowMinSeverity": 0, "fixable": 0}`
	finding := `{"rule": "OMS111", "name": "url-insecure", "severity": "%s", "message": "m", "file": "env.php", "line": 1, "column": 1, "endLine": 1, "endColumn": 2, "fixable": false, "fixed": false, "docsUrl": "https://example.com/x"%s}`
	ok := []byte(sprintf(base, sprintf(finding, "error", ""), summary))
	validateJSON(t, s, "a valid report", ok)
	for name, doc := range map[string]string{
		"summary without baselined": sprintf(base, "", `{"files": 1, "errors": 0, "warnings": 0, "infos": 0, "fixed": 0, "suppressed": 0, "belowMinSeverity": 0, "fixable": 0}`),
		"unknown severity":          sprintf(base, sprintf(finding, "fatal", ""), summary),
		"undocumented field":        sprintf(base, sprintf(finding, "error", `, "extra": 1`), summary),
		"key without keyPath":       sprintf(base, sprintf(finding, "error", `, "key": "a.b"`), summary),
		"no errors array":           `{"tool": {"name": "omslint", "version": "dev"}, "findings": [], "summary": ` + summary + `}`,
	} {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(doc)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if s.Validate(v) == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
