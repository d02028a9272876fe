package rules

import (
	"strings"
	"testing"
)

// isPlaceholder's cheap pre-tests must never change what the two regular
// expressions decide.
func FuzzIsPlaceholder(f *testing.F) {
	for _, s := range []string{"changeme", " CHANGE_ME ", "<MIB_URL>", "{{ secret }}", "${OMS_SECRET}",
		"%OMS_SECRET%", "%2F", "xxx", "XXX-xxx", "your-secret", "Your_token", "todo", "tbd", "dummy",
		"https://mib.example.com/", "kP9wQ2mZ7vL4xR8tY1nB6cF3hJ5gD0sA", "", "ſ", "PlaceHolder", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u := strings.TrimSpace(s)
		want := placeholderWordRe().MatchString(u) || placeholderMarkRe().MatchString(u)
		if got := isPlaceholder(s); got != want {
			t.Fatalf("isPlaceholder(%q) = %v, the regular expressions say %v", s, got, want)
		}
	})
}
