package magento

import (
	"fmt"

	"strconv"
	"strings"
	"unicode/utf8"
)

// Version is a package version as Composer writes it in composer.lock
// ("3.2.0", "v4.5.0", "2.4.6-p3", "4.3.0-beta1", "dev-master").
//
// github.com/Masterminds/semver was not used: it reads "-p1" as a SemVer
// pre-release, so it orders 3.3.0-p1 before 3.3.0. Composer orders it
// after (see Compare), and Magento ships security patches that way.
type Version struct {
	// Nums are the numeric parts, padded to four as Composer normalises
	// them ("3.2" is 3.2.0.0).
	Nums [4]int
	// Stability orders the suffix: StabilityDev < Alpha < Beta < RC <
	// Stable < Patch.
	Stability Stability
	// StabilityNum is the number after the suffix ("beta1" → [1],
	// "p1.2" → [1 2]); nil when absent.
	StabilityNum []int
	// Branch is set for a branch version ("dev-master" → "master",
	// "3.3.x-dev" → "3.3.x"); such a version has no place in the order.
	Branch string
	// Raw is the text as given.
	Raw string
}

// Stability is the kind of suffix on a version, in Composer's order.
type Stability int

const (
	StabilityDev Stability = iota
	StabilityAlpha
	StabilityBeta
	StabilityRC
	StabilityStable
	// StabilityPatch is "-pN"/"-plN"/"-patchN": a release AFTER the
	// plain version (Magento's 2.4.6-p3 follows 2.4.6).
	StabilityPatch
)

var stabilityNames = [...]string{"dev", "alpha", "beta", "RC", "stable", "patch"}

func (s Stability) String() string {
	if s >= 0 && int(s) < len(stabilityNames) {
		return stabilityNames[s]
	}
	return "unknown"
}

// IsBranch reports whether v names a branch rather than a release.
func (v Version) IsBranch() bool { return v.Branch != "" }

// Major is the first number; 0 for a branch.
func (v Version) Major() int { return v.Nums[0] }

// Minor is the second number; 0 for a branch.
func (v Version) Minor() int { return v.Nums[1] }

// Line is the major.minor line of v ("2.4.6-p3" → 2.4).
func (v Version) Line() Line { return Line{Major: v.Nums[0], Minor: v.Nums[1]} }

func (v Version) String() string { return v.Raw }

// release is the release form of Composer's VersionParser::normalize
// (composer/semver src/VersionParser.php, $modifierRegex), the regular
// expression
//
//	(?i)^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?[._-]?
//	(?:(stable|beta|b|rc|alpha|a|patch|pl|p)((?:[.-]?\d+)*))?([.-]?dev)?$
//
// matched by hand: an optional "v", one to four numbers, an optional
// stability word with numbers, an optional "-dev". Compiling the regular
// expression cost every lint of a root with a composer.lock about 0.1 ms
// (issue 19); FuzzMatchRelease holds this matcher to the expression's
// answers and groups.
type release struct {
	nums      [4]string // "" for a number not written
	word      string    // the stability word as written
	wordNums  string    // ((?:[.-]?\d+)*) after it
	dev       bool      // ([.-]?dev) present
	matchedOK bool
}

// stabilityWords in the expression's order: the first that matches wins
// ("beta" before "b", "patch" and "pl" before "p").
var stabilityWords = []string{"stable", "beta", "b", "rc", "alpha", "a", "patch", "pl", "p"}

func matchRelease(s string) (m release) {
	i := 0
	if i < len(s) && (s[i] == 'v' || s[i] == 'V') {
		i++
	}
	digits := func() string {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		d := s[i:j]
		i = j
		return d
	}
	if m.nums[0] = digits(); m.nums[0] == "" {
		return release{}
	}
	for k := 1; k < 4; k++ {
		if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
			i++
			m.nums[k] = digits()
			continue
		}
		break
	}
	if i < len(s) && (s[i] == '.' || s[i] == '_' || s[i] == '-') {
		i++
	}
	for _, w := range stabilityWords {
		if n, ok := foldPrefix(s[i:], w); ok {
			m.word = s[i : i+n]
			i += n
			start := i
			for {
				j := i
				if j < len(s) && (s[j] == '.' || s[j] == '-') {
					j++
				}
				if j == len(s) || s[j] < '0' || s[j] > '9' {
					break
				}
				for j < len(s) && s[j] >= '0' && s[j] <= '9' {
					j++
				}
				i = j
			}
			m.wordNums = s[start:i]
			break
		}
	}
	j := i
	if j < len(s) && (s[j] == '.' || s[j] == '-') {
		j++
	}
	if n, ok := foldPrefix(s[j:], "dev"); ok {
		m.dev = true
		i = j + n
	}
	if i != len(s) {
		return release{}
	}
	m.matchedOK = true
	return m
}

