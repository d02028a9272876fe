// Package redact is the one place that decides what is a secret and masks
// it (policy.go: secret key names and their near misses, what part of a
// value is secret, where masking is lifted). Every output format, snippet
// and diff, and every note and run error a report shows, goes through a
// Redactor, so no writer has to remember the rules. (The CLI's error
// messages on standard error do not: they name files, positions and keys,
// never a value read from a file.)
//
// What a Redactor is told:
//   - AddTree: the secret values of a parsed PHP config file (by span, for
//     snippets, and by value, for messages);
//   - AddSpan and AddValue: a secret found elsewhere (auth.json, a profile);
//   - AddEnvValue(name, value): a value that came from an environment
//     variable. Every such value is a secret in all output, whatever field
//     it fills: call it wherever a variable is read for a value that may be
//     printed (a profile's ${NAME}, --env-file, --resolve-env). EnvLookup
//     wraps os.LookupEnv to do it for every variable read.
//
// How text is masked: String masks registered values only inside the parts
// of a text marked with Quote, the values a rule or the plan took from
// files or the environment, never the tool's own words, commands or paths
// (a database password 'magento' must not turn bin/magento into
// bin/********). URL credentials (user:password@) are masked anywhere.
// Value masks a text that came whole from a file. Line and LineMap mask a
// source line by the spans its file registered (and lexically, for files
// that did not parse).
package redact

import (
	"hash/maphash"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/omslint/omslint/phpconf"
)

// Redactor masks known secret values in free text and secret spans in
// source lines. It is not safe for concurrent use: a parallel run gives
// each project its own Redactor and merges them in order (MergeFiles).
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
	// whole holds values from the environment: masked when a quoted part
	// of a message is exactly one, whatever its length.
	whole map[string]bool
	// parsed holds the files whose secrets are known from a tree: their
	// lines are masked by span only, never by the lexical fallback (an
	// expression such as getenv('NAME') is not a secret).
	parsed map[string]bool
	// Off disables masking (--show-secrets, for a person at a terminal).
	Off bool

	// digestOnly keeps values as digests (KeepDigestsOnly): digests
	// holds a digest per value, digestLens the distinct lengths of the
	// values by the digest of their first minValueLen bytes.
	digestOnly bool
	seed       maphash.Seed
	digests    map[uint64]bool
	digestLens map[uint64][]int

	// gen counts what the redactor learnt (values, spans); last is the
	// line LineMap masked last, for the gen it was masked with.
	gen  int
	last lineCache
}

// KeepDigestsOnly makes r keep a 64-bit digest of each value instead of
// its text, from now on (call it on a new redactor). Masking is the same
// (a text is masked where its bytes hash like a value's; a collision only
// masks more): the run's redactor of lint -r learns every root's secrets,
// and holds 8 bytes for each instead of the secret, which is never kept
// past its root. A digest-only redactor can be merged into, not from.
func (r *Redactor) KeepDigestsOnly() {
	r.digestOnly = true
	r.seed = maphash.MakeSeed()
	r.digests = map[uint64]bool{}
	r.digestLens = map[uint64][]int{}
}

// Masking returns a redactor that masks whatever r knows, even when r is
// Off: --show-secrets lifts masking for text and --diff only, never for
// the machine formats that end up in CI logs and code-scanning uploads.
func (r *Redactor) Masking() *Redactor {
	if r == nil || !r.Off {
		return r
	}
	return &Redactor{values: r.values, known: r.known, whole: r.whole, spans: r.spans, dirty: r.dirty, parsed: r.parsed,
		digestOnly: r.digestOnly, seed: r.seed, digests: r.digests, digestLens: r.digestLens}
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
	if r.digestOnly {
		h := maphash.String(r.seed, v)
		if r.digests[h] {
			return false
		}
		r.digests[h] = true
		if len(v) >= minValueLen {
			p := maphash.String(r.seed, v[:minValueLen])
			if !slices.Contains(r.digestLens[p], len(v)) {
				r.digestLens[p] = append(r.digestLens[p], len(v))
			}
		}
		r.gen++
		return true
	}
	if r.known == nil {
		r.known = map[string]bool{}
	}
	if r.known[v] {
		return false
	}
	// A copy: a value read from a tree is a substring of the file's
	// text, and keeping it would keep the whole file alive to the end of
	// a run of thousands of roots.
	v = strings.Clone(v)
	r.known[v] = true
	r.values = append(r.values, v)
	r.gen++
	return true
}

