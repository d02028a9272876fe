// Package redact is the one place that decides what is a secret and masks
// it. Every output format, snippet, diff and error message goes through a
// Redactor, so no writer has to remember the rules.
package redact

import (
	"bytes"
	"github.com/omslint/omslint/connector"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/omslint/omslint/phpconf"
)

// Mask replaces a secret wherever it would be shown.
const Mask = "********"

// secretNames are key names whose values are secret wherever they appear
// (cli.md "Secrets"): the secret serviceBus keys of connector.Keys
// (oauth_client_secret, secret), any password.
var secretNames = func() map[string]bool {
	m := map[string]bool{"password": true, "passwd": true}
	for _, k := range connector.Keys {
		if k.Secret {
			m[k.PHP] = true
		}
	}
	return m
}()

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
	if secretNames[strings.ToLower(lastSegment(path))] {
		return true
	}
	for _, e := range extra {
		if e == path {
			return true
		}
	}
	return false
}

// IsSecretElement is IsSecretPath for a tree element. It builds the
// element's path only when its key could end a secret path: a walk over a
// large env.php then allocates nothing for the many ordinary keys.
func IsSecretElement(el *phpconf.Element, extra []string) bool {
	var digits [20]byte
	var last string
	switch {
	case el.Key.IsInt:
		// No secret name is a number; only a configured path can end in
		// one. The key is formatted on the stack: lists of thousands of
		// ints are walked too.
		last = string(strconv.AppendInt(digits[:0], el.Key.Int, 10))
	default:
		last = lastSegment(el.Key.String())
		if secretNames[strings.ToLower(last)] {
			return true
		}
	}
	could := false
	for p := range secretPaths {
		could = could || lastSegment(p) == last
	}
	for _, p := range extra {
		could = could || lastSegment(p) == last
	}
	return could && IsSecretPath(el.Path(), extra)
}

// lastSegment is the part of a dotted path after its last dot.
func lastSegment(path string) string {
	return path[strings.LastIndexByte(path, '.')+1:]
}

// IsSecretKeyName reports whether a bare key name marks a secret value (for
// lines that could not be parsed into a tree).
func IsSecretKeyName(name string) bool {
	return secretNames[strings.ToLower(name)] || strings.EqualFold(name, "key")
}

// Redactor masks known secret values in free text and secret spans in
// source lines. It is not safe for concurrent use: a parallel run gives
// each project its own Redactor and merges them in order (Merge).
type Redactor struct {
	// values are masked wherever they occur; overlapping matches merge
	// into one mask, so their order does not matter. known de-duplicates
	// them: a fleet of roots repeats the same secrets.
	values []string
	known  map[string]bool
	// byPrefix files values[:indexed] by their first minValueLen bytes:
	// the distinct lengths of the values starting with them.
	byPrefix map[string][]int
	indexed  int
	// dirty marks files whose spans were added since they were merged.
	dirty map[string]bool
	// spans per file: byte ranges of secret values in the original source.
	spans map[string][][2]int
	// parsed holds the files whose secrets are known from a tree: their
	// lines are masked by span only, never by the lexical fallback (an
	// expression such as getenv('NAME') is not a secret).
	parsed map[string]bool
	// Off disables masking (--show-secrets, for a person at a terminal).
	Off bool
}

// Masking returns a redactor that masks whatever r knows, even when r is
// Off: --show-secrets lifts masking for text and --diff only, never for
// the machine formats that end up in CI logs and code-scanning uploads.
func (r *Redactor) Masking() *Redactor {
	if r == nil || !r.Off {
		return r
	}
	return &Redactor{values: r.values, known: r.known, spans: r.spans, dirty: r.dirty, parsed: r.parsed}
}

// New returns an empty redactor.
func New() *Redactor { return &Redactor{spans: map[string][][2]int{}, parsed: map[string]bool{}} }

// minValueLen is the shortest secret masked by value in free text. Shorter
// values (a mock's "mom") would mask innocent words in messages; they are
// still masked by position in every snippet and diff.
const minValueLen = 4