// foldPrefix reports whether s starts with the lower-case ASCII word w
// under Unicode simple case folding, as (?i) compares (so 'ſ' is an 's'),
// and how many bytes of s that takes.
func foldPrefix(s, w string) (int, bool) {
	n := 0
	for k := 0; k < len(w); k++ {
		if n >= len(s) {
			return 0, false
		}
		r, size := utf8.DecodeRuneInString(s[n:])
		if r != rune(w[k]) && !strings.EqualFold(string(r), w[k:k+1]) {
			return 0, false
		}
		n += size
	}
	return n, true
}

// ParseVersion reads a version as Composer writes it in composer.lock:
// a release ("3.2.0", "v4.5.0", "2.4.6-p3", "4.3.0-beta1", "3.2.0-dev";
// "+build" metadata is ignored) or a branch ("dev-master", "3.3.x-dev").
// Date versions and aliases ("1.0 as 2.0") are rejected.
func ParseVersion(s string) (Version, error) {
	raw := s
	s = strings.TrimSpace(s)
	bad := func() (Version, error) { return Version{}, fmt.Errorf("invalid version %q", raw) }
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, "dev-") && len(s) > 4:
		return Version{Branch: s[4:], Raw: raw, Stability: StabilityDev}, nil
	case strings.HasSuffix(lower, ".x-dev") || strings.HasSuffix(lower, ".*-dev"):
		// Composer gives these a place in the order (3.3.x-dev is
		// 3.3.9999999.9999999-dev); a linter cannot know which release a
		// branch holds, so it treats them as unordered.
		return Version{Branch: s[:len(s)-4], Raw: raw, Stability: StabilityDev}, nil
	}
	if i := strings.IndexByte(s, '+'); i >= 0 {
		if i == len(s)-1 {
			return bad()
		}
		s = s[:i] // build metadata does not take part in ordering
	}
	m := matchRelease(s)
	if !m.matchedOK || strings.ContainsAny(s[len(s)-1:], "._-") {
		return bad()
	}
	v := Version{Raw: raw, Stability: StabilityStable}
	for i := range v.Nums {
		if m.nums[i] == "" {
			continue
		}
		n, err := strconv.Atoi(m.nums[i])
		if err != nil {
			return bad() // overflow
		}
		v.Nums[i] = n
	}
	switch strings.ToLower(m.word) {
	case "alpha", "a":
		v.Stability = StabilityAlpha
	case "beta", "b":
		v.Stability = StabilityBeta
	case "rc":
		v.Stability = StabilityRC
	case "patch", "pl", "p":
		v.Stability = StabilityPatch
	}
	for _, f := range strings.FieldsFunc(m.wordNums, func(r rune) bool { return r == '.' || r == '-' }) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return bad()
		}
		v.StabilityNum = append(v.StabilityNum, n)
	}
	if m.dev {
		// "3.2.0-dev" and "3.2.0-beta1-dev" are development snapshots.
		v.Stability = StabilityDev
		v.StabilityNum = nil
	}
	return v, nil
}

// MustParseVersion is ParseVersion for tables of known-good literals.
func MustParseVersion(s string) Version {
	v, err := ParseVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}

