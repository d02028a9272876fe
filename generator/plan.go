package generator

import (
	"encoding/json"
	"fmt"
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/effective"
	"path/filepath"
	"sort"
	"strings"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// LegacyRepositoryHost is the connector's decommissioned Composer repository
// (domain.md §2, "Repository change", from connector 4.3.0).
const LegacyRepositoryHost = "mcom-connector.bcn.magento.com"

// Step kinds.
const (
	// KindCommand is a shell command to run at the Magento root.
	KindCommand = "command"
	// KindManual is a file edit or decision for a person.
	KindManual = "manual"
	// KindAdmin is done in the Magento Admin.
	KindAdmin = "admin"
	// KindNote is a warning about the checkout, not a step.
	KindNote = "note"
)

// Where a step runs (Step.Where).
const (
	// WhereLocal (""): in this checkout, by the plan's script.
	WhereLocal = ""
	// WhereDeploy: Magento Cloud's deploy runs it.
	WhereDeploy = "deploy"
	// WhereEnvironment: on the Cloud environment, through
	// `magento-cloud ssh --`; never by the local script.
	WhereEnvironment = "environment"
)

// Step is one step of the plan.
type Step struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
	// Command is the argv of a KindCommand step.
	Command []string `json:"command,omitempty"`
	// Why says what in the checkout makes the step necessary.
	Why string `json:"why"`
	// Details are extra lines (one per sales channel, say).
	Details []string `json:"details,omitempty"`
	// Where the step runs: "" locally, "deploy" (the Cloud deploy runs it),
	// "environment" (on the Cloud environment, via magento-cloud ssh).
	Where string `json:"where,omitempty"`
	// Needs are environment variables the command reads; the script
	// checks them before it changes anything.
	Needs []string `json:"needs,omitempty"`
}

// CommandLine is the step's command, shell-quoted; on a Cloud environment
// prefixed with `magento-cloud ssh --`.
func (s Step) CommandLine() string {
	q := make([]string, len(s.Command))
	for i, a := range s.Command {
		q[i] = ShellQuote(a)
	}
	line := strings.Join(q, " ")
	if s.Where == WhereEnvironment {
		return "magento-cloud ssh -- " + line
	}
	return line
}

// PlanOptions select the plan's variant.
type PlanOptions struct {
	// Env is the selected profile (nil without --env).
	Env *config.Environment
	// Cloud: Magento Cloud, whose deploy runs setup:upgrade and writes
	// env.php; config goes through MAGENTO_DC__OVERRIDE.
	Cloud bool
}

