package rules_test

import (
	"strings"
	"testing"
)

// OMS001 on Composer files: a file that is not valid JSON is reported where
// the JSON stops (line:col as `composer validate` gives it); a valid or
// absent one is not.
func TestOMS001ComposerFiles(t *testing.T) {
	const okJSON = `{"require": {"magento/product-community-edition": "2.4.7"}}`
	runRootCases(t, "OMS001", []rootCase{
		{"valid files", map[string]string{"composer.json": okJSON, "composer.lock": `{"packages": []}`, "auth.json": `{}`}, nil},
		{"trailing comma in composer.json", map[string]string{
			"composer.json": "{\n    \"require\": {\n        \"magento/framework\": \"*\",\n    }\n}\n"}, []string{"composer.json:4:5"}},
		{"truncated composer.lock", map[string]string{
			"composer.json": okJSON, "composer.lock": "{\n  \"packages\": [\n    {\"name\": \"magento/mcom-connector\", \"version\": \"3.4.0\"}\n"},
			[]string{"composer.lock:4:1"}},
		{"comment in auth.json", map[string]string{"auth.json": "{\n  // tokens\n  \"http-basic\": {}\n}\n"}, []string{"auth.json:2:3"}},
		{"not JSON at all", map[string]string{"composer.json": "root:x:0:0::/root:/bin/sh\n"}, []string{"composer.json:1:1"}},
		{"empty file", map[string]string{"auth.json": ""}, []string{"auth.json:1:1"}},
		{"BOM before composer.json", map[string]string{"composer.json": "\xef\xbb\xbf" + okJSON}, []string{"composer.json:1:1"}},
		{"BOM before every file", map[string]string{"composer.json": "\xef\xbb\xbf" + okJSON, "composer.lock": "\xef\xbb\xbf{\"packages\": []}", "auth.json": "\xef\xbb\xbf{}"},
			[]string{"auth.json:1:1", "composer.json:1:1", "composer.lock:1:1"}},
		{"BOM and broken: one finding", map[string]string{"composer.json": "\xef\xbb\xbf{"}, []string{"composer.json:1:2"}},
		{"BOM-like bytes later", map[string]string{"composer.json": "{\"name\": \"a\xef\xbb\xbfb\"}"}, nil},
		{"all three broken", map[string]string{"composer.json": "{", "composer.lock": "[1,]", "auth.json": "{\"a\" 1}"},
			[]string{"auth.json:1:6", "composer.json:1:2", "composer.lock:1:4"}},
	})
}

// A stray character of a broken auth.json may be part of a password: the
// message masks it, while JSON punctuation stays visible.
func TestOMS001ComposerMessageMasksStrayCharacter(t *testing.T) {
	root := writeRoot(t, map[string]string{"auth.json": `{"http-basic": {"repo.example.com": {"username": "u", "password": "ab"cd"}}}`})
	_, fs := lintRoot(t, root, "OMS001")
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	if msg := fs[0].Message; strings.Contains(msg, "'c'") || !strings.Contains(msg, "********") {
		t.Errorf("message %q: want the stray character masked", msg)
	}
	root = writeRoot(t, map[string]string{"composer.json": `{"a": 1,}`})
	if _, fs = lintRoot(t, root, "OMS001"); len(fs) != 1 || !strings.Contains(fs[0].Message, "'}'") {
		t.Errorf("want the '}' quoted: %v", fs)
	}
}
