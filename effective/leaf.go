package effective

import (
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// Leaf is the value Magento reads for a top-level scalar key outside
// serviceBus, such as MAGE_MODE (DeploymentConfig::get('MAGE_MODE'), a
// single-key read): config.php's, env.php's over it, and, when the
// environment is known, MAGENTO_DC__OVERRIDE's member replacing it
// (array_replace). A `#env()` placeholder, getenv() or $_ENV is resolved as
// in Build. nil when no layer sets the key. A MAGENTO_DC_* variable cannot
// reach an upper-case key (Magento lower-cases their paths), so none is
// looked at.
func Leaf(p *magento.Project, env *Env, key string) *Entry {
	if o := ReadOverride(env); o != nil && o.Doc != nil {
		if m := o.Doc.Member(key); m != nil {
			e := &Entry{Key: key, path: key, Origin: Origin{Layer: OverrideVar, Var: o.Var, JSONOff: int(m.Value.Range.Start)}, Written: jsonValue(m.Value)}
			e.Value = e.Written
			if e.Written.Kind == phpconf.KindString {
				if r, ok := ParsePlaceholder(e.Written.Str); ok {
					e.resolve(r, env)
				}
			}
			return e
		}
	}
	if p == nil {
		return nil
	}
	for _, l := range []struct {
		src   *magento.PHPSource
		layer string
	}{{p.Env, LayerEnv}, {p.Config, LayerConfig}} {
		if el := topElement(l.src, key); el != nil {
			e := fileEntry(l.layer, l.src, el, env)
			e.path = key
			return e
		}
	}
	return nil
}

// OverrideSection is a top-level section other than serviceBus as
// MAGENTO_DC__OVERRIDE sets it, replacing the files' section whole
// (array_replace): ok is false when the environment is unknown or the
// override does not set key. section is where the override writes the
// section; entries are its members in order (json_decode keeps the last
// of a duplicate), nil when the section is not a JSON object.
func OverrideSection(env *Env, key string) (section Origin, entries []*Entry, ok bool) {
	o := ReadOverride(env)
	if o == nil || o.Doc == nil {
		return Origin{}, nil, false
	}
	m := o.Doc.Member(key)
	if m == nil {
		return Origin{}, nil, false
	}
	section = Origin{Layer: OverrideVar, Var: o.Var, JSONOff: int(m.KeyRange.Start)}
	seen := map[string]int{}
	for _, mm := range m.Value.Members {
		e := &Entry{Key: mm.Key, path: key + "." + mm.Key, Origin: Origin{Layer: OverrideVar, Var: o.Var, JSONOff: int(mm.Value.Range.Start)}, Written: jsonValue(mm.Value)}
		e.Value = e.Written
		if i, dup := seen[mm.Key]; dup {
			entries[i] = e
			continue
		}
		seen[mm.Key] = len(entries)
		entries = append(entries, e)
	}
	return section, entries, true
}

// Expr is the value of a file element written as one of the PHP forms
// that read the environment (getenv('X'), getenv('X') ?: lit, $_ENV['X'],
// $_ENV['X'] ?? lit), as PHP computes it when Magento includes the file,
// against env (nil: unknown, the fallback if any). It serves the sections
// Magento loads whole, such as `system`: a `#env()` placeholder there
// stays the literal text (DeploymentConfig resolves those only on its own
// single-key reads), so it is not resolved here. nil when the element is
// not such an expression. layer is LayerConfig or LayerEnv.
func Expr(layer string, src *magento.PHPSource, el *phpconf.Element, env *Env) *Entry {
	if src == nil || el == nil || el.Value == nil || el.Value.Kind != phpconf.KindExpr {
		return nil
	}
	r, ok := ParseExpr(src.Tree.Raw(el.Value.Range))
	if !ok {
		return nil
	}
	e := &Entry{Key: el.Key.String(), path: el.Path(), Origin: Origin{Layer: layer, Src: src, Elem: el}, Written: el.Value}
	e.resolve(r, env)
	return e
}
