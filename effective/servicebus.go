package effective

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/jsonpos"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// Layers, in the order Magento applies them.
const (
	LayerConfig = "config.php"
	LayerEnv    = "env.php"
	// OverrideVar is the variable whose JSON object replaces whole
	// top-level sections (array_replace).
	OverrideVar = "MAGENTO_DC__OVERRIDE"
)

// Origin is where a value (or the section) comes from.
type Origin struct {
	// Layer is LayerConfig, LayerEnv or OverrideVar.
	Layer string
	// Src and Elem are the file and element of a file layer (nil for the
	// override). For the section, Elem is the 'serviceBus' element.
	Src  *magento.PHPSource
	Elem *phpconf.Element
	// Var is MAGENTO_DC__OVERRIDE for the override layer; JSONOff the
	// offset in its value of the JSON value (for the section, of the
	// "serviceBus" key).
	Var     *Var
	JSONOff int
	// Via is the variable a reference was resolved from (getenv, $_ENV,
	// #env with a known environment), nil otherwise.
	Via *Var
}

// Entry is one key of the effective serviceBus.
type Entry struct {
	Key    string
	Origin Origin
	// Written is the value as its layer holds it (the override's JSON
	// values as PHP kinds: string, bool, int, float, null, array).
	Written *phpconf.Value
	// Value is what Magento reads: Written for a literal, the resolved
	// value of a reference, the reference's fallback when the environment
	// is not known (Fallback is then true), nil when it cannot be known.
	Value *phpconf.Value
	// Ref is set when the value reads the environment.
	Ref *Ref
	// Fallback is true when Value is a reference's literal fallback or
	// default (the environment is unknown, or did not give a value).
	Fallback bool
	// Unset is true when the environment is known and the referenced
	// variable is not set.
	Unset bool
	// Replaced is the config.php entry env.php's replaced, if any.
	Replaced *Entry
	// NotOverridden is true for a config.php entry when env.php has a
	// serviceBus array that does not set the key.
	NotOverridden bool
	// envKnown is true when the reference was resolved against a known
	// environment.
	envKnown bool
	// path is the dotted path of an entry outside serviceBus (Leaf,
	// OverrideSection): "MAGE_MODE", "modules.Magento_Inventory".
	path string
}

// Path is the dotted key path: "serviceBus.url" (outside serviceBus, its
// own path: "MAGE_MODE" for Leaf, "modules.Magento_Inventory").
func (e *Entry) Path() string {
	if e.path != "" {
		return e.path
	}
	return connector.ServiceBus + "." + e.Key
}

// Literal reports whether Value is exactly what the file holds at the
// value's range, so a fix may edit it there.
func (e *Entry) Literal() bool {
	return e.Origin.Src != nil && e.Ref == nil && e.Value == e.Written && e.Origin.Elem != nil
}

// ServiceBus is the effective serviceBus section.
type ServiceBus struct {
	// Present is false when no layer has a 'serviceBus' key.
	Present bool
	// Section is where the winning section is written: the 'serviceBus'
	// element of env.php or config.php, or the override's member.
	Section Origin
	// Value is the section's value as written by its winning layer (an
	// array, or what OMS103 reports).
	Value *phpconf.Value
	// Entries are the keys in the order PHP's array_replace_recursive
	// gives (config.php's order, then keys only env.php has). Only when
	// Value is an array.
	Entries []*Entry
	// DynamicKey is true when a layer's block has a key that is an
	// expression: any key may be set.
	DynamicKey bool
	// Layers names the layers whose block contributes, in order.
	Layers []string
	// Files are the file layers' serviceBus elements that Magento reads
	// (both, for a split block); an overridden file block is not listed.
	Files []Origin
	// Override is the parsed MAGENTO_DC__OVERRIDE, nil when the
	// environment is unknown or does not set it.
	Override *Override
	// Shadowed are the file blocks the override replaces (OMS133).
	Shadowed []Origin
}

