package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/omslint/omslint/atomicfile"
	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/generator"
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
var generateValueFlags = []string{"url", "oauth-server-url", "application-id", "oauth-client-id"}

func newGenerateCmd() *cobra.Command {
	fl := generateFlags{values: map[string]*string{}}
	cmd := &cobra.Command{
		Use:   "generate [--env NAME] [--url URL --oauth-server-url URL --application-id ID --oauth-client-id ID]",
		Short: "Print (or merge into env.php) the serviceBus block for an environment",
		Long: `Make the connector's serviceBus configuration from a profile of .omslint.yaml
(--env NAME) or flags (a flag wins over the profile). Secrets come only from
environment variables: OMS_OAUTH_CLIENT_SECRET and OMS_SECRET, or the ${NAME}s
the profile references. Without a secret, a random one (64 hex characters) is
generated and standard error says so.

--format php (default) prints the block in Magento's env.php layout; env prints a
MAGENTO_DC__OVERRIDE line for containers; json the block as JSON.
--write [ENV_PHP] merges the block into env.php (default: app/etc/env.php of the
Magento root containing the current folder), changing nothing else; --create
makes a new env.php when there is none.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGenerate(cmd, &fl)
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.env, "env", "", "environment profile of .omslint.yaml")
	for _, k := range generateValueFlags {
		fl.values[k] = f.String(k, "", "serviceBus "+config.PHPKey(k))
	}
	f.BoolVar(&fl.secureEndpoint, "secure-endpoint", true, "serviceBus secure_endpoint")
	f.StringVarP(&fl.format, "format", "f", "php", "output format: php, env, json")
	f.StringVar(&fl.secrets, "secrets", "value", "how secrets are written with --format php: value, or getenv (getenv('NAME'), read at run time)")
	f.StringVar(&fl.write, "write", "", "merge the block into ENV_PHP (default app/etc/env.php of the Magento root)")
	f.Lookup("write").NoOptDefVal = "-"
	f.BoolVar(&fl.create, "create", false, "with --write: create a new env.php in Magento's layout when the file does not exist")
	f.StringVar(&fl.configFile, "config", "", "config file (default: .omslint.yaml at the Magento root or above the current folder)")
	f.BoolVar(&fl.writeFlags.Force, "force", false, "with --write: write a read-only env.php, and write in place one whose owner, group, hard links or attributes a replacement would change")
	f.BoolVar(&fl.writeFlags.FollowSymlinks, "follow-symlinks", false, "with --write: write through an env.php or app/etc symlink that leads out of the Magento root (says where on standard error)")
	return cmd
}

func runGenerate(cmd *cobra.Command, fl *generateFlags) error {
	stderr := cmd.ErrOrStderr()
	switch fl.format {
	case "php", "env", "json":
	default:
		return fmt.Errorf("unknown --format %q (want php, env or json)", fl.format)
	}
	if fl.secrets != "value" && fl.secrets != "getenv" {
		return fmt.Errorf("unknown --secrets %q (want value or getenv)", fl.secrets)
	}
	if fl.secrets == "getenv" && fl.format != "php" {
		return generator.ErrGetenvNotData
	}
	writing := cmd.Flags().Changed("write")
	if writing && fl.format != "php" {
		return errors.New("--write merges PHP into env.php: leave out --format")
	}
	if fl.create && !writing {
		return errors.New("--create goes with --write")
	}
	if (fl.writeFlags.Force || fl.writeFlags.FollowSymlinks) && !writing {
		return errors.New("--force and --follow-symlinks go with --write")
	}
	cwd, _ := os.Getwd()
	target := ""
	if writing {
		target = fl.write
		if target == "-" || target == "" {
			target = defaultEnvPHP(cwd)
		}
	}
	in := generator.Input{Flags: map[string]string{}, UseGetenv: fl.secrets == "getenv"}
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
			root = filepath.Dir(filepath.Dir(filepath.Dir(target)))
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
		return writeEnvPHP(stderr, target, block, fl.create, fl.writeFlags)
	}
	noteGenerated(stderr, block)
	var out string
	switch fl.format {
	case "env":
		out, err = block.EnvLine()
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

// defaultEnvPHP is app/etc/env.php of the Magento root containing cwd, or
// of cwd when there is none (for --create), as the user would write it.
func defaultEnvPHP(cwd string) string {
	if root, err := magento.FindRoot(cwd); err == nil {
		if rel, err := filepath.Rel(cwd, root); err == nil {
			return filepath.Join(rel, magento.EnvPHPPath)
		}
		return filepath.Join(root, magento.EnvPHPPath)
	}
	return magento.EnvPHPPath
}

// writeEnvPHP merges the block into path (or creates it) and writes it
// with the one writer: the file is locked from the read to the write, a
// symlink leading out of the Magento root needs --follow-symlinks, and a
// read-only file (or one whose owner, links or attributes a replacement
// would change) needs --force.
func writeEnvPHP(stderr io.Writer, path string, b *generator.Block, create bool, wo atomicfile.WriteFlags) error {
	if _, err := wo.Resolve(stderr, path); err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		// A FIFO or device would block the read; a folder cannot be written.
		return &magento.InputError{Path: path, Err: errors.New("not a regular file (a folder, FIFO or device): refused")}
	} else if errors.Is(err, fs.ErrNotExist) {
		if !create {
			return &magento.InputError{Path: path, Err: errors.New("does not exist (add --create to make a new env.php)")}
		}
		if err := createEnvPHP(path, []byte(b.NewEnvPHP())); err != nil {
			return err
		}
		noteGenerated(stderr, b)
		fmt.Fprintf(stderr, "omslint: created %s with the serviceBus block\n", path)
		return nil
	}
	var res *generator.MergeResult
	written, err := atomicfile.Update(path, magento.DefaultMaxSize, atomicfile.Options{Force: wo.Force}, func(orig []byte) ([]byte, error) {
		f, err := phpconf.Parse(path, orig, phpconf.Options{})
		if err != nil {
			return nil, err
		}
		if res, err = generator.Merge(f, b); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if !res.Changed() {
			return nil, nil
		}
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
		return nil
	}
	fmt.Fprintf(stderr, "omslint: updated %s: %s\n", path, joinChanges(res.Changes))
	return nil
}

func joinChanges(cs []string) string {
	s := ""
	for i, c := range cs {
		if i > 0 {
			s += ", "
		}
		s += c
	}
	return s
}

// createEnvPHP makes a new env.php (mode 0640: it holds secrets) and its
// folders.
func createEnvPHP(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.Create(path, data, 0o640)
}
