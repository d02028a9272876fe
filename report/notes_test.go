package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/omslint/omslint/redact"
)

// TestNotesPlacement: a run's notes are one list; what could not be
// checked is shown once by every format that has notes, where
// --follow-symlinks wrote and what --diff masked never (they are for
// standard error), and all are masked.
func TestNotesPlacement(t *testing.T) {
	r := sample()
	r.Notes = []Note{
		{Kind: NotChecked, Text: "env.php: not checked: OMS303 (needs composer.lock) " + redact.Quote(secret) + " in \x1b[2Jroot"},
		{Kind: Wrote, Text: "app/etc/env.php: --follow-symlinks: writing /srv/shared/env.php " + redact.Quote(secret)},
		{Kind: MaskedHunks, Text: "some hunks hold a secret and were masked"},
	}
	const inReport, onStderr = "env.php: not checked: OMS303", "--follow-symlinks: writing"
	for _, format := range []string{"text", "json", "sarif"} {
		out := write(t, format, r)
		if n := strings.Count(out, inReport); n != 1 {
			t.Errorf("%s shows the report note %d times, want once:\n%s", format, n, out)
		}
		if strings.Contains(out, onStderr) || strings.Contains(out, "some hunks") {
			t.Errorf("%s shows the standard-error note:\n%s", format, out)
		}
		if strings.Contains(out, secret) {
			t.Errorf("%s shows the secret in a note", format)
		}
		if strings.Contains(out, "\x1b[2J") || strings.Contains(out, `\u001b[2J`) {
			t.Errorf("%s shows a path's escape sequence raw in a note:\n%s", format, out)
		}
	}
	if text := write(t, "text", r); !strings.Contains(text, "note: "+inReport) {
		t.Errorf("text: no note: line:\n%s", text)
	}
	var doc struct{ Notes []string }
	if err := json.Unmarshal([]byte(write(t, "json", r)), &doc); err != nil || len(doc.Notes) != 1 {
		t.Errorf("json notes %q (%v), want one", doc.Notes, err)
	}
	got := r.StderrNotes()
	if len(got) != 2 || !strings.Contains(got[0], onStderr) || strings.Contains(got[0], secret) || !strings.HasPrefix(got[1], "some hunks") {
		t.Errorf("StderrNotes = %q, want the masked --follow-symlinks note, then the masked-hunks one", got)
	}
	if got := r.ReportNotes(); len(got) != 1 || !strings.HasPrefix(got[0], inReport) {
		t.Errorf("ReportNotes = %q", got)
	}
}
