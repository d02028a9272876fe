package phpconf

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

// listOf writes `<?php return [ ... ];` holding items, one per line.
func listOf(items ...string) []byte {
	return []byte("<?php\nreturn [\n    " + strings.Join(items, ",\n    ") + ",\n];\n")
}

// filler is n distinct keyed items, enough to make an array large.
func filler(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("'k%d' => %d", i, i)
	}
	return out
}

func TestDuplicates(t *testing.T) {
	big := filler(40)
	tests := []struct {
		name  string
		items []string
		want  []string // "firstLine>dupLine"
	}{
		{"small, none", []string{"'a' => 1", "'b' => 2"}, nil},
		{"small, string key", []string{"'a' => 1", "'b' => 2", "'a' => 3"}, []string{"3>5"}},
		{"small, int and numeric string", []string{"8 => 1", "'8' => 2"}, []string{"3>4"}},
		{"small, '08' is not 8", []string{"8 => 1", "'08' => 2"}, nil},
		{"small, implicit never duplicates", []string{"'x'", "0 => 'y'"}, nil},
		{"small, three of a kind point at the first", []string{"'a' => 1", "'a' => 2", "'a' => 3"}, []string{"3>4", "3>5"}},
		{"large, none", big, nil},
		{"large, one at the end", append(append([]string{}, big...), "'k3' => 9"), []string{"6>43"}},
		{"large, implicit among keys", append([]string{"'x'", "0 => 'y'"}, big...), nil},
		{"large, dynamic keys skipped", append(append([]string{}, big...), "FOO => 1", "FOO => 2"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, full := range []bool{false, true} {
				f, err := Parse("env.php", listOf(tt.items...), Options{FullParser: full})
				if err != nil || f.Root == nil {
					t.Fatalf("parse: %v %v", err, f.Err)
				}
				var got []string
				f.Root.Duplicates(func(first, dup *Element) {
					got = append(got, fmt.Sprintf("%d>%d", f.Line(first.Key.Range.Start), f.Line(dup.Key.Range.Start)))
				})
				if strings.Join(got, " ") != strings.Join(tt.want, " ") {
					t.Errorf("full=%v: duplicates %v, want %v", full, got, tt.want)
				}
			}
		})
	}
}

func TestPathsAndOwners(t *testing.T) {
	src := []byte("<?php\nreturn [\n    'a' => ['b' => ['c' => 1], 'x.y' => 2, 3],\n    [true],\n    7 => array('z' => null),\n];\n")
	for _, full := range []bool{false, true} {
		f, err := Parse("env.php", src, Options{FullParser: full})
		if err != nil || f.Root == nil {
			t.Fatalf("parse: %v %v", err, f.Err)
		}
		var got []string
		f.Root.Walk(func(el *Element) bool {
			got = append(got, el.Path())
			if el.Value.Kind == KindArray && (el.Value.Array.Owner != el || el.Value.Array.Path() != el.Path()) {
				t.Errorf("%s: array owner or path wrong", el.Path())
			}
			return true
		})
		want := "a a.b a.b.c a.x.y a.0 0 0.0 7 7.z"
		if strings.Join(got, " ") != want {
			t.Errorf("full=%v: paths %q, want %q", full, strings.Join(got, " "), want)
		}
		if f.Root.Owner != nil || f.Root.Path() != "" {
			t.Errorf("root has an owner or a path")
		}
		if r := f.Lookup("a.b").Range(); f.Raw(r) != "'b' => ['c' => 1]" {
			t.Errorf("element range %q", f.Raw(r))
		}
	}
}

// An element costs its share of a large tree; these sizes are what the
// memory target for a 10 MB env.php was measured with (README,
// Performance). A field added to a node shows up here first.
func TestNodeSizes(t *testing.T) {
	for _, tt := range []struct {
		name      string
		got, want uintptr
	}{
		{"Range", unsafe.Sizeof(Range{}), 8},
		{"Key", unsafe.Sizeof(Key{}), 40},
		{"Element", unsafe.Sizeof(Element{}), 64},
		{"Value", unsafe.Sizeof(Value{}), 56},
		{"Array", unsafe.Sizeof(Array{}), 72},
	} {
		if tt.got > tt.want {
			t.Errorf("%s is %d bytes, more than the %d the memory budget assumes", tt.name, tt.got, tt.want)
		}
	}
}

// Get on a large array: an index of string and int keys, or none at all
// for a list (keys 0..n-1), with PHP's last-one-wins on duplicates.
func TestGetLargeArrays(t *testing.T) {
	items := make([]string, 40)
	for i := range items {
		items[i] = fmt.Sprintf("'v%d'", i)
	}
	for _, full := range []bool{false, true} {
		f, err := Parse("env.php", listOf(items...), Options{FullParser: full})
		if err != nil || f.Root == nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			key, want string
		}{{"0", "v0"}, {"39", "v39"}, {"40", ""}, {"-1", ""}, {"x", ""}, {"05", ""}} {
			got := ""
			if el := f.Root.Get(tt.key); el != nil {
				got = el.Value.Str
			}
			if got != tt.want {
				t.Errorf("full=%v: list Get(%q) = %q, want %q", full, tt.key, got, tt.want)
			}
		}
		keyed := append(filler(30), "'k3' => 'last'", "7 => 'seven'", "'8' => 'eight'", "'x'")
		f, err = Parse("env.php", listOf(keyed...), Options{FullParser: full})
		if err != nil || f.Root == nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			key, want string
		}{{"k3", "last"}, {"7", "seven"}, {"8", "eight"}, {"9", "x"}, {"k29", "29"}, {"nope", ""}} {
			got := ""
			if el := f.Root.Get(tt.key); el != nil {
				if el.Value.Kind == KindString {
					got = el.Value.Str
				} else {
					got = f.Raw(el.Value.Range)
				}
			}
			if got != tt.want {
				t.Errorf("full=%v: Get(%q) = %q, want %q", full, tt.key, got, tt.want)
			}
		}
	}
}
