package report

// A Note is what a run says beside its findings: never a finding, never
// counted, never changing the exit code. The engine collects every note of
// a run in Result.Notes; where each one is shown is decided by
// Note.InReport alone.
type Note struct {
	Kind NoteKind
	// Text may hold values marked with redact.Quote: it is masked by the
	// result's redactor wherever it is shown.
	Text string
}

// NoteKind says what a note is about.
type NoteKind uint8

const (
	// NotChecked: rules a single file could not run for want of another
	// file of its root (engine/single.go).
	NotChecked NoteKind = iota
	// Wrote: --fix --follow-symlinks wrote a file the link leads to,
	// outside the Magento root (engine/fixwrite.go).
	Wrote
	// MaskedHunks: --diff masked a hunk that holds a secret, so that hunk
	// applies only when made with --show-secrets (engine.Run).
	MaskedHunks
)

// InReport is the one place that decides where a note goes. What the run
// could not check is part of the report: every format that has a place
// for notes shows it once (text: a "note:" line before the summary; JSON:
// "notes"; SARIF: a notification of level note). What the run did with
// the files (where it wrote, what its diff masked) goes to standard error
// beside the report ("omslint: " and the text, printed by the CLI from
// StderrNotes), so it is seen whatever the format and wherever the report
// is written.
func (n Note) InReport() bool { return n.Kind == NotChecked }

// ReportNotes are the notes the formats show, masked and escaped (they
// hold paths the user gave), in the order the run found them.
func (r *Result) ReportNotes() []string { return r.notes(true) }

// StderrNotes are the notes for standard error, masked and escaped, in
// order.
func (r *Result) StderrNotes() []string { return r.notes(false) }

func (r *Result) notes(inReport bool) []string {
	var out []string
	for _, n := range r.Notes {
		if n.InReport() == inReport {
			out = append(out, Escape(r.Redactor.String(n.Text)))
		}
	}
	return out
}