// Plan computes the ordered steps that take the checkout to a registered,
// working connector. Steps already satisfied by the files are left out;
// the ones omslint cannot check statically (registration, the Admin) are
// always listed.
func Plan(p *magento.Project, o PlanOptions) []Step {
	var steps []Step
	add := func(s Step) { steps = append(steps, s) }
	cj := readJSON(p.ComposerJSON)
	changesCode := false

	// 1. The decommissioned repository must go before composer can resolve
	// anything from the standard repository.
	for _, r := range legacyRepositories(cj) {
		if r.name != "" {
			add(Step{ID: "composer-remove-legacy-repository", Kind: KindCommand,
				Title:   "Remove the decommissioned connector repository from composer.json",
				Command: []string{"composer", "config", "--unset", "repositories." + r.name},
				Why:     fmt.Sprintf("composer.json repository %q points at %s, decommissioned from connector 4.3.0; the packages now come from the standard Adobe Commerce repository", r.name, LegacyRepositoryHost)})
		} else {
			add(Step{ID: "composer-remove-legacy-repository", Kind: KindManual,
				Title: fmt.Sprintf("Edit composer.json: delete repositories[%d] (url %s)", r.index, r.url),
				Why:   fmt.Sprintf("it points at %s, decommissioned from connector 4.3.0; an unnamed repository cannot be removed with composer config", LegacyRepositoryHost)})
		}
	}
	for _, key := range authLegacyKeys(readJSON(p.AuthJSON)) {
		add(Step{ID: "composer-remove-legacy-auth", Kind: KindCommand,
			Title:   "Remove the credentials of the decommissioned repository from auth.json",
			Command: []string{"composer", "config", "--unset", key},
			Why:     fmt.Sprintf("auth.json holds credentials (%s) for %s, which no longer exists", key, LegacyRepositoryHost)})
	}
	// 2. The connector itself.
	// composer.lock is read as the rules read it (its packages, without
	// a tree: a real store's is over 1 MB).
	if !requiresConnector(cj) && !p.LocksAny(magento.IsConnectorPackage) {
		why := "neither composer.json nor composer.lock requires " + magento.ConnectorMetaPackage
		if p.ComposerJSON == nil {
			why = "there is no composer.json to show the connector installed"
		}
		add(Step{ID: "composer-require-connector", Kind: KindCommand,
			Title: "Install the connector", Command: []string{"composer", "require", magento.ConnectorMetaPackage}, Why: why})
		changesCode = true
	}
	// 3. Modules.
	mods := modules(p)
	var msi, off []string
	for _, m := range mods {
		if m.enabled && magento.IsMSIModule(m.name) {
			msi = append(msi, m.name)
		}
		if !m.enabled && magento.IsConnectorModule(m.name) {
			off = append(off, m.name)
		}
	}
	if len(msi) > 0 {
		add(Step{ID: "module-disable-msi", Kind: KindCommand,
			Title:   "Disable Magento's Multi-Source Inventory modules",
			Command: append([]string{"bin/magento", "module:disable"}, msi...),
			Why:     fmt.Sprintf("config.php enables %d MSI module(s); with OMS, stock comes from OMS and MSI must be off (Magento_InventoryMessageBus, the connector's, stays on)", len(msi))})
		changesCode = true
	}
	if len(off) > 0 {
		add(Step{ID: "module-enable-connector", Kind: KindCommand,
			Title:   "Enable the connector modules",
			Command: append([]string{"bin/magento", "module:enable"}, off...),
			Why:     "config.php lists them with 0; the MSI installer plugin is known to disable Magento_InventoryMessageBus by its name (magento/inventory issue 1929)"})
		changesCode = true
	}
	if p.Config == nil && p.HasRoot() {
		add(Step{ID: "check-modules", Kind: KindManual,
			Title: "Check the modules once Magento is installed (omslint plan again)",
			Why:   "there is no app/etc/config.php, so which MSI and connector modules are enabled cannot be read"})
	}
	// 4. The serviceBus block.
	sbStep, sbNeeded := serviceBusStep(p, o)
	sbBlocked := sbNeeded && sbStep.Kind != KindCommand && !o.Cloud
	if sbNeeded {
		add(sbStep)
	}
	register := Step{ID: "service-bus-register", Kind: KindCommand, Title: "Register Magento with the OMS Integration Bus",
		Command: []string{"bin/magento", "oms:service-bus:register"},
		Why:     "registration sends the application id, callback URL, secret and subscribed topics; omslint cannot see whether the store is registered, so it always lists this (it prints \"Registering MDC to Service Bus... Done.\")"}
	flush := Step{ID: "cache-flush", Kind: KindCommand, Title: "Flush the caches",
		Command: []string{"bin/magento", "cache:flush"}, Why: "the new configuration and modules are read from the cache otherwise"}
	channels := salesChannelCommands(p, o)
	// 5. Apply and register.
	if o.Cloud {
		if changesCode {
			add(Step{ID: "cloud-commit", Kind: KindManual,
				Title: "Commit and push composer.json, composer.lock and app/etc/config.php: git add composer.json composer.lock app/etc/config.php && git commit -m 'OMS connector' && git push",
				Why:   "on Magento Cloud the pushed commit is what gets built and deployed; review the changes before pushing"})
		}
		add(Step{ID: "cloud-deploy", Kind: KindManual, Where: WhereDeploy,
			Title: "The deploy runs bin/magento setup:upgrade, which registers the store with the MIB",
			Why:   "ece-tools runs setup:upgrade on every deploy and writes env.php from the environment's variables; MAGENTO_DC__OVERRIDE supplies serviceBus"})
		register.Where, register.Title = WhereEnvironment, "If MCOM > Integration is not Enabled after the deploy: register on the environment"
		add(register)
		for _, c := range channels {
			c.Where = WhereEnvironment
			add(c)
		}
		flush.Where = WhereEnvironment
		add(flush)
	} else {
		if changesCode {
			add(Step{ID: "setup-upgrade", Kind: KindCommand, Title: "Apply the module and package changes",
				Command: []string{"bin/magento", "setup:upgrade", "--keep-generated"},
				Why:     "module and package changes take effect only after setup:upgrade (which also registers the store with the MIB)"})
		}
		if sbBlocked {
			register.Kind = KindManual
			register.Title = "After the serviceBus block is written: bin/magento oms:service-bus:register"
			register.Why = "registration needs the serviceBus block (the step above); " + register.Why
		}
		add(register)
		steps = append(steps, channels...)
		add(flush)
	}

	// 6. Admin.
	add(Step{ID: "admin-integration", Kind: KindAdmin, Title: "MCOM > Integration shows Enabled",
		Why: "confirms the registration and its subscriptions; if not, press Register there (Magento's callback URL must be publicly reachable and fast)"})
	add(stockAggregateStep(o.Env))
	if len(channels) == 0 {
		add(salesChannelStep(p, o.Env))
	}
	add(Step{ID: "admin-export-catalog", Kind: KindAdmin, Title: "Catalog > Products > Export Full Catalog",
		Why: "OMS needs the catalog before it can take orders for it (exported in chunks of 5,000; its CLI command is unknown)"})
	if n := envReferencesNote(p); n != nil {
		steps = append([]Step{*n}, steps...)
	}
	return steps
}

