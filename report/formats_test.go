package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/omslint/omslint/linter"
	_ "github.com/omslint/omslint/linter/rules" // the real rules, for SARIF's driver
	"github.com/omslint/omslint/position"
	"github.com/omslint/omslint/redact"
)

const secret = "s3cr3t-Value-XYZ"

// sample is a result with findings of every severity, a whole-file
// finding, characters every format must escape, and a secret in a message.
func sample() *Result {
	red := redact.New()
	red.AddValue(secret)
	sp := func(l, c, el, ec int) position.Span {
		return position.Span{Start: position.Pos{Line: l, Col: c}, End: position.Pos{Line: el, Col: ec}}
	}
	return &Result{
		ToolName: "omslint", ToolVersion: "test", Files: 2, Redactor: red,
		Sources: map[string]*Source{"app/etc/env.php": nil, "app/etc/config.php": nil},
		Findings: []*linter.Finding{
			{Rule: "OMS001", Name: "parse-error", Severity: linter.Error, File: "app/etc/config.php",
				Message: `whole file: 100% <bad> & "quoted", a:b`},
			{Rule: "OMS003", Name: "duplicate-key", Severity: linter.Warning, File: "app/etc/env.php",
				Span: sp(3, 5, 3, 14), Key: "serviceBus.secret", Message: "secret " + secret + " line1\nline2\r"},
			{Rule: "OMS101", Name: "servicebus-missing", Severity: linter.Info, File: "app/etc/env.php",
				Span: sp(2, 8, 2, 9), Message: "info finding", Hint: "hint with " + redact.Quote(secret)},
		},
	}
}

