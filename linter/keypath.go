package linter

import (
	"strconv"
	"strings"

	"github.com/omslint/omslint/jsonpos"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// resolveKeyPath splits a finding's dotted key into the keys it names, read
// against the file the finding is in: "http-basic.mcom-connector.bcn.magento.com"
// in auth.json is ["http-basic", "mcom-connector.bcn.magento.com"], since
// that is the key the file holds. Where the file does not tell (the key is
// not in it: a missing key), a segment is taken up to the next dot.
func resolveKeyPath(p *magento.Project, file, key string) []string {
	if key == "" {
		return nil
	}
	if !strings.Contains(key, ".") {
		// One word whatever the file holds: no need to read it (for
		// composer.lock that would mean its whole tree).
		return []string{key}
	}
	for _, s := range []*magento.PHPSource{p.Env, p.Config} {
		if s != nil && s.Path == file && s.Tree != nil && s.Tree.Root != nil {
			return splitKey(key, func(prefix []string, seg string) bool { return phpHas(s.Tree.Root, prefix, seg) })
		}
	}
	docs := []struct {
		src *magento.Source
		doc func() *magento.JSONDoc
	}{{p.ComposerJSON, p.ComposerJSONDoc}, {p.ComposerLock, p.ComposerLockDoc}, {p.AuthJSON, p.AuthJSONDoc}}
	for _, d := range docs {
		if d.src != nil && d.src.Path == file {
			if root := d.doc().Root(); root != nil {
				return splitKey(key, func(prefix []string, seg string) bool { return jsonHas(root, prefix, seg) })
			}
		}
	}
	return strings.Split(key, ".")
}

// splitKey splits key at dots, taking at each level the longest run of
// dot-separated words that has(prefix, run) finds; a level has() does not
// know takes one word.
func splitKey(key string, has func(prefix []string, seg string) bool) []string {
	words := strings.Split(key, ".")
	var out []string
	for i := 0; i < len(words); {
		n := 1
		for j := len(words); j > i+1; j-- {
			if has(out, strings.Join(words[i:j], ".")) {
				n = j - i
				break
			}
		}
		out = append(out, strings.Join(words[i:i+n], "."))
		i += n
	}
	return out
}

func phpHas(root *phpconf.Array, prefix []string, seg string) bool {
	a := root
	for _, k := range prefix {
		el := a.Get(k)
		if el == nil || el.Value == nil || el.Value.Kind != phpconf.KindArray {
			return false
		}
		a = el.Value.Array
	}
	return a != nil && a.Get(seg) != nil
}

func jsonHas(root *jsonpos.Node, prefix []string, seg string) bool {
	n := root
	for _, k := range prefix {
		n = jsonChild(n, k)
		if n == nil {
			return false
		}
	}
	return jsonChild(n, seg) != nil
}

func jsonChild(n *jsonpos.Node, k string) *jsonpos.Node {
	switch n.Kind {
	case jsonpos.KindObject:
		if m := n.Member(k); m != nil {
			return m.Value
		}
	case jsonpos.KindArray:
		if i, err := strconv.Atoi(k); err == nil && i >= 0 && i < len(n.Elems) {
			return n.Elems[i]
		}
	}
	return nil
}
