package doctor

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Status is the outcome of one check.
type Status string

const (
	Pass Status = "pass"
	Warn Status = "warning"
	Fail Status = "fail"
	Skip Status = "skipped"
)

// Result is the outcome of one check on one target.
type Result struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Target is what was checked: the settings' keys ("url,
	// oauth_server_url") with the host, or the callback URL.
	Target  string `json:"target"`
	Status  Status `json:"status"`
	Message string `json:"message"`
	// Details are further lines (the sources per aggregate, a hint).
	Details  []string      `json:"details,omitempty"`
	Duration time.Duration `json:"-"`
	// Millis is Duration in milliseconds, for JSON.
	Millis int64 `json:"durationMs"`
}

// Report is the outcome of a run.
type Report struct {
	Checks []Result `json:"checks"`
	// Elapsed is the whole run.
	Elapsed time.Duration `json:"-"`
}

// Counts returns the number of results per status.
func (r *Report) Counts() (pass, warn, fail, skip int) {
	for _, c := range r.Checks {
		switch c.Status {
		case Pass:
			pass++
		case Warn:
			warn++
		case Fail:
			fail++
		case Skip:
			skip++
		}
	}
	return
}

// Fails reports whether the report makes doctor exit 1 under --fail-on:
// "error" when a check failed, "warning" also when one warned, "never"
// not at all.
func (r *Report) Fails(failOn string) bool {
	_, warn, fail, _ := r.Counts()
	return failOn != "never" && fail > 0 || failOn == "warning" && warn > 0
}

// Header describes what was tested, for the top of the report.
type Header struct {
	Tool, Version string
	Root          string
	Env           string
	// Settings are the non-secret values tested, by key, already masked.
	Settings []Setting
}

// Setting is one tested value and where it came from.
type Setting struct {
	Key   string `json:"key"`
	Value string `json:"value,omitempty"`
	From  string `json:"from,omitempty"`
}

var statusWord = map[Status]string{Pass: "PASS", Warn: "WARN", Fail: "FAIL", Skip: "SKIP"}

// WriteText writes the report for a person.
func WriteText(w io.Writer, h Header, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "omslint doctor: %s", h.Root)
	if h.Env != "" {
		fmt.Fprintf(&b, " (environment %s)", h.Env)
	}
	b.WriteString("\n")
	for _, s := range h.Settings {
		if s.From == "" {
			continue
		}
		fmt.Fprintf(&b, "  %s = %s  (%s)\n", s.Key, s.Value, s.From)
	}
	b.WriteString("\n")
	for _, c := range r.Checks {
		fmt.Fprintf(&b, "%s  %s %-18s %s: %s", statusWord[c.Status], c.ID, c.Name, c.Target, c.Message)
		if c.Status != Skip && c.Duration > 0 {
			fmt.Fprintf(&b, " (%s)", roundDuration(c.Duration))
		}
		b.WriteString("\n")
		for _, d := range c.Details {
			fmt.Fprintf(&b, "      %s\n", d)
		}
	}
	p, wn, f, s := r.Counts()
	fmt.Fprintf(&b, "\n%d passed, %d %s, %d failed, %d skipped in %s\n", p, wn, plural(wn, "warning", "warnings"), f, s, roundDuration(r.Elapsed))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the report as one JSON object.
func WriteJSON(w io.Writer, h Header, r *Report) error {
	p, wn, f, s := r.Counts()
	checks := make([]Result, len(r.Checks))
	for i, c := range r.Checks {
		c.Millis = c.Duration.Milliseconds()
		checks[i] = c
	}
	out := struct {
		Tool struct {
			Name    string `json:"name"`
			Version string `json:"version"`
		} `json:"tool"`
		Root     string    `json:"root"`
		Env      string    `json:"env,omitempty"`
		Settings []Setting `json:"settings"`
		Checks   []Result  `json:"checks"`
		Summary  struct {
			Passed    int   `json:"passed"`
			Warnings  int   `json:"warnings"`
			Failed    int   `json:"failed"`
			Skipped   int   `json:"skipped"`
			ElapsedMs int64 `json:"elapsedMs"`
			OK        bool  `json:"ok"`
		} `json:"summary"`
	}{Root: h.Root, Env: h.Env, Settings: h.Settings, Checks: checks}
	out.Tool.Name, out.Tool.Version = h.Tool, h.Version
	if out.Settings == nil {
		out.Settings = []Setting{}
	}
	out.Summary.Passed, out.Summary.Warnings, out.Summary.Failed, out.Summary.Skipped = p, wn, f, s
	out.Summary.ElapsedMs = r.Elapsed.Milliseconds()
	out.Summary.OK = f == 0
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func roundDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return "<1ms"
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	}
	return d.Round(10 * time.Millisecond).String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