func serviceBusStep(p *magento.Project, o PlanOptions) (Step, bool) {
	var sb *phpconf.Element
	if p.Env != nil && p.Env.Tree != nil && p.Env.Tree.Root != nil {
		sb = p.Env.Tree.Root.Get(ServiceBusKey)
	}
	envFlag := ""
	if o.Env != nil {
		envFlag = " --env " + ShellQuote(o.Env.Name)
	}
	// What the connector reads is the effective block (config.php's,
	// env.php's over it: package effective), not env.php's alone: keys
	// config.php sets are there. The plan does not read the environment,
	// so MAGENTO_DC__OVERRIDE is not part of it.
	eff := effective.Build(p, nil)
	where := "env.php"
	if len(eff.Layers) > 0 {
		where = strings.Join(eff.Layers, " and ")
	}
	why := ""
	switch {
	case !eff.Present:
		why = "neither env.php nor config.php has a serviceBus block: the connector has no MIB URL or credentials"
	case eff.Value == nil || eff.Value.Kind != phpconf.KindArray:
		why = eff.Section.Layer + " serviceBus is not an array"
	case o.Env != nil:
		if d := profileDiffers(eff, o.Env); len(d) > 0 {
			why = "the serviceBus of " + where + " differs from profile " + o.Env.Name + " in " + strings.Join(d, ", ")
		}
	default:
		var missing []string
		for _, k := range connector.Keys {
			if !k.Optional && eff.Get(k.PHP) == nil {
				missing = append(missing, k.PHP)
			}
		}
		if len(missing) > 0 {
			why = "the serviceBus of " + where + " lacks " + strings.Join(missing, ", ")
		}
	}
	if why == "" {
		return Step{}, false
	}
	if p.Env == nil && !o.Cloud {
		// A repository: env.php is not committed, it is written on each
		// environment. The block goes there, not into this checkout.
		return Step{ID: "servicebus-deployed-env", Kind: KindManual,
			Title: "Add the serviceBus block to each environment's app/etc/env.php: there, run omslint generate" + envFlag + " --write (or, for containers, set MAGENTO_DC__OVERRIDE from omslint generate" + envFlag + " --format env-file)",
			Why: "this checkout has no app/etc/env.php (rightly: env.php holds the secrets and is not committed), so the connector's settings live on each environment; " +
				"then check them there with omslint lint app/etc/env.php (secrets are read from OMS_OAUTH_CLIENT_SECRET and OMS_SECRET or the profile's variables)"}, true
	}
	if o.Cloud {
		gen := "omslint generate" + envFlag + " --format override"
		if o.Env == nil {
			gen = "omslint generate --url URL --oauth-server-url URL --application-id ID --oauth-client-id ID --format override"
		}
		return Step{ID: "servicebus-cloud", Kind: KindManual,
			Title: "Set the environment variable MAGENTO_DC__OVERRIDE (sensitive) from this checkout, with the secrets exported: " +
				`magento-cloud variable:create --level environment -e ENVIRONMENT --name env:MAGENTO_DC__OVERRIDE --sensitive true --visible-build false --value "$(` + gen + `)"` +
				" (variable:update with the same options when it exists)",
			Why: why + "; on Cloud env.php is written by the deploy, so the block travels as an environment variable (the env: prefix makes it one; it replaces the whole serviceBus section)"}, true
	}
	if o.Env == nil {
		return Step{ID: "servicebus-write", Kind: KindManual,
			Title: "Write the serviceBus block into app/etc/env.php: omslint generate --write --url URL --oauth-server-url URL --application-id ID --oauth-client-id ID, " +
				"with OMS_OAUTH_CLIENT_SECRET (and OMS_SECRET) exported; or add an environment profile to .omslint.yaml and make the plan again with --env NAME",
			Why: why + "; without a profile the plan does not know the values"}, true
	}
	return Step{ID: "servicebus-write", Kind: KindCommand, Title: "Write the serviceBus block into app/etc/env.php",
		Command: append([]string{"omslint", "generate"}, append(strings.Fields(envFlag), "--write")...),
		Needs:   neededVars(sb, o.Env),
		Why:     why + " (secrets are read from OMS_OAUTH_CLIENT_SECRET and OMS_SECRET or the profile's variables; references env.php already has are kept)"}, true
}

