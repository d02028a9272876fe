package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/doctor"
	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/engine"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/redact"
)

type doctorFlags struct {
	env, format, configFile, caFile string
	failOn                          string
	envFiles                        []string
	resolveEnv, callback            bool
	timeout, requestTimeout         time.Duration
}

func newDoctorCmd() *cobra.Command {
	var fl doctorFlags
	cmd := &cobra.Command{
		Use:   "doctor [PATH]",
		Short: "Check online that the serviceBus settings connect (DNS, TLS, OAuth token, bus, callback)",
		Long: `Check that the effective serviceBus settings of a Magento root actually connect:
DNS, TCP and TLS (chain, host name, expiry within 14 days) for url and
oauth_server_url (OMS701-OMS704), the OAuth token request (OMS705), the bus
answering with the token (OMS706), with --callback Magento's callback URL
(OMS707), and with --env NAME the profile's stock aggregates against the
sources OMS lists (OMS708). PATH is a Magento root (default: the one
containing the current folder).

doctor changes nothing and sends no message: the token request, one OPTIONS
to the bus, one OPTIONS to the callback URL and the read-only inventory query
are all it sends (docs/doctor.md). Proxy variables (HTTPS_PROXY, NO_PROXY) and
SSL_CERT_FILE are honoured; --ca-file adds a CA.

Exit codes: 0 no check failed (warnings allowed; --fail-on warning counts them
too); 1 a check failed; 2 usage error or an input that cannot be read.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDoctor(cmd.OutOrStdout(), args, &fl)
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.env, "env", "", "environment profile of .omslint.yaml whose sales channels' stock aggregates are checked against OMS (OMS708)")
	f.BoolVar(&fl.resolveEnv, "resolve-env", false, "evaluate getenv(), $_ENV, #env() and MAGENTO_DC__OVERRIDE against the process environment")
	f.StringArrayVar(&fl.envFiles, "env-file", nil, "read environment variables from a dotenv/compose env file (repeatable; wins over the process environment)")
	f.DurationVar(&fl.timeout, "timeout", doctor.DefaultTimeout, "deadline of the whole run")
	f.DurationVar(&fl.requestTimeout, "request-timeout", doctor.DefaultRequestTimeout, "timeout of each connection and request (never past --timeout)")
	f.StringVarP(&fl.format, "format", "f", "text", "output format: text, json")
	f.BoolVar(&fl.callback, "callback", false, "also probe Magento's callback URL: OPTIONS {application_base_url}rest/V1/servicebus (OMS707)")
	f.StringVar(&fl.caFile, "ca-file", "", "PEM file of CA certificates to trust besides the system's")
	f.StringVar(&fl.failOn, "fail-on", "error", "what makes the exit code 1: error (a failed check), warning (also a warning, such as a certificate expiring within 14 days), never")
	f.StringVar(&fl.configFile, "config", "", "config file (default: .omslint.yaml at the Magento root or above the current folder)")
	registerEnvCompletion(cmd)
	return cmd
}

func runDoctor(w io.Writer, args []string, fl *doctorFlags) error {
	switch fl.format {
	case "text", "json":
	default:
		return failure.Usagef("unknown --format %q (want text or json)", fl.format)
	}
	switch fl.failOn {
	case "error", "warning", "never":
	default:
		return failure.Usagef("unknown --fail-on %q (want error, warning or never)", fl.failOn)
	}
	if fl.timeout <= 0 || fl.requestTimeout <= 0 {
		return failure.Usagef("--timeout and --request-timeout must be positive")
	}
	root, p, err := loadRoot(args)
	if err != nil {
		return err
	}
	var (
		cfg *config.Config
		env *config.Environment
	)
	if fl.env != "" || fl.configFile != "" {
		if cfg, env, err = loadProfile(root, fl.configFile, fl.env); err != nil {
			return err
		}
	}
	opts := doctor.Options{
		Callback: fl.callback, Timeout: fl.timeout, RequestTimeout: fl.requestTimeout,
		CAFile: fl.caFile, Env: fl.env, UserAgent: "omslint-doctor/" + toolVersion(),
	}
	if env != nil {
		if opts.Aggregates, err = doctor.ProfileAggregates(env, os.LookupEnv); err != nil {
			return err
		}
	}
	var secretKeys []string
	if cfg != nil {
		secretKeys = cfg.Secrets
	}
	opts.Redactor = engine.ProjectRedactor(p, secretKeys)
	var src doctor.Source
	src, getenv, err := doctorSource(p, fl, opts.Redactor)
	if err != nil {
		return err
	}
	if env != nil {
		// Every value read from the environment is a secret in all output.
		src = &doctor.ProfileSource{Base: src, Env: env, File: cfg.Path, Getenv: opts.Redactor.EnvLookup(getenv)}
	}
	opts.Settings = doctor.LoadSettings(src)
	rep, err := doctor.Run(context.Background(), opts)
	if err != nil {
		return err
	}
	h := doctor.Header{Tool: "omslint", Version: toolVersion(), Root: filepath.ToSlash(root), Env: fl.env, Settings: doctor.Describe(opts.Settings, opts.Redactor)}
	if fl.format == "json" {
		err = doctor.WriteJSON(w, h, rep)
	} else {
		err = doctor.WriteText(w, h, rep)
	}
	if err != nil {
		return err
	}
	if rep.Fails(fl.failOn) {
		return &failure.Exit{Code: failure.ExitFindings}
	}
	return nil
}

// doctorSource is where doctor reads the settings it tests: the effective
// serviceBus (config.php, env.php, MAGENTO_DC__OVERRIDE), with
// --resolve-env and --env-file meaning exactly what they mean for lint.
// getenv is how the profile's ${NAME} references are read: the env files'
// variables over the process's.
func doctorSource(p *magento.Project, fl *doctorFlags, r *redact.Redactor) (doctor.Source, func(string) (string, bool), error) {
	env, err := engine.LoadEnvironment(engine.Options{ResolveEnv: fl.resolveEnv, EnvFiles: fl.envFiles, MaxSize: magento.DefaultMaxSize})
	if err != nil {
		return nil, nil, err
	}
	engine.MaskEnvironment(r, p, env)
	getenv := os.LookupEnv
	if env != nil {
		getenv = func(name string) (string, bool) {
			if v, ok := env.Lookup(name); ok {
				return v.Value, true
			}
			return os.LookupEnv(name)
		}
	}
	return &doctor.EffectiveSource{SB: effective.Build(p, env), Env: env, Tree: doctor.NewTreeSource(p), NoEnvPHP: p.Env == nil}, getenv, nil
}