// Compare orders a and b as Composer does (PHP version_compare on the
// normalised forms): numbers first, then stability dev < alpha < beta <
// RC < stable < patch, then the stability numbers. So
// 3.3.0-beta1 < 3.3.0 < 3.3.0-p1 < 3.3.0-p2 < 3.3.1.
// ok is false when either is a branch: branches have no order.
func Compare(a, b Version) (c int, ok bool) {
	if a.IsBranch() || b.IsBranch() {
		return 0, false
	}
	for i := range a.Nums {
		if c := cmpInt(a.Nums[i], b.Nums[i]); c != 0 {
			return c, true
		}
	}
	if c := cmpInt(int(a.Stability), int(b.Stability)); c != 0 {
		return c, true
	}
	// version_compare pads a missing number with nothing, which sorts
	// before any number: beta < beta1 < beta1.1.
	for i := 0; i < len(a.StabilityNum) || i < len(b.StabilityNum); i++ {
		switch {
		case i >= len(a.StabilityNum):
			return -1, true
		case i >= len(b.StabilityNum):
			return 1, true
		}
		if c := cmpInt(a.StabilityNum[i], b.StabilityNum[i]); c != 0 {
			return c, true
		}
	}
	return 0, true
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Range is an inclusive range of versions [Min, Max]; a single version is
// a range with Min == Max.
type Range struct {
	Min, Max Version
}

// Contains reports whether Min <= v <= Max. A branch is in no range: what
// a branch contains is unknown.
func (r Range) Contains(v Version) bool {
	lo, ok1 := Compare(r.Min, v)
	hi, ok2 := Compare(v, r.Max)
	return ok1 && ok2 && lo <= 0 && hi <= 0
}

func (r Range) String() string {
	if r.Min.Raw == r.Max.Raw {
		return r.Min.Raw
	}
	return r.Min.Raw + " – " + r.Max.Raw
}

// Line is a major.minor release line, e.g. Magento 2.4.
type Line struct {
	Major, Minor int
}

func (l Line) String() string { return fmt.Sprintf("%d.%d", l.Major, l.Minor) }

// IsZero reports whether the line is unset.
func (l Line) IsZero() bool { return l == Line{} }

// Locked packages that tell which Magento release a checkout runs, best
// first. These carry the Magento release number itself ("2.4.6-p3"): the
// project templates (magento/project-community-edition,
// project-enterprise-edition) require the product metapackage at the
// release, and it requires magento/magento2-base at the same version
// (public patch tooling keys Magento lines on "magento/magento2-base":
// "2.4.8-p5"). Whether an Adobe Commerce lock also holds
// product-community-edition is not relied on: enterprise is tried first
// so Package names the edition when it can.
var magentoReleasePackages = []string{
	"magento/product-enterprise-edition",
	"magento/product-community-edition",
	"magento/magento2-base",
}

// frameworkLines maps the major.minor of magento/framework to the Magento
// line. Framework versions are not Magento versions: 2.4.x ships framework
// 103.0.x, 2.3.x ships 102.0.x. Source: inferred from published
// composer.json files, where extensions pair "magento/framework": "102.0.*"
// with 2.3 module versions (100.3.*) and "103.0.*" with 2.4 ones (100.4.*),
// and Mage-OS replaces magento/framework 103.0.9 for Magento 2.4.9. Adobe
// publishes no table of this mapping that we found; the 2.0–2.2 rows follow
// the same scheme and are the least certain. Any other framework version
// (104.x, …) is [unknown] and yields no line.
var frameworkLines = map[Line]Line{
	{100, 0}: {2, 0},
	{100, 1}: {2, 1},
	{101, 0}: {2, 2},
	{102, 0}: {2, 3},
	{103, 0}: {2, 4},
}

// MagentoRelease is what composer.lock says about the Magento release.
type MagentoRelease struct {
	Line Line
	// Version is the locked version of Package. When Package is
	// magento/framework it is the framework's own number, not Magento's.
	Version Version
	Package string
	// FromFramework is true when only magento/framework was found and the
	// line comes from frameworkLines: the exact patch release is unknown.
	FromFramework bool
}

// MagentoFromLock finds the Magento line in composer.lock, given its
// locked packages as name → version ("packages" and "packages-dev"). ok is
// false when no known package is locked, or its version is a branch or
// outside the known numbering; the caller should then say the Magento
// line is unknown rather than guess. Mage-OS (mage-os/* packages, 1.x
// versions) is not recognised: its mapping to Magento lines is [unknown]
// here.
func MagentoFromLock(locked map[string]string) (rel MagentoRelease, ok bool) {
	for _, name := range magentoReleasePackages {
		raw, found := lookupPackage(locked, name)
		if !found {
			continue
		}
		v, err := ParseVersion(raw)
		if err != nil || v.IsBranch() || v.Major() != 2 {
			continue
		}
		return MagentoRelease{Line: v.Line(), Version: v, Package: name}, true
	}
	if raw, found := lookupPackage(locked, "magento/framework"); found {
		if v, err := ParseVersion(raw); err == nil && !v.IsBranch() {
			if line, known := frameworkLines[v.Line()]; known {
				return MagentoRelease{Line: line, Version: v, Package: "magento/framework", FromFramework: true}, true
			}
		}
	}
	return MagentoRelease{}, false
}

// lookupPackage finds a package by name; Composer package names are
// case-insensitive (it lower-cases them), composer.lock normally holds
// them lower-case already.
func lookupPackage(locked map[string]string, name string) (string, bool) {
	if v, ok := locked[name]; ok {
		return v, true
	}
	for k, v := range locked {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// connectorLines is which Magento line each connector major serves:
// domain.md §4 "Connector lines: 2.x for Magento 2.2, 3.x for Magento 2.3,
// 4.x for 2.4" (rules.md OMS304). Other majors (0.x, 1.x seen in the old
// setup tutorial's "~0.1" constraints, 5.x) are [unknown].
var connectorLines = map[int]Line{
	2: {2, 2},
	3: {2, 3},
	4: {2, 4},
}

// ConnectorLine returns the Magento line connector major serves, and
// false when that is unknown.
func ConnectorLine(connectorMajor int) (Line, bool) {
	l, ok := connectorLines[connectorMajor]
	return l, ok
}

// ConnectorMatchesMagento reports whether connector major fits Magento
// line magento (OMS304). known is false when either side is outside the
// known pairs (connector 2–4, Magento 2.2–2.4): then match is false and a
// rule should stay silent or say it cannot tell.
func ConnectorMatchesMagento(connectorMajor int, magento Line) (match, known bool) {
	want, ok := connectorLines[connectorMajor]
	if !ok {
		return false, false
	}
	for _, l := range connectorLines {
		if l == magento {
			return want == magento, true
		}
	}
	return false, false
}
