package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"github.com/omslint/omslint/linter"
)

func init() { register("codequality", writeCodeQuality) }

type cqIssue struct {
	Type        string     `json:"type"`
	CheckName   string     `json:"check_name"`
	Description string     `json:"description"`
	Categories  []string   `json:"categories"`
	Severity    string     `json:"severity"`
	Fingerprint string     `json:"fingerprint"`
	Location    cqLocation `json:"location"`
}

type cqLocation struct {
	Path      string      `json:"path"`
	Positions cqPositions `json:"positions"`
}

type cqPositions struct {
	Begin cqPos `json:"begin"`
	End   cqPos `json:"end"`
}

type cqPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// writeCodeQuality writes a GitLab Code Quality report (a JSON array of
// Code Climate issues) for the merge-request widget. The fingerprint is
// stable across line moves (rule, file and key path or message).
func writeCodeQuality(w io.Writer, r *Result, _ Options) error {
	issues := make([]cqIssue, 0, len(r.Findings))
	for _, f := range r.reported() {
		line, col, endLine, endCol := Region(f)
		issues = append(issues, cqIssue{
			Type: "issue", CheckName: f.Rule + " " + f.Name,
			Description: fmt.Sprintf("%s [%s %s]", r.message(f), f.Rule, f.Name),
			Categories:  []string{"Bug Risk"},
			Severity:    cqSeverity(f.Severity),
			Fingerprint: r.fingerprint(f),
			Location: cqLocation{Path: f.File, Positions: cqPositions{
				Begin: cqPos{line, col}, End: cqPos{endLine, endCol},
			}},
		})
	}
	// Inputs that could not be linted (lint -r) are issues too, so the
	// merge-request widget does not show a clean run that exited 2.
	for _, e := range r.Errors {
		msg := r.Redactor.String(e.Message)
		line, col := max(e.Line, 1), max(e.Col, 1)
		sum := sha256.Sum256([]byte("not-linted\x00" + e.Path + "\x00" + msg))
		issues = append(issues, cqIssue{
			Type: "issue", CheckName: "omslint not-linted",
			Description: "not linted: " + msg,
			Categories:  []string{"Bug Risk"},
			Severity:    "critical",
			Fingerprint: hex.EncodeToString(sum[:16]),
			Location: cqLocation{Path: e.Path, Positions: cqPositions{
				Begin: cqPos{line, col}, End: cqPos{line, col},
			}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}

// cqSeverity maps to GitLab's info, minor, major, critical, blocker.
func cqSeverity(s linter.Severity) string {
	switch s {
	case linter.Error:
		return "major"
	case linter.Warning:
		return "minor"
	}
	return "info"
}