// neededVars are the variables `generate --write` must read because
// env.php has no value of its own for their key: the client secret's and
// the profile's ${NAME}s (the shared secret is generated when unset).
func neededVars(sb *phpconf.Element, env *config.Environment) []string {
	var out []string
	for _, k := range connector.Keys {
		if k.PHP == "secret" {
			continue
		}
		if sb != nil && sb.Value.Kind == phpconf.KindArray && sb.Value.Array.Get(k.PHP) != nil {
			continue
		}
		f, ok := env.ServiceBus[k.YAML]
		switch {
		case ok && f.Set && f.IsRef:
			out = append(out, f.RefName)
		case k.Secret && (!ok || !f.Set):
			out = append(out, EnvOAuthClientSecret)
		}
	}
	return out
}

// envReferencesNote warns when env.php reads values from the environment:
// Magento's own config writers replace them with their current values.
func envReferencesNote(p *magento.Project) *Step {
	if p.Env == nil || p.Env.Tree == nil || p.Env.Tree.Root == nil {
		return nil
	}
	var paths []string
	var walk func(a *phpconf.Array)
	walk = func(a *phpconf.Array) {
		for _, el := range a.Items {
			switch el.Value.Kind {
			case phpconf.KindArray:
				walk(el.Value.Array)
			case phpconf.KindExpr:
				raw := strings.ToLower(p.Env.Tree.Raw(el.Value.Range))
				if strings.Contains(raw, "getenv") || strings.Contains(raw, "$_env") {
					paths = append(paths, el.Path())
				}
			}
		}
	}
	walk(p.Env.Tree.Root)
	if len(paths) == 0 {
		return nil
	}
	shown := paths
	if len(shown) > 5 {
		shown = append(shown[:5:5], fmt.Sprintf("and %d more", len(paths)-5))
	}
	return &Step{ID: "env-references", Kind: KindNote,
		Title: fmt.Sprintf("env.php reads %d value(s) from the environment with getenv()/$_ENV (%s)", len(paths), strings.Join(shown, ", ")),
		Why: "bin/magento setup:config:set, config:set --lock-env, app:config:dump and config:sensitive:set rewrite the whole env.php with each of these as its value in that shell (false when the variable is unset there), " +
			"so the references are lost and secrets land in the file; run them where the variables are set and put the references back (omslint generate --write --secrets getenv), or use MAGENTO_DC__OVERRIDE or '#env(NAME)' strings, which survive"}
}

