// Package magento models a Magento checkout as omslint sees it: which files
// exist, their parsed trees, and the connector facts (module lists, known
// defects) the rules compare them with. It never prints anything.
package magento

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/saferead"
)

// Relative paths of the files omslint reads in a Magento root.
const (
	EnvPHPPath       = "app/etc/env.php"
	ConfigPHPPath    = "app/etc/config.php"
	ComposerJSONPath = "composer.json"
	ComposerLockPath = "composer.lock"
	AuthJSONPath     = "auth.json"
	ConfigFileName   = ".omslint.yaml"
)

// RootFiles are those paths, in that order: what a report must never be
// written over (cmd/omslint's checkWrites).
var RootFiles = []string{EnvPHPPath, ConfigPHPPath, ComposerJSONPath, ComposerLockPath, AuthJSONPath, ConfigFileName}

// DefaultMaxSize is the largest input file read (16 MiB).
const DefaultMaxSize = 16 << 20

// Source is one file of the project as read from disk (or stdin).
type Source struct {
	// Path is how reports name the file (relative to the current folder
	// when the user gave a relative path).
	Path string
	// Abs is the file's location on disk; "" for standard input.
	Abs  string
	Data []byte
	// Mode is the file mode on disk (0 for stdin).
	Mode fs.FileMode
}

// PHPSource is a PHP config file with its parsed tree. Tree is never nil;
// when the parser could not be run to completion (see ReadErr) it holds only
// the source and its line index.
type PHPSource struct {
	Source
	Tree *phpconf.File
	// ReadErr is set when the file could not be analysed at all (a parser
	// time-out, a limit); syntax errors are in Tree.Err instead.
	ReadErr error
}

// Project is what one lint run looks at.
type Project struct {
	// Root is the Magento root as given by the user, or the root around
	// a single file linted (Only); "" for a file with no root around it.
	Root string
	// Env is app/etc/env.php, nil when absent: a repository rightly has
	// none (OMS007), and a single config.php or composer file linted has
	// none unless its root has one.
	Env    *PHPSource
	Config *PHPSource // app/etc/config.php, nil when absent
	// Raw JSON files, nil when absent.
	ComposerJSON *Source
	ComposerLock *Source
	AuthJSON     *Source
	// ConfigFile is the .omslint.yaml found for the project, "" when none.
	ConfigFile string
	// Only is set when a single file was linted (a file named on the
	// command line, or standard input): its Path. That file sits in the
	// slot of its role (OnlyRole); the other files, when the file lies in
	// a Magento root, are that root's, read as context so the rules know
	// what the root holds (the connector installed, the modules), and
	// findings on them are not reported (engine).
	Only     string
	OnlyRole Role

	// composer holds the JSON files parsed on first use (composer.go).
	composer composerDocs
}

// HasRoot reports whether the project knows a Magento root: the input was
// one, or the single file linted lies in one.
func (p *Project) HasRoot() bool { return p.Root != "" }

// Single reports whether one file was linted rather than a root.
func (p *Project) Single() bool { return p.Only != "" }

// LoadOptions bound reading.
type LoadOptions struct {
	MaxSize int64
	Parse   phpconf.Options
}

func (o LoadOptions) maxSize() int64 {
	if o.MaxSize > 0 {
		return o.MaxSize
	}
	return DefaultMaxSize
}

// LoadRoot reads a Magento root. Every file is optional (a repository
// has no env.php); an unreadable file is an InputError.
func LoadRoot(root string, opts LoadOptions) (*Project, error) {
	st, err := os.Stat(root)
	if err != nil {
		return nil, &failure.InputError{Path: root, Err: cleanErr(err)}
	}
	if !st.IsDir() {
		return nil, &failure.InputError{Path: root, Err: errors.New("not a folder")}
	}
	p := &Project{Root: root}
	if s, err := readOptional(filepath.Join(root, EnvPHPPath), opts); err != nil {
		return nil, err
	} else if s != nil {
		p.Env = parsePHP(s, opts)
	}
	if s, err := readOptional(filepath.Join(root, ConfigPHPPath), opts); err != nil {
		return nil, err
	} else if s != nil {
		p.Config = parsePHP(s, opts)
	}
	for _, f := range []struct {
		rel string
		dst **Source
	}{{ComposerJSONPath, &p.ComposerJSON}, {ComposerLockPath, &p.ComposerLock}, {AuthJSONPath, &p.AuthJSON}} {
		s, err := readOptional(filepath.Join(root, f.rel), opts)
		if err != nil {
			return nil, err
		}
		*f.dst = s
	}
	if _, err := os.Stat(filepath.Join(root, ConfigFileName)); err == nil {
		p.ConfigFile = filepath.Join(root, ConfigFileName)
	}
	return p, nil
}

// LoadFile reads one file in the role given, or the one its name gives
// when role is "" (a *RoleError when the name tells nothing). When the
// file lies in a Magento root (found upward from its folder), that root's
// other files are read as context (Project.Only).
func LoadFile(path string, role Role, opts LoadOptions) (*Project, error) {
	s, err := readSource(path, opts)
	if err != nil {
		return nil, err
	}
	if role == "" {
		r, ok := RoleOf(path)
		if !ok {
			return nil, &RoleError{Path: path}
		}
		role = r
	}
	p := contextAround(filepath.Dir(s.Abs), opts)
	p.setOnly(role, s, opts)
	return p, nil
}

