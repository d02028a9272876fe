package suppress

import (
	"strings"
	"testing"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

func parse(t *testing.T, src string) []*Directive {
	t.Helper()
	f, err := phpconf.Parse("env.php", []byte(src), phpconf.Options{})
	if err != nil || f.Err != nil {
		t.Fatalf("parse: %v %v", err, f.Err)
	}
	return Parse("env.php", f)
}

func finding(rule string, line int) *linter.Finding {
	return &linter.Finding{Rule: rule, File: "env.php",
		Span: phpconf.Span{Start: phpconf.Pos{Line: line, Col: 5}, End: phpconf.Pos{Line: line, Col: 9}}}
}

func TestParseForms(t *testing.T) {
	src := `<?php
// omslint-ignore-file OMS120 secret rotated by vault
return [
    'a' => 1, // omslint-ignore OMS112,OMS113 same line
    # omslint-ignore OMS115 hash comment

    'b' => 2,
    /* omslint-ignore OMS003, oms004 block comment */
    // an ordinary comment in between
    'c' => 3,
    'd' => /* omslint-ignore OMS106 before the value */ 4,
    /**
     * omslint-ignore OMS107
     */
    'e' => 5,
    // omslint-ignore
    // omslint-ignored OMS001 not a directive
];
// omslint-ignore-file OMS121 too late
`
	ds := parse(t, src)
	type want struct {
		file      bool
		rules     string
		reason    string
		line      int
		misplaced bool
	}
	wants := []want{
		{true, "OMS120", "secret rotated by vault", 0, false},
		{false, "OMS112,OMS113", "same line", 4, false},
		{false, "OMS115", "hash comment", 7, false},
		{false, "OMS003,OMS004", "block comment", 10, false},
		{false, "OMS106", "before the value", 11, false},
		{false, "OMS107", "", 15, false},
		{false, "", "", 18, false}, // `];` is code
		{true, "OMS121", "too late", 0, true},
	}
	if len(ds) != len(wants) {
		for _, d := range ds {
			t.Logf("%+v", d)
		}
		t.Fatalf("got %d directives, want %d", len(ds), len(wants))
	}
	for i, w := range wants {
		d := ds[i]
		got := want{d.WholeFile, strings.Join(d.Rules, ","), d.Reason, d.Line, d.Misplaced}
		if got != w {
			t.Errorf("directive %d (line %d) = %+v, want %+v", i, d.Span.Start.Line, got, w)
		}
	}
}

func TestApplyAndUnused(t *testing.T) {
	src := `<?php
// omslint-ignore-file OMS120 known weak secret on staging
return [
    // omslint-ignore OMS112,OMS113 mock on staging
    'url' => 'http://mom.test',
    'x' => 1, # omslint-ignore OMS003 nothing here
];
`
	ds := parse(t, src)
	fs := []*linter.Finding{
		finding("OMS112", 5),              // next code line: suppressed
		finding("OMS115", 5),              // other rule: kept
		finding("OMS113", 6),              // wrong line: kept
		finding("OMS120", 4),              // file-level: suppressed
		{Rule: "OMS120", File: "env.php"}, // whole-file finding: suppressed by the file directive
		{Rule: "OMS112", File: "env.php"}, // whole-file finding: a line directive does not cover it
		finding("OMS120", 5),
		{Rule: "OMS120", File: "config.php", Span: finding("", 5).Span}, // other file
		finding("OMS006", 4), // about directives: never suppressed
	}
	kept, n := Apply(fs, ds)
	if n != 4 || len(kept) != 5 {
		t.Errorf("suppressed %d, kept %d", n, len(kept))
	}
	var unused []string
	for _, d := range ds {
		unused = append(unused, d.Unused()...)
	}
	want := []string{
		"omslint-ignore OMS113: no OMS113 finding on line 5 to suppress",
		"omslint-ignore OMS003: no OMS003 finding on line 6 to suppress",
	}
	if strings.Join(unused, "|") != strings.Join(want, "|") {
		t.Errorf("unused = %q", unused)
	}
}

func TestUnusedShapes(t *testing.T) {
	ds := parse(t, `<?php
return [
    'a' => 1,
    // omslint-ignore because
];
// omslint-ignore-file OMS101 after the return
`)
	var got []string
	for _, d := range ds {
		got = append(got, d.Unused()...)
	}
	want := "omslint-ignore names no rule ID (such as OMS112): it suppresses nothing|" +
		"omslint-ignore-file must come before the `return`: here it suppresses nothing"
	if strings.Join(got, "|") != want {
		t.Errorf("unused = %q", got)
	}
	if ds[0].Reason != "because" {
		t.Errorf("reason = %q", ds[0].Reason)
	}
}

func TestNotDirectives(t *testing.T) {
	ds := parse(t, `<?php
// see omslint-ignore OMS101 in the docs
/* TODO omslint-ignore-file OMS101 */
return ['a' => 1];
`)
	if len(ds) != 0 {
		t.Errorf("a mention inside a comment is not a directive: %+v", ds)
	}
}
