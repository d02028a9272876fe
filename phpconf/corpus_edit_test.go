package phpconf

import (
	"bytes"
	"strings"
	"testing"
)

// writerRender re-renders a parsed file the way Magento's writers do, so a
// test can tell whether an edited file still looks exactly as if the writer
// had produced it. Scalars and keys keep their raw text.
func writerRender(f *File, varExport, finalNewline bool) string {
	var b strings.Builder
	b.WriteString("<?php\nreturn ")
	if varExport {
		renderVarExport(&b, f, f.Root, "")
	} else {
		renderModern(&b, f, f.Root, 1)
	}
	b.WriteString(";")
	if finalNewline {
		b.WriteString("\n")
	}
	return b.String()
}

func renderVarExport(b *strings.Builder, f *File, a *Array, indent string) {
	b.WriteString("array (\n")
	for _, el := range a.Items {
		b.WriteString(indent + "  " + f.Raw(el.Key.Range) + " => ")
		if el.Value.Kind == KindArray {
			b.WriteString("\n" + indent + "  ")
			renderVarExport(b, f, el.Value.Array, indent+"  ")
		} else {
			b.WriteString(f.Raw(el.Value.Range))
		}
		b.WriteString(",\n")
	}
	b.WriteString(indent + ")")
}

func renderModern(b *strings.Builder, f *File, a *Array, depth int) {
	var parts []string
	for _, el := range a.Items {
		var p strings.Builder
		p.WriteString(strings.Repeat("    ", depth))
		if !el.Key.Implicit {
			p.WriteString(f.Raw(el.Key.Range) + " => ")
		}
		if el.Value.Kind == KindArray {
			renderModern(&p, f, el.Value.Array, depth+1)
		} else {
			p.WriteString(f.Raw(el.Value.Range))
		}
		parts = append(parts, p.String())
	}
	b.WriteString("[\n" + strings.Join(parts, ",\n") + "\n" + strings.Repeat("    ", depth-1) + "]")
}

func toCRLF(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }

// allArrays lists every array of the file, the returned one first.
func allArrays(f *File) []*Array {
	out := []*Array{f.Root}
	f.Root.Walk(func(el *Element) bool {
		if el.Value.Kind == KindArray {
			out = append(out, el.Value.Array)
		}
		return true
	})
	return out
}

type corpusCase struct {
	name   string
	src    []byte
	writer string // "var_export", "modern" or "" (hand-made: no writer check)
}

func corpusCases(t *testing.T) []corpusCase {
	c12 := corpusFile(t, "12")
	return []corpusCase{
		{"02", corpusFile(t, "02"), "var_export"},
		{"03", corpusFile(t, "03"), "var_export"},
		{"16", corpusFile(t, "16"), "var_export"},
		{"12", c12, "modern"},
		{"24", corpusFile(t, "24"), "modern"},
		{"05", corpusFile(t, "05"), ""},
		{"09", corpusFile(t, "09"), ""},
		{"13", corpusFile(t, "13"), ""},
		{"12crlf", toCRLF(c12), ""},
	}
}

// TestWriterRenderMatchesCorpus makes sure the writer emulation is right
// before it is used as the golden for edits.
func TestWriterRenderMatchesCorpus(t *testing.T) {
	for _, c := range corpusCases(t) {
		if c.writer == "" {
			continue
		}
		f := mustParse(t, c.src)
		if got := writerRender(f, c.writer == "var_export", f.FinalNewline); got != string(c.src) {
			t.Errorf("%s: writer emulation differs from the file", c.name)
		}
	}
}

// TestCorpusInsertEverywhere inserts a scalar and the serviceBus block into
// every array of each corpus file. A file in a writer's exact layout must
// still be in that exact layout afterwards.
func TestCorpusInsertEverywhere(t *testing.T) {
	for _, c := range corpusCases(t) {
		f := mustParse(t, c.src)
		for i, a := range allArrays(f) {
			st := DetectStyle(f, a)
			if bytes.Contains(c.src, []byte("\r\n")) != (st.Newline == "\r\n") {
				t.Fatalf("%s: newline %q not detected", c.name, st.Newline)
			}
			for _, val := range []string{PHPString("it's a \\ test"), FormatArray(sbEntries, st, st.ElemIndent)} {
				e := InsertElement(f, a, "zz_new", val)
				out, g := checkEditLint(t, c.src, e, sample())
				ga := allArrays(g)[i]
				if len(a.Items) > 0 && ga.Items[len(ga.Items)-1].Key.Str != "zz_new" {
					t.Fatalf("%s %s: new element not last", c.name, a.Path())
				}
				if c.writer != "" {
					if want := writerRender(g, c.writer == "var_export", f.FinalNewline); want != string(out) {
						t.Fatalf("%s: insert into %q leaves the writer's layout:\n%s", c.name, a.Path(), out)
					}
				}
				if c.name == "12crlf" && bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n")) {
					t.Fatalf("%s: bare LF written:\n%q", c.name, out)
				}
			}
		}
	}
}

// sample says whether to run php -l on this edit (every 8th).
func sample() bool {
	lintCount++
	return lintCount%8 == 0
}

// elementAt finds the element whose span starts at off.
func elementAt(f *File, off int) *Element {
	var found *Element
	f.Root.Walk(func(el *Element) bool {
		if int(el.Range().Start) == off {
			found = el
		}
		return found == nil
	})
	return found
}

// TestCorpusRenameReplace renames every literal string key and replaces
// every scalar value, one at a time.
func TestCorpusRenameReplace(t *testing.T) {
	for _, c := range corpusCases(t) {
		f := mustParse(t, c.src)
		f.Root.Walk(func(el *Element) bool {
			if !el.Key.IsInt && !el.Key.Dynamic {
				_, g := checkEditLint(t, c.src, RenameKey(f, el, el.Key.Str+"_x"), sample())
				if ge := elementAt(g, int(el.Range().Start)); ge == nil || ge.Key.Str != el.Key.Str+"_x" || ge.Key.Quote != el.Key.Quote {
					t.Fatalf("%s: rename of %s lost", c.name, el.Path())
				}
			}
			if el.Value.IsScalar() {
				_, g := checkEditLint(t, c.src, ReplaceValue(el, PHPString("v'\\")), sample())
				if ge := elementAt(g, int(el.Range().Start)); ge == nil || ge.Value.Str != "v'\\" {
					t.Fatalf("%s: replace of %s lost", c.name, el.Path())
				}
			}
			return true
		})
	}
}
