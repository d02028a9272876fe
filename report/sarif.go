package report

import (
	"bufio"
	"encoding/json"
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
	rep, run, index, reported, err := r.sarifReport()
	if err != nil {
		return err
	}
	if len(reported) > 0 {
		// The results are written one by one where this placeholder is
		// (sarifStream), not held as one tree and one buffer: a fleet's
		// 10,000 results took some 30 MB at the end of the run.
		run.Results = []*sarif.Result{sarifPlaceholder()}
	}
	doc, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if len(reported) == 0 {
		bw.Write(doc)
	} else if err := sarifStream(bw, doc, reported, func(f *linter.Finding) *sarif.Result { return r.sarifResult(f, index[f.Rule]) }); err != nil {
		return err
	}
	bw.WriteString("\n")
	return bw.Flush()
}

// sarifReport is the report without its results: the run, every rule
// (and any a finding names that is not registered), the invocation; index
// maps a rule id to its place in tool.driver.rules, reported are the
// findings to write as results.
func (r *Result) sarifReport() (rep *sarif.Report, run *sarif.Run, index map[string]int, reported []*linter.Finding, err error) {
	rep, err = sarif.New(sarif.Version210)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	run = sarif.NewRunWithInformationURI(r.ToolName, InformationURI)
	run.Tool.Driver.WithVersion(r.ToolVersion)
	run.ColumnKind = "unicodeCodePoints"
	run.OriginalUriBaseIDs = map[string]*sarif.ArtifactLocation{
		"%SRCROOT%": sarif.NewArtifactLocation().WithDescriptionText("The folder omslint ran in (the repository root in CI)."),
	}
	index = map[string]int{}
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
	reported = r.reported()
	for _, f := range reported {
		if _, ok := index[f.Rule]; !ok {
			// Not registered (a test rule): describe it, so the index
			// still points at a rule.
			index[f.Rule] = len(run.Tool.Driver.Rules)
			run.AddRule(f.Rule).WithName(f.Name).WithShortDescription(sarif.NewMultiformatMessageString(f.Name))
		}
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
	return rep, run, index, reported, nil
}

// sarifMark is the rule id of the placeholder result: no rule id holds a
// NUL.
const sarifMark = "\x00omslint-results\x00"

func sarifPlaceholder() *sarif.Result { return sarif.NewRuleResult(sarifMark) }

// sarifStream writes doc (the report marshalled with one placeholder
// result) with the placeholder replaced by the result of each finding.
func sarifStream(w *bufio.Writer, doc []byte, fs []*linter.Finding, result func(*linter.Finding) *sarif.Result) error {
	return spliceArray(w, doc, sarifMark,
		func(prefix string) ([]byte, error) { return json.MarshalIndent(sarifPlaceholder(), prefix, "  ") },
		len(fs), func(i int, prefix string) ([]byte, error) { return json.MarshalIndent(result(fs[i]), prefix, "  ") })
}

// sarifResult is the result of finding f, whose rule is at ruleIndex in
// tool.driver.rules.
func (r *Result) sarifResult(f *linter.Finding, ruleIndex int) *sarif.Result {
	line, col, endLine, endCol := Region(f)
	res := sarif.NewRuleResult(f.Rule).
		WithLevel(sarifLevel(f.Severity)).
		WithMessage(sarif.NewTextMessage(r.message(f)))
	res.WithRuleIndex(ruleIndex)
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
	// Not run.AddResult: it recomputes ruleIndex and writes -1 as a huge
	// unsigned number for a rule it does not find.
	return res
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
