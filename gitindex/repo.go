package gitindex

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/omslint/omslint/saferead"
)

// MaxIndexSize bounds the index file read (a repository of a million files
// has an index of about 100 MB).
const MaxIndexSize = 256 << 20

// maxDotGitFile bounds a `.git` file ("gitdir: PATH").
const maxDotGitFile = 4096

// ErrNoRepository is returned when no folder holds a `.git` entry.
var ErrNoRepository = errors.New("not in a git work tree")

// Repo is a checkout's repository as this package sees it.
type Repo struct {
	// WorkTree is the folder holding the `.git` entry; index paths are
	// relative to it (core.worktree is not read: see Find).
	WorkTree string
	// GitDir is the folder holding the index: WorkTree/.git, or the
	// folder a linked work tree's or submodule's `.git` file names.
	GitDir string
}

// Find returns the repository of the work tree that holds dir: the first
// folder from dir upward that holds a `.git` entry. Nothing else decides
// it: no environment variable (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE,
// GIT_CONFIG_*), no git config (core.worktree, include.path, safe.directory)
// is read, and a folder that merely looks like a repository (HEAD, config,
// objects/ and refs/ committed into app/etc) is not one here.
//
// A `.git` entry in a folder strictly below notAbove (the Magento root)
// is skipped: a checkout's repository is the one of the work tree that
// holds the Magento root, and a `.git` inside the root (which git clone
// never creates, since git refuses to check out a `.git` path) is not it.
//
// A `.git` folder (or a link to one) is used as it is. A `.git` file
// ("gitdir: PATH") is used only when PATH is validated:
//   - a linked work tree: PATH/gitdir names this very `.git` file back;
//   - a submodule: PATH is SUPER/.git/modules/… where SUPER is a folder
//     above dir holding a `.git` folder.
//
// Otherwise Find returns ErrCannotTell. Errors never come from a missing
// index (see TrackedFile).
func Find(dir, notAbove string) (Repo, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return Repo{}, err
	}
	if notAbove != "" {
		if notAbove, err = filepath.Abs(notAbove); err != nil {
			return Repo{}, err
		}
	}
	for d := dir; ; {
		if notAbove == "" || !strictlyInside(d, notAbove) {
			dotGit := filepath.Join(d, ".git")
			if st, err := os.Stat(dotGit); err == nil {
				switch {
				case st.IsDir():
					return Repo{WorkTree: d, GitDir: dotGit}, nil
				case st.Mode().IsRegular():
					gd, err := linkedGitDir(dotGit, d)
					if err != nil {
						return Repo{}, err
					}
					return Repo{WorkTree: d, GitDir: gd}, nil
				default:
					return Repo{}, ErrCannotTell
				}
			} else if _, lerr := os.Lstat(dotGit); lerr == nil {
				return Repo{}, ErrCannotTell // a dangling link
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return Repo{}, ErrNoRepository
		}
		d = parent
	}
}

// strictlyInside reports whether d lies below root (not root itself).
func strictlyInside(d, root string) bool {
	rel, err := filepath.Rel(root, d)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// linkedGitDir validates the `.git` file dotGit of the work tree wt and
// returns the git folder it names.
func linkedGitDir(dotGit, wt string) (string, error) {
	data, _, err := saferead.ReadFile(dotGit, maxDotGitFile)
	if err != nil {
		return "", ErrCannotTell
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	rest, ok := bytes.CutPrefix(bytes.TrimRight(line, "\r"), []byte("gitdir:"))
	if !ok {
		return "", ErrCannotTell
	}
	gd := strings.TrimSpace(string(rest))
	if gd == "" {
		return "", ErrCannotTell
	}
	if !filepath.IsAbs(gd) {
		gd = filepath.Join(wt, gd)
	}
	gd = filepath.Clean(gd)
	if st, err := os.Stat(gd); err != nil || !st.IsDir() {
		return "", ErrCannotTell
	}
	// A linked work tree (git worktree add): its git folder names this
	// `.git` file back, absolutely or relative to itself.
	if back, _, err := saferead.ReadFile(filepath.Join(gd, "gitdir"), maxDotGitFile); err == nil {
		b := strings.TrimSpace(string(back))
		if b != "" && !filepath.IsAbs(b) {
			b = filepath.Join(gd, b)
		}
		if sameFile(b, dotGit) {
			return gd, nil
		}
		return "", ErrCannotTell
	}
	// A submodule: its git folder is SUPER/.git/modules/NAME, SUPER a
	// work tree above wt.
	sep := string(filepath.Separator)
	if i := strings.LastIndex(gd, sep+".git"+sep+"modules"+sep); i > 0 {
		super := gd[:i]
		if st, err := os.Stat(filepath.Join(super, ".git")); err == nil && st.IsDir() && strictlyInside(wt, super) {
			return gd, nil
		}
	}
	return "", ErrCannotTell
}

func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// TrackedFile reports whether git tracks the file at path in the
// repository Find returns for its folder (notAbove as for Find). The file
// is named by its own path, not the target of a link: git tracks a link
// as a link. A split index is read with its shared index when needed
// (TrackedWith; readShared). No index file (a repository before its first
// git add) means not tracked; an error means "cannot tell".
func TrackedFile(path, notAbove string) (bool, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false, err
	}
	repo, err := Find(filepath.Dir(abs), notAbove)
	if err != nil {
		return false, err
	}
	rel, err := filepath.Rel(repo.WorkTree, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false, ErrCannotTell
	}
	data, _, err := saferead.ReadFile(filepath.Join(repo.GitDir, "index"), MaxIndexSize)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return TrackedWith(data, filepath.ToSlash(rel), func(name string) ([]byte, error) {
		return readShared(repo.GitDir, name)
	})
}

// readShared reads the shared index name (sharedindex.<hex>, a name this
// package makes) of the split index in gitDir: the file in that very
// folder, where git writes it and looks first (read-cache.c,
// read_index_from), with the index's size limit. A link there is refused,
// not followed (git writes a plain file, and a link would lead out of the
// git folder).
func readShared(gitDir, name string) ([]byte, error) {
	data, _, err := saferead.ReadFileNoFollow(filepath.Join(gitDir, name), MaxIndexSize)
	return data, err
}
