package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/omslint/omslint/docs"
	"github.com/omslint/omslint/doctor"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/linter"
)

func newExplainCmd() *cobra.Command {
	return &cobra.Command{
		Use:        "explain ID|NAME",
		SuggestFor: []string{"describe", "doc", "docs", "show"},
		Short:      "Print a rule's documentation (example, why it matters, how to fix)",
		Args:       cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			var ids []string
			for _, r := range linter.Rules() {
				ids = append(ids, r.ID, r.Name)
			}
			for _, c := range doctor.Checks() {
				ids = append(ids, c.ID, c.Name)
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var id string
			if r := linter.Lookup(args[0]); r != nil {
				id = r.ID
			} else if c := doctor.Lookup(args[0]); c != nil {
				id = c.ID // a doctor check (OMS7xx)
			} else {
				return failure.Usagef("no rule %q%s (see `omslint rules`)", args[0], suggestRules(args[0]))
			}
			page, err := docs.RulePage(id)
			if err != nil {
				return fmt.Errorf("%s has no docs page: %w", id, err)
			}
			_, err = io.WriteString(cmd.OutOrStdout(), page)
			return err
		},
	}
}
