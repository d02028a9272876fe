package redact

import "testing"

// TestAddValueOrderAndDuplicates: longer values are masked first whatever
// the order they were added in, and a repeated value is kept once.
func TestAddValueOrderAndDuplicates(t *testing.T) {
	r := New()
	r.AddValue("abcd")
	r.AddValue("xxabcdxx")
	r.AddValue("abcd")
	if got := r.String("key xxabcdxx and abcd"); got != "key "+Mask+" and "+Mask {
		t.Errorf("got %q", got)
	}
	r.AddValue("zzzzzzzzzzzzzz")
	if got := r.String("zzzzzzzzzzzzzz"); got != Mask {
		t.Errorf("value added after use: got %q", got)
	}
	if len(r.values) != 3 {
		t.Errorf("%d values, want 3 (duplicates dropped)", len(r.values))
	}
}
