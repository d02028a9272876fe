package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/report"
)

// Shell completion of flag values (`omslint completion bash|zsh|fish`).
// Every function here only reads: the rule registry, the format list, and
// for --env the profile names of .omslint.yaml, parsed by package config
// (YAML, nothing in it is ever run).

var severityNames = []string{"error", "warning", "info"}

// fixedValues completes a flag from a fixed list.
func fixedValues(values ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeFormats offers the format names, then FORMAT= forms: after
// `sarif=` the shell completes a file name.
func completeFormats(formats []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if strings.Contains(toComplete, "=") {
			return nil, cobra.ShellCompDirectiveDefault
		}
		out := make([]string, 0, 2*len(formats))
		for _, f := range formats {
			out = append(out, f, f+"=")
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// completeRules offers rule IDs and names for a comma-separated list
// (--enable OMS112,url-ins<TAB>): the part before the last comma is kept.
func completeRules(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	prefix := ""
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		prefix = toComplete[:i+1]
	}
	var out []string
	for _, r := range linter.Rules() {
		out = append(out, prefix+r.ID+"\t"+r.Summary, prefix+r.Name+"\t"+r.ID)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeEnv offers the environment profiles of the config file that
// applies: --config when given, else .omslint.yaml at the Magento root
// (the first PATH argument, or the root containing the current folder)
// or above the current folder.
func completeEnv(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	file := ""
	if f := cmd.Flags().Lookup("config"); f != nil {
		file = f.Value.String()
	}
	root := ""
	if len(args) > 0 && magento.IsRoot(args[0]) {
		root = args[0]
	} else if r, err := magento.ResolveRoot(""); err == nil {
		root = r
	}
	cfg, _, err := loadProfile(root, file, "")
	if err != nil || cfg == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	out := make([]string, 0, len(cfg.EnvOrder))
	for _, name := range cfg.EnvOrder {
		if e := cfg.Environments[name]; e != nil && e.Kind != "" {
			out = append(out, name+"\t"+e.Kind)
			continue
		}
		out = append(out, name)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// registerLintCompletions wires the lint command's value completions.
func registerLintCompletions(cmd *cobra.Command) {
	must := func(err error) {
		if err != nil {
			panic(err) // a flag name typo: a bug caught by any test
		}
	}
	must(cmd.RegisterFlagCompletionFunc("format", completeFormats(report.Formats())))
	must(cmd.RegisterFlagCompletionFunc("fail-on", fixedValues(append(append([]string{}, severityNames...), "never")...)))
	must(cmd.RegisterFlagCompletionFunc("min-severity", fixedValues(severityNames...)))
	must(cmd.RegisterFlagCompletionFunc("color", fixedValues(colorModes...)))
	must(cmd.RegisterFlagCompletionFunc("enable", completeRules))
	must(cmd.RegisterFlagCompletionFunc("disable", completeRules))
	must(cmd.RegisterFlagCompletionFunc("env", completeEnv))
}

// registerEnvCompletion wires --env for generate and plan.
func registerEnvCompletion(cmd *cobra.Command) {
	if err := cmd.RegisterFlagCompletionFunc("env", completeEnv); err != nil {
		panic(err)
	}
}