// Get returns the entry of a key, or nil.
func (sb *ServiceBus) Get(key string) *Entry {
	if sb == nil {
		return nil
	}
	for _, e := range sb.Entries {
		if e.Key == key {
			return e
		}
	}
	return nil
}

// Override is MAGENTO_DC__OVERRIDE as Magento reads it:
// `json_decode(getenv(...), true) ?? []` when the value is not empty().
type Override struct {
	Var *Var
	// Doc is the parsed value; nil when Err is set.
	Doc *jsonpos.Node
	// Err says why Magento ignores it (not JSON, a list) or fails on it
	// (a scalar); ErrOff is the offset in the value it concerns.
	Err    string
	ErrOff int
	// Fatal is true when Magento fails on it rather than ignoring it.
	Fatal bool
}

// ReadOverride parses MAGENTO_DC__OVERRIDE from env; nil when the
// environment is unknown, the variable unset, or its value is empty or
// "0" (PHP's empty(): Magento ignores it).
func ReadOverride(env *Env) *Override {
	v, ok := env.Lookup(OverrideVar)
	if !ok || v.Value == "" || v.Value == "0" {
		return nil
	}
	o := &Override{Var: v}
	doc, err := jsonpos.Parse([]byte(v.Value))
	if err != nil {
		o.Err = "not valid JSON: " + err.Error()
		if je, ok := err.(*jsonpos.Error); ok {
			o.ErrOff = je.Pos.Offset
		}
		return o
	}
	if doc.Root.Kind == jsonpos.KindNull {
		return nil // json_decode gives null: `?? []` ignores it
	}
	switch doc.Root.Kind {
	case jsonpos.KindObject:
	case jsonpos.KindArray:
		o.Err = "a JSON list, not an object of sections: its items would merge as numbered sections and set nothing"
		o.ErrOff = int(doc.Root.Range.Start)
		return o
	default:
		o.Err = "a JSON " + doc.Root.Kind.String() + ", not an object of sections: Magento's array_replace() fails on it (a TypeError on every request)"
		o.ErrOff, o.Fatal = int(doc.Root.Range.Start), true
		return o
	}
	o.Doc = doc.Root
	return o
}

// Build computes the effective serviceBus of a project: config.php, then
// env.php over it (array_replace_recursive: env.php wins key by key),
// then, when env is known, MAGENTO_DC__OVERRIDE's "serviceBus" replacing
// the whole section. References to the environment are resolved against
// env (nil: unknown). Either file may be absent.
func Build(p *magento.Project, env *Env) *ServiceBus {
	sb := &ServiceBus{}
	var cfgEl, envEl *phpconf.Element
	if p != nil {
		cfgEl = sbElement(p.Config)
		envEl = sbElement(p.Env)
	}
	sb.Override = ReadOverride(env)
	if o := sb.Override; o != nil && o.Doc != nil {
		if m := o.Doc.Member(connector.ServiceBus); m != nil {
			for _, fe := range []struct {
				el  *phpconf.Element
				src *magento.PHPSource
				l   string
			}{{cfgEl, sourceOf(p, false), LayerConfig}, {envEl, sourceOf(p, true), LayerEnv}} {
				if fe.el != nil {
					sb.Shadowed = append(sb.Shadowed, Origin{Layer: fe.l, Src: fe.src, Elem: fe.el})
				}
			}
			sb.fromOverride(o, m, env)
			return sb
		}
	}
	switch {
	case cfgEl == nil && envEl == nil:
		return sb
	case envEl == nil:
		sb.fromFile(LayerConfig, p.Config, cfgEl, env, nil)
	case cfgEl == nil || envEl.Value.Kind != phpconf.KindArray || cfgEl.Value.Kind != phpconf.KindArray:
		// A non-array on either side: env.php's value replaces config.php's.
		sb.fromFile(LayerEnv, p.Env, envEl, env, nil)
	default:
		base := &ServiceBus{}
		base.fromFile(LayerConfig, p.Config, cfgEl, env, nil)
		sb.fromFile(LayerEnv, p.Env, envEl, env, base)
	}
	return sb
}

