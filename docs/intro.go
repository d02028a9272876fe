package docs

import "strings"

// RuleIntro returns the opening paragraph of a rule's page (the text
// between the "Severity:" line and the first section) as one line, for
// tools that show a rule's full description (SARIF). "" when the page is
// missing.
func RuleIntro(id string) string {
	page, err := RulePage(id)
	if err != nil {
		return ""
	}
	var words []string
	started := false
	for _, line := range strings.Split(page, "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			return strings.Join(words, " ")
		case strings.HasPrefix(line, "Severity:"):
			started = true
		case started && strings.TrimSpace(line) == "" && len(words) > 0:
			return strings.Join(words, " ")
		case started:
			words = append(words, strings.Fields(line)...)
		}
	}
	return strings.Join(words, " ")
}
