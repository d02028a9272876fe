// Package apply writes a generated serviceBus block into env.php: it finds
// the file `omslint generate --write` changes, reads it with the one safe
// read, renames the keys lint would rename (OMS102, OMS105, with the rules'
// own fixes), merges the block (generator.MergeWith) and writes the result
// with the one writer (atomicfile), or creates a new env.php. It prints
// nothing: the Result says what changed, for the command to print.
package apply

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/omslint/omslint/atomicfile"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/generator"
	"github.com/omslint/omslint/linter"
	_ "github.com/omslint/omslint/linter/rules" // OMS102 and OMS105 rename keys
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// Target is the env.php a write changes: arg itself, arg's
// app/etc/env.php when arg is a folder, or (arg "" or "-", no PATH given)
// app/etc/env.php of the Magento root containing the current folder
// (magento.ResolveRoot): never a new app/etc below the current folder.
func Target(arg string) (string, error) {
	if arg != "" && arg != "-" {
		if st, err := os.Stat(arg); err == nil && st.IsDir() {
			// A folder inside a Magento root (app/etc, given as "."
			// from there) is not one: never app/etc/app/etc/env.php.
			if err := magento.InsideRootError(arg, "--write "); err != nil {
				return "", err
			}
			return filepath.Join(arg, magento.EnvPHPPath), nil
		}
		return arg, nil
	}
	root, err := magento.ResolveRoot("")
	var ie *failure.InputError
	if errors.As(err, &ie) {
		return "", &failure.InputError{Path: ie.Path, Err: fmt.Errorf("%v: give --write PATH", ie.Err)}
	}
	if err != nil {
		return "", err
	}
	return filepath.Join(root, magento.EnvPHPPath), nil
}

// Root is the Magento root of an env.php path (where its .omslint.yaml
// is looked for): three folders up from app/etc/env.php, else the file's
// folder.
func Root(target string) string {
	t := filepath.ToSlash(filepath.Clean(target))
	if t == magento.EnvPHPPath || strings.HasSuffix(t, "/"+magento.EnvPHPPath) {
		return filepath.Dir(filepath.Dir(filepath.Dir(target)))
	}
	return filepath.Dir(target)
}

// Options are how Write writes.
type Options struct {
	// Create makes a new env.php (and its folders) when there is none.
	Create bool
	// Merge is how values are written (secrets as literals or getenv).
	Merge generator.MergeOptions
	// Write: --force and --follow-symlinks.
	Write atomicfile.WriteFlags
	// Log is where a write through a symlink out of the Magento root
	// (allowed by Write.FollowSymlinks) says where it writes; nil: nowhere.
	Log io.Writer
}

// Result is what Write did.
type Result struct {
	// Created: the file did not exist and was made with the block.
	Created bool
	// Written: the file changed (false: it already held this block).
	Written bool
	// Changes are one line per key: kept, replaced, added or renamed
	// (never a value).
	Changes []string
	// Left are the keys lint still reports as misspelled after the merge
	// (it could not rename them: the right key is there too, or two
	// misspellings claim it), for the user to remove by hand.
	Left []*linter.Finding
	// UsedGenerated: a value generate made up (a random secret) was
	// written.
	UsedGenerated bool
}

