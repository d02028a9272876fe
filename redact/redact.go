// Package redact is the one place that decides what is a secret and masks
// it. Every output format, snippet, diff and error message goes through a
// Redactor, so no writer has to remember the rules.
package redact

import (
	"sort"
	"strings"

	"github.com/omslint/omslint/phpconf"
)

// Mask replaces a secret wherever it would be shown.
const Mask = "********"

// secretNames are key names whose values are secret wherever they appear
// (cli.md "Secrets"): serviceBus.oauth_client_secret, serviceBus.secret,
// any password.
var secretNames = map[string]bool{
	"oauth_client_secret": true,
	"secret":              true,
	"password":            true,
	"passwd":              true,
}

// secretPaths are dotted paths whose values are secret.
var secretPaths = map[string]bool{
	"crypt.key": true,
}

// IsSecretPath reports whether the value at a dotted key path of env.php is
// secret. extra holds paths the config file marks secret.
func IsSecretPath(path string, extra []string) bool {
	if secretPaths[path] {
		return true
	}
	last := path
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		last = path[i+1:]
	}
	if secretNames[strings.ToLower(last)] {
		return true
	}
	for _, e := range extra {
		if e == path {
			return true
		}
	}
	return false
}

// IsSecretKeyName reports whether a bare key name marks a secret value (for
// lines that could not be parsed into a tree).
func IsSecretKeyName(name string) bool {
	return secretNames[strings.ToLower(name)] || strings.EqualFold(name, "key")
}

// Redactor masks known secret values in free text and secret spans in
// source lines.
type Redactor struct {
	// values are masked longest first (sortValues); known holds them for
	// de-duplication: a fleet of roots repeats the same secrets.
	values   []string
	known    map[string]bool
	unsorted bool
	// spans per file: byte ranges of secret values in the original source.
	spans map[string][][2]int
	// Off disables masking (--show-secrets, for a person at a terminal).
	Off bool
}

// New returns an empty redactor.
func New() *Redactor { return &Redactor{spans: map[string][][2]int{}} }

// minValueLen is the shortest secret masked by value in free text. Shorter
// values (a mock's "mom") would mask innocent words in messages; they are
// still masked by position in every snippet and diff.
const minValueLen = 4

// AddValue registers a secret value to mask in free text.
func (r *Redactor) AddValue(v string) {
	if r == nil || strings.TrimSpace(v) == "" {
		return
	}
	if r.known[v] {
		return
	}
	if r.known == nil {
		r.known = map[string]bool{}
	}
	r.known[v] = true
	// Sorted when next used, not on every add: a fleet of roots adds
	// thousands of values.
	r.values = append(r.values, v)
	r.unsorted = true
}

// sortValues puts longer values first, so a secret containing another is
// masked whole; equal lengths keep the order they were added in.
func (r *Redactor) sortValues() {
	if r.unsorted {
		sort.SliceStable(r.values, func(i, j int) bool { return len(r.values[i]) > len(r.values[j]) })
		r.unsorted = false
	}
}

// AddTree registers the secret values of a parsed PHP config file: their
// decoded values (for messages) and their source spans (for snippets).
func (r *Redactor) AddTree(file string, t *phpconf.File, extra []string) {
	if r == nil || t == nil || t.Root == nil {
		return
	}
	t.Root.Walk(func(el *phpconf.Element) bool {
		if !IsSecretPath(el.Path, extra) || el.Value.Kind == phpconf.KindArray {
			return true
		}
		if el.Value.Kind != phpconf.KindExpr {
			// An expression (getenv('X')) names where the secret is, not
			// the secret: showing it is useful and safe.
			r.spans[file] = append(r.spans[file], [2]int{el.Value.Span.Start.Offset, el.Value.Span.End.Offset})
			r.AddValue(el.Value.Str)
			r.AddValue(el.Value.Raw)
		}
		return true
	})
}

// AddSpan registers the byte range [start, end) of file as a secret value,
// masked in every snippet and diff line of that file (for files without a
// PHP tree, such as auth.json).
func (r *Redactor) AddSpan(file string, start, end int) {
	if r == nil || end <= start {
		return
	}
	r.spans[file] = append(r.spans[file], [2]int{start, end})
	sort.Slice(r.spans[file], func(i, j int) bool { return r.spans[file][i][0] < r.spans[file][j][0] })
}

// String masks every registered secret value found in s.
func (r *Redactor) String(s string) string {
	if r == nil || r.Off {
		return s
	}
	r.sortValues()
	for _, v := range r.values {
		if len(v) >= minValueLen && strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, Mask)
		}
	}
	return s
}

// Line masks a source line of file that starts at byte offset lineStart:
// secret spans known from the tree, then (for files that did not parse) any
// quoted value after a secret-looking key, then registered values.
func (r *Redactor) Line(file string, lineStart int, line string) string {
	if r == nil || r.Off {
		return line
	}
	lineEnd := lineStart + len(line)
	// Replace spans from the right so earlier offsets stay valid.
	spans := r.spans[file]
	for i := len(spans) - 1; i >= 0; i-- {
		s, e := spans[i][0], spans[i][1]
		if e <= lineStart || s >= lineEnd {
			continue
		}
		if s < lineStart {
			s = lineStart
		}
		if e > lineEnd {
			e = lineEnd
		}
		line = line[:s-lineStart] + Mask + line[e-lineStart:]
		lineEnd = lineStart + len(line)
	}
	line = MaskLexical(line)
	return r.String(line)
}

// HasSecret reports whether a source line of file overlaps a secret span
// or, lexically, looks like it assigns a secret.
func (r *Redactor) HasSecret(file string, lineStart int, line string) bool {
	if r == nil {
		return false
	}
	lineEnd := lineStart + len(line)
	for _, sp := range r.spans[file] {
		if sp[0] < lineEnd && sp[1] > lineStart {
			return true
		}
	}
	return MaskLexical(line) != line || r.String(line) != line
}

// MaskLexical masks the quoted value in a line like `'password' => 'x',`
// without needing a tree: files that do not parse still get their secrets
// hidden in parse-error snippets.
func MaskLexical(line string) string {
	arrow := strings.Index(line, "=>")
	if arrow < 0 {
		return line
	}
	name := strings.Trim(strings.TrimSpace(line[:arrow]), `'"`)
	if !IsSecretKeyName(name) {
		return line
	}
	rest := line[arrow+2:]
	var b strings.Builder
	b.WriteString(line[:arrow+2])
	for i := 0; i < len(rest); i++ {
		q := rest[i]
		if q != '\'' && q != '"' {
			b.WriteByte(q)
			continue
		}
		// Find the closing quote, honouring backslash escapes; an
		// unterminated string masks to the end of the line.
		j := i + 1
		for j < len(rest) && rest[j] != q {
			if rest[j] == '\\' {
				j++
			}
			j++
		}
		b.WriteByte(q)
		b.WriteString(Mask)
		if j < len(rest) {
			b.WriteByte(q)
		}
		i = j
	}
	return b.String()
}
