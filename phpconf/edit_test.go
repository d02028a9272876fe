package phpconf

import (
	"reflect"
	"testing"
)

func TestApply(t *testing.T) {
	const src = "0123456789"
	tests := []struct {
		name    string
		edits   []Edit
		want    string
		applied []int
		skipped []int
	}{
		{"none", nil, src, nil, nil},
		{"replace", []Edit{{2, 4, "ab"}}, "01ab456789", []int{0}, nil},
		{"delete", []Edit{{2, 4, ""}}, "01456789", []int{0}, nil},
		{"insert", []Edit{{3, 3, "X"}}, "012X3456789", []int{0}, nil},
		{"insert at start and end", []Edit{{10, 10, "E"}, {0, 0, "S"}}, "S0123456789E", []int{0, 1}, nil},
		{"unsorted input", []Edit{{8, 9, "h"}, {1, 2, "b"}}, "0b234567h9", []int{0, 1}, nil},
		{"overlap keeps first", []Edit{{2, 5, "A"}, {4, 6, "B"}}, "01A56789", []int{0}, []int{1}},
		{"overlap keeps first reversed", []Edit{{4, 6, "B"}, {2, 5, "A"}}, "0123B6789", []int{0}, []int{1}},
		{"contained", []Edit{{2, 8, "A"}, {3, 4, "B"}}, "01A89", []int{0}, []int{1}},
		{"identical ranges", []Edit{{2, 4, "A"}, {2, 4, "B"}}, "01A456789", []int{0}, []int{1}},
		{"adjacent both applied", []Edit{{2, 4, "A"}, {4, 6, "B"}}, "01AB6789", []int{0, 1}, nil},
		{"adjacent reversed input", []Edit{{4, 6, "B"}, {2, 4, "A"}}, "01AB6789", []int{0, 1}, nil},
		{"same offset insert keeps first", []Edit{{3, 3, "X"}, {3, 3, "Y"}}, "012X3456789", []int{0}, []int{1}},
		{"insert at replacement start", []Edit{{2, 4, "A"}, {2, 2, "I"}}, "01IA456789", []int{0, 1}, nil},
		{"insert at replacement end", []Edit{{2, 4, "A"}, {4, 4, "I"}}, "01AI456789", []int{0, 1}, nil},
		{"insert inside replacement", []Edit{{2, 5, "A"}, {3, 3, "I"}}, "01A56789", []int{0}, []int{1}},
		{"replacement over earlier insert", []Edit{{3, 3, "I"}, {2, 5, "A"}}, "012I3456789", []int{0}, []int{1}},
		{"out of range", []Edit{{8, 11, "x"}, {-1, 0, "y"}, {5, 4, "z"}}, src, nil, []int{0, 1, 2}},
		{"skipped does not block", []Edit{{2, 6, "A"}, {5, 8, "B"}, {7, 9, "C"}}, "01A6C9", []int{0, 2}, []int{1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := []byte(src)
			out, applied, skipped := Apply(in, tc.edits)
			if string(out) != tc.want {
				t.Errorf("out = %q, want %q", out, tc.want)
			}
			if !reflect.DeepEqual(applied, tc.applied) || !reflect.DeepEqual(skipped, tc.skipped) {
				t.Errorf("applied %v skipped %v, want %v %v", applied, skipped, tc.applied, tc.skipped)
			}
			if string(in) != src {
				t.Errorf("src modified: %q", in)
			}
		})
	}
}

func TestApplyDoesNotAlias(t *testing.T) {
	src := make([]byte, 4, 64)
	copy(src, "abcd")
	out, _, _ := Apply(src, nil)
	out[0] = 'X'
	if string(src) != "abcd" {
		t.Fatalf("result aliases src: %q", src)
	}
}
