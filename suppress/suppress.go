// Package suppress reads inline suppression comments in PHP config files
// and applies them to findings (cli.md "Suppression"):
//
//	// omslint-ignore OMS112,OMS113 reason text
//	# omslint-ignore OMS112 reason text
//	/* omslint-ignore OMS112 reason text */
//	// omslint-ignore-file OMS120 reason text   (before the `return`)
//
// A line directive covers the line it shares with code, else the next line
// holding code; a file directive covers the whole file. Project applies
// every suppression of a project (these comments, unused ones reported as
// OMS006, and the config file's `ignore:` entries); the OMS005 rule reports
// directives without a reason.
package suppress

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/phpconf"
)

// Directive is one omslint-ignore comment.
type Directive struct {
	// Path is the file the comment is in (as findings name it).
	Path string
	// WholeFile is true for omslint-ignore-file.
	WholeFile bool
	// Rules are the rule IDs named, upper-cased, in order; empty when the
	// comment names none.
	Rules  []string
	Reason string
	// Span is the comment's.
	Span phpconf.Span
	// Line is the line a line directive covers; 0 when no line holding
	// code follows it.
	Line int
	// Misplaced is true for an omslint-ignore-file after the `return`: it
	// covers nothing.
	Misplaced bool
	// Used records, per rule, whether the directive suppressed a finding.
	Used map[string]bool
}

// Keyword returns the comment's directive keyword, for messages.
func (d *Directive) Keyword() string {
	if d.WholeFile {
		return "omslint-ignore-file"
	}
	return "omslint-ignore"
}

var (
	directiveRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^omslint-ignore(-file)?(?:$|[\s:])`) })
	ruleIDRe    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?i)OMS\d{3}\b`) })
)

// Parse returns the directives in a parsed file, in source order.
func Parse(path string, f *phpconf.File) []*Directive {
	if f == nil {
		return nil
	}
	var out []*Directive
	for _, c := range f.Comments {
		body := commentBody(c.Text)
		m := directiveRe().FindStringSubmatch(body)
		if m == nil {
			continue
		}
		d := &Directive{Path: path, WholeFile: m[1] != "", Span: c.Span, Used: map[string]bool{}}
		rest := strings.TrimPrefix(strings.TrimPrefix(body, "omslint-ignore"), "-file")
		rest = strings.TrimPrefix(rest, ":")
		d.Rules, d.Reason = splitRules(rest)
		if d.WholeFile {
			d.Misplaced = c.Span.End.Offset > returnOffset(f)
		} else {
			d.Line = targetLine(f, c.Span)
		}
		out = append(out, d)
	}
	return out
}

// commentBody strips the comment markers and joins a block comment's lines
// (dropping the leading `*` of docblock lines).
func commentBody(text string) string {
	switch {
	case strings.HasPrefix(text, "//"):
		text = text[2:]
	case strings.HasPrefix(text, "#"):
		text = text[1:]
	case strings.HasPrefix(text, "/*"):
		text = strings.TrimSuffix(text[2:], "*/")
		text = strings.TrimPrefix(text, "*") // /** docblock
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimPrefix(strings.TrimSpace(l), "*")
		}
		text = strings.Join(lines, " ")
	}
	return strings.TrimSpace(text)
}

// splitRules reads `OMS112,OMS113 reason text` (spaces around commas are
// forgiven) into the rule IDs and the reason.
func splitRules(s string) (rules []string, reason string) {
	s = strings.TrimSpace(s)
	for {
		id := ruleIDRe().FindString(s)
		if id == "" {
			break
		}
		rules = append(rules, strings.ToUpper(id))
		s = strings.TrimSpace(s[len(id):])
		if !strings.HasPrefix(s, ",") {
			break
		}
		s = strings.TrimSpace(s[1:])
	}
	return rules, strings.Join(strings.Fields(s), " ")
}

// returnOffset is where the returned value starts: a file directive must
// end before it.
func returnOffset(f *phpconf.File) int {
	switch {
	case f.Root != nil:
		return int(f.Root.Range.Start)
	case !f.NoArraySpan.IsZero():
		return f.NoArraySpan.Start.Offset
	}
	return len(f.Src)
}

