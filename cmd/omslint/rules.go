package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/omslint/omslint/doctor"
	"github.com/omslint/omslint/linter"
)

func newRulesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List the rules: id, name, default severity, fixable (and doctor's online checks)",
		Long: `List the lint rules: id, name, default severity, fixable, summary. The
online checks of omslint doctor (OMS7xx) follow, marked "doctor" in the
severity column: they pass, warn or fail at run time, cannot be configured in
.omslint.yaml, and omslint explain prints their pages too.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tFIXABLE\tSUMMARY")
			for _, r := range linter.Rules() {
				fix := "no"
				if r.Fixable {
					fix = "yes"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, fix, r.Summary)
			}
			for _, c := range doctor.Checks() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.ID, c.Name, "doctor", "-", c.Summary)
			}
			return tw.Flush()
		},
	}
}