// AddValue registers a secret value to mask in free text.
func (r *Redactor) AddValue(v string) {
	if r == nil || strings.TrimSpace(v) == "" {
		return
	}
	r.addValue(v)
}

func (r *Redactor) addValue(v string) bool {
	if r.known == nil {
		r.known = map[string]bool{}
	}
	if r.known[v] {
		return false
	}
	r.known[v] = true
	r.values = append(r.values, v)
	return true
}

// AddTree registers the secret values of a parsed PHP config file: their
// decoded values (for messages) and their source spans (for snippets).
func (r *Redactor) AddTree(file string, t *phpconf.File, extra []string) {
	if r == nil || t == nil || t.Root == nil {
		return
	}
	if r.parsed == nil {
		r.parsed = map[string]bool{}
	}
	r.parsed[file] = true
	t.Root.Walk(func(el *phpconf.Element) bool {
		if el.Value.Kind == phpconf.KindArray || !IsSecretElement(el, extra) {
			return true
		}
		if el.Value.Kind == phpconf.KindExpr {
			// An expression (getenv('X')) names where the secret is, not
			// the secret: showing it is useful and safe. Its other string
			// literals are masked: the fallback of getenv('X') ?: 'v' is
			// the secret itself.
			base := int(el.Value.Range.Start)
			for _, x := range ExprLiteralRanges(t.Raw(el.Value.Range)) {
				r.addSpan(file, base+x[0], base+x[1])
				r.AddValue(t.Raw(el.Value.Range)[x[0]:x[1]])
			}
			return true
		}
		r.addSpan(file, int(el.Value.Range.Start), int(el.Value.Range.End))
		r.AddValue(el.Value.Str)
		r.AddValue(t.Raw(el.Value.Range))
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
	r.addSpan(file, start, end)
}

func (r *Redactor) addSpan(file string, start, end int) {
	if r.spans == nil {
		r.spans = map[string][][2]int{}
	}
	// Appended as they come; spansOf sorts and merges once before use, so
	// registering thousands of secrets stays linear.
	r.spans[file] = append(r.spans[file], [2]int{start, end})
	if r.dirty == nil {
		r.dirty = map[string]bool{}
	}
	r.dirty[file] = true
}

// spansOf returns file's secret spans sorted and merged (overlapping and
// touching ranges joined): their ends are then sorted too, so the spans
// on a line are found by binary search.
func (r *Redactor) spansOf(file string) [][2]int {
	if r.dirty[file] {
		r.spans[file] = mergeRanges(r.spans[file])
		delete(r.dirty, file)
	}
	return r.spans[file]
}

// Merge adds everything o knows to r: a parallel run builds one Redactor
// per project and merges them, in order, into the run's.
func (r *Redactor) Merge(o *Redactor) {
	if r == nil || o == nil {
		return
	}
	for _, v := range o.values {
		r.addValue(v)
	}
	for file, sp := range o.spans {
		for _, x := range sp {
			r.addSpan(file, x[0], x[1])
		}
	}
	for file := range o.parsed {
		if r.parsed == nil {
			r.parsed = map[string]bool{}
		}
		r.parsed[file] = true
	}
}

// String masks every registered secret value found in s, and the password
// of any URL with user info (https://user:pass@host/).
func (r *Redactor) String(s string) string {
	if r == nil || r.Off {
		return s
	}
	return apply(s, r.textRanges(s, nil))
}

// Line masks a source line of file that starts at byte offset lineStart:
// secret spans known from the tree, then (only for files that did not
// parse) any quoted value after a secret-looking key, then registered
// values and URL passwords.
func (r *Redactor) Line(file string, lineStart int, line string) string {
	masked, _ := r.LineMap(file, lineStart, line)
	return masked
}

// LineMap is Line plus a mapping from a byte offset in line to the byte
// offset of the same place in the masked line (an offset inside a masked
// range maps to the start of its mask, its end to the mask's end), so a
// marker under a span can be drawn under the masked text.
func (r *Redactor) LineMap(file string, lineStart int, line string) (string, func(off int) int) {
	if r == nil || r.Off {
		return line, func(off int) int { return off }
	}
	rs := r.lineRanges(file, lineStart, line)
	return apply(line, rs), func(off int) int { return mapOffset(rs, off) }
}

// lineRanges are the byte ranges of line to mask, merged and sorted.
func (r *Redactor) lineRanges(file string, lineStart int, line string) [][2]int {
	lineEnd := lineStart + len(line)
	var rs [][2]int
	spans := r.spansOf(file)
	for i := sort.Search(len(spans), func(i int) bool { return spans[i][1] > lineStart }); i < len(spans) && spans[i][0] < lineEnd; i++ {
		s, e := spans[i][0], spans[i][1]
		rs = append(rs, [2]int{max(s, lineStart) - lineStart, min(e, lineEnd) - lineStart})
	}
	if !r.parsed[file] {
		rs = append(rs, lexicalRanges(line)...)
	}
	return r.textRanges(line, rs)
}

// indexValues files the values added since the last call under their
// first minValueLen bytes (shorter values are masked by position only).
func (r *Redactor) indexValues() {
	if r.byPrefix == nil {
		r.byPrefix = map[string][]int{}
	}
	for _, v := range r.values[r.indexed:] {
		if len(v) < minValueLen {
			continue
		}
		p := v[:minValueLen]
		if !slices.Contains(r.byPrefix[p], len(v)) {
			r.byPrefix[p] = append(r.byPrefix[p], len(v))
		}
	}
	r.indexed = len(r.values)
}

// textRanges adds the ranges of registered values and URL passwords in s
// to rs and returns them merged.
func (r *Redactor) textRanges(s string, rs [][2]int) [][2]int {
	// Values are found through their first minValueLen bytes: one map
	// look-up per position of s, whatever the number of secrets (a file
	// with thousands of passwords and thousands of findings stays linear;
	// searching s once per value was not).
	if r.indexed != len(r.values) {
		r.indexValues()
	}
	for i := 0; i+minValueLen <= len(s); i++ {
		for _, n := range r.byPrefix[s[i:i+minValueLen]] {
			if i+n <= len(s) && r.known[s[i:i+n]] {
				rs = append(rs, [2]int{i, i + n})
			}
		}
	}
	rs = append(rs, URLPasswordRanges(s)...)
	return mergeRanges(rs)
}

func mergeRanges(rs [][2]int) [][2]int {
	if len(rs) < 2 {
		return rs
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i][0] < rs[j][0] })
	out := rs[:1]
	for _, x := range rs[1:] {
		last := &out[len(out)-1]
		if x[0] <= last[1] {
			last[1] = max(last[1], x[1])
			continue
		}
		out = append(out, x)
	}
	return out
}