// targetLine is the line a line directive covers: its own line when code
// shares it (before the comment, or after a block comment's end), else the
// next line holding code; 0 when there is none.
func targetLine(f *phpconf.File, sp phpconf.Span) int {
	start, _ := f.Lines.LineBounds(sp.Start.Line)
	if hasCode(f, start, sp.Start.Offset) {
		return sp.Start.Line
	}
	_, end := f.Lines.LineBounds(sp.End.Line)
	if hasCode(f, sp.End.Offset, end) {
		return sp.End.Line
	}
	for n := sp.End.Line + 1; n <= f.Lines.LineCount(); n++ {
		s, e := f.Lines.LineBounds(n)
		if hasCode(f, s, e) {
			return n
		}
	}
	return 0
}

// hasCode reports whether bytes [s, e) hold anything but spaces, comments
// and the `<?php` open tag.
func hasCode(f *phpconf.File, s, e int) bool {
	for i := s; i < e; i++ {
		if c := comment(f, i); c != nil {
			i = c.Span.End.Offset - 1
			continue
		}
		switch f.Src[i] {
		case ' ', '\t', '\r', '\n', '\f', '\v':
			continue
		}
		if strings.HasPrefix(string(f.Src[i:min(e, i+5)]), "<?php") {
			i += 4
			continue
		}
		return true
	}
	return false
}

// comment returns the comment containing byte offset i, or nil.
func comment(f *phpconf.File, i int) *phpconf.Comment {
	// Comments are sorted by offset and do not overlap: the one holding i
	// is the last that starts at or before it (a binary search, so a file
	// with thousands of comments stays linear to scan).
	k := sort.Search(len(f.Comments), func(k int) bool { return f.Comments[k].Span.Start.Offset > i }) - 1
	if k >= 0 && i < f.Comments[k].Span.End.Offset {
		return &f.Comments[k]
	}
	return nil
}

// Covers reports whether the directive suppresses a finding, recording the
// use. Findings of OMS005 and OMS006 (about directives) are never covered.
func (d *Directive) Covers(f *linter.Finding) bool {
	if f.File != d.Path || f.Rule == "OMS005" || f.Rule == "OMS006" || d.Misplaced {
		return false
	}
	if !d.WholeFile && (d.Line == 0 || f.Span.IsZero() || f.Span.Start.Line != d.Line) {
		return false
	}
	for _, r := range d.Rules {
		if r == f.Rule {
			d.Used[r] = true
			return true
		}
	}
	return false
}

// Apply drops the findings some directive covers and returns the rest and
// how many were dropped. Every directive sees every finding, so two
// directives naming the same rule are both marked used.
func Apply(findings []*linter.Finding, dirs []*Directive) (kept []*linter.Finding, suppressed int) {
	// Index the directives by the file and line they cover, so each
	// finding meets only the few that can cover it.
	type at struct {
		path string
		line int
	}
	byLine := map[at][]*Directive{}
	for _, d := range dirs {
		line := d.Line
		if d.WholeFile {
			line = -1
		}
		byLine[at{d.Path, line}] = append(byLine[at{d.Path, line}], d)
	}
	for _, f := range findings {
		hit := false
		for _, line := range []int{-1, f.Span.Start.Line} {
			for _, d := range byLine[at{f.File, line}] {
				if d.Covers(f) {
					hit = true
				}
			}
		}
		if hit {
			suppressed++
			continue
		}
		kept = append(kept, f)
	}
	return kept, suppressed
}

// Unused describes what part of a directive suppressed nothing, one
// message per unused rule (or one for the whole directive).
func (d *Directive) Unused() []string {
	switch {
	case len(d.Rules) == 0:
		return []string{d.Keyword() + " names no rule ID (such as OMS112): it suppresses nothing"}
	case d.Misplaced:
		return []string{"omslint-ignore-file must come before the `return`: here it suppresses nothing"}
	case !d.WholeFile && d.Line == 0:
		return []string{"omslint-ignore is followed by no line of code: it suppresses nothing"}
	}
	var out []string
	for _, r := range d.Rules {
		if d.Used[r] {
			continue
		}
		where := "on line " + strconv.Itoa(d.Line)
		if d.WholeFile {
			where = "in this file"
		}
		out = append(out, d.Keyword()+" "+r+": no "+r+" finding "+where+" to suppress")
	}
	return out
}
