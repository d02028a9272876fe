package gitindex

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// splitFiles are enough files that the changes below stay under git's
// splitIndex.maxPercentChange (20%), so git keeps the shared index.
var splitFiles = func() []string {
	files := slices.Clone(sampleFiles)
	for i := range 30 {
		files = append(files, fmt.Sprintf("vendor/acme/f%02d.php", i))
	}
	return files
}()

// writeOld writes files into dir with a modification time well before
// the index's, so git sees no racily clean entry (which it would copy into
// the split index to smudge it) and the fixture is the same on every run.
func writeOld(t testing.TB, dir string, when time.Time, files map[string]string) {
	t.Helper()
	for f, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
	}
}

var (
	longAgo  = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	laterAgo = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
)

// splitRepo is a repository (git init ARGS) with splitFiles added, then
// its index split: every entry is in the shared index.
func splitRepo(t testing.TB, initArgs ...string) string {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, append([]string{"init", "-q"}, initArgs...)...)
	files := map[string]string{}
	for _, f := range splitFiles {
		files[f] = f
	}
	writeOld(t, dir, longAgo, files)
	git(t, dir, "add", ".")
	git(t, dir, "update-index", "--split-index")
	return dir
}

// gitStdin is git with input.
func gitStdin(t testing.TB, dir, input string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	cmd.Stdin = strings.NewReader(input)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// sharedNames are the shared index files in dir's git folder.
func sharedNames(t testing.TB, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".git", sharedIndexPrefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range m {
		m[i] = filepath.Base(m[i])
	}
	return m
}

// agreeWithGit checks TrackedFile against git ls-files for every path
// git lists and for others.
func agreeWithGit(t *testing.T, dir string, others ...string) {
	t.Helper()
	listed := lsFiles(t, dir)
	for _, p := range append(slices.Clone(listed), others...) {
		want := slices.Contains(listed, p)
		if ok, err := TrackedFile(filepath.Join(dir, filepath.FromSlash(p)), dir); ok != want || err != nil {
			t.Errorf("TrackedFile(%q) = %v, %v; git ls-files says %v", p, ok, err, want)
		}
	}
}

// TestSplitIndexShared: split indexes written by git, where env.php is
// only in the shared index, deleted from it, replaced in it or added after
// the split; the answers are git's own.
func TestSplitIndexShared(t *testing.T) {
	needGit(t)
	const env = "app/etc/env.php"
	for _, c := range []struct {
		name   string
		init   []string
		change func(t *testing.T, dir string)
		// what the split index must hold for the case to test anything
		ownEnv   bool // env.php among its own entries with a path
		deleted  bool // a set bit in the delete bitmap
		replaced bool // a set bit in the replace bitmap
	}{
		{name: "env.php only in the shared index"},
		{name: "SHA-256", init: []string{"--object-format=sha256"}},
		{name: "index version 4", change: func(t *testing.T, dir string) {
			// Rewrites both files in version 4.
			git(t, dir, "update-index", "--index-version", "4")
			git(t, dir, "update-index", "--split-index")
		}},
		{name: "conflicted (stages 1 to 3) in the shared index", change: func(t *testing.T, dir string) {
			git(t, dir, "update-index", "--no-split-index")
			blob := strings.TrimSpace(git(t, dir, "hash-object", "-w", env))
			gitStdin(t, dir, "0 "+strings.Repeat("0", 40)+"\t"+env+"\n"+
				"100644 "+blob+" 1\t"+env+"\n100644 "+blob+" 2\t"+env+"\n100644 "+blob+" 3\t"+env+"\n",
				"update-index", "--index-info")
			git(t, dir, "update-index", "--split-index")
			if out := git(t, dir, "ls-files", "--stage", env); strings.Count(out, env) != 3 || strings.Contains(out, " 0\t") {
				t.Fatalf("not conflicted: %s", out)
			}
		}},
		{name: "index version 4, modified and added again", change: func(t *testing.T, dir string) {
			git(t, dir, "update-index", "--index-version", "4")
			git(t, dir, "update-index", "--split-index")
			writeOld(t, dir, laterAgo, map[string]string{env: "<?php return ['x' => 1];\n", "composer.json": "{}"})
			git(t, dir, "add", env, "composer.json")
			writeOld(t, dir, laterAgo, map[string]string{"late.txt": "x"})
			git(t, dir, "add", "late.txt")
			if ix := parseIndex(t, indexBytes(t, dir)); ix.Version != 4 {
				t.Fatalf("version %d", ix.Version)
			}
		}, replaced: true},
		{name: "removed with git rm --cached after the split", change: func(t *testing.T, dir string) {
			git(t, dir, "rm", "-q", "--cached", env)
		}, deleted: true},
		{name: "modified and added again", change: func(t *testing.T, dir string) {
			writeOld(t, dir, laterAgo, map[string]string{env: "<?php return ['x' => 1];\n"})
			git(t, dir, "add", env)
		}, replaced: true},
		{name: "others removed and replaced, env.php untouched", change: func(t *testing.T, dir string) {
			git(t, dir, "rm", "-q", "--cached", "app/etc/config.php", "vendor/acme/f00.php")
			writeOld(t, dir, laterAgo, map[string]string{"composer.json": "{}", "vendor/acme/f29.php": "<?php"})
			git(t, dir, "add", "composer.json", "vendor/acme/f29.php")
		}, deleted: true, replaced: true},
		{name: "removed, then added back", change: func(t *testing.T, dir string) {
			// The shared entry is deleted, the new one is the split
			// index's own.
			git(t, dir, "rm", "-q", "--cached", env)
			git(t, dir, "add", env)
		}, ownEnv: true, deleted: true},
		{name: "added after the split", change: func(t *testing.T, dir string) {
			// core.splitIndex from the first git add on.
			if err := os.Remove(filepath.Join(dir, ".git/index")); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(filepath.Join(dir, env)); err != nil {
				t.Fatal(err)
			}
			git(t, dir, "config", "core.splitIndex", "true")
			git(t, dir, "add", ".")
			writeOld(t, dir, longAgo, map[string]string{env: "<?php return [];\n"})
			git(t, dir, "add", env)
		}, ownEnv: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := splitRepo(t, c.init...)
			if c.change != nil {
				c.change(t, dir)
			}
			data := indexBytes(t, dir)
			ix := parseIndex(t, data)
			if !ix.Split || !slices.Contains(sharedNames(t, dir), ix.SharedIndex) {
				t.Fatalf("split %v, shared index %q, in the git folder %q", ix.Split, ix.SharedIndex, sharedNames(t, dir))
			}
			// The fixture is what the case says.
			if got := slices.Contains(ix.Paths, env); got != c.ownEnv {
				t.Fatalf("env.php among the split index's own entries: %v (%q)", got, ix.Paths)
			}
			if got := ix.link.delete.count() > 0; got != c.deleted {
				t.Fatalf("delete bitmap set: %v", got)
			}
			if got := ix.link.replace.count() > 0; got != c.replaced {
				t.Fatalf("replace bitmap set: %v", got)
			}
			// Without the shared index, the answer is "cannot tell".
			if !c.ownEnv {
				if ok, err := Tracked(data, env); ok || !errors.Is(err, ErrCannotTell) {
					t.Errorf("Tracked without the shared index = %v, %v", ok, err)
				}
			}
			agreeWithGit(t, dir, env, "app/etc/env.php.bak", "app/etc", "nope.txt")
		})
	}
}

