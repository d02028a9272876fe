package magento

import (
	"strings"
	"sync"

	"github.com/omslint/omslint/jsonpos"
	"github.com/omslint/omslint/phpconf"
)

// JSONDoc is a Composer file parsed once per project. Doc is nil when the
// file is absent or is not valid JSON; Err is the syntax error then.
//
// Invalid JSON is not a finding: rules.md has no rule ID for it, and
// Composer itself refuses such a file loudly. Rules that need the file
// report nothing from it (docs/rules/OMS301.md says so).
type JSONDoc struct {
	Source *Source
	Doc    *jsonpos.Doc
	Err    error
}

// Root is the parsed top-level value, or nil.
func (d *JSONDoc) Root() *jsonpos.Node {
	if d == nil || d.Doc == nil {
		return nil
	}
	return d.Doc.Root
}

// Span resolves a range of the file to lines and columns; the zero span
// when the file was not parsed.
func (d *JSONDoc) Span(r phpconf.Range) phpconf.Span {
	if d == nil || d.Doc == nil {
		return phpconf.Span{}
	}
	return d.Doc.Span(r)
}

// composerDocs holds the lazily parsed JSON files of a project.
type composerDocs struct {
	once       sync.Once
	json, auth *JSONDoc
	// composer.lock is skimmed for what the rules read (lockPick), and
	// parsed into a tree only when something asks for the tree.
	lockPickOnce      sync.Once
	lockPick          *jsonpos.Picked
	lockErr           error
	lockOnce          sync.Once
	lock              *JSONDoc
	lockedOnce        sync.Once
	locked            map[string]LockedPackage
	versionsOnce      sync.Once
	versions          map[string]string
	connectorOnce     sync.Once
	connectorDetected bool
}

func parseJSONDoc(s *Source) *JSONDoc {
	d := &JSONDoc{Source: s}
	if s == nil {
		return d
	}
	d.Doc, d.Err = jsonpos.Parse(s.Data)
	return d
}

func (p *Project) parseComposer() {
	p.composer.once.Do(func() {
		p.composer.json = parseJSONDoc(p.ComposerJSON)
		p.composer.auth = parseJSONDoc(p.AuthJSON)
	})
}

// ComposerJSONDoc is composer.json parsed with positions (never nil; its
// Root is nil when the file is absent or invalid).
func (p *Project) ComposerJSONDoc() *JSONDoc { p.parseComposer(); return p.composer.json }

// ComposerLockDoc is composer.lock parsed into a tree with positions
// (never nil). The rules do not need the tree: Locked and ComposerLockErr
// read the file without building it (a real store's lock is 1 MB and
// more), so the tree is built only when this is called.
func (p *Project) ComposerLockDoc() *JSONDoc {
	p.composer.lockOnce.Do(func() {
		if p.ComposerLock != nil && p.ComposerLockErr() != nil {
			p.composer.lock = &JSONDoc{Source: p.ComposerLock, Err: p.composer.lockErr}
			return
		}
		p.composer.lock = parseJSONDoc(p.ComposerLock)
	})
	return p.composer.lock
}

// ComposerLockErr is composer.lock's syntax error (the one
// ComposerLockDoc().Err holds: same message, same position), nil when the
// file is valid JSON or absent.
func (p *Project) ComposerLockErr() error {
	p.pickLock()
	return p.composer.lockErr
}

// lockSections and lockFields are what the rules read of composer.lock.
var (
	lockSections = []string{"packages", "packages-dev"}
	lockFields   = []string{"name", "version"}
)

func (p *Project) pickLock() {
	p.composer.lockPickOnce.Do(func() {
		if p.ComposerLock == nil {
			return
		}
		p.composer.lockPick, p.composer.lockErr = jsonpos.Pick(p.ComposerLock.Data, lockSections, lockFields, jsonpos.Options{})
	})
}

// AuthJSONDoc is auth.json parsed with positions (never nil).
func (p *Project) AuthJSONDoc() *JSONDoc { p.parseComposer(); return p.composer.auth }

// LockedPackage is one package entry of composer.lock.
type LockedPackage struct {
	// Name is the package name as written in the lock.
	Name    string
	Version string
	// Range is where a finding about the package points: its "version"
	// value, or its "name" value when the entry has no string version.
	// Span resolves it.
	Range phpconf.Range
	// Dev is true for an entry of "packages-dev".
	Dev  bool
	lock *jsonpos.Picked
}

// Span is Range in lines and columns, computed when asked: a lock has
// hundreds of packages and a rule reports one or two.
func (lp LockedPackage) Span() phpconf.Span {
	if lp.lock == nil {
		return phpconf.Span{}
	}
	return lp.lock.Span(lp.Range)
}