func sourceOf(p *magento.Project, env bool) *magento.PHPSource {
	if p == nil {
		return nil
	}
	if env {
		return p.Env
	}
	return p.Config
}

// sbElement is a file's top-level 'serviceBus' element, or nil.
func sbElement(s *magento.PHPSource) *phpconf.Element { return topElement(s, connector.ServiceBus) }

// topElement is a file's top-level element key with a value, or nil (no
// file, or one that was not read or did not parse).
func topElement(s *magento.PHPSource, key string) *phpconf.Element {
	if s == nil || s.Tree == nil || s.Tree.Root == nil || s.Tree.Err != nil || s.ReadErr != nil {
		return nil
	}
	el := s.Tree.Root.Get(key)
	if el == nil || el.Value == nil {
		return nil
	}
	return el
}

// fromFile fills sb from a file block; with base (config.php's block) the
// file's keys replace base's, as array_replace_recursive does.
func (sb *ServiceBus) fromFile(layer string, src *magento.PHPSource, el *phpconf.Element, env *Env, base *ServiceBus) {
	sb.Present = true
	sb.Section = Origin{Layer: layer, Src: src, Elem: el}
	sb.Value = el.Value
	if base != nil {
		sb.Layers = append(sb.Layers, base.Layers...)
		sb.Files = append(sb.Files, base.Files...)
		sb.DynamicKey = base.DynamicKey
		sb.Entries = base.Entries
	}
	sb.Layers = append(sb.Layers, layer)
	sb.Files = append(sb.Files, Origin{Layer: layer, Src: src, Elem: el})
	if el.Value.Kind != phpconf.KindArray {
		sb.Entries = nil
		return
	}
	index := map[string]int{}
	for i, e := range sb.Entries {
		index[e.Key] = i
	}
	own := map[string]bool{}
	for _, item := range el.Value.Array.Items {
		if item.Key.Dynamic {
			sb.DynamicKey = true
			continue
		}
		key := item.Key.String()
		if el.Value.Array.Get(key) != item {
			continue // a duplicate PHP drops (OMS003)
		}
		own[key] = true
		e := fileEntry(layer, src, item, env)
		if i, ok := index[key]; ok {
			e.Replaced = sb.Entries[i]
			sb.Entries[i] = e
			continue
		}
		index[key] = len(sb.Entries)
		sb.Entries = append(sb.Entries, e)
	}
	if base != nil {
		for _, e := range sb.Entries {
			if !own[e.Key] {
				e.NotOverridden = true
			}
		}
	}
}

func fileEntry(layer string, src *magento.PHPSource, item *phpconf.Element, env *Env) *Entry {
	e := &Entry{Key: item.Key.String(), Origin: Origin{Layer: layer, Src: src, Elem: item}, Written: item.Value}
	e.Value = item.Value
	switch item.Value.Kind {
	case phpconf.KindString:
		if r, ok := ParsePlaceholder(item.Value.Str); ok {
			e.resolve(r, env)
		}
	case phpconf.KindExpr:
		e.Value = nil
		if r, ok := ParseExpr(src.Tree.Raw(item.Value.Range)); ok {
			e.resolve(r, env)
		}
	}
	return e
}