// TestSplitIndexBadShared: a shared index that is missing, damaged, not
// the one named or not a file of the git folder: cannot tell, never a
// panic or a guess. A path among the split index's own entries is still
// answered, without reading the shared index.
func TestSplitIndexBadShared(t *testing.T) {
	needGit(t)
	const env = "app/etc/env.php"
	for _, c := range []struct {
		name    string
		breakIt func(t *testing.T, shared string)
	}{
		{"missing", func(t *testing.T, shared string) {
			if err := os.Remove(shared); err != nil {
				t.Fatal(err)
			}
		}},
		{"truncated", func(t *testing.T, shared string) {
			if err := os.Truncate(shared, 100); err != nil {
				t.Fatal(err)
			}
		}},
		{"garbage", func(t *testing.T, shared string) {
			if err := os.WriteFile(shared, bytes.Repeat([]byte("garbage!"), 100), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"another valid index under its name", func(t *testing.T, shared string) {
			other := repoWithFiles(t, nil, sampleFiles...)
			if err := os.WriteFile(shared, indexBytes(t, other), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"changed and checksummed again", func(t *testing.T, shared string) {
			// A valid index (one entry's mtime changed), but its
			// checksum is not the name's hash.
			data, err := os.ReadFile(shared)
			if err != nil {
				t.Fatal(err)
			}
			data[12+8]++
			data = resum(data[:len(data)-20])
			parseIndex(t, data)
			if err := os.WriteFile(shared, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"zero checksum (index.skipHash)", func(t *testing.T, shared string) {
			data, err := os.ReadFile(shared)
			if err != nil {
				t.Fatal(err)
			}
			clear(data[len(data)-20:])
			if err := os.WriteFile(shared, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"a link to a copy outside the git folder", func(t *testing.T, shared string) {
			out := filepath.Join(t.TempDir(), "copy")
			if err := os.Rename(shared, out); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(out, shared); err != nil {
				t.Fatal(err)
			}
		}},
		{"a folder", func(t *testing.T, shared string) {
			if err := os.Remove(shared); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(shared, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := splitRepo(t)
			writeOld(t, dir, longAgo, map[string]string{"late.txt": "late"})
			git(t, dir, "add", "late.txt")
			ix := parseIndex(t, indexBytes(t, dir))
			c.breakIt(t, filepath.Join(dir, ".git", ix.SharedIndex))
			ok, err := TrackedFile(filepath.Join(dir, env), dir)
			if ok || !errors.Is(err, ErrCannotTell) {
				t.Errorf("TrackedFile = %v, %v; want cannot tell", ok, err)
			}
			t.Logf("%v", err)
			if ok, err := TrackedFile(filepath.Join(dir, "late.txt"), dir); !ok || err != nil {
				t.Errorf("an entry of the split index itself: %v, %v", ok, err)
			}
		})
	}
	t.Run("missing: the cause is wrapped", func(t *testing.T) {
		dir := splitRepo(t)
		ix := parseIndex(t, indexBytes(t, dir))
		os.Remove(filepath.Join(dir, ".git", ix.SharedIndex))
		_, err := TrackedFile(filepath.Join(dir, env), dir)
		if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), ix.SharedIndex) {
			t.Errorf("error %v", err)
		}
	})
}

// linkAt returns the offset of the link extension's data in data.
func linkAt(t *testing.T, data []byte) int {
	t.Helper()
	i := bytes.LastIndex(data, []byte("link"))
	if i < 0 {
		t.Fatal("no link extension")
	}
	return i + 8
}

// TestSplitIndexZeroHash: a link extension whose hash is all zero names no
// shared index: git reads the index as complete, and so does Tracked
// (no shared index is asked for). Checked against git on the same bytes.
func TestSplitIndexZeroHash(t *testing.T) {
	needGit(t)
	dir := splitRepo(t)
	writeOld(t, dir, longAgo, map[string]string{"late.txt": "late"})
	git(t, dir, "add", "late.txt")
	data := indexBytes(t, dir)
	at := linkAt(t, data)
	clear(data[at : at+20])
	data = resum(data[:len(data)-20])
	if err := os.WriteFile(filepath.Join(dir, ".git/index"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	ix := parseIndex(t, data)
	if ix.Split || ix.SharedIndex != "" || !slices.Equal(ix.Paths, []string{"late.txt"}) {
		t.Fatalf("split %v shared %q paths %q", ix.Split, ix.SharedIndex, ix.Paths)
	}
	if got := lsFiles(t, dir); !slices.Equal(got, []string{"late.txt"}) {
		t.Fatalf("git ls-files %q: git does not read a zero hash as no shared index", got)
	}
	asked := false
	ok, err := TrackedWith(data, "app/etc/env.php", func(string) ([]byte, error) { asked = true; return nil, nil })
	if ok || err != nil || asked {
		t.Errorf("TrackedWith = %v, %v, shared index asked for: %v", ok, err, asked)
	}
	agreeWithGit(t, dir, "app/etc/env.php")
}

// TestSplitIndexSharedReadOnlyWhenNeeded: a path among the split index's
// own entries is answered without reading the shared index.
func TestSplitIndexSharedReadOnlyWhenNeeded(t *testing.T) {
	needGit(t)
	dir := splitRepo(t)
	writeOld(t, dir, longAgo, map[string]string{"late.txt": "late"})
	git(t, dir, "add", "late.txt")
	data := indexBytes(t, dir)
	var asked []string
	load := func(name string) ([]byte, error) {
		asked = append(asked, name)
		return readShared(filepath.Join(dir, ".git"), name)
	}
	if ok, err := TrackedWith(data, "late.txt", load); !ok || err != nil || len(asked) != 0 {
		t.Errorf("own entry: %v, %v, shared index read %q", ok, err, asked)
	}
	if ok, err := TrackedWith(data, "app/etc/env.php", load); !ok || err != nil || len(asked) != 1 {
		t.Errorf("shared entry: %v, %v, shared index read %q", ok, err, asked)
	}
}

// TestSplitIndexMalformedLink: link extensions that git refuses are
// errors of the index (or, when only the shared index shows it, cannot
// tell), never a guess.
func TestSplitIndexMalformedLink(t *testing.T) {
	needGit(t)
	dir := splitRepo(t)
	git(t, dir, "rm", "-q", "--cached", "app/etc/config.php")
	good := indexBytes(t, dir)
	at := linkAt(t, good)
	size := int(good[at-1]) // the link extensions here are < 256 bytes
	if good[at-4] != 0 || good[at-3] != 0 || good[at-2] != 0 {
		t.Fatal("link extension of 256 bytes or more")
	}
	shared := func(name string) ([]byte, error) { return readShared(filepath.Join(dir, ".git"), name) }
	if ok, err := TrackedWith(good, "app/etc/env.php", shared); !ok || err != nil {
		t.Fatalf("the good index: %v, %v", ok, err)
	}
	// body rebuilds the index with the link extension's data replaced.
	with := func(linkData []byte) []byte {
		b := slices.Clone(good[:at-4])
		b = append(b, byte(len(linkData)>>24), byte(len(linkData)>>16), byte(len(linkData)>>8), byte(len(linkData)))
		b = append(b, linkData...)
		b = append(b, good[at+size:len(good)-20]...)
		return resum(b)
	}
	hash := good[at : at+20]
	empty := ewahBytes(0, []uint64{0}, 0)
	for _, c := range []struct {
		name     string
		link     []byte
		parseErr bool // else the index parses and the shared index is refused
	}{
		{"hash cut", hash[:10], true},
		{"delete bitmap cut", append(slices.Clone(hash), 0, 0, 0, 0, 0, 0), true},
		{"replace bitmap missing", append(slices.Clone(hash), empty...), true},
		{"bytes after the bitmaps", slices.Concat(hash, empty, empty, []byte{0}), true},
		{"replaces an entry the index has no empty entry for", slices.Concat(hash, empty, ewahBytes(1, []uint64{1 << 33, 1}, 0)), true},
		{"deletes past the shared index's end", slices.Concat(hash, ewahBytes(0, []uint64{1 << 33, 0, 1 << 33, 1}, 0), empty), false},
		{"literal words past the buffer", slices.Concat(hash, ewahBytes(0, []uint64{2 << 33, 1}, 0), empty), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := with(c.link)
			_, perr := Parse(data)
			ok, err := TrackedWith(data, "app/etc/env.php", shared)
			switch {
			case c.parseErr && perr == nil:
				t.Errorf("parsed")
			case c.parseErr:
				var fe *FormatError
				if !errors.As(err, &fe) || ok {
					t.Errorf("TrackedWith = %v, %v; want a format error", ok, err)
				}
			case perr != nil:
				t.Errorf("parse error %v", perr)
			case ok || !errors.Is(err, ErrCannotTell):
				t.Errorf("TrackedWith = %v, %v; want cannot tell", ok, err)
			}
			t.Logf("%v", err)
		})
	}
	t.Run("replaced and deleted", func(t *testing.T) {
		// A split index with one replacement: mark its position deleted
		// too.
		dir := splitRepo(t)
		writeOld(t, dir, laterAgo, map[string]string{"composer.json": "{}"})
		git(t, dir, "add", "composer.json")
		data := indexBytes(t, dir)
		ix := parseIndex(t, data)
		at := linkAt(t, data)
		repl := ix.link.replace
		if repl.count() != 1 {
			t.Fatalf("%d replaced", repl.count())
		}
		size := int(data[at-1])
		link := slices.Concat(data[at:at+20], ewahBytes(0, repl.wordList(), 0), ewahBytes(repl.bitSize, repl.wordList(), repl.rlw))
		b := slices.Concat(data[:at-4], []byte{0, 0, 0, byte(len(link))}, link, data[at+size:len(data)-20])
		bad := resum(b)
		shared := func(name string) ([]byte, error) { return readShared(filepath.Join(dir, ".git"), name) }
		ok, err := TrackedWith(bad, "app/etc/env.php", shared)
		if ok || !errors.Is(err, ErrCannotTell) || !strings.Contains(err.Error(), "both replaced and deleted") {
			t.Errorf("TrackedWith = %v, %v", ok, err)
		}
	})
}

// FuzzSplit mutates a split index (with deleted and replaced entries) and
// its shared index, each given a valid checksum (the shared one also the
// hash the link names), so the parsers meet the mutations: no panic, and
// what TrackedWith answers agrees with Parse.
func FuzzSplit(f *testing.F) {
	var fixture struct {
		split, shared []byte
		link          *link
	}
	f.Add([]byte("DIRC\x00\x00\x00\x02\x00\x00\x00\x00"), []byte("DIRC\x00\x00\x00\x02\x00\x00\x00\x00"))
	if _, err := exec.LookPath("git"); err == nil {
		dir := splitRepo(f)
		git(f, dir, "rm", "-q", "--cached", "app/etc/config.php", "vendor/acme/f00.php")
		writeOld(f, dir, laterAgo, map[string]string{"composer.json": "{}", "app/etc/env.php": "<?php"})
		git(f, dir, "add", "composer.json", "app/etc/env.php")
		data := indexBytes(f, dir)
		ix := parseIndex(f, data)
		shared, err := os.ReadFile(filepath.Join(dir, ".git", ix.SharedIndex))
		if err != nil {
			f.Fatal(err)
		}
		fixture.split, fixture.shared, fixture.link = data, shared, ix.link
		f.Add(data[:len(data)-20], shared[:len(shared)-20])
	}
	f.Fuzz(func(t *testing.T, body, sharedBody []byte) {
		data := resum(body)
		ix, perr := Parse(data)
		ok, err := TrackedWith(data, "app/etc/env.php", func(string) ([]byte, error) {
			if fixture.shared == nil {
				return nil, fs.ErrNotExist
			}
			return fixture.shared, nil
		})
		var fe *FormatError
		if (perr != nil) != errors.As(err, &fe) {
			t.Fatalf("Parse error %v, TrackedWith %v, %v", perr, ok, err)
		}
		if perr == nil && slices.Contains(ix.Paths, "app/etc/env.php") && (!ok || err != nil) {
			t.Fatalf("an own entry answered %v, %v", ok, err)
		}
		// The shared side: the fixture's link over a mutated shared
		// index that it names.
		if fixture.link == nil {
			return
		}
		sdata := resum(sharedBody)
		l := *fixture.link
		l.hash = sdata[len(sdata)-20:]
		ok, err = l.trackedShared(sdata, "app/etc/env.php", 20)
		if ok && err != nil {
			t.Fatalf("tracked and an error %v", err)
		}
		if ok {
			if six, err := Parse(sdata); err != nil || !slices.Contains(six.Paths, "app/etc/env.php") {
				t.Fatalf("tracked from a shared index without it (%v)", err)
			}
		}
	})
}

// TestSplitIndexLinkedWorkTree: a linked work tree's split index and its
// shared index are in the work tree's own git folder
// (.git/worktrees/NAME), which is where the shared index is read.
func TestSplitIndexLinkedWorkTree(t *testing.T) {
	needGit(t)
	dir := splitRepo(t)
	git(t, dir, "commit", "-qm", "x")
	wt := filepath.Join(t.TempDir(), "wt")
	git(t, dir, "worktree", "add", "-q", wt)
	git(t, wt, "update-index", "--split-index")
	git(t, wt, "rm", "-q", "--cached", "composer.json")
	repo, err := Find(wt, wt)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(repo.GitDir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	ix := parseIndex(t, data)
	if _, err := os.Stat(filepath.Join(repo.GitDir, ix.SharedIndex)); !ix.Split || err != nil || slices.Contains(ix.Paths, "app/etc/env.php") {
		t.Fatalf("split %v, shared index %q in %s: %v", ix.Split, ix.SharedIndex, repo.GitDir, err)
	}
	agreeWithGit(t, wt, "app/etc/env.php", "composer.json")
}
