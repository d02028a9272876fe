package main

import (
	"errors"
	"fmt"
	"github.com/omslint/omslint/connector"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/omslint/omslint/atomicfile"
	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/generator"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
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
	switch fl.format {
	case "php", "env", "env-file", "override", "json":
	default:
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
	cwd, _ := os.Getwd()
	target := ""
	if writing {
		var err error
		if target, err = writeTarget(cwd, fl.write, fl.create); err != nil {
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
			root = targetRoot(target)
		} else if r, err := magento.FindRoot(cwd); err == nil {
			root = r
		}
		cfg, err := config.LoadFor(root, cwd, fl.configFile)
		if err != nil {
			return err
		}
		if in.Env, err = cfg.Select(fl.env); err != nil {
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
		return writeEnvPHP(stderr, target, block, fl.create, generator.MergeOptions{Secrets: fl.secrets}, fl.writeFlags)
	}
	noteGenerated(stderr, block)
	var out string
	switch fl.format {
	case "env":
		out, err = block.EnvLine()
	case "env-file":
		out, err = block.EnvFileLine()
	case "override":
		out, err = block.Override()
	case "json":
		out, err = block.JSON("  ")
	default:
		out = block.PHP(generator.Indent)
	}
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

// writeTarget is the env.php --write changes: PATH itself, PATH's
// app/etc/env.php when PATH is a folder, or (no PATH) app/etc/env.php of
// the Magento root found from the current folder upward: never a new
// app/etc below the current folder.
func writeTarget(cwd, arg string, create bool) (string, error) {
	if arg != "" && arg != "-" {
		if st, err := os.Stat(arg); err == nil && st.IsDir() {
			return filepath.Join(arg, magento.EnvPHPPath), nil
		}
		return arg, nil
	}
	// The one root finder (env.php, config.php or a Magento composer.json,
	// from the current folder upward).
	root, err := magento.ResolveRoot("")
	var ie *failure.InputError
	if errors.As(err, &ie) {
		return "", &failure.InputError{Path: ie.Path, Err: fmt.Errorf("%v: give --write PATH", ie.Err)}
	}
	if err != nil {
		return "", err
	}
	return filepath.Join(root, magento.EnvPHPPath), nil
}

// targetRoot is the Magento root of an env.php path: three folders up
// from app/etc/env.php, else the file's folder.
func targetRoot(target string) string {
	if filepath.ToSlash(filepath.Clean(target)) == magento.EnvPHPPath || strings.HasSuffix(filepath.ToSlash(filepath.Clean(target)), "/"+magento.EnvPHPPath) {
		return filepath.Dir(filepath.Dir(filepath.Dir(target)))
	}
	return filepath.Dir(target)
}

// writeEnvPHP merges the block into path (or creates it) and writes it
// with the one writer: the file is locked from the read to the write, a
// symlink leading out of the Magento root needs --follow-symlinks, and a
// read-only file (or one whose owner, links or attributes a replacement
// would change) needs --force. Keys lint would rename (OMS102, OMS105)
// are renamed first, with the rules' own fixes, so the merge replaces
// their values instead of adding the right key beside the wrong one.
func writeEnvPHP(stderr io.Writer, path string, b *generator.Block, create bool, mo generator.MergeOptions, wo atomicfile.WriteFlags) error {
	if _, err := wo.Resolve(stderr, path); err != nil {
		return err
	}
	// The one safe read decides what may be read at all (a regular file on
	// a real file system, within the size limit); the merge then works on
	// the bytes read under the writer's lock.
	_, err := magento.ReadFile(path, 0)
	if errors.Is(err, fs.ErrNotExist) {
		if !create {
			return &failure.InputError{Path: path, Err: errors.New("does not exist (add --create to make a new env.php)")}
		}
		empty := []byte("<?php\nreturn [\n];\n")
		f, err := phpconf.Parse(path, empty, phpconf.Options{})
		if err != nil {
			return err
		}
		res, err := generator.MergeWith(f, b, mo)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := createEnvPHP(path, res.Out); err != nil {
			return err
		}
		if res.UsedGenerated {
			noteGenerated(stderr, b)
		}
		fmt.Fprintf(stderr, "omslint: created %s with the serviceBus block:\n", path)
		printChanges(stderr, res.Changes[1:])
		return nil
	}
	if err != nil {
		return err
	}
	var (
		res     *generator.MergeResult
		changes []string
	)
	written, err := atomicfile.Update(path, magento.DefaultMaxSize, atomicfile.Options{Force: wo.Force}, func(orig []byte) ([]byte, error) {
		src, renamed, err := renameKeys(path, orig)
		if err != nil {
			return nil, err
		}
		f, err := phpconf.Parse(path, src, phpconf.Options{})
		if err != nil {
			return nil, err
		}
		if res, err = generator.MergeWith(f, b, mo); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		changes = append(renamed, res.Changes...)
		return res.Out, nil
	})
	if err != nil {
		return err
	}
	if res.UsedGenerated {
		noteGenerated(stderr, b)
	}
	if !written {
		fmt.Fprintf(stderr, "omslint: %s already holds this serviceBus block: unchanged\n", path)
		printChanges(stderr, changes)
		return nil
	}
	fmt.Fprintf(stderr, "omslint: updated %s:\n", path)
	printChanges(stderr, changes)
	noteLeftKeys(stderr, path, res.Out)
	return nil
}

// noteLeftKeys says which keys lint still reports as misspelled after the
// merge: one it could not rename (the right key is there too, or two
// misspellings claim it), for the user to remove by hand.
func noteLeftKeys(stderr io.Writer, path string, out []byte) {
	_, left, err := keyFindings(path, out)
	if err != nil {
		return
	}
	for _, f := range left {
		fmt.Fprintf(stderr, "omslint: warning: %s:%d:%d: %s [%s]: remove or rename it by hand\n", path, f.Span.Start.Line, f.Span.Start.Col, f.Message, f.Rule)
	}
}

// printChanges writes one line per key: what was kept, replaced, added or
// renamed (never a value).
func printChanges(w io.Writer, cs []string) {
	for _, c := range cs {
		fmt.Fprintf(w, "omslint:   %s\n", c)
	}
}

// renameKeys applies the fixes of OMS102 (a misspelled serviceBus) and
// OMS105 (a serviceBus key within edit distance 2 of a missing known one)
// to src: the rules decide what is renamed, as `lint --fix` would.
func renameKeys(path string, src []byte) ([]byte, []string, error) {
	fixable, _, err := keyFindings(path, src)
	if err != nil {
		return nil, nil, err
	}
	var edits []phpconf.Edit
	var notes []string
	for _, f := range fixable {
		edits = append(edits, f.Fix.Edits...)
		notes = append(notes, "renamed "+strings.TrimPrefix(f.Fix.Description, "rename ")+" ("+f.Rule+")")
	}
	if len(edits) == 0 {
		return src, nil, nil
	}
	out, _, skipped := phpconf.Apply(src, edits)
	if len(skipped) > 0 {
		return src, nil, nil
	}
	return out, notes, nil
}

// keyFindings runs OMS102 and OMS105 alone on src: the findings with a
// rename fix, and the others.
func keyFindings(path string, src []byte) (fixable, other []*linter.Finding, err error) {
	p := &magento.Project{Env: (&magento.PHPSource{Source: magento.Source{Path: path}}).WithData(src, magento.LoadOptions{})}
	off := map[string]bool{}
	for _, r := range linter.Rules() {
		off[r.ID] = r.ID != "OMS102" && r.ID != "OMS105"
	}
	findings, err := linter.Run(p, linter.Options{Off: off})
	if err != nil {
		return nil, nil, err
	}
	for _, f := range findings {
		if f.Fixable() {
			fixable = append(fixable, f)
		} else {
			other = append(other, f)
		}
	}
	return fixable, other, nil
}

// createEnvPHP makes a new env.php (mode 0640: it holds secrets) and its
// folders.
func createEnvPHP(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.Create(path, data, 0o640)
}
