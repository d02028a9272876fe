package main

import (
	"strings"

	"github.com/spf13/cobra"
)

// subcommands lists every command with its builder, in help order.
var subcommands = []struct {
	name  string
	build func() *cobra.Command
}{
	{"lint", newLintCmd}, {"rules", newRulesCmd}, {"explain", newExplainCmd},
	{"version", newVersionCmd}, {"init", newInitCmd}, {"generate", newGenerateCmd},
	{"plan", newPlanCmd}, {"doctor", newDoctorCmd},
}

// newRootCmd builds the command tree for args. A run names its command
// first (`omslint lint ...`), and then only that command is built: the
// others' flags and help texts are 250 allocations and pages of memory a
// lint never reads, a measurable part of a small root's run (issue 19).
// Anything else (help, completion, a flag or a typo first) gets the whole
// tree, so listings and "Did you mean" see every command.
func newRootCmd(args []string) *cobra.Command {
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
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		for _, c := range subcommands {
			if c.name == args[0] {
				root.AddCommand(c.build())
				return root
			}
		}
	}
	for _, c := range subcommands {
		root.AddCommand(c.build())
	}
	strictCompletion(root)
	return root
}

// strictCompletion makes `omslint completion SHELL` with a shell it does
// not know a usage error (exit 2: `unknown command "tcsh" for "omslint
// completion"`) instead of cobra's default for a command without a Run,
// the help text on standard output and exit 0, which a script redirecting
// it into a completion file would install without noticing. Giving the
// command a Run makes cobra check its arguments against the shells.
func strictCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		}
	}
}