// apply replaces each (merged, sorted) range of s with Mask.
func apply(s string, rs [][2]int) string {
	if len(rs) == 0 {
		return s
	}
	var b strings.Builder
	prev := 0
	for _, x := range rs {
		b.WriteString(s[prev:x[0]])
		b.WriteString(Mask)
		prev = x[1]
	}
	b.WriteString(s[prev:])
	return b.String()
}

func mapOffset(rs [][2]int, off int) int {
	shift := 0
	for _, x := range rs {
		switch {
		case off < x[0]:
			return off + shift
		case off == x[0]:
			return x[0] + shift
		case off < x[1]:
			return x[0] + shift
		case off == x[1]:
			return x[0] + shift + len(Mask)
		}
		shift += len(Mask) - (x[1] - x[0])
	}
	return off + shift
}

// HasSecret reports whether a source line of file overlaps a secret span
// or, for files that did not parse, lexically looks like it assigns a
// secret.
func (r *Redactor) HasSecret(file string, lineStart int, line string) bool {
	if r == nil {
		return false
	}
	return len(r.lineRanges(file, lineStart, line)) > 0
}

// envLookup matches what may precede a string literal that names where a
// secret comes from rather than being it.
var envLookup = regexp.MustCompile(`(?i)(getenv|\benv|constant|\$_ENV|\$_SERVER)\s*[\(\[]\s*$`)