// Locked returns composer.lock's packages ("packages" and "packages-dev")
// by lower-cased name (Composer package names are case-insensitive). It is
// empty when the lock is absent or invalid. With a name locked twice, the
// first entry wins.
func (p *Project) Locked() map[string]LockedPackage {
	p.composer.lockedOnce.Do(func() {
		p.pickLock()
		pk := p.composer.lockPick
		out := make(map[string]LockedPackage, pk.Len(0)+pk.Len(1))
		for s := range lockSections {
			for i := 0; i < pk.Len(s); i++ {
				name := pk.Field(s, i, 0)
				if !name.OK || name.Str == "" {
					continue
				}
				key := strings.ToLower(name.Str)
				if _, dup := out[key]; dup {
					continue
				}
				lp := LockedPackage{Name: name.Str, Dev: s == 1, Range: name.Range, lock: pk}
				if v := pk.Field(s, i, 1); v.OK {
					lp.Version, lp.Range = v.Str, v.Range
				}
				out[key] = lp
			}
		}
		p.composer.locked = out
	})
	return p.composer.locked
}

// LockedVersions is Locked as name → version, the shape MagentoFromLock
// takes (built once; callers must not modify it).
func (p *Project) LockedVersions() map[string]string {
	p.composer.versionsOnce.Do(func() {
		locked := p.Locked()
		out := make(map[string]string, len(locked))
		for k, lp := range locked {
			out[k] = lp.Version
		}
		p.composer.versions = out
	})
	return p.composer.versions
}

// LockedConnector returns the locked magento/mcom-connector entry.
func (p *Project) LockedConnector() (LockedPackage, bool) {
	lp, ok := p.Locked()[ConnectorMetaPackage]
	return lp, ok
}

// ComposerRequires reports whether composer.json's require or require-dev
// names a package for which match is true.
func (p *Project) ComposerRequires(match func(name string) bool) bool {
	root := p.ComposerJSONDoc().Root()
	for _, section := range []string{"require", "require-dev"} {
		for _, name := range root.Get(section).Keys() {
			if match(name) {
				return true
			}
		}
	}
	return false
}

// LocksAny reports whether composer.lock holds a package for which match
// is true.
func (p *Project) LocksAny(match func(name string) bool) bool {
	for _, lp := range p.Locked() {
		if match(lp.Name) {
			return true
		}
	}
	return false
}

// ConfigModules is config.php's `modules` array, or nil.
func (p *Project) ConfigModules() *phpconf.Element {
	if p.Config == nil || p.Config.Tree == nil || p.Config.Tree.Root == nil {
		return nil
	}
	return p.Config.Tree.Root.Get("modules")
}

// ConfigModulesUnknown reports whether config.php has a 'modules' key
// whose value is not an array literal (an expression): which modules it
// lists cannot be known, so it cannot show that the connector is absent.
func (p *Project) ConfigModulesUnknown() bool {
	m := p.ConfigModules()
	return m != nil && m.Value != nil && m.Value.Kind != phpconf.KindArray
}

// ConfigListsModule reports whether config.php's modules array lists a
// module (with any value) for which match is true.
func (p *Project) ConfigListsModule(match func(name string) bool) bool {
	m := p.ConfigModules()
	if m == nil || m.Value.Kind != phpconf.KindArray {
		return false
	}
	for _, el := range m.Value.Array.Items {
		if !el.Key.IsInt && !el.Key.Dynamic && match(el.Key.Str) {
			return true
		}
	}
	return false
}

// IsDetectionPackage reports whether a Composer package name marks the
// connector as installed for "Connector detected" (rules.md):
// magento/mcom-connector or magento/module-service-bus.
func IsDetectionPackage(name string) bool {
	return strings.EqualFold(name, ConnectorMetaPackage) || strings.EqualFold(name, ServiceBusPackage)
}

// ServiceBusPackage is the connector's core module package.
const ServiceBusPackage = "magento/module-service-bus"

// ConnectorDetected is rules.md's "Connector detected": composer.json or
// composer.lock names magento/mcom-connector or magento/module-service-bus,
// or config.php lists any connector module (domain.md §3), or env.php has
// a top-level serviceBus key. Every file the project holds counts (for a
// single file linted, the root around it is part of what is known).
func (p *Project) ConnectorDetected() bool {
	p.composer.connectorOnce.Do(func() {
		byFiles := p.ComposerRequires(IsDetectionPackage) || p.LocksAny(IsDetectionPackage) ||
			p.ConfigListsModule(IsConnectorModule)
		p.composer.connectorDetected = byFiles || p.HasServiceBus()
	})
	return p.composer.connectorDetected
}

// ConnectorShownByFiles reports whether config.php, composer.json or
// composer.lock shows the connector (OMS204): a connector module listed in
// config.php, or any connector package (domain.md §3, the meta package and
// the four module packages) required or locked.
func (p *Project) ConnectorShownByFiles() bool {
	return p.ConfigListsModule(IsConnectorModule) ||
		p.ComposerRequires(IsConnectorPackage) || p.LocksAny(IsConnectorPackage)
}

// HasServiceBus reports whether env.php has a top-level serviceBus key
// (exact spelling).
func (p *Project) HasServiceBus() bool {
	return hasTopKey(p.Env, false)
}