// profileDiffers lists the keys of the effective serviceBus whose literal
// values differ from the profile (secrets only when their variables are
// set).
func profileDiffers(sb *effective.ServiceBus, env *config.Environment) []string {
	var out []string
	for _, k := range connector.Keys {
		f, ok := env.ServiceBus[k.YAML]
		if !ok || !f.Set {
			continue
		}
		e := sb.Get(k.PHP)
		if e == nil || e.Written == nil {
			out = append(out, k.PHP)
			continue
		}
		if same, known := SameAsProfile(e.Written, k, f, nil); known && !same {
			out = append(out, k.PHP)
		}
	}
	return out
}

// SameAsProfile compares an env.php value with a profile field. known is
// false when the comparison cannot be made statically (an expression, a
// variable that is not set).
func SameAsProfile(v *phpconf.Value, k connector.Key, f config.Field, getenv func(string) (string, bool)) (same, known bool) {
	if k.Bool {
		if v.Kind != phpconf.KindBool {
			return false, v.Kind != phpconf.KindExpr
		}
		return v.Bool == f.Bool, true
	}
	want, err := config.ExpandRef(f, getenv)
	if err != nil {
		return false, false
	}
	switch v.Kind {
	case phpconf.KindString:
		return v.Str == want, true
	case phpconf.KindExpr:
		return false, false
	}
	return false, true
}

func stockAggregateStep(env *config.Environment) Step {
	s := Step{ID: "admin-stock-aggregates", Kind: KindAdmin,
		Title: "MCOM > Manage Stock Aggregates: map each OMS stock aggregate to its website",
		Why:   "stock updates from OMS reach a website only through this mapping (stock code = the OMS aggregate code); where Magento stores it is unknown, so omslint cannot check or set it"}
	if env == nil || len(env.SalesChannels) == 0 {
		s.Details = []string{"one row per sales channel: stock code = its OMS stock aggregate, website = its Magento website (give --env NAME with sales-channels in .omslint.yaml to list them)"}
		return s
	}
	for _, sc := range env.SalesChannels {
		agg, ok := sc.StockAggregate()
		if !ok {
			s.Details = append(s.Details, fmt.Sprintf("sales channel %s: fix the profile first, it needs exactly one stock aggregate (OMS502)", orUnknown(sc.ID.Value)))
			continue
		}
		s.Details = append(s.Details, fmt.Sprintf("stock code %s, website %s (sales channel %s)", agg.Value, orUnknown(sc.Website.Value), orUnknown(sc.ID.Value)))
	}
	return s
}

func salesChannelStep(p *magento.Project, env *config.Environment) Step {
	s := Step{ID: "admin-sales-channel", Kind: KindAdmin,
		Title: "MCOM Connector > General > Store ID: set each website's OMS sales channel id",
		Why: "Magento sends orders under this id (config path " + magento.StoreIDPath + ", as the connector's 2017 sources keep it; newer connector versions may differ); " +
			"or: bin/magento config:set [--scope=websites --scope-code=CODE] " + magento.StoreIDPath + " ID"}
	if len(p.StoreIDs()) == 0 {
		s.Details = append(s.Details, "config.php and env.php do not set "+magento.StoreIDPath+": the value lives in the database (core_config_data) if anywhere, where omslint cannot check it")
	}
	if env == nil || len(env.SalesChannels) == 0 {
		s.Details = append(s.Details, "the sales channel id is issued in OMS (give --env NAME with sales-channels in .omslint.yaml to get the config:set commands)")
	}
	return s
}

