package config

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/omslint/omslint/internal/schematest"
)

const schemaPath = "../docs/omslint.schema.json"

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return schematest.Compile(t, schemaPath, false)
}

// yamlToJSON turns a config file into the JSON value the schema judges,
// the way an editor's YAML language server does.
func yamlToJSON(t *testing.T, src string) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(src), &v); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// TestSchemaAgrees keeps the schema and the parser saying the same thing:
// every file is checked by both, and they must agree on valid or not.
func TestSchemaAgrees(t *testing.T) {
	s := compileSchema(t)
	files := map[string]string{
		// The starter as written is all comments (an empty document);
		// its examples, uncommented, must be valid.
		"starter uncommented": uncomment(Starter()),
		"good":                goodFile,
		"empty":               "{}\n",
	}
	bad := map[string]string{
		"unknown key":    "fial-on: error\n",
		"bad enum":       "fail-on: fatal\n",
		"bad rule id":    "rules:\n  OMS12: off\n",
		"bad severity":   "rules:\n  OMS120: fatal\n",
		"no reason":      "ignore:\n  - path: a\n    rules: [OMS113]\n",
		"blank reason":   "ignore:\n  - path: a\n    rules: [OMS113]\n    reason: ' '\n",
		"empty rules":    "ignore:\n  - path: a\n    rules: []\n    reason: r\n",
		"abs path":       "ignore:\n  - path: /a\n    rules: [OMS113]\n    reason: r\n",
		"no kind":        "environments:\n  p:\n    service-bus: {}\n",
		"bad kind":       "environments:\n  p:\n    kind: prod\n",
		"env name":       "environments:\n  'a b':\n    kind: production\n",
		"sb unknown":     "environments:\n  p:\n    kind: production\n    service-bus:\n      oauth_client_id: x\n",
		"sb type":        "environments:\n  p:\n    kind: production\n    service-bus:\n      url: [a]\n",
		"sb bool":        "environments:\n  p:\n    kind: production\n    service-bus:\n      secure-endpoint: 'yes'\n",
		"partial ref":    "environments:\n  p:\n    kind: production\n    service-bus:\n      secret: a${B}\n",
		"channel key":    "environments:\n  p:\n    kind: production\n    sales-channels:\n      - stock: a\n",
		"secret-keys":    "secret-keys: [a..b]\n",
		"secret-keys 2":  "secret-keys: a.b\n",
		"channel scalar": "environments:\n  p:\n    kind: production\n    sales-channels: [a]\n",
	}
	for name, src := range files {
		t.Run("valid/"+name, func(t *testing.T) {
			if _, err := Parse("f", []byte(src)); err != nil {
				t.Errorf("parser rejects it: %v", err)
			}
			if err := s.Validate(yamlToJSON(t, src)); err != nil {
				t.Errorf("schema rejects it: %v", err)
			}
		})
	}
	for name, src := range bad {
		t.Run("invalid/"+name, func(t *testing.T) {
			if _, err := Parse("f", []byte(src)); err == nil {
				t.Error("parser accepts it")
			}
			if err := s.Validate(yamlToJSON(t, src)); err == nil {
				t.Error("schema accepts it")
			}
		})
	}
}
