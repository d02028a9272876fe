package main

import (
	"github.com/spf13/cobra"
)

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "omslint",
		Short: "Lint, fix and generate the Magento 2 OMS connector configuration",
		Long: `omslint checks a Magento 2 checkout for the Order Management (OMS) connector:
the serviceBus block of app/etc/env.php, the modules of app/etc/config.php,
composer files and file safety. It never runs PHP or needs Magento.`,
		Version:       longVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
		// A mistyped command gets "Did you mean this?" (distance 2).
		SuggestionsMinimumDistance: 2,
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(newLintCmd(), newRulesCmd(), newExplainCmd(), newVersionCmd(), newInitCmd())
	root.AddCommand(newGenerateCmd(), newPlanCmd(), newDoctorCmd())
	return root
}
