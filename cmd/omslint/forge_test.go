package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var allFormats = []string{"text", "json", "sarif", "github", "checkstyle", "junit", "codequality"}

// TestOutputCannotBeForged: key and folder names with control characters
// (a newline followed by a GitHub workflow command, ESC sequences, line
// separators, bidi overrides, raw in a snippet) reach no format raw: no
// forged line, no terminal sequence (issue 15).
func TestOutputCannotBeForged(t *testing.T) {
	dir := t.TempDir()
	root := "shop\x1b[31m"
	if err := os.MkdirAll(filepath.Join(dir, root, "app/etc"), 0o755); err != nil {
		t.Skip(err) // a file system that refuses the name
	}
	writeBytes(t, filepath.Join(dir, root, "app/etc/env.php"), []byte("<?php\nreturn [\n    'serviceBus' => [\n"+
		"        \"x\\n::error file=evil::pwned\" => 1,\n"+ // a PHP escape: the key holds a newline
		"        'raw\x1b[2J\u2028::error file=evil::raw' => 2,\n"+ // raw bytes in the source line
		"        \"bidi\\u{202E}txt.php\" => 3,\n"+
		"    ],\n];\n"))
	for _, format := range allFormats {
		t.Run(format, func(t *testing.T) {
			res := runCLI(t, dir, "", "lint", "--format", format, root)
			if res.code != 1 {
				t.Fatalf("exit %d\n%s", res.code, res.stderr)
			}
			out := res.stdout + res.stderr
			if !strings.Contains(out, "pwned") {
				t.Fatalf("the hostile key is not reported at all:\n%.2000s", out)
			}
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(strings.TrimSpace(l), "::error file=evil") {
					t.Errorf("forged line: %q", l)
				}
			}
			// JSON formats hold the key path as data, exact: there the
			// encoder escapes the controls, and report writes U+202E
			// as \u202e (report/jsonsafe.go).
			for _, bad := range []string{"\x1b", "\u2028", "\u202e", "\r"} {
				if strings.Contains(out, bad) {
					t.Errorf("raw %q in the output:\n%.3000q", bad, out)
				}
			}
		})
	}
	// The folder name in an error on standard error is escaped too.
	res := runCLI(t, dir, "", "lint", filepath.Join(root, "nope\n::error file=evil::x"))
	if res.code != 2 || strings.Contains(res.stderr, "\x1b") || strings.Contains(res.stderr, "\n::error") {
		t.Errorf("exit %d, stderr %q", res.code, res.stderr)
	}
}

// TestNoSnippetOfNonPHP: an env.php or composer.json that is a link to a
// file that is not PHP (or JSON) at all, like /etc/shadow, is reported
// without printing any of its lines, in every format (issue 15).
func TestNoSnippetOfNonPHP(t *testing.T) {
	dir := t.TempDir()
	shadow := filepath.Join(t.TempDir(), "shadow")
	writeBytes(t, shadow, []byte("root:$6$SECRETHASHxyz:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n"))
	symlink(t, shadow, filepath.Join(dir, "r/app/etc/env.php"))
	symlink(t, shadow, filepath.Join(dir, "r/composer.json"))
	writeBytes(t, filepath.Join(dir, "php/app/etc/env.php"), []byte("<?php\nreturn [\n    'serviceBus' => 'SNIPPETSHOWN',\n];\n"))
	for _, format := range allFormats {
		t.Run(format, func(t *testing.T) {
			res := runCLI(t, dir, "", "lint", "--format", format, "r")
			if res.code != 1 || !strings.Contains(res.stdout, "OMS002") {
				t.Fatalf("exit %d, want OMS002 reported\n%s\n%.2000s", res.code, res.stderr, res.stdout)
			}
			for _, bad := range []string{"SECRETHASH", "root:", "daemon"} {
				if strings.Contains(res.stdout+res.stderr, bad) {
					t.Errorf("%q printed:\n%.3000s", bad, res.stdout)
				}
			}
		})
	}
	// A PHP file still gets its snippet.
	if res := runCLI(t, dir, "", "lint", "php"); !strings.Contains(res.stdout, "'serviceBus' => '") {
		t.Errorf("no snippet for a PHP file:\n%s", res.stdout)
	}
}