// AddTree registers the secret values of a parsed PHP config file: their
// decoded values (for messages) and their source spans (for snippets), as
// SecretRanges says (an array under a secret key is secret whole; an
// expression only in its literals: getenv('X') names where the secret is,
// and showing it is useful and safe). The spans replace those registered
// for file before: they are offsets into this version of it (after --fix,
// the fixed file's; the original's would mask the wrong bytes of lines
// after an edit that changed a length). Values are kept: masking an old
// value in text too is safe.
func (r *Redactor) AddTree(file string, t *phpconf.File, extra []string) {
	if r == nil || t == nil {
		return
	}
	if t.Root == nil {
		// Not parsed: what a token-by-token read puts under a secret key
		// (unparsedRanges), besides the per-line fallback of FileRanges.
		if !r.parsed[file] && len(r.spans[file]) == 0 {
			for _, x := range unparsedRanges(t.Src, extra) {
				r.addSpan(file, x[0], x[1])
			}
		}
		return
	}
	if r.parsed == nil {
		r.parsed = map[string]bool{}
	}
	r.parsed[file] = true
	if len(r.spans[file]) > 0 {
		delete(r.spans, file)
		delete(r.dirty, file)
		r.gen++
	}
	memo := &nameMemo{}
	t.Root.Walk(func(el *phpconf.Element) bool {
		rs := secretRanges(t, el, extra, memo)
		if rs == nil {
			return true
		}
		for _, x := range rs {
			r.addSpan(file, x[0], x[1])
			r.AddValue(string(t.Src[x[0]:x[1]]))
		}
		if el.Value.Kind == phpconf.KindArray {
			el.Value.Array.Walk(func(in *phpconf.Element) bool {
				if in.Value != nil && in.Value.Kind == phpconf.KindString {
					r.AddValue(in.Value.Str)
				}
				return true
			})
			return false
		}
		if el.Value.Kind == phpconf.KindString {
			r.AddValue(el.Value.Str)
		}
		return true
	})
}

// AddEnvValue registers the value of environment variable name as a
// secret: every value that came from the environment is one, in all
// output, whatever field it fills (a checkout's .omslint.yaml can put
// ${ANY_CI_VARIABLE} in a field that is printed). It is masked in messages
// wherever a rule quotes it, even when shorter than the values AddValue
// masks in running text.
func (r *Redactor) AddEnvValue(name, value string) {
	if r == nil || strings.TrimSpace(value) == "" {
		return
	}
	r.AddValue(value)
	if r.whole == nil {
		r.whole = map[string]bool{}
	}
	r.whole[value] = true
	// A rule may quote a part of a URL rather than the value: its host
	// (OMS111 "uses http:// to 'HOST'"), its host and path (OMS112 "would
	// request 'HOST/PATHdelegate/oms'"). A variable can hold a URL whose
	// path is the secret (a webhook), and a checkout's env.php can put any
	// variable in 'url': the parts are masked too.
	for _, part := range urlParts(value) {
		r.AddValue(part)
		r.whole[part] = true
	}
	r.gen++
}

// urlParts are the parts of a URL value a message may quote alone: the
// host (with and without port), the host and path, and all after the
// scheme. None for a value that is not a URL with a host.
func urlParts(v string) []string {
	u, err := url.Parse(strings.TrimSpace(v))
	if err != nil || u.Host == "" {
		return nil
	}
	parts := []string{u.Host, u.Hostname(), u.Host + u.EscapedPath(), u.Host + u.Path}
	if i := strings.Index(v, "://"); i >= 0 {
		parts = append(parts, v[i+3:])
	}
	out := parts[:0]
	for _, p := range parts {
		if strings.TrimSpace(p) != "" && p != v {
			out = append(out, p)
		}
	}
	return out
}

// EnvLookup wraps an os.LookupEnv-like function so that every value it
// returns is registered with AddEnvValue before anyone can print it.
func (r *Redactor) EnvLookup(lookup func(string) (string, bool)) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := lookup(name)
		if ok {
			r.AddEnvValue(name, v)
		}
		return v, ok
	}
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
	r.gen++
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

// MergeFiles adds what o knows to r (a parallel run builds one Redactor
// per project and merges them, in order, into the run's), taking the
// spans (and the parsed mark) of only the files spansOf says, nil meaning
// all: a fleet keeps of most files
// only some lines, masked by their own FileRanges, and its redactor need
// not hold the secret spans of 50,000 files to the end. Values are
// always merged (a value is masked in every message of the run).
func (r *Redactor) MergeFiles(o *Redactor, spansOf func(file string) bool) {
	if r == nil || o == nil {
		return
	}
	if o.digestOnly {
		panic("redact: merging from a digest-only redactor: its values are not known")
	}
	for _, v := range o.values {
		r.addValue(v)
	}
	for file, sp := range o.spans {
		if spansOf != nil && !spansOf(file) {
			continue
		}
		for _, x := range sp {
			r.addSpan(file, x[0], x[1])
		}
	}
	for v := range o.whole {
		if r.whole == nil {
			r.whole = map[string]bool{}
		}
		r.whole[v] = true
	}
	for file := range o.parsed {
		if spansOf != nil && !spansOf(file) {
			continue
		}
		if r.parsed == nil {
			r.parsed = map[string]bool{}
		}
		r.parsed[file] = true
	}
}

