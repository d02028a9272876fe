package magento

import "sync"

// Defect is a known defect of a connector release (domain.md §4), for
// OMS302 and OMS303.
type Defect struct {
	// ID is stable: rules, docs and tests refer to it.
	ID string
	// Affected lists the affected connector versions; a single version
	// is a range with Min == Max. Bounds are inclusive and compared in
	// Composer order, so a Magento-style patch of the upper bound
	// (3.2.0-p1) is outside: whether such patches carry the defect is
	// [unknown], and none is known to exist.
	Affected []Range
	// AffectedText is the affected versions as the source states them.
	AffectedText string
	// Summary says what goes wrong, for the finding message.
	Summary string
	// Title is a one-line name of the defect, for messages that list
	// several.
	Title string
	// Fixes name the first fixed version per connector major; a fix with
	// Major 0 applies to any major. Empty when no fixed release is known.
	Fixes []Fix
	// Workaround is what to do without upgrading; empty if none known.
	Workaround string
	// DeveloperModeOnly is true when the defect shows only with
	// MAGE_MODE=developer (OMS303 escalates it then).
	DeveloperModeOnly bool
	Sources           []string
}

// Fix is the first release of a connector major line without the defect.
type Fix struct {
	Major int
	// Version is the text to print ("≥ 3.3.0", "2.5").
	Version string
}

// Defect IDs.
const (
	DefectMessagesProcessGetMode = "messages-process-getmode-null"
	DefectAdminExportOrder404    = "admin-export-order-404"
	DefectWebapiOptionsRoute     = "webapi-options-route-xsd"
)

// Defects is the known-defect table (domain.md §4), built on first use:
// its versions go through ParseVersion's regular expression, and compiling
// that at start-up cost every run (even `omslint version`) time and page
// faults it did not need (issue 19).
var Defects = sync.OnceValue(func() []Defect {
	return []Defect{
		{
			ID:           DefectMessagesProcessGetMode,
			Affected:     []Range{span("3.1.1", "3.2.0")},
			AffectedText: "3.1.1 – 3.2.0",
			Title:        "`oms:messages:process` fails with \"getMode() on null\"",
			Summary: "`bin/magento oms:messages:process` stops with the fatal error " +
				"\"getMode() on null\": source-management messages are handled as stock snapshots",
			Fixes:   []Fix{{Major: 3, Version: "3.3.0"}},
			Sources: []string{"Adobe Commerce KB (domain.md §4, row 1)"},
		},
		{
			ID:           DefectAdminExportOrder404,
			Affected:     []Range{one("2.3.0"), one("2.4.0"), one("3.2.0"), one("3.3.0")},
			AffectedText: "2.3.0, 2.4.0, 3.2.0, 3.3.0",
			Title:        "Admin \"Export Order\" returns HTTP 404",
			Summary:      "Admin \"Export Order\" returns HTTP 404",
			// The source gives "2.5" for the Magento 2.2 line, without a patch
			// number; it is kept as written.
			Fixes:      []Fix{{Major: 3, Version: "3.4.0"}, {Major: 2, Version: "2.5"}},
			Workaround: "export orders with `bin/magento oms:orders:sync`",
			Sources:    []string{"Adobe Commerce KB (domain.md §4, row 2)"},
		},
		{
			ID:           DefectWebapiOptionsRoute,
			Affected:     []Range{one("3.2.0")},
			AffectedText: "3.2.0",
			Title:        "webapi.xml OPTIONS route fails validation in developer mode",
			Summary: "module-service-bus/etc/webapi.xml declares an OPTIONS route that fails " +
				"Magento 2.3's webapi.xsd validation in developer mode " +
				"(\"The value 'OPTIONS' is not an element of the set {'GET', 'PUT', 'POST', 'DELETE'}\"); production mode works",
			// The GitHub issue was closed as stale without a fix; no fixed
			// connector release is known ([unknown]).
			Workaround:        "run in production mode",
			DeveloperModeOnly: true,
			Sources:           []string{"https://github.com/magento/magento2/issues/24920"},
		},
	}
})

func one(v string) Range { return Range{MustParseVersion(v), MustParseVersion(v)} }

func span(lo, hi string) Range { return Range{MustParseVersion(lo), MustParseVersion(hi)} }

// Affects reports whether connector version v has the defect.
func (d Defect) Affects(v Version) bool {
	for _, r := range d.Affected {
		if r.Contains(v) {
			return true
		}
	}
	return false
}

// FixFor returns the first fixed version for v's major line, and false
// when none is known for that line (the message should then say so rather
// than name another line's release).
func (d Defect) FixFor(v Version) (string, bool) {
	for _, f := range d.Fixes {
		if f.Major == 0 || f.Major == v.Major() {
			return f.Version, true
		}
	}
	return "", false
}

// KnownDefectsFor returns the defects of the locked connector version v,
// in table order (the rules parse the version first: an unparsable one or
// a branch such as dev-master has no known defects, what it contains is
// unknown).
func KnownDefectsFor(v Version) []Defect {
	var out []Defect
	for _, d := range Defects() {
		if d.Affects(v) {
			out = append(out, d)
		}
	}
	return out
}
