package engine

import (
	"fmt"
	"strings"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/report"
)

// What a single file's lint cannot check (docs/usage.md "Single files").
//
// A file named on the command line (or standard input) gets the rules of
// its role. When it lies in a Magento root, the root's other files are
// read as context and every rule can run (only the file is reported on).
// Rules that reach across files and find the file they need missing say
// so in one note each, in the run's notes (text: "note:" lines before the
// summary; JSON: "notes"), not as findings: nothing is wrong in the file,
// and the exit code does not change.

// crossRule is a rule that reports on one role's file but needs another.
type crossRule struct {
	ids string // the rule IDs, for the note
	on  magento.Role
	// missing reports whether what the rule needs is absent from p, and
	// names it.
	missing func(p *magento.Project) (string, bool)
}

var crossRules = []crossRule{
	{"OMS201, OMS202, OMS203", magento.RoleConfig, func(p *magento.Project) (string, bool) {
		// Run only when the connector is detected: config.php's own
		// connector modules detect it; else composer files must.
		if p.ConnectorDetected() || p.ComposerJSON != nil || p.ComposerLock != nil {
			return "", false
		}
		return "composer.json or composer.lock to show whether the connector is installed (config.php lists no connector module)", true
	}},
	{"OMS204", magento.RoleConfig, needEnv},
	{"OMS204", magento.RoleComposerJSON, needEnv},
	{"OMS303", magento.RoleComposerLock, needEnv},
	{"OMS204", magento.RoleEnv, func(p *magento.Project) (string, bool) {
		if p.Config != nil || p.ComposerJSON != nil {
			return "", false
		}
		return "config.php or composer.json", true
	}},
	{"OMS303", magento.RoleEnv, func(p *magento.Project) (string, bool) {
		if p.ComposerLock != nil {
			return "", false
		}
		return "composer.lock", true
	}},
}

func needEnv(p *magento.Project) (string, bool) {
	if p.Env != nil {
		return "", false
	}
	return "env.php", true
}

// singleFileNotes is the note for a single file linted: the rule groups
// that could not run for want of another file of the root, in one line.
func singleFileNotes(p *magento.Project, lo linter.Options) []report.Note {
	if !p.Single() {
		return nil
	}
	var parts []string
	for _, cr := range crossRules {
		if cr.on != p.OnlyRole || allOff(cr.ids, lo) {
			continue
		}
		if what, missing := cr.missing(p); missing {
			parts = append(parts, fmt.Sprintf("%s (needs %s)", cr.ids, what))
		}
	}
	if len(parts) == 0 {
		return nil
	}
	where := "no Magento root around the file: lint it in its root"
	if p.HasRoot() {
		where = "not in the Magento root " + p.Root
	}
	return []report.Note{{Kind: report.NotChecked, Text: fmt.Sprintf("%s: not checked: %s; %s", p.Only, strings.Join(parts, ", "), where)}}
}

// lockRules read the installed connector version from composer.lock.
const lockRules = "OMS302, OMS303, OMS304"

// rootNotes is the note for a whole root whose composer.json shows the
// connector but that has no composer.lock: the version rules cannot know
// which connector version is installed (a constraint such as ^4.5 says
// what may be), so they do not run, and the run says so instead of
// passing them silently. Without composer.json, OMS204 and the plan say
// what is missing; a lock that is not JSON is OMS001's.
func rootNotes(p *magento.Project, lo linter.Options) []report.Note {
	if p.Single() || !p.HasRoot() || p.ComposerLock != nil || p.ComposerJSON == nil || allOff(lockRules, lo) ||
		!p.ComposerRequires(magento.IsConnectorPackage) {
		return nil
	}
	return []report.Note{{Kind: report.NotChecked, Text: fmt.Sprintf("%s: not checked: %s (need composer.lock: composer.json requires the connector, only the lock says which version is installed)", rootName(p), lockRules)}}
}

// rootName is the root as notes name it ("." for the current folder).
func rootName(p *magento.Project) string {
	if p.Root == "" {
		return "."
	}
	return p.Root
}

// allOff reports whether every rule of a group is turned off.
func allOff(ids string, lo linter.Options) bool {
	for _, id := range strings.Split(ids, ", ") {
		if !lo.Off[id] {
			return false
		}
	}
	return true
}