// resolve evaluates a reference as PHP and Magento would.
func (e *Entry) resolve(r *Ref, env *Env) {
	e.Ref = r
	e.Value = nil
	fallback := func() {
		if r.Fallback != nil {
			e.Value, e.Fallback = litValue(r.Fallback), true
		}
	}
	if !env.Known() {
		fallback()
		return
	}
	e.envKnown = true
	v, ok := env.Lookup(r.Name)
	e.Unset = !ok
	switch r.Kind {
	case RefPlaceholder:
		// getenv(NAME) ?: (default ?? null)
		if ok && v.Value != "" && v.Value != "0" {
			e.Value, e.Origin.Via = strValue(v.Value), v
			return
		}
		fallback()
		if e.Value == nil {
			// null, which DeploymentConfig::get() returns as ''.
			e.Value = strValue("")
		}
	case RefGetenv:
		if ok && (r.Fallback == nil || v.Value != "" && v.Value != "0") {
			e.Value, e.Origin.Via = strValue(v.Value), v
			return
		}
		if r.Fallback == nil {
			e.Value = &phpconf.Value{Kind: phpconf.KindBool, Bool: false} // getenv() of an unset variable
			return
		}
		fallback()
	case RefSuperglobal:
		// With variables_order containing E (assumed; OMS131 says so).
		if ok {
			e.Value, e.Origin.Via = strValue(v.Value), v
			return
		}
		fallback()
		if e.Value == nil {
			e.Value = &phpconf.Value{Kind: phpconf.KindNull}
		}
	}
}

func strValue(s string) *phpconf.Value { return &phpconf.Value{Kind: phpconf.KindString, Str: s} }

func litValue(l *Literal) *phpconf.Value {
	switch l.Kind {
	case LitBool:
		return &phpconf.Value{Kind: phpconf.KindBool, Bool: l.Bool}
	case LitNull:
		return &phpconf.Value{Kind: phpconf.KindNull}
	case LitInt:
		return &phpconf.Value{Kind: phpconf.KindInt, Int: l.Int}
	}
	return strValue(l.Str)
}

func (sb *ServiceBus) fromOverride(o *Override, m *jsonpos.Member, env *Env) {
	sb.Present = true
	sb.Layers = []string{OverrideVar}
	sb.Section = Origin{Layer: OverrideVar, Var: o.Var, JSONOff: int(m.KeyRange.Start)}
	sb.Value = jsonValue(m.Value)
	if m.Value.Kind != jsonpos.KindObject {
		sb.Section.JSONOff = int(m.Value.Range.Start)
		return
	}
	seen := map[string]int{}
	for _, mm := range m.Value.Members {
		e := &Entry{Key: mm.Key, Origin: Origin{Layer: OverrideVar, Var: o.Var, JSONOff: int(mm.Value.Range.Start)}, Written: jsonValue(mm.Value)}
		e.Value = e.Written
		// A placeholder in the override is resolved like one in a file
		// (DeploymentConfig flattens the merged data).
		if e.Written.Kind == phpconf.KindString {
			if r, ok := ParsePlaceholder(e.Written.Str); ok {
				e.resolve(r, env)
			}
		}
		if i, dup := seen[mm.Key]; dup {
			sb.Entries[i] = e // json_decode keeps the last
			continue
		}
		seen[mm.Key] = len(sb.Entries)
		sb.Entries = append(sb.Entries, e)
	}
}

// jsonValue converts a JSON value to the PHP value json_decode(…, true)
// gives (objects and lists become arrays; their items are not needed).
func jsonValue(n *jsonpos.Node) *phpconf.Value {
	switch n.Kind {
	case jsonpos.KindString:
		return strValue(n.Str)
	case jsonpos.KindBool:
		return &phpconf.Value{Kind: phpconf.KindBool, Bool: n.Bool}
	case jsonpos.KindNull:
		return &phpconf.Value{Kind: phpconf.KindNull}
	case jsonpos.KindNumber:
		if i, err := strconv.ParseInt(n.Raw, 10, 64); err == nil {
			return &phpconf.Value{Kind: phpconf.KindInt, Int: i}
		}
		return &phpconf.Value{Kind: phpconf.KindFloat, Float: n.Num}
	}
	return &phpconf.Value{Kind: phpconf.KindArray, Array: &phpconf.Array{}}
}

