package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/omslint/omslint/engine"
	"github.com/omslint/omslint/generator"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// mergeBase is an env.php the fuzzed block is merged into.
const mergeBase = "<?php\nreturn [\n    'backend' => [\n        'frontName' => 'admin'\n    ],\n    'serviceBus' => [\n        'url' => 'https://old.example.com/'\n    ]\n];\n"

// FuzzGenerateLint builds a block from random profile values; whenever the
// generator accepts them, the new env.php and the block merged into an
// existing one lint clean (errors never; warnings only where the generator
// warned), the merge changes no byte outside its edits, and the result
// parses.
func FuzzGenerateLint(f *testing.F) {
	f.Add("https://mib.example.com/", "https://oauth.example.com/", "acme-magento", "acme-store", "it's a \\ secret", "0123456789abcdef0123456789abcdef0123", false, true)
	f.Add("http://mom.test/", "https://x.example/", "a", "c", "", "", true, false)
	f.Add("https://h/", "https://h/", "'\"$x{", "\x00\xff", "${X}", "<?php ?>", false, true)
	f.Fuzz(func(t *testing.T, url, oauthURL, appID, clientID, clientSecret, secret string, useGetenv, secure bool) {
		vars := map[string]string{}
		if clientSecret != "" {
			vars["OMS_OAUTH_CLIENT_SECRET"] = clientSecret
		}
		if secret != "" {
			vars["OMS_SECRET"] = secret
		}
		b, notes, err := generator.Build(generator.Input{
			Flags:          map[string]string{"url": url, "oauth-server-url": oauthURL, "application-id": appID, "oauth-client-id": clientID},
			SecureEndpoint: &secure,
			Getenv:         env(vars),
			UseGetenv:      useGetenv,
			Rand:           zeros{},
		})
		if err != nil {
			return // refused with a reason: fine
		}
		warned := false
		for _, n := range notes {
			warned = warned || strings.HasPrefix(n, "warning")
		}
		dir := t.TempDir()
		check := func(name string, src []byte) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, src, 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := engine.Run(engine.Options{Paths: []string{p}, As: magento.RoleEnv, FailOn: linter.Error})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, fd := range out.Result.Findings {
				if fd.Severity >= linter.Error || !warned && !allowedWithoutWarning(fd, useGetenv) {
					t.Errorf("%s: %s %s: %s\n%s", name, fd.Rule, fd.Key, fd.Message, src)
				}
			}
		}
		check("new.php", []byte(b.NewEnvPHP()))
		base, err := phpconf.Parse("env.php", []byte(mergeBase), phpconf.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := generator.Merge(base, b)
		if err != nil {
			t.Fatalf("merge: %v", err)
		}
		checkOutsideEdits(t, []byte(mergeBase), res.Out, res.Edits)
		check("merged.php", res.Out)
	})
}

// allowedWithoutWarning: with --secrets getenv the values are expressions
// (OMS004, info) that omslint cannot check.
func allowedWithoutWarning(f *linter.Finding, useGetenv bool) bool {
	return useGetenv && f.Rule == "OMS004"
}

// checkOutsideEdits asserts that out is src with only the edits applied:
// every byte outside the edited ranges is unchanged and in order.
func checkOutsideEdits(t *testing.T, src, out []byte, edits []phpconf.Edit) {
	t.Helper()
	es := append([]phpconf.Edit(nil), edits...)
	sort.Slice(es, func(i, j int) bool { return es[i].Start < es[j].Start })
	var want bytes.Buffer
	prev := 0
	for _, e := range es {
		if e.Start < prev || e.End < e.Start || e.End > len(src) {
			t.Fatalf("edits overlap or leave the file: %+v", es)
		}
		want.Write(src[prev:e.Start])
		want.WriteString(e.Text)
		prev = e.End
	}
	want.Write(src[prev:])
	if !bytes.Equal(want.Bytes(), out) {
		t.Fatalf("output is not the source with its edits applied:\n%s\n----\n%s", out, want.Bytes())
	}
}
