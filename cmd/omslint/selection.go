package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/linter"
)

// ruleSelection turns --enable and --disable (IDs or names, each flag
// repeatable and comma-separated) into rule options that win over the
// config file: an enabled rule runs even when `rules:` sets it off, a
// disabled one never runs. A rule named by both flags, or a name that is
// no rule, is a usage error with the closest rule names as a suggestion.
func ruleSelection(enable, disable []string) (linter.Options, error) {
	lo := linter.Options{Off: map[string]bool{}}
	on := map[string]bool{}
	for _, spec := range []struct {
		flag  string
		list  []string
		value bool
	}{{"--enable", enable, false}, {"--disable", disable, true}} {
		for _, name := range spec.list {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			r := linter.Lookup(name)
			if r == nil {
				return lo, failure.Usagef("%s %s: no such rule%s (`omslint rules` lists them)", spec.flag, name, suggestRules(name))
			}
			if spec.value && on[r.ID] {
				return lo, failure.Usagef("%s is given to both --enable and --disable", r.ID)
			}
			if !spec.value {
				on[r.ID] = true
			}
			lo.Off[r.ID] = spec.value
		}
	}
	return lo, nil
}

// suggestRules is ", did you mean OMS112 (url-trailing-slash)?" for the
// rules whose ID or name is within edit distance 2 of name, else "".
func suggestRules(name string) string {
	type cand struct {
		r    *linter.Rule
		dist int
	}
	var cands []cand
	low := strings.ToLower(name)
	for _, r := range linter.Rules() {
		d := min(levenshtein.ComputeDistance(strings.ToUpper(name), r.ID), levenshtein.ComputeDistance(low, r.Name))
		if d <= 2 || (len(low) >= 4 && strings.Contains(r.Name, low)) {
			cands = append(cands, cand{r, d})
		}
	}
	if len(cands) == 0 {
		return ""
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
	var names []string
	for _, c := range cands[:min(len(cands), 3)] {
		names = append(names, fmt.Sprintf("%s (%s)", c.r.ID, c.r.Name))
	}
	return ", did you mean " + strings.Join(names, " or ") + "?"
}