// String masks the secrets in a text the tool wrote: registered values
// inside the parts marked with Quote (values taken from files or the
// environment), URL credentials anywhere; it then removes the marks (also
// when masking is off). The tool's own words, commands and paths are never
// masked, even when a secret happens to spell them.
func (r *Redactor) String(s string) string {
	if !strings.Contains(s, openMark) {
		if r == nil || r.Off {
			return s
		}
		return apply(s, mergeRanges(URLPasswordRanges(s)))
	}
	plain, marks := unquote(s)
	if r == nil || r.Off {
		return plain
	}
	var rs [][2]int
	for _, m := range marks {
		for _, x := range r.valueRanges(plain[m[0]:m[1]], nil) {
			rs = append(rs, [2]int{m[0] + x[0], m[0] + x[1]})
		}
	}
	rs = append(rs, URLPasswordRanges(plain)...)
	return apply(plain, mergeRanges(rs))
}

// Value masks a text that came whole from a file or the environment:
// String(Quote(v)).
func (r *Redactor) Value(v string) string {
	if r == nil || r.Off {
		return v
	}
	return apply(v, r.textRanges(v, nil))
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
//
// The last line masked is remembered: findings are reported in file order,
// and a thousand findings on one 16 MB line mask it once.
func (r *Redactor) LineMap(file string, lineStart int, line string) (string, func(off int) int) {
	if r == nil || r.Off {
		return line, func(off int) int { return off }
	}
	c := &r.last
	if c.ok && c.gen == r.gen && c.file == file && c.start == lineStart && c.line == line {
		return c.masked, c.mapping
	}
	rs := r.lineRanges(file, lineStart, line)
	masked, mapping := apply(line, rs), offsetMap(rs)
	*c = lineCache{ok: true, gen: r.gen, file: file, start: lineStart, line: line, masked: masked, mapping: mapping}
	return masked, mapping
}

// FileRanges are the byte ranges of line (of file, starting at byte
// lineStart) that are secret because of where they are in the file: the
// spans registered for it and, for a file that did not parse, the lexical
// fallback. A line kept apart from its file (report.Source.Keep) keeps
// them, and LineMapRanges masks it later exactly as LineMap would have,
// without the redactor holding the file's spans. Masking being off does
// not change them.
func (r *Redactor) FileRanges(file string, lineStart int, line string) [][2]int {
	if r == nil {
		return nil
	}
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
	return slices.Clip(mergeRanges(rs))
}

// LineMapRanges is LineMap for a line whose FileRanges were taken when it
// was kept: those, then the registered values and URL passwords.
func (r *Redactor) LineMapRanges(line string, fileRanges [][2]int) (string, func(off int) int) {
	if r == nil || r.Off {
		return line, func(off int) int { return off }
	}
	rs := r.textRanges(line, slices.Clone(fileRanges))
	return apply(line, rs), offsetMap(rs)
}

// lineCache is the last line LineMap masked, valid while the redactor
// learns nothing new (gen).
type lineCache struct {
	ok      bool
	gen     int
	file    string
	start   int
	line    string
	masked  string
	mapping func(int) int
}

// lineRanges are the byte ranges of line to mask, merged and sorted.
func (r *Redactor) lineRanges(file string, lineStart int, line string) [][2]int {
	return r.textRanges(line, r.FileRanges(file, lineStart, line))
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
	rs = r.valueRanges(s, rs)
	rs = append(rs, URLPasswordRanges(s)...)
	return mergeRanges(rs)
}

// valueRanges adds the ranges of registered values in s to rs: s whole
// when it is a value from the environment, and every occurrence of a
// value of at least minValueLen bytes.
func (r *Redactor) valueRanges(s string, rs [][2]int) [][2]int {
	if r.whole[s] {
		return append(rs, [2]int{0, len(s)})
	}
	if r.digestOnly {
		for i := 0; i+minValueLen <= len(s); i++ {
			for _, n := range r.digestLens[maphash.String(r.seed, s[i:i+minValueLen])] {
				if i+n <= len(s) && r.digests[maphash.String(r.seed, s[i:i+n])] {
					rs = append(rs, [2]int{i, i + n})
				}
			}
		}
		return rs
	}
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
	return rs
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

// offsetMap maps a byte offset of a line onto the line with the merged,
// sorted ranges rs replaced by Mask (an offset inside a range maps to the
// start of its mask, its end to the mask's end). It finds the range by
// binary search over rs, so a line with many masked values (16 MB of
// passwords on one line) costs log n per offset, not n.
func offsetMap(rs [][2]int) func(off int) int {
	// shift[i] is how much the bytes after rs[i-1] moved.
	shift := make([]int, len(rs)+1)
	for i, x := range rs {
		shift[i+1] = shift[i] + len(Mask) - (x[1] - x[0])
	}
	return func(off int) int {
		// i is the first range not wholly before off.
		i := sort.Search(len(rs), func(i int) bool { return rs[i][1] >= off })
		switch {
		case i == len(rs) || off < rs[i][0]:
			return off + shift[i]
		case off == rs[i][1] && off > rs[i][0]:
			return rs[i][0] + shift[i] + len(Mask)
		}
		return rs[i][0] + shift[i]
	}
}
