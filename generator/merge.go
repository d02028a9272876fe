package generator

import (
	"errors"
	"fmt"
	"strings"

	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/redact"
)

// MergeResult is what merging a block into an env.php changes.
type MergeResult struct {
	// Edits are byte edits on the original source (finish makes a single
	// one, from the first to the last changed byte); applying them gives
	// Out.
	Edits []phpconf.Edit
	Out   []byte
	// Changes says, per key, what happened: "replaced url", "added
	// serviceBus", "kept secret"...
	Changes []string
	// UsedGenerated is true when a generated secret went into the file
	// (the command says so on standard error).
	UsedGenerated bool
}

// MergeOptions say how secrets are written.
type MergeOptions struct {
	// Secrets is the --secrets flag as given: "value" writes literal
	// secrets everywhere, "getenv" references everywhere, "" (not given)
	// follows the file: a literal where it has a literal, a reference where
	// it reads the environment, and for a new key what the block's other
	// secret in the file does (a literal in a file without one).
	Secrets string
}

// MergeWith computes the edits that put the block into env.php: the values
// of an existing serviceBus that differ are replaced (nothing else in it
// is touched), keys it lacks are appended to it, and a file without
// serviceBus gets the block as its last top-level element (where Magento's
// writer puts a new key), in the layout the file already uses.
//
// A value the file reads from the environment (getenv('X'), $_ENV['X'],
// '#env(X)') is kept when the new value comes from that same variable; a
// secret is written as a literal only where the file had one (or with
// Secrets "value"), else as a reference to its variable in the file's
// style. A secret generated or unset because its variable is not set never
// replaces a secret the file already has. Changes says per key what was
// kept, replaced or added, never a value.
func MergeWith(f *phpconf.File, b *Block, o MergeOptions) (*MergeResult, error) {
	if err := mergeable(f); err != nil {
		return nil, err
	}
	res := &MergeResult{}
	src := f.Src
	sb := f.Root.Get(ServiceBusKey)
	if sb == nil {
		for _, el := range f.Root.Items {
			if magento.ServiceBusNearMiss(el.Key) { // OMS102's trigger
				return nil, fmt.Errorf("env.php has %q, a misspelling of serviceBus (OMS102): run omslint lint --fix first, then generate --write", el.Key.Str)
			}
		}
		var kvs []phpconf.KV
		for _, v := range b.Values {
			raw, err := newRaw(v, o, "")
			if err != nil {
				return nil, err
			}
			kvs = append(kvs, phpconf.KV{Key: v.Key, Raw: raw})
			res.Changes = append(res.Changes, "added "+v.Key+" ("+describeRaw(v, raw)+unsetNote(v, raw)+")")
			res.UsedGenerated = res.UsedGenerated || v.Generated && raw == v.Raw()
		}
		st := phpconf.DetectStyle(f, f.Root)
		e := phpconf.InsertElement(f, f.Root, ServiceBusKey, phpconf.FormatArray(kvs, st, st.ElemIndent))
		res.Changes = append([]string{"added serviceBus"}, res.Changes...)
		return finish(f, src, applyEdits(src, []phpconf.Edit{e}), res)
	}
	if sb.Value.Kind != phpconf.KindArray {
		at := f.Pos(int(sb.Value.Range.Start))
		return nil, fmt.Errorf("%d:%d: serviceBus holds %s, not an array (OMS103): fix it by hand, then generate --write", at.Line, at.Col, sb.Value.Kind)
	}
	arr := sb.Value.Array
	// The style of the file's other secret, for a secret it lacks.
	siblingStyle := ""
	for _, k := range []string{"oauth_client_secret", "secret"} {
		if el := arr.Get(k); el != nil {
			if r, ok := ReadsEnv(f, el.Value); ok {
				// A new key reads its variable with getenv(): '#env()'
				// is resolved only on a leaf read, and the connector may
				// read serviceBus as a section (domain.md §8).
				siblingStyle = RefGetenv
				if r.Style == RefEnvArr {
					siblingStyle = r.Style
				}
			}
		}
	}
	// Replace differing values in place (non-overlapping edits).
	var edits []phpconf.Edit
	var missing []Value
	for _, v := range b.Values {
		el := arr.Get(v.Key)
		if el == nil {
			missing = append(missing, v)
			continue
		}
		ref, isRef := ReadsEnv(f, el.Value)
		was := describeValue(f, el.Value)
		switch {
		case isRef && v.FromVar == ref.Var && o.Secrets != "value":
			res.Changes = append(res.Changes, "kept "+v.Key+" ("+was+": the new value comes from $"+ref.Var+")")
			continue
		case (v.Generated || v.Unset) && hasValue(el.Value):
			res.Changes = append(res.Changes, "kept "+v.Key+" ("+was+"; $"+v.Var+" is not set)")
			continue
		}
		style := ""
		if isRef {
			style = ref.Style
		}
		raw, err := newRaw(v, o, style)
		if err != nil {
			return nil, err
		}
		if sameRaw(f, el.Value, v, raw) {
			continue
		}
		edits = append(edits, phpconf.ReplaceValue(el, raw))
		res.Changes = append(res.Changes, "replaced "+v.Key+" ("+was+" -> "+describeRaw(v, raw)+unsetNote(v, raw)+")")
		res.UsedGenerated = res.UsedGenerated || v.Generated && raw == v.Raw()
	}
	out := applyEdits(src, edits)
	// Append missing keys one at a time, re-reading the file in between so
	// each goes after the previous one in the array's layout.
	for _, v := range missing {
		style := ""
		if v.Secret {
			style = siblingStyle
		}
		raw, err := newRaw(v, o, style)
		if err != nil {
			return nil, err
		}
		g, err := phpconf.Parse(f.Name, out, phpconf.Options{})
		if err != nil || g.Root == nil {
			return nil, errors.New("internal error: the merged file no longer parses")
		}
		a := g.Root.Get(ServiceBusKey).Value.Array
		out = applyEdits(out, []phpconf.Edit{phpconf.InsertElement(g, a, v.Key, raw)})
		res.Changes = append(res.Changes, "added "+v.Key+" ("+describeRaw(v, raw)+unsetNote(v, raw)+")")
		res.UsedGenerated = res.UsedGenerated || v.Generated && raw == v.Raw()
	}
	return finish(f, src, out, res)
}

