package redact

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/agnivade/levenshtein"

	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/phpconf"
)

// The secret policy: what is a secret (this file), how it is masked (Mask,
// Redactor) and where masking is lifted (ShowsSecrets). Engine, report and
// the fix diff ask here instead of deciding again.

// Mask replaces a secret wherever it would be shown.
const Mask = "********"

// secretWords are words that make a key's value secret wherever the key
// stands (cli.md "Secrets": the secret serviceBus keys of connector.Keys,
// any password): the whole key name, or one of its words
// (db_password, clientSecret), or a near miss of either (see nearMiss).
var secretWords = func() map[string]bool {
	m := map[string]bool{"password": true, "passwd": true, "passphrase": true, "token": true}
	for _, k := range connector.Keys {
		if k.Secret {
			m[k.PHP] = true // oauth_client_secret, secret
		}
	}
	return m
}()

// secretWordList is secretWords in a fixed order, for the near-miss loop:
// IsSecretName runs for every key of every file, and ranging over a map
// there showed in profiles.
var secretWordList = func() []string {
	l := make([]string, 0, len(secretWords))
	for w := range secretWords {
		l = append(l, w)
	}
	slices.Sort(l)
	return l
}()

// secretPaths are dotted paths whose values are secret.
var secretPaths = map[string]bool{
	"crypt.key": true,
}

// secretPathLast holds the last segments of secretPaths: an element whose
// key is none of them (nor of a configured path) cannot be at a secret
// path, which spares computing its dotted path for every element.
var secretPathLast = func() map[string]bool {
	m := map[string]bool{}
	for p := range secretPaths {
		m[lastSegment(p)] = true
	}
	return m
}()

// notSecretNames are key names a near miss would otherwise take for a
// secret (secure is two edits from secret): their values are settings, and
// masking them would hide what a finding is about.
var notSecretNames = map[string]bool{
	"secure": true, "secure_endpoint": true, "socket": true, "sector": true,
	"passed": true, "tokens_ttl": true,
}

// IsSecretName reports whether a key name marks a secret value: a secret
// word or a near miss of one (a misspelt 'oauth_client_secrte', 'pasword'
// still holds the secret the user meant to write), as the whole name or as
// one of its words (split at '_', '-', '.', and camelCase).
func IsSecretName(name string) bool {
	n := strings.ToLower(name)
	if secretWords[n] {
		return true
	}
	if notSecretNames[n] || len(n) < 4 || len(n) > 64 {
		return false
	}
	for _, w := range secretWordList {
		if nearMiss(n, w) {
			return true
		}
	}
	var buf [8]string
	for _, part := range words(name, n, buf[:0]) {
		if secretWords[part] {
			return true
		}
		if len(part) < 5 || notSecretNames[part] {
			continue
		}
		for _, w := range secretWordList {
			if len(w) >= 6 && nearMiss(part, w) {
				return true
			}
		}
	}
	return false
}

// nearMiss reports whether s is one edit (Levenshtein distance 1) from w,
// or w with two adjacent letters swapped (secrte): the typos a person
// makes. Two arbitrary edits would take secure for secret.
func nearMiss(s, w string) bool {
	if d := len(s) - len(w); d < -1 || d > 1 {
		return false
	}
	if oneEdit(s, w) {
		return true
	}
	if len(s) != len(w) {
		return false
	}
	i := 0
	for i < len(s) && s[i] == w[i] {
		i++
	}
	return i+1 < len(s) && s[i] == w[i+1] && s[i+1] == w[i] && s[i+2:] == w[i+2:]
}

// oneEdit reports whether s and w are at most one insertion, deletion or
// substitution apart (Levenshtein distance <= 1, counted in runes). It is
// the bounded form of the distance: linear and allocation-free for ASCII,
// where the full computation allocated two rune slices per key and word.
// Non-ASCII names take the general computation.
func oneEdit(s, w string) bool {
	if !isASCII(s) || !isASCII(w) {
		return levenshtein.ComputeDistance(s, w) <= 1
	}
	if len(s) < len(w) {
		s, w = w, s
	}
	if len(s)-len(w) > 1 {
		return false
	}
	i := 0
	for i < len(w) && s[i] == w[i] {
		i++
	}
	if i == len(w) {
		return true // equal, or s is w plus one letter at the end
	}
	if len(s) == len(w) {
		return s[i+1:] == w[i+1:] // one substitution at i
	}
	return s[i+1:] == w[i:] // one insertion at i
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// words appends to out the words of a key name, split at '_', '-', '.',
// spaces and lower-to-upper case changes, lower-cased (lower is the name
// lower-cased). Callers pass a small
// array's slice: this runs for every key of every file, and growing a fresh
// slice each time was half of IsSecretName's cost.
func words(name, lower string, out []string) []string {
	// An ASCII name's words are substrings of its lower-cased form (no
	// copy per word; 400 module names in config.php took 800).
	ascii := isASCII(name) && len(lower) == len(name)
	word := func(start, end int) string {
		if ascii {
			return lower[start:end]
		}
		return strings.ToLower(name[start:end])
	}
	start := 0
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_' || c == '-' || c == '.' || c == ' ':
			if i > start {
				out = append(out, word(start, i))
			}
			start = i + 1
		case i > start && c < 0x80 && unicode.IsUpper(rune(c)) && unicode.IsLower(rune(name[i-1])):
			out = append(out, word(start, i))
			start = i
		}
	}
	if len(name) > start {
		out = append(out, word(start, len(name)))
	}
	return out
}

