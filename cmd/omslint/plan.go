package main

import (
	"io"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/engine"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/generator"
	"github.com/omslint/omslint/magento"
)

type planFlags struct {
	env, format, configFile string
	cloud                   bool
}

func newPlanCmd() *cobra.Command {
	var fl planFlags
	cmd := &cobra.Command{
		Use:   "plan [PATH]",
		Short: "Print the ordered steps that bring a checkout to a registered, working connector",
		Long: `Print the ordered composer, bin/magento and Admin steps that take this Magento
checkout to a registered, working OMS connector, each with why. Steps the files
show as done are left out; registration and the Admin steps are always listed.
PATH is a Magento root (default: the one containing the current folder); a
repository without app/etc/env.php gets the composer and module steps, then
how to add the serviceBus block.

With --env NAME it also sets each website's OMS sales channel id (bin/magento
config:set ... mcom_configuration/general/store_id ID).

--format sh prints a bash script that runs to its end: it checks the root and
the variables it needs before changing anything, and every step it cannot do
(the serviceBus block without a profile, the Admin) is a comment. --cloud
separates what runs locally (composer, modules, committing config.php), what
the deploy runs (setup:upgrade registers) and what runs on the environment
(magento-cloud ssh -- bin/magento ..., comments only), and says how to set
env:MAGENTO_DC__OVERRIDE from generate --format override.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPlan(cmd.OutOrStdout(), args, &fl)
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.env, "env", "", "environment profile of .omslint.yaml (lists its sales channels and stock aggregates)")
	f.BoolVar(&fl.cloud, "cloud", false, "Magento Cloud: the deploy runs setup:upgrade and writes env.php; environment steps are magento-cloud ssh comments")
	f.StringVarP(&fl.format, "format", "f", "text", "output format: text, sh, json")
	f.StringVar(&fl.configFile, "config", "", "config file (default: .omslint.yaml at the Magento root or above the current folder)")
	registerEnvCompletion(cmd)
	return cmd
}

func runPlan(w io.Writer, args []string, fl *planFlags) error {
	if !slices.Contains(generator.PlanFormats, fl.format) {
		return failure.Usagef("unknown --format %q (want text, sh or json)", fl.format)
	}
	root, p, err := loadRoot(args)
	if err != nil {
		return err
	}
	// The config file is read for --env only (without it, plan needs none).
	var (
		cfg *config.Config
		env *config.Environment
	)
	if fl.env != "" {
		if cfg, env, err = loadProfile(root, fl.configFile, fl.env); err != nil {
			return err
		}
	}
	steps := generator.Plan(p, generator.PlanOptions{Env: env, Cloud: fl.cloud})
	out, err := generator.RenderPlan(fl.format, generator.PlanHeader{Root: filepath.ToSlash(root), Env: fl.env, Cloud: fl.cloud}, steps)
	if err != nil {
		return err
	}
	// Steps quote the files (a repository URL may hold user:password@):
	// everything printed goes through the project's redactor.
	var secretKeys []string
	if cfg != nil {
		secretKeys = cfg.Secrets
	}
	_, err = io.WriteString(w, engine.ProjectRedactor(p, secretKeys).String(out))
	return err
}

// loadRoot reads the Magento root that args name, or the one containing
// the current folder, as the user would write it (magento.ResolveRoot),
// for the commands that work on a whole root (plan, doctor).
func loadRoot(args []string) (string, *magento.Project, error) {
	given := ""
	if len(args) == 1 {
		given = args[0]
	}
	root, err := magento.ResolveRoot(given)
	if err != nil {
		return "", nil, err
	}
	p, err := magento.LoadRoot(root, magento.LoadOptions{})
	return root, p, err
}