// newRaw is the PHP source Merge writes for v where the file's value reads
// the environment in style ("" where it holds a literal or nothing).
func newRaw(v Value, o MergeOptions, style string) (string, error) {
	switch {
	case v.IsBool:
		return v.Raw(), nil
	case v.Secret:
		ref := style != ""
		switch o.Secrets {
		case "value":
			ref = false
		case "getenv":
			ref = true
			if style == "" {
				style = RefGetenv
			}
		}
		if v.Getenv {
			ref = true
		}
		if ref {
			if style == "" {
				style = RefGetenv
			}
			return refRaw(style, v.Var), nil
		}
		if v.Unset {
			return "", fmt.Errorf("%s: environment variable %s is not set, so there is no value to write (export it, or use --secrets getenv)", v.Key, v.Var)
		}
		return v.Raw(), nil
	case style != "" && v.FromVar != "":
		// A reference to another variable: read the new one the same way.
		return refRaw(style, v.FromVar), nil
	case v.Unset:
		return "", fmt.Errorf("%s: environment variable %s is not set, so there is no value to write (export it)", v.Key, v.Var)
	}
	return v.Raw(), nil
}

// mergeable refuses files a merge cannot safely edit.
func mergeable(f *phpconf.File) error {
	switch {
	case f == nil:
		return errors.New("no file")
	case f.Err != nil:
		return fmt.Errorf("%s:%d:%d: not valid PHP (OMS001): %s; fix it first", f.Name, f.Err.Pos.Line, f.Err.Pos.Col, redact.ParseErrorMessage(f.Src, f.Err))
	case f.Root == nil:
		return fmt.Errorf("%s: does not return an array literal (OMS002): %s; add the block by hand", f.Name, f.NoArray)
	}
	return nil
}

// finish turns the new bytes into a single edit (diffEdit: from the first
// to the last changed byte), checks that the result still parses, and
// fills res.
func finish(f *phpconf.File, src, out []byte, res *MergeResult) (*MergeResult, error) {
	res.Out = out
	if string(out) == string(src) {
		return res, nil
	}
	g, err := phpconf.Parse(f.Name, out, phpconf.Options{})
	if err != nil || g.Err != nil || g.Root == nil {
		return nil, errors.New("internal error: the merged file would not parse; nothing written")
	}
	res.Edits = []phpconf.Edit{diffEdit(src, out)}
	return res, nil
}

// diffEdit is the single edit turning a into b: the bytes between their
// common prefix and common suffix.
func diffEdit(a, b []byte) phpconf.Edit {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	return phpconf.Edit{Start: p, End: len(a) - s, Text: string(b[p : len(b)-s])}
}

// hasValue: a non-empty literal or an expression (getenv) is a secret the
// file already has.
func hasValue(v *phpconf.Value) bool {
	return v.Kind == phpconf.KindExpr || (v.Kind == phpconf.KindString && strings.TrimSpace(v.Str) != "")
}

// unsetNote reminds that a reference written for a secret whose variable
// is not set here must be set where Magento runs.
func unsetNote(v Value, raw string) string {
	if (v.Generated || v.Unset) && raw != v.Raw() {
		return "; $" + v.Var + " is not set here: set it where Magento runs"
	}
	return ""
}

// sameRaw reports whether the file's value already says what raw says.
func sameRaw(f *phpconf.File, fv *phpconf.Value, v Value, raw string) bool {
	switch {
	case v.IsBool:
		return fv.Kind == phpconf.KindBool && fv.Bool == v.Bool
	case fv.Kind == phpconf.KindExpr:
		return strings.ReplaceAll(f.Raw(fv.Range), " ", "") == strings.ReplaceAll(raw, " ", "")
	}
	return fv.Kind == phpconf.KindString && phpString(fv.Str) == raw
}

// applyEdits applies edits that never conflict (Merge builds them so).
func applyEdits(src []byte, edits []phpconf.Edit) []byte {
	out, _, _ := phpconf.Apply(src, edits)
	return out
}
