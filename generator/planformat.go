package generator

import (
	"encoding/json"
	"fmt"
	"strings"
)

// PlanHeader describes what a plan was computed for.
type PlanHeader struct {
	Root  string // the Magento root as the user gave it
	Env   string // profile name, "" when none
	Cloud bool
}

func (h PlanHeader) describe() string {
	s := "omslint plan for " + h.Root
	if h.Env != "" {
		s += " (environment " + h.Env + ")"
	}
	if h.Cloud {
		s += " on Magento Cloud"
	}
	return s
}

// whereHeading names where the steps that follow run, when it changes.
func whereHeading(h PlanHeader, s Step) string {
	switch {
	case s.Kind == KindAdmin:
		return "In the Magento Admin"
	case s.Kind == KindNote:
		return ""
	case s.Where == WhereDeploy:
		return "The Cloud deploy runs (nothing to run here)"
	case s.Where == WhereEnvironment:
		return "On the Cloud environment (magento-cloud ssh; never run by this script)"
	case h.Cloud:
		return "Locally, in this checkout"
	}
	return ""
}

// PlanText is the plan for a person: numbered steps, each with why.
func PlanText(h PlanHeader, steps []Step) string {
	var b strings.Builder
	b.WriteString(h.describe() + ":\n")
	heading := ""
	n := 0
	for _, s := range steps {
		if s.Kind == KindNote {
			fmt.Fprintf(&b, "\nNote: %s\n    why: %s\n", s.Title, s.Why)
			continue
		}
		if hd := whereHeading(h, s); hd != heading && hd != "" {
			heading = hd
			fmt.Fprintf(&b, "\n%s:\n", hd)
		}
		n++
		fmt.Fprintf(&b, "\n%2d. ", n)
		switch s.Kind {
		case KindCommand:
			b.WriteString(s.CommandLine() + "\n")
			fmt.Fprintf(&b, "    %s\n", s.Title)
		case KindAdmin:
			fmt.Fprintf(&b, "Admin: %s\n", s.Title)
		default:
			fmt.Fprintf(&b, "%s\n", s.Title)
		}
		for _, d := range s.Details {
			fmt.Fprintf(&b, "    - %s\n", d)
		}
		fmt.Fprintf(&b, "    why: %s\n", s.Why)
	}
	return b.String()
}

// PlanShell is a runnable bash script. It runs to its end on the checkout
// it was made for: it first checks that it runs at a Magento root and that
// the variables its commands read are set (before it changes anything);
// only local commands run; a step the plan cannot complete (no profile,
// so no serviceBus values), the Cloud deploy's and environment's steps and
// the Admin steps are comments in their place.
func PlanShell(h PlanHeader, steps []Step) string {
	var b strings.Builder
	b.WriteString("#!/usr/bin/env bash\n")
	b.WriteString("# " + oneLine(h.describe()) + "\n")
	b.WriteString("# Run from the Magento root. Steps that are comments are done by hand, in order.\n")
	b.WriteString("set -euo pipefail\n")
	b.WriteString("[ -d app/etc ] || { echo 'omslint plan: run this script from the Magento root (" + oneLine(strings.ReplaceAll(h.Root, "'", "")) + "): there is no app/etc here' >&2; exit 1; }\n")
	seen := map[string]bool{}
	for i, s := range steps {
		if s.Kind != KindCommand || s.Where != WhereLocal {
			continue
		}
		for _, v := range s.Needs {
			if seen[v] || !isVarName(v) {
				continue
			}
			seen[v] = true
			fmt.Fprintf(&b, ": \"${%s:?export %s first: step %d (%s) reads it}\"\n", v, v, stepNumber(steps, i), oneLine(shellSafe(s.Title)))
		}
	}
	heading := ""
	for i, s := range steps {
		b.WriteString("\n")
		if s.Kind == KindNote {
			writeComment(&b, "Note: "+s.Title)
			writeComment(&b, "why: "+s.Why)
			continue
		}
		if hd := whereHeading(h, s); hd != heading && hd != "" {
			heading = hd
			writeComment(&b, "== "+hd+" ==")
			b.WriteString("\n")
		}
		num := stepNumber(steps, i)
		switch {
		case s.Kind == KindCommand && s.Where == WhereLocal:
			fmt.Fprintf(&b, "# %d. %s\n", num, oneLine(s.Title))
			writeComment(&b, "why: "+s.Why)
			b.WriteString(s.CommandLine() + "\n")
		case s.Kind == KindCommand:
			fmt.Fprintf(&b, "# %d. %s\n", num, oneLine(s.Title))
			writeComment(&b, "    "+s.CommandLine())
			writeComment(&b, "why: "+s.Why)
		case s.Kind == KindAdmin:
			fmt.Fprintf(&b, "# %d. Admin (by hand): %s\n", num, oneLine(s.Title))
			for _, d := range s.Details {
				writeComment(&b, "  - "+d)
			}
			writeComment(&b, "why: "+s.Why)
		default:
			fmt.Fprintf(&b, "# %d. By hand: %s\n", num, oneLine(s.Title))
			for _, d := range s.Details {
				writeComment(&b, "  - "+d)
			}
			writeComment(&b, "why: "+s.Why)
		}
	}
	return b.String()
}

// stepNumber is the 1-based number of steps[i], notes not counted.
func stepNumber(steps []Step, i int) int {
	n := 0
	for _, s := range steps[:i+1] {
		if s.Kind != KindNote {
			n++
		}
	}
	return n
}

func isVarName(s string) bool {
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// shellSafe drops what would end or expand inside ${VAR:?message}.
func shellSafe(s string) string {
	return strings.NewReplacer("}", "", "$", "", "`", "", `"`, "", `\`, "").Replace(s)
}

func writeComment(b *strings.Builder, s string) {
	b.WriteString("# " + oneLine(s) + "\n")
}

// oneLine keeps a comment on its line whatever a value holds.
func oneLine(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
}

// PlanJSON is {"root", "environment", "cloud", "steps": [...]}.
func PlanJSON(h PlanHeader, steps []Step) (string, error) {
	if steps == nil {
		steps = []Step{}
	}
	out := struct {
		Root  string `json:"root"`
		Env   string `json:"environment,omitempty"`
		Cloud bool   `json:"cloud"`
		Steps []Step `json:"steps"`
	}{h.Root, h.Env, h.Cloud, steps}
	j, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return "", err
	}
	return string(j) + "\n", nil
}

// PlanFormats are the forms RenderPlan writes a plan in (plan --format).
var PlanFormats = []string{"text", "sh", "json"}

// RenderPlan is the plan in one of PlanFormats: text (PlanText), sh a
// runnable bash script (PlanShell), json (PlanJSON).
func RenderPlan(format string, h PlanHeader, steps []Step) (string, error) {
	switch format {
	case "text":
		return PlanText(h, steps), nil
	case "sh":
		return PlanShell(h, steps), nil
	case "json":
		return PlanJSON(h, steps)
	}
	return "", fmt.Errorf("unknown plan format %q (want one of %s)", format, strings.Join(PlanFormats, ", "))
}