// ExprLiteralRanges returns the byte ranges of the text inside the quoted
// string literals of a PHP expression on a secret key, except those that
// are the argument of getenv(), env(), constant(), $_ENV[] or $_SERVER[]
// (they name where the secret comes from).
func ExprLiteralRanges(raw string) [][2]int {
	var rs [][2]int
	for i := 0; i < len(raw); i++ {
		q := raw[i]
		if q != '\'' && q != '"' {
			continue
		}
		j := i + 1
		for j < len(raw) && raw[j] != q {
			if raw[j] == '\\' {
				j++
			}
			j++
		}
		j = min(j, len(raw))
		if j > i+1 && !envLookup.MatchString(raw[:i]) {
			rs = append(rs, [2]int{i + 1, j})
		}
		i = j
	}
	return rs
}

// MaskExpr masks the literals of an expression on a secret key that
// ExprLiteralRanges finds, for messages that name the expression.
func MaskExpr(raw string) string { return apply(raw, ExprLiteralRanges(raw)) }

// urlUserinfo finds scheme://user:password@ in free text; group 1 is the
// password.
var urlUserinfo = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@'"\\]*:([^/\s@'"\\]+)@`)

// URLPasswordRanges returns the byte ranges of the passwords in URLs with
// user info (https://user:pass@host/): a password is a secret wherever it
// appears, whatever key holds the URL.
func URLPasswordRanges(s string) [][2]int {
	if !strings.Contains(s, "://") {
		return nil
	}
	var rs [][2]int
	for _, m := range urlUserinfo.FindAllStringSubmatchIndex(s, -1) {
		rs = append(rs, [2]int{m[2], m[3]})
	}
	return rs
}

// MaskLexical masks the quoted values in a line like `'password' => 'x',`
// without needing a tree: files that do not parse still get their secrets
// hidden in parse-error snippets.
func MaskLexical(line string) string { return apply(line, mergeRanges(lexicalRanges(line))) }

// lexicalRanges finds, for each `=>` whose key (the quoted or bare word
// before it) names a secret, the quoted strings after it up to the next
// `,`, `]`, `)`, `;` or `=>`; the quotes stay, the text between them is
// masked, and an unterminated string masks to the end of the line.
func lexicalRanges(line string) [][2]int {
	var rs [][2]int
	for from := 0; ; {
		a := strings.Index(line[from:], "=>")
		if a < 0 {
			return rs
		}
		a += from
		from = a + 2
		if !IsSecretKeyName(keyBefore(line[:a])) {
			continue
		}
	scan:
		for i := a + 2; i < len(line); i++ {
			switch q := line[i]; q {
			case ',', ']', ')', ';':
				break scan
			case '=':
				if i+1 < len(line) && line[i+1] == '>' {
					break scan
				}
			case '\'', '"', '`':
				j := i + 1
				for j < len(line) && line[j] != q {
					if line[j] == '\\' {
						j++
					}
					j++
				}
				j = min(j, len(line))
				if j > i+1 {
					rs = append(rs, [2]int{i + 1, j})
				}
				i = j
				from = max(from, j)
			}
		}
	}
}

// keyBefore is the key written just before an arrow: a quoted string or a
// bare word.
func keyBefore(s string) string {
	s = strings.TrimRight(s, " \t")
	if s == "" {
		return ""
	}
	if q := s[len(s)-1]; q == '\'' || q == '"' {
		if i := strings.LastIndexByte(s[:len(s)-1], q); i >= 0 {
			return s[i+1 : len(s)-1]
		}
		return ""
	}
	i := len(s)
	for i > 0 && (isWordByte(s[i-1])) {
		i--
	}
	return s[i:]
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// URLPasswordLines returns the 1-based lines of data that hold the password
// of a URL with user info: a diff treats them as secret lines.
func URLPasswordLines(data []byte) map[int]bool {
	out := map[int]bool{}
	// Line by line without splitting (or copying) the whole file; only a
	// line holding "://" is looked at closer.
	for n, rest := 1, data; ; n++ {
		line, after, more := bytes.Cut(rest, []byte{'\n'})
		if bytes.Contains(line, []byte("://")) && len(URLPasswordRanges(string(line))) > 0 {
			out[n] = true
		}
		if !more {
			return out
		}
		rest = after
	}
}
