// Package schematest compiles the JSON Schemas the repository documents
// (docs/omslint.schema.json for the config file, docs/output.schema.json
// for --format json), for the tests that hold files and output to them.
package schematest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Compile reads the schema at path and compiles it; any error fails t.
// With formats, "format" keywords (date-time, uri, ...) are asserted too.
func Compile(t testing.TB, path string, formats bool) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if formats {
		c.AssertFormat()
	}
	name := filepath.Base(path)
	if err := c.AddResource(name, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
