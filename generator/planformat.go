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

// PlanText is the plan for a person: numbered steps, each with why.
func PlanText(h PlanHeader, steps []Step) string {
	var b strings.Builder
	b.WriteString(h.describe() + ":\n")
	for i, s := range steps {
		fmt.Fprintf(&b, "\n%2d. ", i+1)
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

// PlanShell is a runnable bash script: the commands, with every manual and
// Admin step as comments in its place. It runs from the Magento root.
func PlanShell(h PlanHeader, steps []Step) string {
	var b strings.Builder
	b.WriteString("#!/usr/bin/env bash\n")
	b.WriteString("# " + oneLine(h.describe()) + "\n")
	b.WriteString("# Run from the Magento root. Manual and Admin steps are comments: do them by hand, in order.\n")
	b.WriteString("set -euo pipefail\n")
	for i, s := range steps {
		b.WriteString("\n")
		switch s.Kind {
		case KindCommand:
			fmt.Fprintf(&b, "# %d. %s\n", i+1, oneLine(s.Title))
			writeComment(&b, "why: "+s.Why)
			b.WriteString(s.CommandLine() + "\n")
		case KindAdmin:
			fmt.Fprintf(&b, "# %d. Admin (by hand): %s\n", i+1, oneLine(s.Title))
			for _, d := range s.Details {
				writeComment(&b, "  - "+d)
			}
			writeComment(&b, "why: "+s.Why)
		default:
			fmt.Fprintf(&b, "# %d. By hand: %s\n", i+1, oneLine(s.Title))
			for _, d := range s.Details {
				writeComment(&b, "  - "+d)
			}
			writeComment(&b, "why: "+s.Why)
		}
	}
	return b.String()
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
