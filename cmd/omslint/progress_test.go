package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b)
	p.update(1, 3)
	p.update(2, 3) // within 100 ms: skipped
	p.update(3, 3) // the last one is always drawn
	p.update(-1, 0)
	got := b.String()
	if !strings.Contains(got, "linting 1/3 roots") || !strings.Contains(got, "linting 3/3 roots") || strings.Contains(got, "2/3") {
		t.Errorf("progress wrote %q", got)
	}
	if !strings.HasSuffix(got, "\r\033[K") {
		t.Errorf("progress line not cleared: %q", got)
	}
	if isTerminal(&b) {
		t.Error("a buffer is not a terminal")
	}
}
