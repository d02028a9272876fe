package config

import (
	"sort"
	"strconv"
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/omslint/omslint/failure"
)

// Error is one mistake in the config file. It never quotes a service-bus
// value: the file may hold a secret by mistake, and errors end up in CI logs.
type Error struct {
	File      string
	Line, Col int // 1-based; Col is 0 when only the line is known
	Msg       string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Col > 0 {
			b.WriteString(":" + strconv.Itoa(e.Col))
		}
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// ErrorList is every mistake found in one file, in file order, so a user
// fixes them in one pass rather than one run per mistake.
type ErrorList []*Error

func (l ErrorList) Error() string { return strings.Join(l.Lines(), "\n") }

// Lines are the mistakes, one per line (failure.Lines).
func (l ErrorList) Lines() []string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return msgs
}

// FailureKind: mistakes in a config file are input errors (exit 2).
func (l ErrorList) FailureKind() failure.Kind { return failure.Input }

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Line != l[j].Line {
			return l[i].Line < l[j].Line
		}
		return l[i].Col < l[j].Col
	})
}

func sortRefs(refs []RuleRef) {
	sort.SliceStable(refs, func(i, j int) bool {
		if refs[i].Line != refs[j].Line {
			return refs[i].Line < refs[j].Line
		}
		return refs[i].Col < refs[j].Col
	})
}

// suggest returns the known word nearest to got, or "" when none is close
// enough to be a typo. Case, '_' and '-' are ignored first, so env.php
// spellings (`oauth_server_url`) and `Fail_On` find their YAML key.
func suggest(got string, known []string) string {
	norm := func(s string) string {
		return strings.ReplaceAll(strings.ToLower(s), "_", "-")
	}
	g := norm(got)
	best, bestDist := "", -1
	for _, k := range known {
		// An abbreviation (`warn`, `prod`) is a clearer hint than any
		// edit distance would give.
		if len(g) >= 3 && strings.HasPrefix(norm(k), g) {
			return k
		}
		d := levenshtein.ComputeDistance(g, norm(k))
		if bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	// Two edits catch transpositions and slips; longer words tolerate a
	// third of their length. Beyond that the "suggestion" is noise.
	limit := 2
	if l := len(g) / 3; l > limit {
		limit = l
	}
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}
