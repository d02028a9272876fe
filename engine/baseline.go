package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/omslint/omslint/atomicfile"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/jsonpos"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/report"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// baselineFile is what --write-baseline records: findings by rule, file and
// key path (or, for a finding without one, a hash of its message), never by
// line, so edits elsewhere in the file do not bring them back. It holds no
// secret: messages are hashed after masking.
type baselineFile struct {
	Version  int             `json:"version"`
	Tool     string          `json:"tool"`
	Comment  string          `json:"comment"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Rule string `json:"rule"`
	Name string `json:"name,omitempty"`
	// File is relative to the baseline file's folder, '/'-separated, so the
	// baseline works whatever folder omslint runs from.
	File string `json:"file"`
	Key  string `json:"key,omitempty"`
	// Message is a hash of the masked message, for findings without a key.
	Message string `json:"message,omitempty"`
	// Count is how many such findings are hidden (a key may be duplicated
	// more than once).
	Count int `json:"count"`
}

func (e baselineEntry) id() string {
	return e.Rule + "\x00" + e.File + "\x00" + e.Key + "\x00" + e.Message
}

// applyBaseline writes the baseline when asked, then hides the findings a
// baseline records, counting them in res.Baselined.
func applyBaseline(res *report.Result, opts Options) error {
	if opts.Baseline == "" && opts.WriteBaseline == "" {
		return nil
	}
	var budget map[string]int
	if opts.WriteBaseline != "" {
		entries := baselineEntries(res, opts.WriteBaseline)
		if err := writeBaseline(opts.WriteBaseline, entries); err != nil {
			return err
		}
		budget = counts(entries)
	}
	if opts.Baseline != "" {
		entries, err := readBaseline(opts.Baseline)
		if err != nil {
			return err
		}
		budget = counts(entries)
	}
	var kept []*linter.Finding
	for _, f := range res.Findings {
		if !f.Fixed {
			if id := entryFor(res, f, baselinePath(opts)).id(); budget[id] > 0 {
				budget[id]--
				res.Baselined++
				continue
			}
		}
		kept = append(kept, f)
	}
	res.Findings = kept
	return nil
}

// baselinePath is the baseline that hides findings (--baseline wins).
func baselinePath(opts Options) string {
	if opts.Baseline != "" {
		return opts.Baseline
	}
	return opts.WriteBaseline
}

func counts(entries []baselineEntry) map[string]int {
	m := map[string]int{}
	for _, e := range entries {
		m[e.id()] += e.Count
	}
	return m
}

func entryFor(res *report.Result, f *linter.Finding, baseline string) baselineEntry {
	e := baselineEntry{Rule: f.Rule, File: relToBaseline(f.File, baseline)}
	id := res.Identity(f)
	if k, ok := strings.CutPrefix(id, "key:"); ok {
		e.Key = k
	} else {
		e.Message = strings.TrimPrefix(id, "msg:")
	}
	return e
}

func relToBaseline(file, baseline string) string {
	dir, err1 := filepath.Abs(filepath.Dir(baseline))
	abs, err2 := filepath.Abs(file)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(file)
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(rel)
}

func baselineEntries(res *report.Result, baseline string) []baselineEntry {
	byID := map[string]*baselineEntry{}
	var out []*baselineEntry
	for _, f := range res.Findings {
		if f.Fixed {
			continue
		}
		e := entryFor(res, f, baseline)
		if prev, ok := byID[e.id()]; ok {
			prev.Count++
			continue
		}
		e.Name, e.Count = f.Name, 1
		byID[e.id()] = &e
		out = append(out, &e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id() < out[j].id() })
	entries := make([]baselineEntry, len(out))
	for i, e := range out {
		entries[i] = *e
	}
	return entries
}

func writeBaseline(path string, entries []baselineEntry) error {
	doc := baselineFile{
		Version: BaselineVersion, Tool: "omslint",
		Comment:  "Findings accepted when this file was written; `omslint lint --baseline FILE` hides them and reports only new ones. Regenerate with --write-baseline.",
		Findings: entries,
	}
	if doc.Findings == nil {
		doc.Findings = []baselineEntry{}
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	if err := atomicfile.ReplaceFile(path, data, 0o644); err != nil {
		return &failure.InputError{Path: path, Err: cleanPathErr(err)}
	}
	return nil
}

func readBaseline(path string) ([]baselineEntry, error) {
	data, err := magento.ReadFile(path, 0)
	if err != nil {
		return nil, err
	}
	var doc baselineFile
	// The JSON is checked by the one parser that names positions first, so
	// a hand-edited baseline's mistake is reported at its line and column.
	if _, err := jsonpos.Parse(data); err != nil {
		return nil, &failure.InputError{Path: path, Err: fmt.Errorf("not an omslint baseline: invalid JSON at %v", err)}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, &failure.InputError{Path: path, Err: fmt.Errorf("not an omslint baseline: %v", err)}
	}
	if doc.Version != BaselineVersion {
		return nil, &failure.InputError{Path: path, Err: fmt.Errorf("baseline version %d; this omslint reads version %d (regenerate it with --write-baseline)", doc.Version, BaselineVersion)}
	}
	for _, e := range doc.Findings {
		if e.Rule == "" || e.File == "" || e.Count < 1 {
			return nil, &failure.InputError{Path: path, Err: errors.New("not an omslint baseline: an entry lacks rule, file or count")}
		}
	}
	return doc.Findings, nil
}
