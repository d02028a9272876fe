package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/omslint/omslint/atomicfile"
	"github.com/omslint/omslint/engine"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/report"
)

type lintFlags struct {
	formats       []string
	outputs       []string
	failOn        string
	color         string
	stdinFilename string
	as            string
	maxSize       int64
	showSecrets   bool
	env           string
	fix           bool
	diff          bool
	configPath    string
	baseline      string
	writeBaseline string
	recursive     bool
	quiet         bool
	force         bool
	follow        bool
	minSeverity   string
	enable        []string
	disable       []string
	resolveEnv    bool
	envFiles      []string
}

func newLintCmd() *cobra.Command {
	var fl lintFlags
	cmd := &cobra.Command{
		Use: "lint [PATH...]",
		// Words other linters use for this command: `omslint check` gets
		// "Did you mean this? lint" (as do typos, by edit distance).
		SuggestFor: []string{"check", "scan", "run", "validate"},
		Short:      "Check a Magento root, a single file, or - (standard input)",
		Long: `Check a Magento root, a single file, or - for standard input. Without PATH,
the Magento root containing the current folder.

A Magento root is a folder holding app/etc/env.php or app/etc/config.php, or a
composer.json that requires Magento or the OMS connector: a repository without
env.php is linted with what it has (config.php, composer files, .omslint.yaml).
A single file gets the rules of its role, which its name gives: config.php;
env.php and its copies and templates (env.php.dist, env.php.bak, env.*.php);
composer.json; composer.lock; auth.json. Other names need --as ROLE. Inside a
Magento root, the root's other files are read as context (is the connector
installed?), but only the file named is reported on.

Exit codes: 0 no finding at or above --fail-on; 1 at least one; 2 usage error or
an input that does not exist or cannot be read; 3 internal error.

--recursive finds every Magento root under the given folders (default: the
current folder), skipping vendor, node_modules, .git, generated, pub and var,
and lints them in parallel (at most GOMAXPROCS at a time); the output is in
the same order whatever the scheduling. A root that cannot be read (or whose
.omslint.yaml is wrong) is named on standard error and the others are still
linted; the run then exits 2, whatever the findings. On a terminal, progress
goes to standard error (not with --quiet, never when it is not a terminal).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLint(cmd, args, &fl)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&fl.formats, "format", "f", nil, "output format: "+strings.Join(report.Formats(), ", ")+" (repeatable; FORMAT=FILE writes that format to FILE)")
	f.StringArrayVarP(&fl.outputs, "output", "o", nil, "write the output to FILE instead of standard output (pairs with --format by position)")
	f.StringVar(&fl.failOn, "fail-on", "error", "lowest severity that makes the exit code 1: error, warning, info, never")
	f.StringVar(&fl.color, "color", "auto", "colour the text output: auto, always, never (auto honours NO_COLOR and TERM=dumb)")
	f.StringVar(&fl.stdinFilename, "stdin-filename", "", "name used for standard input (-) in reports; it also gives its role (config.php, env.php, composer.lock, ...)")
	f.StringVar(&fl.as, "as", "", "role of the files named and of standard input, for names that do not tell: "+magento.RoleNames())
	f.Int64Var(&fl.maxSize, "max-size", 16<<20, "largest input file in bytes")
	f.BoolVar(&fl.showSecrets, "show-secrets", false, "show secret values in text output and --diff (for a person at a terminal; never in CI)")
	f.BoolVar(&fl.fix, "fix", false, "apply every available fix in place (only the bytes a fix must change); with -, print the fixed file")
	f.BoolVar(&fl.diff, "diff", false, "print the fixes as a unified diff (for git apply / patch -p1) and change nothing")
	f.StringVar(&fl.configPath, "config", "", "config file (default: .omslint.yaml at the Magento root, else the nearest one above the current folder)")
	f.StringVar(&fl.baseline, "baseline", "", "hide the findings recorded in this baseline file; report only new ones")
	f.StringVar(&fl.writeBaseline, "write-baseline", "", "record the current findings in this baseline file (then hide them)")
	f.StringVar(&fl.env, "env", "", "check env.php against this environment profile of .omslint.yaml (OMS501; production makes OMS113 an error)")
	f.BoolVarP(&fl.recursive, "recursive", "r", false, "lint every Magento root under the given folders, in parallel (skips vendor, node_modules, .git, generated, pub, var)")
	f.BoolVarP(&fl.quiet, "quiet", "q", false, "no progress on standard error")
	f.BoolVar(&fl.force, "force", false, "with --fix: write a read-only file, and write in place a file whose owner, group, hard links or attributes a replacement would change")
	f.BoolVar(&fl.follow, "follow-symlinks", false, "with --fix: write through an env.php or app/etc symlink that leads out of the Magento root (says where on standard error)")
	f.StringVar(&fl.minSeverity, "min-severity", "info", "show (and count for the exit code and --fix) only findings at or above this severity: error, warning, info")
	f.StringSliceVarP(&fl.enable, "enable", "E", nil, "run these rules (IDs or names, comma-separated) even when .omslint.yaml turns them off")
	f.StringSliceVarP(&fl.disable, "disable", "D", nil, "do not run these rules (IDs or names, comma-separated), whatever .omslint.yaml says")
	f.BoolVar(&fl.resolveEnv, "resolve-env", false, "evaluate getenv(), $_ENV, #env() and MAGENTO_DC__OVERRIDE against this process's environment (a container entrypoint, a CI job)")
	f.StringArrayVar(&fl.envFiles, "env-file", nil, "read environment variables from this dotenv/compose env file (repeatable; they win over the process's; see docs/configuration-sources.md)")
	registerLintCompletions(cmd)
	return cmd
}

func runLint(cmd *cobra.Command, args []string, fl *lintFlags) error {
	failOn, err := parseFailOn(fl.failOn)
	if err != nil {
		return err
	}
	minSev, err := linter.ParseSeverity(fl.minSeverity)
	if err != nil {
		return failure.Usagef("--min-severity: %w", err)
	}
	if err := checkColor(fl.color); err != nil {
		return err
	}
	if fl.maxSize <= 0 {
		// 0 or less would silently be the default (16 MiB), not "no limit".
		return failure.Usagef("--max-size %d: want a positive number of bytes", fl.maxSize)
	}
	ruleOpts, err := ruleSelection(fl.enable, fl.disable)
	if err != nil {
		return err
	}
	outs, err := pairOutputs(fl.formats, fl.outputs)
	if err != nil {
		return err
	}
	if err := checkWrites(outs, args, fl); err != nil {
		return err
	}
	if err := checkStdinFlags(args, fl); err != nil {
		return err
	}
	// With --fix on standard input the input is echoed when nothing was
	// fixed, so keep a copy of what the engine reads (only then: the copy
	// hides the input's size from the reader, and costs its size again).
	stdinCopy.Reset()
	stdin := cmd.InOrStdin()
	if fl.fix {
		stdin = io.TeeReader(stdin, &stdinCopy)
	}
	var as magento.Role
	if fl.as != "" {
		if as, err = magento.ParseRole(fl.as); err != nil {
			return failure.Usagef("--as: %w", err)
		}
	}
	opts := engine.Options{
		Paths: args, Stdin: stdin, StdinFilename: fl.stdinFilename, As: as,
		MaxSize: fl.maxSize, FailOn: failOn, ShowSecrets: fl.showSecrets,
		Env: fl.env,
		Fix: fl.fix, Diff: fl.diff, Force: fl.force, FollowSymlinks: fl.follow,
		FailOnSet:  cmd.Flags().Changed("fail-on"),
		ConfigPath: fl.configPath, Baseline: fl.baseline, WriteBaseline: fl.writeBaseline,
		Recursive: fl.recursive,
		Lint:      ruleOpts, MinSeverity: minSev,
		ResolveEnv: fl.resolveEnv, EnvFiles: fl.envFiles,
	}
	// A fleet keeps the names of the files without findings only for the
	// formats that list every file.
	opts.ForgetCleanFiles = fl.recursive
	for _, o := range outs {
		if report.ListsEveryFile(o.format) {
			opts.ForgetCleanFiles = false
		}
	}
	// A fleet's text report streams: each root's findings are written as
	// soon as its turn comes, the cross-root findings and the summary at
	// the end. Not with a baseline (it filters at the end), --fix or
	// --diff (they own the output), or other formats (they are one
	// document).
	var stream *report.TextStream
	if fl.recursive && len(outs) == 1 && outs[0].format == "text" && outs[0].path == "" &&
		!fl.fix && !fl.diff && fl.baseline == "" && fl.writeBaseline == "" {
		stream = report.NewTextStream(cmd.OutOrStdout(), report.Options{Color: useColor(fl.color, cmd.OutOrStdout())})
		opts.Stream = stream.Part
	}
	if fl.recursive && !fl.quiet && stream == nil && isTerminal(cmd.ErrOrStderr()) {
		p := newProgress(cmd.ErrOrStderr())
		opts.Progress = p.update
		defer p.clear()
	}
	if fl.fix && fl.diff {
		return failure.Usagef("--fix and --diff exclude each other: --diff shows what --fix would do")
	}
	if (fl.force || fl.follow) && !fl.fix {
		return failure.Usagef("--force and --follow-symlinks go with --fix")
	}
	defer tuneGC(args)()
	if fl.recursive {
		defer tuneFleetGC()()
	}
	out, err := engine.Run(opts)
	if err != nil {
		return err
	}
	if opts.Progress != nil {
		opts.Progress(-1, 0) // clear the progress line before any output
	}
	for _, e := range out.InputErrors {
		printErr(cmd.ErrOrStderr(), e, "")
	}
	out.Result.ToolVersion = toolVersion()
	// The diff, or the fixed standard input, owns standard output; the
	// report that would have gone there goes to standard error.
	report := cmd.OutOrStdout()
	switch {
	case fl.diff:
		if _, err := io.WriteString(cmd.OutOrStdout(), out.Diff); err != nil {
			return err
		}
		report = cmd.ErrOrStderr()
	case fl.fix && out.FixedStdin != nil:
		if _, err := cmd.OutOrStdout().Write(out.FixedStdin); err != nil {
			return err
		}
		report = cmd.ErrOrStderr()
	case fl.fix && isStdin(args):
		// Nothing to fix: standard input is passed through unchanged.
		if _, err := cmd.OutOrStdout().Write(stdinCopy.Bytes()); err != nil {
			return err
		}
		report = cmd.ErrOrStderr()
	}
	// Notes for standard error (report.Note.InReport decides which) come
	// after what owns standard output and before the report.
	for _, n := range out.Result.StderrNotes() {
		fmt.Fprintf(cmd.ErrOrStderr(), "omslint: %s\n", n)
	}
	if stream != nil {
		if err := stream.Finish(out.Result); err != nil {
			return err
		}
	} else if err := writeOutputs(report, outs, out.Result, fl); err != nil {
		return err
	}
	if len(out.InputErrors) > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "omslint: %d of the inputs could not be linted (see above)\n", len(out.InputErrors))
		return &failure.Exit{Code: failure.ExitUsage}
	}
	if out.Failed {
		return &failure.Exit{Code: failure.ExitFindings}
	}
	return nil
}

var stdinCopy bytes.Buffer

// checkStdinFlags rejects --stdin-filename without - and --as without a
// file or - to give the role to: the flag would be ignored and the run
// would lint something else (an editor that forgot the - would get the
// report of the whole root for the buffer it sent).
func checkStdinFlags(args []string, fl *lintFlags) error {
	if fl.stdinFilename != "" && !isStdin(args) {
		return failure.Usagef("--stdin-filename names standard input: give - as the PATH to read it")
	}
	if fl.as == "" {
		return nil
	}
	for _, a := range args {
		if a == "-" {
			return nil
		}
		if st, err := os.Stat(a); err != nil || !st.IsDir() {
			return nil // a file (or an error the run reports)
		}
	}
	return failure.Usagef("--as gives its role to the files named and to -: name a file or give -")
}

func isStdin(args []string) bool {
	for _, a := range args {
		if a == "-" {
			return true
		}
	}
	return false
}

func parseFailOn(s string) (linter.Severity, error) {
	if strings.EqualFold(s, "never") {
		return 0, nil
	}
	sev, err := linter.ParseSeverity(s)
	if err != nil {
		return 0, failure.Usagef("--fail-on: %w (or never)", err)
	}
	return sev, nil
}

// output is one requested format and where it goes ("" = stdout).
type output struct{ format, path string }

// pairOutputs pairs --format and --output by position; FORMAT=FILE is the
// self-contained spelling. No --format means text on standard output.
func pairOutputs(formats, outputs []string) ([]output, error) {
	if len(formats) == 0 {
		formats = []string{"text"}
	}
	if len(outputs) > len(formats) {
		return nil, failure.Usagef("%d --output flags for %d --format flags: pair each --output with a --format", len(outputs), len(formats))
	}
	var outs []output
	stdout := 0
	for i, f := range formats {
		o := output{format: f}
		if name, path, ok := strings.Cut(f, "="); ok {
			o = output{format: name, path: path}
		}
		if i < len(outputs) {
			if o.path != "" {
				return nil, failure.Usagef("--format %s already names a file; drop its --output", f)
			}
			o.path = outputs[i]
		}
		if !isFormat(o.format) {
			return nil, failure.Usagef("unknown --format %q (want one of %s)", o.format, strings.Join(report.Formats(), ", "))
		}
		if o.path == "" || o.path == "-" {
			o.path = ""
			stdout++
		}
		outs = append(outs, o)
	}
	if stdout > 1 {
		return nil, failure.Usagef("%d formats would go to standard output: give the others an --output file", stdout)
	}
	return outs, nil
}

func isFormat(name string) bool {
	for _, f := range report.Formats() {
		if f == name {
			return true
		}
	}
	return false
}

func writeOutputs(stdout io.Writer, outs []output, res *report.Result, fl *lintFlags) error {
	for _, o := range outs {
		if o.path == "" {
			ropts := report.Options{Color: useColor(fl.color, stdout)}
			if err := report.Write(stdout, o.format, res, ropts); err != nil {
				return err
			}
			continue
		}
		var b strings.Builder
		if err := report.Write(&b, o.format, res, report.Options{ToFile: true}); err != nil {
			return err
		}
		// Written atomically next to the target; a symlink there is
		// replaced, never followed (a checkout cannot aim a report at a
		// file outside it).
		if err := atomicfile.ReplaceFile(o.path, []byte(b.String()), 0o644); err != nil {
			return fmt.Errorf("--output: %w", err)
		}
	}
	return nil
}

// colorModes are the values --color accepts.
var colorModes = []string{"auto", "always", "never"}

func checkColor(mode string) error {
	for _, m := range colorModes {
		if mode == m {
			return nil
		}
	}
	return failure.Usagef("--color %q: want auto, always or never", mode)
}

// useColor decides colour for a writer: always/never as asked; auto only on
// a terminal, and never with NO_COLOR set to a non-empty value (no-color.org:
// NO_COLOR= is the same as unset) or TERM=dumb.
func useColor(mode string, w any) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if !colorAllowedByEnv(os.Getenv) {
		return false
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// colorAllowedByEnv is false when NO_COLOR is set to a non-empty value or
// TERM is dumb; an empty NO_COLOR does not count (no-color.org).
func colorAllowedByEnv(getenv func(string) string) bool {
	return getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}
