package report

import "testing"

func TestSharedExplanation(t *testing.T) {
	for _, tc := range []struct {
		msgs []string
		want string // the head of msgs[0] a repeat keeps
	}{
		{[]string{"MSI module A is enabled: with the connector, x", "MSI module Bcd is enabled: with the connector, x"}, "MSI module A is enabled"},
		{[]string{"a: one; two", "b: one; two"}, "a"},
		{[]string{"x is wrong", "y is wrong"}, "x is wrong"},                  // no separator: kept whole
		{[]string{"same: text", "same: text"}, "same"},                        // identical messages
		{[]string{": shared", "b: shared"}, ": shared"},                       // would leave an empty head
		{[]string{"k1 bad; expected 1", "k2 bad: see; expected 1"}, "k1 bad"}, // the separator may sit in the shared part
	} {
		n := sharedExplanation(tc.msgs)
		if got := tc.msgs[0][:len(tc.msgs[0])-n]; got != tc.want {
			t.Errorf("%q: head %q, want %q", tc.msgs, got, tc.want)
		}
	}
}
