package config

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFind(t *testing.T) {
	top := t.TempDir()
	root := filepath.Join(top, "shop")
	deep := filepath.Join(root, "app", "code", "Vendor")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p string) {
		t.Helper()
		if err := os.WriteFile(p, []byte("fail-on: error\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	if p, ok := Find(root, deep); ok {
		// Only fine if some folder above the temp dir happens to hold one.
		if filepath.Dir(p) == top || filepath.Dir(p) == root {
			t.Fatalf("found %s in an empty tree", p)
		}
	}

	write(filepath.Join(top, FileName))
	if p, ok := Find("", deep); !ok || p != filepath.Join(top, FileName) {
		t.Errorf("upward: %q %v", p, ok)
	}
	if p, ok := Find(root, deep); !ok || p != filepath.Join(top, FileName) {
		t.Errorf("root without file falls back to upward search: %q %v", p, ok)
	}

	write(filepath.Join(root, FileName))
	if p, ok := Find(root, top); !ok || p != filepath.Join(root, FileName) {
		t.Errorf("root first: %q %v", p, ok)
	}

	// A folder with the file's name is not a config file.
	if err := os.Mkdir(filepath.Join(deep, FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	if p, ok := Find("", deep); !ok || p != filepath.Join(root, FileName) {
		t.Errorf("skips folder: %q %v", p, ok)
	}
}

func TestLoad(t *testing.T) {
	p := filepath.Join(t.TempDir(), FileName)
	if _, err := Load(p); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
	if err := os.WriteFile(p, []byte("fail-on: never\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil || c.FailOn != "never" || c.Path != p {
		t.Errorf("%v %+v", err, c)
	}
}
