package gitindex

import (
	"crypto/sha1"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// git runs the real git binary to build a fixture (the package itself
// never starts it).
func git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func needGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
}

// repoWithFiles is a new repository (git init ARGS) with files added.
func repoWithFiles(t testing.TB, initArgs []string, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, append([]string{"init", "-q"}, initArgs...)...)
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(t, dir, "add", ".")
	return dir
}

// longPath is a path of more than 0xFFF bytes (its length does not fit the
// entry's 12 bits).
// indexBytes is dir's .git/index as git wrote it.
func indexBytes(t testing.TB, dir string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, ".git/index"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// parseIndex parses an index that must parse.
func parseIndex(t testing.TB, data []byte) *Index {
	t.Helper()
	ix, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func longPath() string {
	var parts []string
	for i := 0; i < 22; i++ {
		parts = append(parts, strings.Repeat(string(rune('a'+i)), 200))
	}
	return strings.Join(parts, "/") + "/f.txt"
}

var sampleFiles = []string{
	"app/etc/env.php", "app/etc/config.php", "composer.json", "app/code/Acme/Module/etc/module.xml",
	"app/code/Acme/Module/registration.php", "pub/index.php", "a", "ab", "abc/d", "z/ü-ñ.txt",
}

func lsFiles(t *testing.T, dir string) []string {
	out := strings.TrimSpace(git(t, dir, "-c", "core.quotePath=false", "ls-files", "-z"))
	var paths []string
	for _, p := range strings.Split(strings.TrimRight(out, "\x00"), "\x00") {
		if p != "" {
			paths = append(paths, p)
		}
	}
	return paths
}

// TestVersions: indexes of versions 2, 3 and 4 written by git, SHA-1 and
// SHA-256, hold the paths git ls-files lists.
func TestVersions(t *testing.T) {
	needGit(t)
	files := sampleFiles
	for _, c := range []struct {
		name     string
		init     []string
		version  string
		hashSize int
		extra    func(t *testing.T, dir string)
	}{
		{"v2", nil, "2", 20, nil},
		{"v3 with intent-to-add and skip-worktree", nil, "3", 20, func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "new.txt"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			git(t, dir, "add", "-N", "new.txt")
			git(t, dir, "update-index", "--skip-worktree", "app/etc/config.php")
		}},
		{"v4", nil, "4", 20, nil},
		{"v4 with intent-to-add", nil, "4", 20, func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "new.txt"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			git(t, dir, "add", "-N", "new.txt")
		}},
		{"v2 SHA-256", []string{"--object-format=sha256"}, "2", 32, nil},
		{"v4 SHA-256", []string{"--object-format=sha256"}, "4", 32, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := repoWithFiles(t, c.init, files...)
			if c.extra != nil {
				c.extra(t, dir)
			}
			// A path longer than PATH_MAX and than the entry's 12-bit
			// length: in the index only.
			blob := strings.TrimSpace(git(t, dir, "hash-object", "-w", "--stdin"))
			git(t, dir, "update-index", "--add", "--cacheinfo", "100644,"+blob+","+longPath())
			git(t, dir, "update-index", "--index-version", c.version)
			data := indexBytes(t, dir)
			ix := parseIndex(t, data)
			if want := int(c.version[0] - '0'); ix.Version != want && !(want == 2 && ix.Version == 3) {
				// git writes version 3 only when an entry needs extended
				// flags, and 2 otherwise when asked for 3.
				t.Errorf("version %d, want %d", ix.Version, want)
			}
			if ix.HashSize != c.hashSize || !ix.Verified {
				t.Errorf("hash size %d verified %v, want %d verified", ix.HashSize, ix.Verified, c.hashSize)
			}
			if want := lsFiles(t, dir); !slices.Equal(ix.Paths, want) {
				t.Errorf("paths\n%.80q\nwant\n%.80q", ix.Paths, want)
			}
			for _, p := range append(lsFiles(t, dir), "app/etc/env.php") {
				if ok, err := Tracked(data, p); !ok || err != nil {
					t.Errorf("Tracked(%.40q) = %v, %v", p, ok, err)
				}
			}
			for _, p := range []string{"app/etc", "app/etc/env.ph", "app/etc/env.php/x", "b", "app/etc/env.php.bak", ""} {
				if ok, err := Tracked(data, p); ok || err != nil {
					t.Errorf("Tracked(%q) = %v, %v; want false", p, ok, err)
				}
			}
		})
	}
}

// TestSkipHash: an index written with index.skipHash (git 2.40) has a zero
// trailer and is read all the same, unverified.
func TestSkipHash(t *testing.T) {
	needGit(t)
	dir := repoWithFiles(t, nil, sampleFiles...)
	git(t, dir, "update-index", "--index-version", "4")
	data := indexBytes(t, dir)
	// What index.skipHash writes, whatever this git's version.
	clear(data[len(data)-20:])
	ix := parseIndex(t, data)
	if !slices.Equal(ix.Paths, lsFiles(t, dir)) {
		t.Errorf("paths %q", ix.Paths)
	}
	if ix.Verified {
		t.Error("a zero trailer reported as verified")
	}
	if ok, err := Tracked(data, "app/etc/env.php"); !ok || err != nil {
		t.Errorf("Tracked = %v, %v", ok, err)
	}
}

