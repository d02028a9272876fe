package suppress

import (
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

// Unused is how a run reports a comment (or a rule named in one) that
// suppressed nothing: OMS006 with the run's severity for it. A nil Rule
// (OMS006 turned off) reports nothing.
type Unused struct {
	Rule     *linter.Rule
	Severity linter.Severity
}

// Project applies every suppression of a project to its findings, in
// order: the omslint-ignore comments of env.php and config.php (adding an
// Unused finding for each comment, or rule named in one, that suppressed
// nothing), then the `ignore:` entries of its config file. It returns the
// findings kept and how many were suppressed. The OMS006 check lives here,
// not in the rule's Check, because it needs every other rule's findings.
func Project(p *magento.Project, cfg *config.Config, fs []*linter.Finding, unused Unused) (kept []*linter.Finding, suppressed int) {
	kept, suppressed = inline(p, fs, unused)
	kept, n := byConfig(p, cfg, kept)
	return kept, suppressed + n
}

func inline(p *magento.Project, fs []*linter.Finding, unused Unused) ([]*linter.Finding, int) {
	var dirs []*Directive
	for _, s := range []*magento.PHPSource{p.Env, p.Config} {
		if s != nil {
			dirs = append(dirs, Parse(s.Path, s.Tree)...)
		}
	}
	if len(dirs) == 0 {
		return fs, 0
	}
	kept, n := Apply(fs, dirs)
	if unused.Rule == nil {
		return kept, n
	}
	for _, d := range dirs {
		for _, msg := range d.Unused() {
			kept = append(kept, &linter.Finding{
				Rule: unused.Rule.ID, Name: unused.Rule.Name, Severity: unused.Severity, Message: msg,
				File: d.Path, Span: d.Span,
			})
		}
	}
	linter.Sort(kept)
	return kept, n
}

// byConfig drops the findings an `ignore:` entry covers: its rules, in
// files matching its path (relative to the Magento root; for a lone file,
// to the config file's folder, or as given).
func byConfig(p *magento.Project, cfg *config.Config, fs []*linter.Finding) ([]*linter.Finding, int) {
	if cfg == nil || len(cfg.Ignore) == 0 {
		return fs, 0
	}
	var kept []*linter.Finding
	n := 0
	for _, f := range fs {
		if ignored(cfg, p, f) {
			n++
			continue
		}
		kept = append(kept, f)
	}
	return kept, n
}

func ignored(cfg *config.Config, p *magento.Project, f *linter.Finding) bool {
	cands := relCandidates(cfg, p, f.File)
	for _, ig := range cfg.Ignore {
		if !slices.Contains(ig.Rules, f.Rule) {
			continue
		}
		for _, c := range cands {
			if ok, _ := path.Match(ig.Path, c); ok {
				return true
			}
		}
	}
	return false
}

// relCandidates is a finding's file as the ignore paths may name it.
func relCandidates(cfg *config.Config, p *magento.Project, file string) []string {
	out := []string{path.Clean(filepath.ToSlash(file))}
	// Both sides absolute: the root is named as the user would write it
	// ("../.." when omslint runs in app/etc) and the file relative to the
	// current folder ("env.php"), which filepath.Rel cannot relate.
	under := func(dir string) {
		d, err1 := filepath.Abs(dir)
		abs, err2 := filepath.Abs(file)
		if err1 != nil || err2 != nil {
			return
		}
		rel, err := filepath.Rel(d, abs)
		if rel = filepath.ToSlash(rel); err == nil && rel != ".." && !strings.HasPrefix(rel, "../") {
			out = append(out, rel)
		}
	}
	if p.Root != "" {
		under(p.Root)
	}
	if cfg.Path != "" {
		under(filepath.Dir(cfg.Path))
	}
	return out
}
