package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestColorAllowedByEnv(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, true},
		{map[string]string{"NO_COLOR": ""}, true}, // set but empty: no effect
		{map[string]string{"NO_COLOR": "1"}, false},
		{map[string]string{"NO_COLOR": "0"}, false}, // any non-empty value
		{map[string]string{"TERM": "dumb"}, false},
		{map[string]string{"TERM": "xterm-256color"}, true},
	} {
		got := colorAllowedByEnv(func(k string) string { return tc.env[k] })
		if got != tc.want {
			t.Errorf("%v: got %v, want %v", tc.env, got, tc.want)
		}
	}
}

func TestBuildVersion(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.4.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0178678abcdef0123456789abcdef0123456789a"},
			{Key: "vcs.modified", Value: "true"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}}}
	got := buildVersion(bi).String()
	want := "omslint v1.4.0 (revision 0178678abcdef0123456789abcdef0123456789a, modified, 2026-12-01T10:00:00Z, go1.26.8)"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	bi.Settings[1].Value = "false"
	bi.Main.Version = "(devel)"
	if got := buildVersion(bi).String(); strings.Contains(got, "modified") || !strings.HasPrefix(got, "omslint dev (revision 0178678") {
		t.Errorf("unmodified devel build: %q", got)
	}
	if got := buildVersion(nil).String(); got != "omslint dev (revision unknown)" {
		t.Errorf("no build info: %q", got)
	}
	old := version
	version = "v9.9.9"
	defer func() { version = old }()
	if got := buildVersion(bi).short; got != "v9.9.9" {
		t.Errorf("-ldflags version: %q", got)
	}
}

func TestSuggestFlags(t *testing.T) {
	cmd := newLintCmd()
	for name, want := range map[string]string{"formt": "format", "fail-onn": "fail-on", "recur": "recursive", "min-severty": "min-severity", "disabel": "disable"} {
		got := suggestFlags(cmd, name)
		if len(got) == 0 || got[0] != want {
			t.Errorf("%s: got %v, want %s first", name, got, want)
		}
	}
	if got := suggestFlags(cmd, "zzzzzzzz"); len(got) != 0 {
		t.Errorf("zzzzzzzz: got %v", got)
	}
}

func TestRuleSelection(t *testing.T) {
	lo, err := ruleSelection([]string{"url-trailing-slash"}, []string{"OMS201", " oms401 "})
	if err != nil {
		t.Fatal(err)
	}
	if off, ok := lo.Off["OMS112"]; !ok || off {
		t.Errorf("OMS112 not enabled: %v", lo.Off)
	}
	if !lo.Off["OMS201"] || !lo.Off["OMS401"] {
		t.Errorf("not disabled: %v", lo.Off)
	}
	if _, err := ruleSelection(nil, []string{"url-trailng-slash"}); err == nil || !strings.Contains(err.Error(), "did you mean OMS112 (url-trailing-slash)") {
		t.Errorf("typo: %v", err)
	}
	if _, err := ruleSelection([]string{"OMS112"}, []string{"url-trailing-slash"}); err == nil {
		t.Error("both --enable and --disable: no error")
	}
}