// Describe says where an entry's value comes from when that is not
// simply a literal of env.php: "" for one, else a phrase for a message
// such as "set in config.php, not overridden by env.php".
func (e *Entry) Describe() string {
	var parts []string
	switch {
	case e.Origin.Layer == OverrideVar:
		parts = append(parts, "from "+e.Origin.Var.Describe())
	case e.Origin.Layer == LayerConfig && e.NotOverridden:
		parts = append(parts, "set in config.php, not overridden by env.php")
	case e.Origin.Layer == LayerConfig:
		parts = append(parts, "set in config.php")
	}
	if r := e.Ref; r != nil {
		what := refPhrase(r)
		switch {
		case e.Origin.Via != nil:
			parts = append(parts, fmt.Sprintf("the value of %s, read by %s", e.Origin.Via.Describe(), what))
		case e.Fallback && e.Unset:
			parts = append(parts, fmt.Sprintf("the fallback of %s: %s is not set", what, r.Name))
		case e.Fallback && e.envKnown:
			parts = append(parts, fmt.Sprintf("the fallback of %s: %s is empty or \"0\"", what, r.Name))
		case e.Fallback && r.Kind == RefPlaceholder:
			parts = append(parts, fmt.Sprintf("the default of %s, used when %s is unset, empty or \"0\"", what, r.Name))
		case e.Fallback:
			parts = append(parts, fmt.Sprintf("the fallback of %s, used when %s does not give a value", what, r.Name))
		case e.Unset:
			parts = append(parts, fmt.Sprintf("%s, and %s is not set", what, r.Name))
		}
	}
	return strings.Join(parts, "; ")
}

func refPhrase(r *Ref) string {
	switch r.Kind {
	case RefPlaceholder:
		return "a #env() placeholder"
	case RefGetenv:
		return "getenv('" + r.Name + "')"
	}
	return "$_ENV['" + r.Name + "']"
}

// EnvValue is a value read from the environment variable Name.
type EnvValue struct{ Name, Value string }

// EnvValues lists the values a project's configuration reads from env:
// the variables its references name (in serviceBus, MAGE_MODE and the
// sales channel ids of `system`), and MAGENTO_DC__OVERRIDE with each
// string in it. They are secrets to every output (cli.md "Secrets").
func EnvValues(p *magento.Project, env *Env) []EnvValue {
	if env == nil {
		return nil
	}
	var out []EnvValue
	add := func(e *Entry) {
		if e != nil && e.Ref != nil {
			if v, ok := env.Lookup(e.Ref.Name); ok {
				out = append(out, EnvValue{v.Name, v.Value})
			}
		}
	}
	sb := Build(p, env)
	for _, e := range sb.Entries {
		add(e)
	}
	// The other values the rules read from the environment: MAGE_MODE
	// (OMS303) and the sales channel ids (OMS505 quotes them).
	add(Leaf(p, env, "MAGE_MODE"))
	if p != nil {
		for _, st := range p.StoreIDs() {
			layer := LayerConfig
			if st.Source == p.Env {
				layer = LayerEnv
			}
			add(Expr(layer, st.Source, st.El, env))
		}
	}
	if o := sb.Override; o != nil {
		out = append(out, EnvValue{o.Var.Name, o.Var.Value})
		if o.Doc != nil {
			out = appendStrings(out, o.Var.Name, o.Doc)
		}
	}
	return out
}

func appendStrings(out []EnvValue, name string, n *jsonpos.Node) []EnvValue {
	switch n.Kind {
	case jsonpos.KindString:
		out = append(out, EnvValue{name, n.Str})
	case jsonpos.KindObject:
		for _, m := range n.Members {
			out = appendStrings(out, name, m.Value)
		}
	case jsonpos.KindArray:
		for _, e := range n.Elems {
			out = appendStrings(out, name, e)
		}
	}
	return out
}