// LoadStdin reads one file from r, named name in reports, in the role
// given, else the one name gives; with neither (no name), env.php. A name
// that is a path in a Magento root (an editor's --stdin-filename) reads
// that root's other files as context, as LoadFile does.
func LoadStdin(r io.Reader, name string, role Role, opts LoadOptions) (*Project, error) {
	if role == "" {
		rl, ok := RoleOf(name)
		switch {
		case ok:
			role = rl
		case name == "":
			role = RoleEnv
		default:
			return nil, &RoleError{Path: name}
		}
	}
	// Redirected from a file, standard input has a size: read it into one
	// buffer rather than a doubling series (a 10 MB env.php otherwise
	// allocates some 30 MB on the way).
	size := int64(512)
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			size = min(fi.Size(), opts.maxSize())
		}
	}
	data, err := saferead.ReadAll(io.LimitReader(r, opts.maxSize()+1), size)
	if err != nil {
		return nil, &failure.InputError{Path: "-", Err: err}
	}
	shown := name
	if shown == "" {
		shown = "<stdin>"
	}
	if int64(len(data)) > opts.maxSize() {
		return nil, &failure.InputError{Path: shown, Err: fmt.Errorf("larger than the %d-byte limit (--max-size)", opts.maxSize())}
	}
	p := &Project{}
	if name != "" {
		if abs, err := filepath.Abs(name); err == nil {
			if st, err := os.Stat(filepath.Dir(abs)); err == nil && st.IsDir() {
				p = contextAround(filepath.Dir(abs), opts)
			}
		}
	}
	p.setOnly(role, &Source{Path: filepath.ToSlash(shown), Data: data}, opts)
	return p, nil
}

// contextAround is the Magento root at or above dir, read as the context
// of a single file; an empty project when there is none or it cannot be
// read (the file is then linted alone).
func contextAround(dir string, opts LoadOptions) *Project {
	root, err := FindRoot(dir)
	if err != nil {
		return &Project{}
	}
	cwd, _ := os.Getwd()
	if cwd != "" {
		root = relToCwd(cwd, root)
	}
	p, err := LoadRoot(root, opts)
	if err != nil {
		return &Project{}
	}
	return p
}

// setOnly puts the single file s into the slot of its role.
func (p *Project) setOnly(role Role, s *Source, opts LoadOptions) {
	p.Only, p.OnlyRole = s.Path, role
	switch role {
	case RoleEnv:
		p.Env = parsePHP(s, opts)
	case RoleConfig:
		p.Config = parsePHP(s, opts)
	case RoleComposerJSON:
		p.ComposerJSON = s
	case RoleComposerLock:
		p.ComposerLock = s
	case RoleAuth:
		p.AuthJSON = s
	}
}

func parsePHP(s *Source, opts LoadOptions) *PHPSource {
	ps := &PHPSource{Source: *s}
	ps.Tree, ps.ReadErr = phpconf.Parse(s.Path, s.Data, opts.Parse)
	if ps.Tree == nil {
		ps.Tree = phpconf.NewFile(s.Path, s.Data)
	}
	return ps
}

func readOptional(path string, opts LoadOptions) (*Source, error) {
	s, err := readSource(path, opts)
	if err != nil && errors.Is(err, fs.ErrNotExist) {
		// Absent is no error; a link to nothing is one (Lstat sees the
		// link). Asked only when the read failed: most files exist.
		if _, lerr := os.Lstat(path); errors.Is(lerr, fs.ErrNotExist) {
			return nil, nil
		}
	}
	return s, err
}

// readSource reads a regular file within the size limit. FIFOs, devices
// and folders are refused before opening, so a read never blocks.
func readSource(path string, opts LoadOptions) (*Source, error) {
	data, st, err := saferead.ReadFile(path, opts.maxSize())
	if err != nil {
		var tl *saferead.TooLargeError
		if errors.As(err, &tl) {
			return nil, &failure.InputError{Path: path, Err: fmt.Errorf("%w (--max-size)", tl)}
		}
		if errors.Is(err, fs.ErrNotExist) {
			// A dangling link (env.php -> ../../shared/env.php on a
			// checkout without shared/): ls shows the file, so say why
			// it cannot be read.
			if lst, lerr := os.Lstat(path); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
				if target, rerr := os.Readlink(path); rerr == nil {
					return nil, &failure.InputError{Path: path, Err: fmt.Errorf("a symbolic link (to %s) that leads to no file", target)}
				}
			}
		}
		return nil, &failure.InputError{Path: path, Err: cleanErr(err)}
	}
	abs, _ := filepath.Abs(path)
	return &Source{Path: filepath.ToSlash(path), Abs: abs, Data: data, Mode: st.Mode()}, nil
}

// cleanErr drops the path that os errors repeat, since InputError names it.
func cleanErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// WithData returns a copy of the source holding data instead, parsed anew:
// the state of the file after a fix, before (or instead of) writing it.
func (s *PHPSource) WithData(data []byte, opts LoadOptions) *PHPSource {
	src := s.Source
	src.Data = data
	return parsePHP(&src, opts)
}
