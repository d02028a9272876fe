package magento

import (
	"regexp"
	"testing"
)

// versionRE is the expression matchRelease implements by hand (Composer's
// VersionParser release form); it stays here as the oracle.
var versionRE = regexp.MustCompile(`(?i)^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?` +
	`[._-]?(?:(stable|beta|b|rc|alpha|a|patch|pl|p)((?:[.-]?\d+)*))?([.-]?dev)?$`)

func FuzzMatchRelease(f *testing.F) {
	for _, s := range []string{"3.2.0", "v4.5.0", "2.4.6-p3", "4.3.0-beta1", "3.2.0-dev", "1.0-beta.1.2-dev",
		"1.0pl1", "1.0p", "1.0bdev", "1.0-.dev", "1.0_beta", "1.2.3.4.5", "1.0ſtable", "V1.0RC2", "1.0-", "1",
		"1.0.dev", "1.0a-dev", "1.0-pdev", "01.002", "1.0-stable2", "1.0.0.0-alpha.1-dev", "x1.0", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		re := versionRE.FindStringSubmatch(s)
		m := matchRelease(s)
		if (re != nil) != m.matchedOK {
			t.Fatalf("%q: expression matches %v, matchRelease %v", s, re != nil, m.matchedOK)
		}
		if re == nil {
			return
		}
		for i := range m.nums {
			if re[1+i] != m.nums[i] {
				t.Fatalf("%q: number %d is %q, expression says %q", s, i, m.nums[i], re[1+i])
			}
		}
		if re[5] != m.word || re[6] != m.wordNums || (re[7] != "") != m.dev {
			t.Fatalf("%q: stability %q %q dev %v, expression says %q %q %q", s, m.word, m.wordNums, m.dev, re[5], re[6], re[7])
		}
	})
}

// Random strings from the alphabet versions are made of: many more
// near-versions than the fuzzer's byte mutations reach in a short run.
func TestMatchReleaseRandomVersions(t *testing.T) {
	alphabet := []string{"0", "1", "9", "12", ".", "-", "_", "v", "V", "b", "e", "t", "a", "p", "l", "r", "c",
		"s", "d", "ſ", "stable", "beta", "alpha", "patch", "dev", "DEV", "RC", "pl", "x"}
	rng := uint64(1)
	next := func(n int) int {
		rng ^= rng << 13
		rng ^= rng >> 7
		rng ^= rng << 17
		return int(rng % uint64(n))
	}
	matched := 0
	for range 200000 {
		var s string
		for range 1 + next(10) {
			s += alphabet[next(len(alphabet))]
		}
		re := versionRE.FindStringSubmatch(s)
		m := matchRelease(s)
		if (re != nil) != m.matchedOK {
			t.Fatalf("%q: expression matches %v, matchRelease %v", s, re != nil, m.matchedOK)
		}
		if re != nil {
			matched++
		}
		if re != nil && (re[1] != m.nums[0] || re[2] != m.nums[1] || re[3] != m.nums[2] || re[4] != m.nums[3] ||
			re[5] != m.word || re[6] != m.wordNums || (re[7] != "") != m.dev) {
			t.Fatalf("%q: groups %q, matchRelease %+v", s, re[1:], m)
		}
	}
	if matched < 1000 {
		t.Fatalf("only %d of the random strings are versions: the test compares too little", matched)
	}
}
