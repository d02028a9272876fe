package report

import (
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/omslint/omslint/docs"
	"github.com/omslint/omslint/linter"
)

func init() { register("sarif", writeSARIF) }

// InformationURI is the tool's home page, shown by SARIF viewers.
const InformationURI = "https://github.com/omslint/omslint"

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(s linter.Severity) string {
	switch s {
	case linter.Error:
		return "error"
	case linter.Warning:
		return "warning"
	}
	return "note"
}

// writeSARIF writes SARIF 2.1.0: one run, every registered rule in
// tool.driver.rules, and for every finding a result with a physical
// location and a region (GitHub code scanning rejects results without
// one; a finding on a whole file points at 1:1). Columns count Unicode
// characters, as the run's columnKind says.
func writeSARIF(w io.Writer, r *Result, _ Options) error {
	rep, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	run := sarif.NewRunWithInformationURI(r.ToolName, InformationURI)
	run.Tool.Driver.WithVersion(r.ToolVersion)
	run.ColumnKind = "unicodeCodePoints"
	run.OriginalUriBaseIDs = map[string]*sarif.ArtifactLocation{
		"%SRCROOT%": sarif.NewArtifactLocation().WithDescriptionText("The folder omslint ran in (the repository root in CI)."),
	}
	index := map[string]int{}
	for i, rule := range linter.Rules() {
		index[rule.ID] = i
		full := docs.RuleIntro(rule.ID)
		if full == "" {
			full = rule.Summary
		}
		run.AddRule(rule.ID).
			WithName(rule.Name).
			WithShortDescription(sarif.NewMultiformatMessageString(rule.Summary)).
			WithFullDescription(sarif.NewMultiformatMessageString(full)).
			WithHelpURI(rule.DocsURL()).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(rule.Severity)))
	}
	for _, f := range r.reported() {
		line, col, endLine, endCol := Region(f)
		res := sarif.NewRuleResult(f.Rule).
			WithLevel(sarifLevel(f.Severity)).
			WithMessage(sarif.NewTextMessage(r.message(f)))
		i, ok := index[f.Rule]
		if !ok {
			// Not registered (a test rule): describe it, so the index
			// still points at a rule.
			i = len(run.Tool.Driver.Rules)
			index[f.Rule] = i
			run.AddRule(f.Rule).WithName(f.Name).WithShortDescription(sarif.NewMultiformatMessageString(f.Name))
		}
		res.WithRuleIndex(i)
		region := sarif.NewRegion().WithStartLine(line).WithStartColumn(col).WithEndLine(endLine).WithEndColumn(endCol)
		res.AddLocation(sarif.NewLocation().WithPhysicalLocation(
			sarif.NewPhysicalLocation().WithArtifactLocation(sarifArtifact(f.File)).WithRegion(region)))
		for i, rel := range f.Related {
			l, c, el, ec := spanRegion(rel.Span)
			loc := sarif.NewLocation().WithId(i).WithPhysicalLocation(
				sarif.NewPhysicalLocation().WithArtifactLocation(sarifArtifact(rel.File)).
					WithRegion(sarif.NewRegion().WithStartLine(l).WithStartColumn(c).WithEndLine(el).WithEndColumn(ec)))
			if rel.Message != "" {
				loc.WithMessage(sarif.NewTextMessage(r.Redactor.String(rel.Message)))
			}
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		res.WithPartialFingerPrints(map[string]any{"omslint/v1": r.fingerprint(f)})
		// Not run.AddResult: it recomputes ruleIndex and writes -1 as a
		// huge unsigned number for a rule it does not find.
		run.Results = append(run.Results, res)
	}
	// One invocation: executionSuccessful is false when an input could
	// not be linted (lint --recursive), each named by a notification.
	inv := sarif.NewInvocation().WithExecutionSuccess(len(r.Errors) == 0)
	inv.ToolExecutionNotifications = []*sarif.Notification{}
	for _, e := range r.Errors {
		n := sarif.NewNotification().WithLevel("error").WithMessage(sarif.NewTextMessage(r.Redactor.String(e.Message)))
		phys := sarif.NewPhysicalLocation().WithArtifactLocation(sarifArtifact(e.Path))
		if e.Line > 0 {
			reg := sarif.NewRegion().WithStartLine(e.Line)
			if e.Col > 0 {
				reg.WithStartColumn(e.Col)
			}
			phys.WithRegion(reg)
		}
		n.AddLocation(sarif.NewLocation().WithPhysicalLocation(phys))
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	// The report's notes (Result.ReportNotes), as notifications of level note.
	for _, msg := range r.ReportNotes() {
		n := sarif.NewNotification().WithLevel("note").WithMessage(sarif.NewTextMessage(msg))
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	run.AddInvocations(inv)
	rep.AddRun(run)
	if err := rep.PrettyWrite(w); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

// sarifArtifact is a file's location: a relative URI against %SRCROOT%
// (the folder omslint ran in), or a file:// URI for an absolute path.
func sarifArtifact(file string) *sarif.ArtifactLocation {
	p := filepath.ToSlash(file)
	if filepath.IsAbs(file) {
		u := url.URL{Scheme: "file", Path: p}
		if !strings.HasPrefix(p, "/") { // a Windows drive letter
			u.Path = "/" + p
		}
		return sarif.NewSimpleArtifactLocation(u.String())
	}
	p = strings.TrimPrefix(p, "./")
	u := url.URL{Path: p}
	return sarif.NewSimpleArtifactLocation(u.EscapedPath()).WithUriBaseId("%SRCROOT%")
}
