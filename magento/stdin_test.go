package magento

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// LoadStdin reads standard input whole whether it is a file (size known,
// one buffer) or a pipe (size unknown, a doubling buffer), and refuses
// input over the size limit either way.
func TestLoadStdin(t *testing.T) {
	src := "<?php\nreturn ['serviceBus' => ['url' => '" + strings.Repeat("x", 100000) + "']];\n"
	p := filepath.Join(t.TempDir(), "env.php")
	if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	open := func() *os.File {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	for name, r := range map[string]io.Reader{
		"file": open(),
		"pipe": struct{ io.Reader }{open()}, // hides Stat, as a pipe has no size
	} {
		proj, err := LoadStdin(r, "env.php", "", LoadOptions{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if string(proj.Env.Data) != src || proj.Env.Tree.Root == nil {
			t.Errorf("%s: read %d bytes, want %d", name, len(proj.Env.Data), len(src))
		}
	}
	for name, r := range map[string]io.Reader{"file": open(), "pipe": struct{ io.Reader }{open()}} {
		if _, err := LoadStdin(r, "env.php", "", LoadOptions{MaxSize: 1000}); err == nil || !strings.Contains(err.Error(), "limit") {
			t.Errorf("%s over --max-size: err = %v", name, err)
		}
	}
}
