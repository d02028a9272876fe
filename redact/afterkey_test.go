package redact

import (
	"strings"
	"testing"
)

func TestAfterSecretKey(t *testing.T) {
	for _, c := range []struct {
		src  string // @ marks the offset
		want bool
	}{
		{`['password' => 'abc'@def']`, true},
		{`['db_password' => "x" @y]`, true},
		{`['secret' => 'a' . @b]`, true},
		{`[password => 'a'@b]`, true},
		{`['host' => 'x' @database => 1]`, false},
		{`['password' => 'a', @b]`, false},                       // a comma ends the value
		{`['password' => [@'a']]`, true},                         // an array under a secret key is secret
		{`['password' => ['x', 'y' @z]]`, true},                  // a list under it too
		{`['pass' => ['password' => 'x'], 'host' => @y]`, false}, // a sibling's closed array
		{`['db' => ['password' => 'x', 'host' => 'h' @y]]`, false},
		{`@x`, false},
		{`'url' => 'h'@x`, false},
		{"['key' =>\n 'a'@b]", true}, // crypt.key's bare name
	} {
		off := strings.Index(c.src, "@")
		src := []byte(strings.Replace(c.src, "@", "", 1))
		if got := AfterSecretKey(src, off); got != c.want {
			t.Errorf("%s: %v, want %v", c.src, got, c.want)
		}
	}
}