// IsSecretPath reports whether the value at a dotted key path of env.php is
// secret. extra holds paths the config file marks secret.
func IsSecretPath(path string, extra []string) bool {
	if secretPaths[path] {
		return true
	}
	if IsSecretName(lastSegment(path)) {
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
	return isSecretElement(el, extra, nil)
}

// nameMemo holds IsSecretName's answers during one walk over a tree: the
// answer depends on the name alone, and the names of a large file repeat
// (a 10 MB env.php asks about 600,000 keys of a few hundred names, a fifth
// of its lint). It starts only after memoFrom names, so a small file pays
// nothing for it, lives as long as the walk, and is capped, so a file of
// unique keys cannot grow it without bound. A nil memo asks directly.
type nameMemo struct {
	asked int
	m     map[string]bool
}

const (
	memoFrom    = 2048
	nameMemoMax = 4096
)

func (n *nameMemo) isSecretName(name string) bool {
	if n == nil {
		return IsSecretName(name)
	}
	if n.asked++; n.asked <= memoFrom {
		return IsSecretName(name)
	}
	if v, ok := n.m[name]; ok {
		return v
	}
	v := IsSecretName(name)
	if n.m == nil {
		n.m = map[string]bool{}
	}
	if len(n.m) < nameMemoMax {
		n.m[name] = v
	}
	return v
}

func isSecretElement(el *phpconf.Element, extra []string, memo *nameMemo) bool {
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
		if memo.isSecretName(last) {
			return true
		}
	}
	could := secretPathLast[last]
	for _, p := range extra {
		could = could || lastSegment(p) == last
	}
	return could && IsSecretPath(el.Path(), extra)
}

// lastSegment is the part of a dotted path after its last dot.
func lastSegment(path string) string {
	return path[strings.LastIndexByte(path, '.')+1:]
}

// IsSecretKeyName reports whether a bare key name marks a secret value
// where no path is known (lines that could not be parsed into a tree, a
// server's JSON answer): IsSecretName, or 'key' (taken for crypt.key).
func IsSecretKeyName(name string) bool {
	return IsSecretName(name) || strings.EqualFold(name, "key")
}

// SecretRanges returns the byte ranges of t's source that are secret in
// el's value when el is a secret element (nil otherwise): a scalar whole;
// every scalar of an array ('password' => ['a', 'b']); the literal parts of
// an expression (ExprLiteralRanges: the fallback of getenv('X') ?: 'v' is
// the secret, getenv('X') names where it is).
func SecretRanges(t *phpconf.File, el *phpconf.Element, extra []string) [][2]int {
	return secretRanges(t, el, extra, nil)
}

func secretRanges(t *phpconf.File, el *phpconf.Element, extra []string, memo *nameMemo) [][2]int {
	if el.Value == nil || !isSecretElement(el, extra, memo) {
		return nil
	}
	return valueRanges(t, el.Value, nil)
}

func valueRanges(t *phpconf.File, v *phpconf.Value, rs [][2]int) [][2]int {
	switch v.Kind {
	case phpconf.KindArray:
		if v.Array == nil {
			return rs
		}
		for _, it := range v.Array.Items {
			if it.Value != nil {
				rs = valueRanges(t, it.Value, rs)
			}
		}
	case phpconf.KindExpr:
		base := int(v.Range.Start)
		for _, x := range ExprLiteralRanges(t.Raw(v.Range)) {
			rs = append(rs, [2]int{base + x[0], base + x[1]})
		}
	default:
		if v.Range.End > v.Range.Start {
			rs = append(rs, [2]int{int(v.Range.Start), int(v.Range.End)})
		}
	}
	return rs
}

// SecretLines returns the 1-based lines of t (whose bytes are data) that
// hold a secret: part of a secret value (SecretRanges) or a URL password.
// The fix diff masks them.
func SecretLines(t *phpconf.File, data []byte, extra []string) map[int]bool {
	lines := URLPasswordLines(data)
	if t == nil || t.Root == nil {
		return lines
	}
	memo := &nameMemo{}
	t.Root.Walk(func(el *phpconf.Element) bool {
		rs := secretRanges(t, el, extra, memo)
		for _, x := range rs {
			for l := t.Line(int32(x[0])); l <= t.Line(int32(max(x[0], x[1]-1))); l++ {
				lines[l] = true
			}
		}
		// An array under a secret key is secret whole: its elements are
		// not looked at again.
		return rs == nil || el.Value.Kind != phpconf.KindArray
	})
	return lines
}

// ShowsSecrets reports whether an output lifts masking when the user asks
// (--show-secrets): only the text report and --diff, read by a person at a
// terminal. The machine formats end up in CI logs and code-scanning
// uploads, and are masked whatever the flag.
func ShowsSecrets(format string) bool { return format == "text" || format == "diff" }