// Write merges b into the env.php at path (or creates it with
// Options.Create) and writes it with the one writer: the file is locked
// from the read to the write, a symlink leading out of the Magento root
// needs Write.FollowSymlinks, and a read-only file (or one whose owner,
// links or attributes a replacement would change) needs Write.Force. Keys
// lint would rename (OMS102, OMS105) are renamed first, with the rules'
// own fixes, so the merge replaces their values instead of adding the
// right key beside the wrong one. An env.php the merge cannot change (a
// misspelt serviceBus beside the right one, a serviceBus that is not an
// array) is a failure.InputError naming it.
func Write(path string, b *generator.Block, o Options) (*Result, error) {
	log := o.Log
	if log == nil {
		log = io.Discard
	}
	if _, err := o.Write.Resolve(log, path); err != nil {
		return nil, err
	}
	// The one safe read decides what may be read at all (a regular file on
	// a real file system, within the size limit); the merge then works on
	// the bytes read under the writer's lock.
	_, err := magento.ReadFile(path, 0)
	if errors.Is(err, fs.ErrNotExist) {
		if !o.Create {
			return nil, &failure.InputError{Path: path, Err: errors.New("does not exist (add --create to make a new env.php)")}
		}
		return create(path, b, o.Merge)
	}
	if err != nil {
		return nil, err
	}
	var (
		res     *generator.MergeResult
		changes []string
	)
	written, err := atomicfile.Update(path, magento.DefaultMaxSize, atomicfile.Options{Force: o.Write.Force}, func(orig []byte) ([]byte, error) {
		src, renamed, err := renameKeys(path, orig)
		if err != nil {
			return nil, err
		}
		f, err := phpconf.Parse(path, src, phpconf.Options{})
		if err != nil {
			return nil, err
		}
		if res, err = generator.MergeWith(f, b, o.Merge); err != nil {
			return nil, &failure.InputError{Path: path, Err: err}
		}
		changes = append(renamed, res.Changes...)
		return res.Out, nil
	})
	if err != nil {
		return nil, err
	}
	out := &Result{Written: written, Changes: changes, UsedGenerated: res.UsedGenerated}
	if written {
		if _, left, err := keyFindings(path, res.Out); err == nil {
			out.Left = left
		}
	}
	return out, nil
}

// create makes a new env.php holding the block (mode 0640: it holds
// secrets) and its folders.
func create(path string, b *generator.Block, mo generator.MergeOptions) (*Result, error) {
	empty := []byte("<?php\nreturn [\n];\n")
	f, err := phpconf.Parse(path, empty, phpconf.Options{})
	if err != nil {
		return nil, err
	}
	res, err := generator.MergeWith(f, b, mo)
	if err != nil {
		return nil, &failure.InputError{Path: path, Err: err}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	if err := atomicfile.Create(path, res.Out, 0o640); err != nil {
		return nil, err
	}
	// The first change adds the serviceBus block itself: "created ...
	// with the serviceBus block" says that.
	return &Result{Created: true, Written: true, Changes: res.Changes[1:], UsedGenerated: res.UsedGenerated}, nil
}

// renameKeys applies the fixes of OMS102 (a misspelled serviceBus) and
// OMS105 (a serviceBus key within edit distance 2 of a missing known one)
// to src: the rules decide what is renamed, as `lint --fix` would.
func renameKeys(path string, src []byte) ([]byte, []string, error) {
	fixable, _, err := keyFindings(path, src)
	if err != nil {
		return nil, nil, err
	}
	var edits []phpconf.Edit
	var notes []string
	for _, f := range fixable {
		edits = append(edits, f.Fix.Edits...)
		notes = append(notes, "renamed "+strings.TrimPrefix(f.Fix.Description, "rename ")+" ("+f.Rule+")")
	}
	if len(edits) == 0 {
		return src, nil, nil
	}
	out, _, skipped := phpconf.Apply(src, edits)
	if len(skipped) > 0 {
		return src, nil, nil
	}
	return out, notes, nil
}

// keyFindings runs OMS102 and OMS105 alone on src: the findings with a
// rename fix, and the others.
func keyFindings(path string, src []byte) (fixable, other []*linter.Finding, err error) {
	p := &magento.Project{Env: (&magento.PHPSource{Source: magento.Source{Path: path}}).WithData(src, magento.LoadOptions{})}
	off := map[string]bool{}
	for _, r := range linter.Rules() {
		off[r.ID] = r.ID != "OMS102" && r.ID != "OMS105"
	}
	findings, err := linter.Run(p, linter.Options{Off: off})
	if err != nil {
		return nil, nil, err
	}
	for _, f := range findings {
		if f.Fixable() {
			fixable = append(fixable, f)
		} else {
			other = append(other, f)
		}
	}
	return fixable, other, nil
}
