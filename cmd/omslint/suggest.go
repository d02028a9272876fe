package main

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/agnivade/levenshtein"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/omslint/omslint/failure"
)

// unknownFlag matches pflag's messages for a flag that does not exist:
// "unknown flag: --formt" and "unknown shorthand flag: 'x' in -x".
var unknownFlag = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown flag: --([^\s=]+)`) })

// flagError adds "did you mean --format?" to an unknown flag (the
// command's own and inherited flags, by edit distance) and the command's
// help pointer to every flag error.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if m := unknownFlag().FindStringSubmatch(msg); m != nil {
		if s := suggestFlags(cmd, m[1]); len(s) > 0 {
			return failure.Usagef("%s\n\nDid you mean this?\n\t--%s\n\nRun '%s --help' for the flags", msg, strings.Join(s, "\n\t--"), cmd.CommandPath())
		}
	}
	return failure.Usagef("%s\nRun '%s --help' for the flags", msg, cmd.CommandPath())
}

// suggestFlags lists the flags of cmd within edit distance 2 of name (or
// that name starts, for an abbreviation like --recur), closest first.
func suggestFlags(cmd *cobra.Command, name string) []string {
	type cand struct {
		name string
		dist int
	}
	var cands []cand
	seen := map[string]bool{}
	visit := func(f *pflag.Flag) {
		if f.Hidden || seen[f.Name] {
			return
		}
		seen[f.Name] = true
		d := levenshtein.ComputeDistance(strings.ToLower(name), f.Name)
		if d <= 2 || (len(name) >= 3 && strings.HasPrefix(f.Name, strings.ToLower(name))) {
			cands = append(cands, cand{f.Name, d})
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].dist != cands[j].dist {
			return cands[i].dist < cands[j].dist
		}
		return cands[i].name < cands[j].name
	})
	out := make([]string, 0, len(cands))
	for _, c := range cands {
		out = append(out, c.name)
	}
	return out
}
