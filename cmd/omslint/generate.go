package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/omslint/omslint/atomicfile"
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/generator"
	"github.com/omslint/omslint/generator/apply"
	"github.com/omslint/omslint/magento"
)

type generateFlags struct {
	env, format, secrets, configFile, write string
	create, secureEndpoint                  bool
	values                                  map[string]*string
	writeFlags                              atomicfile.WriteFlags
}

// generateValueFlags are the non-secret keys a flag may give; secrets come
// only from the environment (cli.md "Generate").
var generateValueFlags = []string{"url", "oauth-server-url", "oauth-client-id", "application-id", "application-base-url"}

func newGenerateCmd() *cobra.Command {
	fl := generateFlags{values: map[string]*string{}}
	cmd := &cobra.Command{
		Use:   "generate [--env NAME] [--write [PATH]] [--url URL --oauth-server-url URL --application-id ID --oauth-client-id ID]",
		Short: "Print (or merge into env.php) the serviceBus block for an environment",
		Long: `Make the connector's serviceBus configuration from a profile of .omslint.yaml
(--env NAME) or flags (a flag wins over the profile). Secrets come only from
environment variables: OMS_OAUTH_CLIENT_SECRET and OMS_SECRET, or the ${NAME}s
the profile references. Without a secret, a random one (64 hex characters) is
generated and standard error says so.

--format php (default) prints the block in Magento's env.php layout; env a
shell line MAGENTO_DC__OVERRIDE='...' (export, source); env-file the same
unquoted, for docker run --env-file, compose env_file and kubectl create secret
--from-env-file; override the JSON value alone (a Cloud variable, a secret
manager); json the block as indented JSON.

--write [PATH] merges the block into env.php (PATH: a Magento root or an
env.php, as "--write PATH" or "--write=PATH"; default: app/etc/env.php of the
Magento root containing the current folder), changing nothing else. A value
env.php reads from the environment (getenv('X'), $_ENV['X'], '#env(X)') stays
a reference when the new value comes from X; a secret is written as a literal
only where the file has one (or with --secrets value). A key lint would rename
(OMS102, OMS105) is renamed. Standard error says per key what was kept,
replaced or added. --create makes a new env.php at the Magento root when there
is none.

Boolean flags take their value with "=": --secure-endpoint=false.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if err := boolValueArg(cmd, args); err != nil {
				return err
			}
			if cmd.Flags().Changed("write") && fl.write == "-" && len(args) == 1 {
				return nil // --write PATH: cobra's optional value parses PATH as an argument
			}
			if len(args) > 0 {
				return failure.Usagef("unexpected argument %q (generate takes no arguments; --write PATH names the file to merge into)", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				fl.write = args[0]
			}
			return runGenerate(cmd, &fl)
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.env, "env", "", "environment profile of .omslint.yaml")
	for _, k := range generateValueFlags {
		fl.values[k] = f.String(k, "", "serviceBus "+connector.LookupYAML(k).PHP)
	}
	f.BoolVar(&fl.secureEndpoint, "secure-endpoint", true, "serviceBus secure_endpoint (--secure-endpoint=false)")
	f.StringVarP(&fl.format, "format", "f", "php", "output format: php, env, env-file, override, json")
	f.StringVar(&fl.secrets, "secrets", "", "how secrets are written (php and --write): value, or getenv (getenv('NAME'), read at run time); default: values when printing, what the file does with --write")
	f.StringVar(&fl.write, "write", "", "merge the block into PATH, a Magento root or env.php (default app/etc/env.php of the Magento root)")
	f.Lookup("write").NoOptDefVal = "-"
	f.BoolVar(&fl.create, "create", false, "with --write: create a new env.php in Magento's layout when the file does not exist")
	f.StringVar(&fl.configFile, "config", "", "config file (default: .omslint.yaml at the Magento root or above the current folder)")
	f.BoolVar(&fl.writeFlags.Force, "force", false, "with --write: write a read-only env.php, and write in place one whose owner, group, hard links or attributes a replacement would change")
	f.BoolVar(&fl.writeFlags.FollowSymlinks, "follow-symlinks", false, "with --write: write through an env.php or app/etc symlink that leads out of the Magento root (says where on standard error)")
	registerEnvCompletion(cmd)
	return cmd
}

// boolValueArg turns `--flag false`, which pflag reads as the flag and a
// stray argument, into an error saying how to write it.
func boolValueArg(cmd *cobra.Command, args []string) error {
	for _, a := range args {
		switch strings.ToLower(a) {
		case "true", "false", "0", "1", "yes", "no", "on", "off":
		default:
			continue
		}
		name := ""
		cmd.Flags().Visit(func(f *pflag.Flag) {
			if f.Value.Type() == "bool" {
				name = f.Name
			}
		})
		if name == "" {
			return failure.Usagef("unexpected argument %q: a boolean flag takes its value with \"=\" (--flag=%s)", a, a)
		}
		return failure.Usagef("unexpected argument %q: boolean flags take their value with \"=\": use --%s=%s", a, name, strings.ToLower(a))
	}
	return nil
}

func runGenerate(cmd *cobra.Command, fl *generateFlags) error {
	stderr := cmd.ErrOrStderr()
	if !slices.Contains(generator.Formats, fl.format) {
		return failure.Usagef("unknown --format %q (want php, env, env-file, override or json)", fl.format)
	}
	switch fl.secrets {
	case "", "value", "getenv":
	default:
		return failure.Usagef("unknown --secrets %q (want value or getenv)", fl.secrets)
	}
	if fl.secrets == "getenv" && fl.format != "php" {
		return generator.ErrGetenvNotData
	}
	writing := cmd.Flags().Changed("write")
	if writing && fl.format != "php" {
		return failure.Usagef("--write merges PHP into env.php: leave out --format")
	}
	if fl.create && !writing {
		return failure.Usagef("--create goes with --write")
	}
	if (fl.writeFlags.Force || fl.writeFlags.FollowSymlinks) && !writing {
		return failure.Usagef("--force and --follow-symlinks go with --write")
	}
	target := ""
	if writing {
		var err error
		if target, err = apply.Target(fl.write); err != nil {
			return err
		}
	}
	in := generator.Input{Flags: map[string]string{}, UseGetenv: fl.secrets == "getenv", AllowUnset: writing}
	for k, v := range fl.values {
		if cmd.Flags().Changed(k) {
			in.Flags[k] = *v
		}
	}
	if cmd.Flags().Changed("secure-endpoint") {
		in.SecureEndpoint = &fl.secureEndpoint
	}
	if fl.env != "" {
		root := ""
		if target != "" {
			root = apply.Root(target)
		} else if r, err := magento.ResolveRoot(""); err == nil {
			root = r
		}
		var err error
		if _, in.Env, err = loadProfile(root, fl.configFile, fl.env); err != nil {
			return err
		}
	}
	block, notes, err := generator.Build(in)
	for _, n := range notes {
		fmt.Fprintln(stderr, "omslint: "+n)
	}
	if err != nil {
		return err
	}
	if writing {
		res, err := apply.Write(target, block, apply.Options{Create: fl.create, Merge: generator.MergeOptions{Secrets: fl.secrets}, Write: fl.writeFlags, Log: stderr})
		if err != nil {
			return err
		}
		printWrite(stderr, target, block, res)
		return nil
	}
	noteGenerated(stderr, block)
	out, err := block.Render(fl.format)
	if err != nil {
		return err
	}
	_, err = io.WriteString(cmd.OutOrStdout(), out+"\n")
	return err
}

func noteGenerated(w io.Writer, b *generator.Block) {
	for _, v := range b.Values {
		if v.Generated {
			fmt.Fprintln(w, "omslint: "+generator.GeneratedNote(v))
		}
	}
}

// printWrite says what --write did to path: per key what was kept,
// replaced, added or renamed (never a value), and the misspelled keys left
// for the user to remove by hand.
func printWrite(w io.Writer, path string, b *generator.Block, res *apply.Result) {
	if res.UsedGenerated {
		noteGenerated(w, b)
	}
	switch {
	case res.Created:
		fmt.Fprintf(w, "omslint: created %s with the serviceBus block:\n", path)
	case !res.Written:
		fmt.Fprintf(w, "omslint: %s already holds this serviceBus block: unchanged\n", path)
	default:
		fmt.Fprintf(w, "omslint: updated %s:\n", path)
	}
	for _, c := range res.Changes {
		fmt.Fprintf(w, "omslint:   %s\n", c)
	}
	for _, f := range res.Left {
		fmt.Fprintf(w, "omslint: warning: %s:%d:%d: %s [%s]: remove or rename it by hand\n", path, f.Span.Start.Line, f.Span.Start.Col, f.Message, f.Rule)
	}
}
