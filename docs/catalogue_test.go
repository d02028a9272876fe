package docs_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/omslint/omslint/doctor"
	"github.com/omslint/omslint/linter"
)

// catalogueFile is the rule catalogue, generated from the rule registry:
// `go generate ./docs` (or go test ./docs -run TestRuleCatalogue
// -update-docs) rewrites it; TestRuleCatalogue fails when it drifts.
const catalogueFile = "rules.md"

// catalogueIntro is the part of the catalogue that is not per rule.
const catalogueIntro = `# Rule catalogue

<!-- Generated from the rule registry by docs/catalogue_test.go: do not edit.
     go generate ./docs (or go test ./docs -run TestRuleCatalogue -update-docs) rewrites it. -->

Every rule omslint has, by ID. Each ID links to the rule's page (example, why it matters, how to
fix, references), which ` + "`omslint explain ID`" + ` prints; ` + "`omslint rules`" + ` lists the same table.

Values are checked on the **effective** configuration (config.php ⊕ env.php, then the environment
when it is known: [domain.md](domain.md) §8); a finding points where its value comes from.
` + "`application_base_url`" + ` is a known, optional key ([domain.md](domain.md) §9), checked by the URL rules.

Stable IDs: tests, CI configs, suppressions and other tools depend on them. An ID is never reused
or renumbered; a rule may gain a better message, a fix, or a finer trigger. Each rule has a
kebab-case name, a default severity (error, warning, info; a rule's page says when a finding gets
another one), and a docs page. "fix" means ` + "`--fix`" + ` can repair it with a byte-range edit
([fixing.md](fixing.md)).

Where a finding points (line:column): at the offending value; for a missing key, at the key of the
array that should hold it (` + "`'serviceBus'`" + `), or at the opening of the returned array when the
block itself is missing; for a parse error, where the parser stopped.

"Connector detected" means: ` + "`composer.json` or `composer.lock` names `magento/mcom-connector`" + ` or
` + "`magento/module-service-bus`, or `config.php`" + ` lists any connector module ([domain.md](domain.md) §3), or
env.php has a ` + "`serviceBus`" + ` key. Rules on config.php and composer files run only when those files
are part of the input (a Magento root was given).
`

// catalogueGroups title the rule families by the ID's first digit.
var catalogueGroups = map[byte]string{
	'0': "OMS0xx: reading the file",
	'1': "OMS1xx: the `serviceBus` block (env.php)",
	'2': "OMS2xx: modules (config.php), when the connector is detected",
	'3': "OMS3xx: composer and connector version",
	'4': "OMS4xx: file safety and secrets",
	'5': "OMS5xx: environment profile (`.omslint.yaml`, with `--env NAME`)",
	'6': "OMS6xx: across roots (when more than one root is linted)",
	'7': "OMS7xx: `omslint doctor` (online checks)",
}

// catalogue renders the catalogue from the registry.
func catalogue() string {
	var b strings.Builder
	b.WriteString(catalogueIntro)
	group := byte(0)
	for _, r := range linter.Rules() {
		if g := r.ID[3]; g != group && g != '7' {
			group = g
			title := catalogueGroups[g]
			if title == "" {
				title = fmt.Sprintf("OMS%cxx", g)
			}
			fmt.Fprintf(&b, "\n## %s\n| id | name | severity | fix | what it finds |\n|---|---|---|---|---|\n", title)
		}
		fix := ""
		if r.Fixable {
			fix = "fix"
		}
		summary := strings.ReplaceAll(r.Summary, "|", `\|`)
		fmt.Fprintf(&b, "| [%s](rules/%s.md) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Name, r.Severity, fix, summary)
	}
	if checks := doctor.Checks(); len(checks) > 0 {
		fmt.Fprintf(&b, "\n## %s\nOne ID per online check of `omslint doctor`: a check passes, warns or fails when it runs; it\nhas no severity to configure and no fix.\n\n| id | name | what it checks |\n|---|---|---|\n", catalogueGroups['7'])
		for _, c := range checks {
			fmt.Fprintf(&b, "| [%s](rules/%s.md) | %s | %s |\n", c.ID, c.ID, c.Name, strings.ReplaceAll(c.Summary, "|", `\|`))
		}
	}
	return b.String()
}

func TestRuleCatalogue(t *testing.T) {
	want := catalogue()
	if *updateDocs {
		if err := os.WriteFile(catalogueFile, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(catalogueFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("docs/%s is not what the rule registry gives: run go generate ./docs (go test ./docs -run TestRuleCatalogue -update-docs) and commit it", catalogueFile)
	}
	for _, r := range linter.Rules() {
		if !strings.Contains(string(got), "| ["+r.ID+"](rules/"+r.ID+".md) | "+r.Name+" |") {
			t.Errorf("%s is missing from docs/%s", r.ID, catalogueFile)
		}
	}
}
