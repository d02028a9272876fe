package generator

import (
	"encoding/json"
	"fmt"
	"github.com/omslint/omslint/connector"
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
}

// CommandLine is the step's command, shell-quoted.
func (s Step) CommandLine() string {
	q := make([]string, len(s.Command))
	for i, a := range s.Command {
		q[i] = ShellQuote(a)
	}
	return strings.Join(q, " ")
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
	if !composerHasConnector(cj, readJSON(p.ComposerLock)) {
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
	if s, ok := serviceBusStep(p, o); ok {
		add(s)
	}
	// 5. Apply and register.
	if o.Cloud {
		if changesCode {
			add(Step{ID: "cloud-deploy", Kind: KindManual,
				Title: "Commit composer.json, composer.lock and app/etc/config.php, then push to deploy",
				Why:   "on Magento Cloud the deploy runs setup:upgrade, which also registers the store"})
		}
	} else if changesCode {
		add(Step{ID: "setup-upgrade", Kind: KindCommand, Title: "Apply the module and package changes",
			Command: []string{"bin/magento", "setup:upgrade", "--keep-generated"},
			Why:     "module and package changes take effect only after setup:upgrade (which also registers the store with the MIB)"})
	}
	add(Step{ID: "service-bus-register", Kind: KindCommand, Title: "Register Magento with the OMS Integration Bus",
		Command: []string{"bin/magento", "oms:service-bus:register"},
		Why:     "registration sends the application id, callback URL, secret and subscribed topics; omslint cannot see whether the store is registered, so it always lists this (it prints \"Registering MDC to Service Bus... Done.\")"})
	add(Step{ID: "cache-flush", Kind: KindCommand, Title: "Flush the caches",
		Command: []string{"bin/magento", "cache:flush"}, Why: "the new configuration and modules are read from the cache otherwise"})

	// 6. Admin.
	add(Step{ID: "admin-integration", Kind: KindAdmin, Title: "MCOM > Integration shows Enabled",
		Why: "confirms the registration and its subscriptions; if not, press Register there (Magento's callback URL must be publicly reachable and fast)"})
	add(stockAggregateStep(o.Env))
	add(salesChannelStep(o.Env))
	add(Step{ID: "admin-export-catalog", Kind: KindAdmin, Title: "Catalog > Products > Export Full Catalog",
		Why: "OMS needs the catalog before it can take orders for it (exported in chunks of 5,000; its CLI command is unknown)"})
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
	why := ""
	switch {
	case sb == nil:
		why = "env.php has no serviceBus block: the connector has no MIB URL or credentials"
	case sb.Value.Kind != phpconf.KindArray:
		why = "env.php serviceBus is not an array"
	case o.Env != nil:
		if d := profileDiffers(sb.Value.Array, o.Env); len(d) > 0 {
			why = "env.php differs from profile " + o.Env.Name + " in " + strings.Join(d, ", ")
		}
	default:
		var missing []string
		for _, k := range connector.Keys {
			if !k.Optional && sb.Value.Array.Get(k.PHP) == nil {
				missing = append(missing, k.PHP)
			}
		}
		if len(missing) > 0 {
			why = "env.php serviceBus lacks " + strings.Join(missing, ", ")
		}
	}
	if why == "" {
		return Step{}, false
	}
	if o.Cloud {
		return Step{ID: "servicebus-cloud", Kind: KindManual,
			Title: "Set MAGENTO_DC__OVERRIDE in the Cloud project's variables to the output of: omslint generate" + envFlag + " --format env",
			Why:   why + "; on Cloud env.php is written by the deploy, so the block travels as an environment variable (it replaces the whole serviceBus section)"}, true
	}
	return Step{ID: "servicebus-write", Kind: KindCommand, Title: "Write the serviceBus block into app/etc/env.php",
		Command: append([]string{"omslint", "generate"}, append(strings.Fields(envFlag), "--write")...),
		Why:     why + " (secrets are read from OMS_OAUTH_CLIENT_SECRET and OMS_SECRET or the profile's variables)"}, true
}

// profileDiffers lists the env.php keys whose literal values differ from
// the profile (secrets only when their variables are set).
func profileDiffers(a *phpconf.Array, env *config.Environment) []string {
	var out []string
	for _, k := range connector.Keys {
		f, ok := env.ServiceBus[k.YAML]
		if !ok || !f.Set {
			continue
		}
		el := a.Get(k.PHP)
		if el == nil {
			out = append(out, k.PHP)
			continue
		}
		if same, known := SameAsProfile(el.Value, k, f, nil); known && !same {
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

func salesChannelStep(env *config.Environment) Step {
	s := Step{ID: "admin-sales-channel", Kind: KindAdmin,
		Title: "Configure the OMS sales channel id for each website",
		Why:   "Magento must know its sales channel id before it can send orders; where the connector keeps it is unknown (not in any public source), so find the setting in your connector's Admin or ask Adobe support"}
	if env == nil || len(env.SalesChannels) == 0 {
		s.Details = []string{"the sales channel id is issued in OMS (give --env NAME with sales-channels in .omslint.yaml to list them)"}
		return s
	}
	for _, sc := range env.SalesChannels {
		s.Details = append(s.Details, fmt.Sprintf("website %s: sales channel id %s", orUnknown(sc.Website.Value), orUnknown(sc.ID.Value)))
	}
	return s
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

func composerHasConnector(cj, lock map[string]any) bool {
	for _, sec := range []string{"require", "require-dev"} {
		if req, ok := cj[sec].(map[string]any); ok {
			for name := range req {
				if magento.IsConnectorPackage(name) {
					return true
				}
			}
		}
	}
	for _, sec := range []string{"packages", "packages-dev"} {
		if pkgs, ok := lock[sec].([]any); ok {
			for _, p := range pkgs {
				if m, ok := p.(map[string]any); ok {
					if n, _ := m["name"].(string); magento.IsConnectorPackage(n) {
						return true
					}
				}
			}
		}
	}
	return false
}
