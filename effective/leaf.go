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
			e := &Entry{Key: key, topLevel: true, Origin: Origin{Layer: OverrideVar, Var: o.Var, JSONOff: int(m.Value.Range.Start)}, Written: jsonValue(m.Value)}
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
		s := l.src
		if s == nil || s.ReadErr != nil || s.Tree == nil || s.Tree.Err != nil || s.Tree.Root == nil {
			continue
		}
		if el := s.Tree.Root.Get(key); el != nil && el.Value != nil {
			e := fileEntry(l.layer, s, el, env)
			e.topLevel = true
			return e
		}
	}
	return nil
}
