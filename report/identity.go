package report

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"sync"

	"github.com/omslint/omslint/linter"
)

// lineRefRe matches the places a message may cite a position ("first at
// line 5", "12:3"): they move when unrelated lines are edited, so they are
// left out of a finding's identity.
var lineRefRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\bline \d+|\d+:\d+`) })

// Identity is what makes a finding the same finding after edits elsewhere
// in the file: its key path when it has one, else a hash of its message
// (secrets masked, line references dropped). It never holds a line number
// or a secret, so it is safe to store in a baseline and in SARIF
// fingerprints. Rule and file are not part of it; callers add them.
func (r *Result) Identity(f *linter.Finding) string {
	if f.Key != "" {
		return "key:" + f.Key
	}
	msg := lineRefRe().ReplaceAllString(r.Redactor.String(f.MarkedMessage()), "#")
	sum := sha256.Sum256([]byte(msg))
	return "msg:" + hex.EncodeToString(sum[:8])
}

// fingerprint identifies a finding across runs: rule, file and identity.
func (r *Result) fingerprint(f *linter.Finding) string {
	sum := sha256.Sum256([]byte(f.Rule + "\x00" + f.File + "\x00" + r.Identity(f)))
	return hex.EncodeToString(sum[:16])
}

// reported lists the findings that are still problems: a fixed finding is
// listed by json and text (marked fixed) but not by the CI formats.
func (r *Result) reported() []*linter.Finding {
	var out []*linter.Finding
	for _, f := range r.Findings {
		if !f.Fixed {
			out = append(out, f)
		}
	}
	return out
}