// TestSparseIndex: a sparse index collapses folders outside the cone into
// one entry; a path inside one cannot be told, a path in the cone can.
func TestSparseIndex(t *testing.T) {
	needGit(t)
	dir := repoWithFiles(t, nil, sampleFiles...)
	git(t, dir, "commit", "-qm", "x")
	git(t, dir, "sparse-checkout", "init", "--cone", "--sparse-index")
	git(t, dir, "sparse-checkout", "set", "pub")
	data := indexBytes(t, dir)
	ix := parseIndex(t, data)
	if len(ix.Sparse) == 0 {
		t.Skipf("this git wrote no sparse directory entries: %q", ix.Paths)
	}
	if ok, err := Tracked(data, "app/etc/env.php"); ok || !errors.Is(err, ErrCannotTell) {
		t.Errorf("in a collapsed folder: %v, %v; want cannot tell", ok, err)
	}
	if ok, err := Tracked(data, "pub/index.php"); !ok || err != nil {
		t.Errorf("in the cone: %v, %v", ok, err)
	}
}

// TestSplitIndex: a split index keeps most entries in a shared index; a
// path not among its own entries cannot be told.
func TestSplitIndex(t *testing.T) {
	needGit(t)
	dir := repoWithFiles(t, nil, sampleFiles...)
	git(t, dir, "update-index", "--split-index")
	if err := os.WriteFile(filepath.Join(dir, "late.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, dir, "add", "late.txt")
	data := indexBytes(t, dir)
	ix := parseIndex(t, data)
	if !ix.Split {
		t.Fatal("the link extension was not seen")
	}
	if ok, err := Tracked(data, "late.txt"); !ok || err != nil {
		t.Errorf("an entry of the split index: %v, %v", ok, err)
	}
	if ok, err := Tracked(data, "nope.txt"); ok || !errors.Is(err, ErrCannotTell) {
		t.Errorf("absent from the split index: %v, %v; want cannot tell", ok, err)
	}
}

// TestMalformed: damaged indexes are errors, never panics or answers.
func TestMalformed(t *testing.T) {
	needGit(t)
	dir := repoWithFiles(t, nil, sampleFiles...)
	git(t, dir, "update-index", "--index-version", "4")
	good := indexBytes(t, dir)
	flip := slices.Clone(good)
	flip[40] ^= 1
	for name, data := range map[string][]byte{
		"empty":          nil,
		"no signature":   []byte("DIRX\x00\x00\x00\x02\x00\x00\x00\x00"),
		"version 5":      resum([]byte("DIRC\x00\x00\x00\x05\x00\x00\x00\x00")),
		"truncated":      good[:len(good)/2],
		"checksum wrong": flip,
		"huge count":     resum([]byte("DIRC\x00\x00\x00\x02\xff\xff\xff\xff")),
		"entry cut":      resum(good[:len(good)/2]),
	} {
		if ix, err := Parse(data); err == nil {
			t.Errorf("%s: parsed %+v", name, ix)
		}
		if ok, err := Tracked(data, "app/etc/env.php"); ok || err == nil {
			t.Errorf("%s: Tracked = %v, %v", name, ok, err)
		}
	}
}

// resum appends a valid SHA-1 trailer to body.
func resum(body []byte) []byte {
	s := sha1.Sum(body)
	return append(slices.Clone(body), s[:]...)
}

func TestVarint(t *testing.T) {
	// git's encoding: 127 is 0x7f, 128 is 0x80 0x00, 16511 is 0xff 0x7f.
	for _, c := range []struct {
		in   []byte
		want uint64
		n    int
	}{
		{[]byte{0}, 0, 1}, {[]byte{0x7f}, 127, 1}, {[]byte{0x80, 0}, 128, 2}, {[]byte{0xff, 0x7f}, 16511, 2},
		{[]byte{0x80}, 0, 0}, {nil, 0, 0},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, 0, 0},
	} {
		if got, n := varint(c.in); got != c.want || n != c.n {
			t.Errorf("varint(%x) = %d, %d; want %d, %d", c.in, got, n, c.want, c.n)
		}
	}
}

// FuzzParse mutates index bodies and gives them a valid checksum, so the
// parser (not the checksum) meets the mutation: no panic, and what
// Tracked answers agrees with Parse.
func FuzzParse(f *testing.F) {
	f.Add([]byte("DIRC\x00\x00\x00\x02\x00\x00\x00\x00"))
	f.Add([]byte("DIRC\x00\x00\x00\x04\x00\x00\x00\x01" + strings.Repeat("\x00", 62) + "\x00a\x00"))
	if _, err := exec.LookPath("git"); err == nil {
		for _, v := range []string{"2", "3", "4"} {
			dir := repoWithFiles(f, nil, sampleFiles...)
			git(f, dir, "update-index", "--index-version", v)
			if data, err := os.ReadFile(filepath.Join(dir, ".git/index")); err == nil {
				f.Add(data[:len(data)-20])
			}
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		data := resum(body)
		ix, err := Parse(data)
		ok, terr := Tracked(data, "app/etc/env.php")
		if (err == nil) != (terr == nil || errors.Is(terr, ErrCannotTell)) {
			t.Fatalf("Parse error %v but Tracked error %v", err, terr)
		}
		if err == nil {
			want, _ := ix.Tracked("app/etc/env.php")
			if ok != want {
				t.Fatalf("Tracked %v, Parse+Tracked %v", ok, want)
			}
		}
	})
}
