//go:build unix

package saferead

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenNoFollow: the open itself refuses a link (O_NOFOLLOW), so a link
// swapped in after ReadFileNoFollow's Lstat is not followed either.
func TestOpenNoFollow(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(p, link); err != nil {
		t.Fatal(err)
	}
	if _, _, err := readOpen(link, 10, false); !errors.Is(err, ErrLink) {
		t.Errorf("readOpen(link, nofollow) = %v", err)
	}
	if data, _, err := readOpen(link, 10, true); err != nil || string(data) != "x" {
		t.Errorf("readOpen(link, follow) = %q, %v", data, err)
	}
}