// hasTopKey reports whether a PHP file returns an array with a top-level
// serviceBus key (nearMiss: or a misspelling of it, ServiceBusNearMiss).
func hasTopKey(s *PHPSource, nearMiss bool) bool {
	if s == nil || s.Tree == nil || s.Tree.Root == nil {
		return false
	}
	for _, el := range s.Tree.Root.Items {
		if el.Key.IsInt || el.Key.Dynamic {
			continue
		}
		if el.Key.Str == "serviceBus" || (nearMiss && ServiceBusNearMiss(el.Key)) {
			return true
		}
	}
	return false
}

// ConnectorUse is what a project's files say about the OMS connector.
type ConnectorUse int

const (
	// ConnectorUnknown: no file can tell (a lone env.php without
	// serviceBus, or a config.php or composer file that does not parse).
	ConnectorUnknown ConnectorUse = iota
	// ConnectorUsed: a file shows the connector (a package, a module, a
	// serviceBus block, even misspelled).
	ConnectorUsed
	// ConnectorNotUsed: config.php and/or composer files were read and
	// none shows the connector, and no serviceBus is set anywhere.
	ConnectorNotUsed
)

// Connector says whether the project uses the connector
// (docs/usage.md "Shops without the connector"). The serviceBus rules
// (OMS1xx) and the module rules (OMS2xx) run only when the answer is not
// ConnectorNotUsed.
func (p *Project) Connector() ConnectorUse {
	if p.ConnectorDetected() || p.ConnectorShownByFiles() ||
		hasTopKey(p.Env, true) || hasTopKey(p.Config, true) {
		return ConnectorUsed
	}
	// A file that is present but cannot be read might show it; so might
	// a config.php 'modules' that is an expression.
	readable := func(s *PHPSource) bool { return s.ReadErr == nil && s.Tree.Root != nil }
	if (p.Config != nil && !readable(p.Config)) || p.ConfigModulesUnknown() ||
		(p.ComposerJSON != nil && p.ComposerJSONDoc().Root() == nil) ||
		(p.ComposerLock != nil && p.ComposerLockErr() != nil) {
		return ConnectorUnknown
	}
	if p.Config == nil && p.ComposerJSON == nil && p.ComposerLock == nil {
		return ConnectorUnknown
	}
	return ConnectorNotUsed
}

// ServiceBusNearMiss reports whether a top-level key is a misspelling of
// serviceBus: equal after lower-casing and dropping '_' and '-' (OMS102).
func ServiceBusNearMiss(k phpconf.Key) bool {
	if k.IsInt || k.Dynamic || k.Str == "serviceBus" {
		return false
	}
	// ASCII (every real key): compare in place, without allocating; this
	// runs for every top-level key of a file that may have thousands.
	const want = "servicebus"
	n := 0
	for i := 0; i < len(k.Str); i++ {
		c := k.Str[i]
		if c >= 0x80 {
			return strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(k.Str), "_", ""), "-", "") == want
		}
		if c == '_' || c == '-' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if n >= len(want) || want[n] != c {
			// Keep scanning for a non-ASCII byte, whose lower case may
			// still make a match (U+0130 lower-cases to 'i').
			n = len(want) + 1
			continue
		}
		n++
	}
	return n == len(want)
}

// InvalidComposerFile is a Composer file that is not valid JSON, with its
// syntax error.
type InvalidComposerFile struct {
	Source *Source
	Err    error
}

// InvalidComposerFiles lists the Composer files of p (composer.json,
// composer.lock, auth.json, in that order) that are not valid JSON: OMS001
// reports them, and reports show no line of them (their credentials could
// not be read to be masked). composer.lock is judged by the skim the rules
// read it with.
func (p *Project) InvalidComposerFiles() []InvalidComposerFile {
	var out []InvalidComposerFile
	if p.ComposerJSON != nil && p.ComposerJSONDoc().Err != nil {
		out = append(out, InvalidComposerFile{p.ComposerJSON, p.ComposerJSONDoc().Err})
	}
	if p.ComposerLock != nil && p.ComposerLockErr() != nil {
		out = append(out, InvalidComposerFile{p.ComposerLock, p.ComposerLockErr()})
	}
	if p.AuthJSON != nil && p.AuthJSONDoc().Err != nil {
		out = append(out, InvalidComposerFile{p.AuthJSON, p.AuthJSONDoc().Err})
	}
	return out
}

// BOMComposerFiles lists the Composer files of p (in the order of
// InvalidComposerFiles) that are valid JSON after a UTF-8 byte-order mark.
// omslint reads them, as RFC 8259 allows, but Composer does not:
// json_decode fails on the mark and seld/jsonlint then says "BOM detected,
// make sure your input does not include a Unicode Byte-Order-Mark", so
// composer install stops (OMS001).
func (p *Project) BOMComposerFiles() []*Source {
	invalid := map[*Source]bool{}
	for _, f := range p.InvalidComposerFiles() {
		invalid[f.Source] = true
	}
	var out []*Source
	for _, s := range []*Source{p.ComposerJSON, p.ComposerLock, p.AuthJSON} {
		if s != nil && !invalid[s] && jsonpos.HasBOM(s.Data) {
			out = append(out, s)
		}
	}
	return out
}