// salesChannelCommands are the `bin/magento config:set` commands that give
// each website of the profile its OMS sales channel id, except where
// config.php/env.php already hold that id. A website's own scope is used
// (--scope=websites --scope-code=CODE); a channel without a website sets
// the default scope. config:set refuses a path locked in a file unless it
// gets that file's --lock option, so a value in config.php is rewritten
// with --lock-config and one in env.php with --lock-env.
func salesChannelCommands(p *magento.Project, o PlanOptions) []Step {
	if o.Env == nil {
		return nil
	}
	var out []Step
	seen := map[string]bool{}
	for _, sc := range o.Env.SalesChannels {
		id, site := sc.ID.Value, sc.Website.Value
		if id == "" || seen[site] {
			continue
		}
		seen[site] = true
		args := []string{"bin/magento", "config:set"}
		why := "the connector reads the OMS sales channel id of website " + orUnknown(site) + " at " + magento.StoreIDPath
		cur, ok := p.StoreIDFor(site)
		switch {
		case ok && cur.Literal && cur.Value == id:
			continue // already right in the files
		case ok && (cur.Scope == "websites" || site == ""):
			lock := "--lock-env"
			if cur.Source == p.Config {
				lock = "--lock-config"
			}
			args = append(args, lock)
			why += fmt.Sprintf("; %s sets it for this scope (%s), so config:set needs %s", fileName(cur.Source), cur.El.Path(), lock)
		default:
			why += "; config.php and env.php do not set it for this website, so it lives in the database (core_config_data) if anywhere: omslint cannot see it, and config:set writes it there"
		}
		if site != "" {
			args = append(args, "--scope=websites", "--scope-code="+site)
		}
		args = append(args, magento.StoreIDPath, id)
		out = append(out, Step{ID: "sales-channel-id", Kind: KindCommand,
			Title:   fmt.Sprintf("Set the OMS sales channel id of website %s to %s", orUnknown(site), id),
			Command: args,
			Why:     why + " (path from the connector's 2017 sources; newer connector versions may keep it elsewhere)"})
	}
	return out
}

func fileName(s *magento.PHPSource) string {
	if s == nil {
		return "the file"
	}
	return filepath.Base(s.Path)
}

func orUnknown(s string) string {
	if s == "" {
		return "(not in the profile)"
	}
	return s
}

type module struct {
	name    string
	enabled bool
}

// modules lists config.php's modules in file order.
func modules(p *magento.Project) []module {
	if p.Config == nil || p.Config.Tree == nil {
		return nil
	}
	el := p.Config.Tree.Lookup("modules")
	if el == nil || el.Value.Kind != phpconf.KindArray {
		return nil
	}
	var out []module
	for _, m := range el.Value.Array.Items {
		if m.Key.IsInt || m.Key.Dynamic {
			continue
		}
		on := false
		switch m.Value.Kind {
		case phpconf.KindInt:
			on = m.Value.Int != 0
		case phpconf.KindBool:
			on = m.Value.Bool
		case phpconf.KindString:
			on = m.Value.Str != "" && m.Value.Str != "0"
		default:
			continue
		}
		out = append(out, module{name: m.Key.Str, enabled: on})
	}
	return out
}

func readJSON(s *magento.Source) map[string]any {
	if s == nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(s.Data, &m) != nil {
		return nil
	}
	return m
}

type legacyRepo struct {
	name, url string
	index     int
}

func legacyRepositories(cj map[string]any) []legacyRepo {
	var out []legacyRepo
	check := func(name string, index int, v any) {
		r, _ := v.(map[string]any)
		u, _ := r["url"].(string)
		if strings.Contains(strings.ToLower(u), LegacyRepositoryHost) {
			out = append(out, legacyRepo{name: name, url: u, index: index})
		}
	}
	switch rs := cj["repositories"].(type) {
	case []any:
		for i, r := range rs {
			check("", i, r)
		}
	case map[string]any:
		names := make([]string, 0, len(rs))
		for n := range rs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			check(n, -1, rs[n])
		}
	}
	return out
}

// authLegacyKeys lists `section.host` keys of auth.json (http-basic,
// bearer, ...) for the decommissioned repository, sorted.
func authLegacyKeys(auth map[string]any) []string {
	var out []string
	for name, section := range auth {
		if m, ok := section.(map[string]any); ok {
			for host := range m {
				if strings.Contains(strings.ToLower(host), LegacyRepositoryHost) {
					out = append(out, name+"."+host)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// requiresConnector reports whether composer.json requires a connector
// package (require or require-dev).
func requiresConnector(cj map[string]any) bool {
	for _, sec := range []string{"require", "require-dev"} {
		if req, ok := cj[sec].(map[string]any); ok {
			for name := range req {
				if magento.IsConnectorPackage(name) {
					return true
				}
			}
		}
	}
	return false
}