func write(t *testing.T, format string, r *Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, r, Options{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestNoSecretInAnyFormat(t *testing.T) {
	for _, format := range Formats() {
		if out := write(t, format, sample()); strings.Contains(out, secret) {
			t.Errorf("%s shows the secret:\n%s", format, out)
		}
	}
}

// TestShowSecretsOnlyForText: --show-secrets (Redactor.Off) is for a
// person at a terminal; the machine formats, which end up in CI logs and
// code-scanning uploads, mask even then.
func TestShowSecretsOnlyForText(t *testing.T) {
	for _, format := range Formats() {
		r := sample()
		r.Redactor.Off = true
		shows := strings.Contains(write(t, format, r), secret)
		if format == "text" && !shows {
			t.Errorf("text with --show-secrets still masks")
		}
		if format != "text" && shows {
			t.Errorf("%s shows the secret with --show-secrets", format)
		}
	}
}

func TestSARIFStructure(t *testing.T) {
	var doc struct {
		Version string `json:"version"`
		Schema  string `json:"$schema"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version, InformationURI string
					Rules                         []struct {
						ID, Name, HelpURI    string
						ShortDescription     struct{ Text string }
						FullDescription      struct{ Text string }
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex *int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						}
						Region *struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
			}
		}
	}
	out := write(t, "sarif", sample())
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "2.1.0" || !strings.Contains(doc.Schema, "sarif-schema-2.1.0.json") || len(doc.Runs) != 1 {
		t.Fatalf("version %q schema %q runs %d", doc.Version, doc.Schema, len(doc.Runs))
	}
	run := doc.Runs[0]
	d := run.Tool.Driver
	if d.Name != "omslint" || d.Version != "test" || d.InformationURI == "" {
		t.Errorf("driver = %+v", d)
	}
	if len(d.Rules) != len(linter.Rules()) {
		t.Errorf("%d rules in the driver, %d registered", len(d.Rules), len(linter.Rules()))
	}
	for i, r := range d.Rules {
		want := linter.Rules()[i]
		if r.ID != want.ID || r.Name != want.Name || r.HelpURI != want.DocsURL() ||
			r.ShortDescription.Text != want.Summary || r.FullDescription.Text == "" || r.DefaultConfiguration.Level == "" {
			t.Errorf("rule %d = %+v", i, r)
		}
	}
	if len(run.Results) != 3 {
		t.Fatalf("%d results", len(run.Results))
	}
	levels := map[string]bool{}
	for _, res := range run.Results {
		levels[res.Level] = true
		if res.RuleIndex == nil || d.Rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("%s: ruleIndex does not point at its rule", res.RuleID)
		}
		if len(res.Locations) != 1 || res.Locations[0].PhysicalLocation.Region == nil {
			t.Fatalf("%s: no region", res.RuleID)
		}
		pl := res.Locations[0].PhysicalLocation
		if reg := pl.Region; reg.StartLine < 1 || reg.StartColumn < 1 || reg.EndLine < reg.StartLine {
			t.Errorf("%s: region %+v", res.RuleID, reg)
		}
		if pl.ArtifactLocation.URI == "" || pl.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("%s: artifact %+v", res.RuleID, pl.ArtifactLocation)
		}
	}
	if !levels["error"] || !levels["warning"] || !levels["note"] {
		t.Errorf("levels = %v", levels)
	}
	if reg := run.Results[0].Locations[0].PhysicalLocation.Region; *reg != (struct{ StartLine, StartColumn, EndLine, EndColumn int }{1, 1, 1, 1}) {
		t.Errorf("whole-file finding region = %+v, want 1:1", reg)
	}
}

func TestGitHubCommands(t *testing.T) {
	out := write(t, "github", sample())
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := []string{
		"::error file=app/etc/config.php,line=1,col=1,endLine=1,endColumn=1,title=OMS001 parse-error::whole file: 100%25 <bad> & \"quoted\", a:b",
		"::warning file=app/etc/env.php,line=3,col=5,endLine=3,endColumn=14,title=OMS003 duplicate-key::secret ******** line1\\nline2\\r", // control characters escaped visibly (Escape)
		"::notice file=app/etc/env.php,line=2,col=8,endLine=2,endColumn=9,title=OMS101 servicebus-missing::info finding%0Ahint: hint with ********",
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines:\n%s", len(lines), out)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d\n got %s\nwant %s", i, lines[i], want[i])
		}
	}
	if got := escapeProperty("a:b,c%d\ne"); got != "a%3Ab%2Cc%25d%0Ae" {
		t.Errorf("escapeProperty = %q", got)
	}
}

func TestXMLFormatsParse(t *testing.T) {
	for _, format := range []string{"checkstyle", "junit"} {
		out := write(t, format, sample())
		var v any
		if err := xml.Unmarshal([]byte(out), &v); err != nil {
			t.Errorf("%s: %v\n%s", format, err, out)
		}
	}
	var cs checkstyleDoc
	if err := xml.Unmarshal([]byte(write(t, "checkstyle", sample())), &cs); err != nil {
		t.Fatal(err)
	}
	if len(cs.Files) != 2 || cs.Files[0].Errors[0].Message != `whole file: 100% <bad> & "quoted", a:b` {
		t.Errorf("checkstyle round trip = %+v", cs)
	}
}

func TestJUnitCleanRunHasAPassingCase(t *testing.T) {
	r := sample()
	r.Findings = nil
	var doc junitSuites
	if err := xml.Unmarshal([]byte(write(t, "junit", r)), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Tests != 2 || doc.Failures != 0 || len(doc.Suites) != 2 || doc.Suites[0].Cases[0].Failure != nil {
		t.Errorf("clean run = %+v", doc)
	}
	r.Sources = nil
	if err := xml.Unmarshal([]byte(write(t, "junit", r)), &doc); err != nil || doc.Tests != 1 {
		t.Errorf("clean run without files = %+v, %v", doc, err)
	}
	var junit junitSuites
	if err := xml.Unmarshal([]byte(write(t, "junit", sample())), &junit); err != nil || junit.Failures != 3 {
		t.Errorf("junit failures = %d, %v", junit.Failures, err)
	}
}

func TestFingerprintIgnoresLineNumbers(t *testing.T) {
	r := sample()
	a := &linter.Finding{Rule: "OMS003", File: "f", Message: "duplicate (first at line 3)"}
	b := &linter.Finding{Rule: "OMS003", File: "f", Message: "duplicate (first at line 9)"}
	if r.fingerprint(a) != r.fingerprint(b) {
		t.Error("fingerprint changes with a cited line number")
	}
	c := &linter.Finding{Rule: "OMS003", File: "f", Message: "other"}
	if r.fingerprint(a) == r.fingerprint(c) {
		t.Error("different messages share a fingerprint")
	}
}

// SARIF results are written one at a time into the document marshalled
// around a placeholder: the bytes are exactly those of marshalling the
// whole report with every result in it (what writeSARIF did before), with
// escapes, related locations, a rule not registered and a fixed finding
// (not a result).
func TestSARIFStreamsSameBytes(t *testing.T) {
	r := sample()
	r.Findings = append(r.Findings,
		&linter.Finding{Rule: "OMS999", Name: "test-rule", Severity: linter.Warning, File: "a&b/<c>.php",
			Message: "unregistered \u2028 rule", Related: []linter.Related{{File: "other/app/etc/env.php", Message: "the same <id>"}}},
		&linter.Finding{Rule: "OMS101", Name: "servicebus-missing", Severity: linter.Info, File: "app/etc/env.php", Fixed: true, Message: "fixed"},
	)
	for _, res := range []*Result{r, {ToolName: "omslint", Redactor: redact.New()}} {
		rep, run, index, reported, err := res.sarifReport()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range reported {
			run.Results = append(run.Results, res.sarifResult(f, index[f.Rule]))
		}
		want, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if got := write(t, "sarif", res); got != string(want)+"\n" {
			t.Errorf("streamed SARIF differs from the whole report marshalled:\n%s\nwant\n%s", got, want)
		}
	}
}

// The JSON report is written finding by finding into the document encoded
// around a placeholder: the bytes are those of encoding the whole document
// (what writeJSON did before), with characters JSON escapes and HTML ones
// it must not.
func TestJSONStreamsSameBytes(t *testing.T) {
	r := sample()
	r.Findings = append(r.Findings, &linter.Finding{Rule: "OMS602", Name: "secret-shared", Severity: linter.Error,
		File: "a&b/<c>.php", Message: "tab\there \u2028 <&>", KeyPath: []string{"serviceBus", "secret"}, Key: "serviceBus.secret",
		Related: []linter.Related{{File: "other/app/etc/env.php", Message: "the same <id>"}}})
	for _, res := range []*Result{r, {ToolName: "omslint", Redactor: redact.New()}} {
		d := res.jsonDoc()
		for _, f := range res.Findings {
			d.Findings = append(d.Findings, toJSON(res, f))
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
		if got := write(t, "json", res); got != want.String() {
			t.Errorf("streamed JSON differs from the whole document encoded:\n%s\nwant\n%s", got, want.String())
		}
	}
}
