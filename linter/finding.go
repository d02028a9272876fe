// Package linter holds what a finding is, the rule interface and registry,
// and the runner that applies rules to a Magento project. It never formats
// output: that is package report's job.
package linter

import (
	"fmt"
	"strings"

	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/redact"
)

// Severity orders findings; the zero value is invalid.
type Severity int

const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "unknown"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Fix is a repair made of byte-range edits on one file's original bytes.
type Fix struct {
	Description string
	Edits       []phpconf.Edit
}

// Finding is one problem at one place.
type Finding struct {
	Rule     string
	Name     string
	Severity Severity
	Message  string
	// File is the path as the user would write it from the current folder.
	File string
	// Span is where the finding points; zero when it concerns the whole file.
	Span phpconf.Span
	// Key is the dotted key path concerned ("serviceBus.url"), or "".
	Key string
	// KeyPath is Key as the keys it names, unambiguous when a key holds a
	// dot (auth.json's "http-basic" → "mcom-connector.bcn.magento.com");
	// the runner fills it from the file (resolveKeyPath).
	KeyPath []string
	// Hint is an optional suggestion shown under the snippet.
	Hint  string
	Fix   *Fix
	Fixed bool
	// Related are other places the finding concerns (a cross-root
	// finding's other root); SARIF shows them as relatedLocations.
	Related []Related

	// marked is Message with the values it quotes marked (redact.Quote),
	// as Context.Report made it.
	marked string
}

// MarkedMessage is the message with the values it quotes from files or the
// environment marked for the redactor (redact.Quote), so that only they
// are masked. A message set by hand (not through Context.Report, or changed
// since) is taken whole for a value: masked wherever a secret occurs in it.
func (f *Finding) MarkedMessage() string {
	if f.marked != "" && redact.Unquote(f.marked) == f.Message {
		return f.marked
	}
	return redact.Quote(f.Message)
}

// Fixable reports whether --fix can repair the finding.
func (f *Finding) Fixable() bool { return f.Fix != nil && len(f.Fix.Edits) > 0 }

// Less sorts findings by file, line, column, rule (the JSON contract).
func Less(a, b *Finding) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Span.Start.Line != b.Span.Start.Line {
		return a.Span.Start.Line < b.Span.Start.Line
	}
	if a.Span.Start.Col != b.Span.Start.Col {
		return a.Span.Start.Col < b.Span.Start.Col
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.Message < b.Message
}
