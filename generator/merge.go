package generator

import (
	"errors"
	"fmt"
	"strings"

	"github.com/omslint/omslint/phpconf"
)

// MergeResult is what merging a block into an env.php changes.
type MergeResult struct {
	// Edits are byte edits on the original source (one per changed
	// region); applying them gives Out.
	Edits []phpconf.Edit
	Out   []byte
	// Changes says, per key, what happened: "replaced url", "added
	// serviceBus", "kept secret"...
	Changes []string
	// UsedGenerated is true when a generated secret went into the file
	// (the command says so on standard error).
	UsedGenerated bool
}

// Changed reports whether the merge changes the file.
func (r *MergeResult) Changed() bool { return len(r.Edits) > 0 }

// Merge computes the edits that put the block into env.php: the values of
// an existing serviceBus that differ are replaced (nothing else in it is
// touched), keys it lacks are appended to it, and a file without
// serviceBus gets the block as its last top-level element (where Magento's
// writer puts a new key), in the layout the file already uses. A secret
// generated because its variable was not set never replaces a secret the
// file already has.
func Merge(f *phpconf.File, b *Block) (*MergeResult, error) {
	if err := mergeable(f); err != nil {
		return nil, err
	}
	res := &MergeResult{}
	src := f.Src
	sb := f.Root.Get(ServiceBusKey)
	if sb == nil {
		for _, el := range f.Root.Items {
			if nearMiss(el.Key) {
				return nil, fmt.Errorf("env.php has %q, a misspelling of serviceBus (OMS102): run omslint lint --fix first, then generate --write", el.Key.Str)
			}
		}
		st := phpconf.DetectStyle(f, f.Root)
		e := phpconf.InsertElement(f, f.Root, ServiceBusKey, phpconf.FormatArray(b.kvs(), st, st.ElemIndent))
		res.Changes = append(res.Changes, "added serviceBus")
		res.UsedGenerated = anyGenerated(b)
		return finish(f, src, applyEdits(src, []phpconf.Edit{e}), res)
	}
	if sb.Value.Kind != phpconf.KindArray {
		at := f.Pos(int(sb.Value.Range.Start))
		return nil, fmt.Errorf("%d:%d: serviceBus holds %s, not an array (OMS103): fix it by hand, then generate --write", at.Line, at.Col, sb.Value.Kind)
	}
	// Replace differing values in place (non-overlapping edits).
	var edits []phpconf.Edit
	var missing []Value
	for _, v := range b.Values {
		el := sb.Value.Array.Get(v.Key)
		switch {
		case el == nil:
			missing = append(missing, v)
		case v.Generated && hasValue(el.Value):
			res.Changes = append(res.Changes, "kept "+v.Key+" (already set; "+v.Var+" is not set)")
		case sameValue(f, el.Value, v):
		default:
			edits = append(edits, phpconf.Edit{Start: int(el.Value.Range.Start), End: int(el.Value.Range.End), Text: v.Raw()})
			res.Changes = append(res.Changes, "replaced "+v.Key)
			res.UsedGenerated = res.UsedGenerated || v.Generated
		}
	}
	out := applyEdits(src, edits)
	// Append missing keys one at a time, re-reading the file in between so
	// each goes after the previous one in the array's layout.
	for _, v := range missing {
		g, err := phpconf.Parse(f.Name, out, phpconf.Options{})
		if err != nil || g.Root == nil {
			return nil, errors.New("internal error: the merged file no longer parses")
		}
		arr := g.Root.Get(ServiceBusKey).Value.Array
		out = applyEdits(out, []phpconf.Edit{phpconf.InsertElement(g, arr, v.Key, v.Raw())})
		res.Changes = append(res.Changes, "added "+v.Key)
		res.UsedGenerated = res.UsedGenerated || v.Generated
	}
	return finish(f, src, out, res)
}

// mergeable refuses files a merge cannot safely edit.
func mergeable(f *phpconf.File) error {
	switch {
	case f == nil:
		return errors.New("no file")
	case f.Err != nil:
		return fmt.Errorf("%s:%d:%d: not valid PHP (OMS001): %s; fix it first", f.Name, f.Err.Pos.Line, f.Err.Pos.Col, f.Err.Msg)
	case f.Root == nil:
		return fmt.Errorf("%s: does not return an array literal (OMS002): %s; add the block by hand", f.Name, f.NoArray)
	}
	return nil
}

// finish turns the new bytes into one edit per changed region, checks that
// the result still parses, and fills res.
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

func anyGenerated(b *Block) bool {
	for _, v := range b.Values {
		if v.Generated {
			return true
		}
	}
	return false
}

// hasValue: a non-empty literal or an expression (getenv) is a secret the
// file already has.
func hasValue(v *phpconf.Value) bool {
	return v.Kind == phpconf.KindExpr || (v.Kind == phpconf.KindString && strings.TrimSpace(v.Str) != "")
}

// sameValue reports whether the file's value already says what v says.
func sameValue(f *phpconf.File, fv *phpconf.Value, v Value) bool {
	switch {
	case v.IsBool:
		return fv.Kind == phpconf.KindBool && fv.Bool == v.Bool
	case v.Getenv:
		return fv.Kind == phpconf.KindExpr && strings.ReplaceAll(f.Raw(fv.Range), " ", "") == strings.ReplaceAll(v.Raw(), " ", "")
	}
	return fv.Kind == phpconf.KindString && fv.Str == v.Str
}

func nearMiss(k phpconf.Key) bool {
	if k.IsInt || k.Dynamic || k.Str == ServiceBusKey {
		return false
	}
	s := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(k.Str))
	return s == "servicebus"
}

// kvs is the block as phpconf.FormatArray entries.
func (b *Block) kvs() []phpconf.KV {
	out := make([]phpconf.KV, len(b.Values))
	for i, v := range b.Values {
		out[i] = phpconf.KV{Key: v.Key, Raw: v.Raw()}
	}
	return out
}

// applyEdits applies edits that never conflict (Merge builds them so).
func applyEdits(src []byte, edits []phpconf.Edit) []byte {
	out, _, _ := phpconf.Apply(src, edits)
	return out
}
