package phpconf

import (
	"bytes"
	"fmt"
	"github.com/omslint/omslint/internal/testcorpus"
	"os"
	"strconv"
	"strings"
	"testing"
)

// fuzzCorpus is the parsed corpus files the fuzz test edits.
func fuzzCorpus(f *testing.F) []*File {
	var files []*File
	for _, p := range []string{"02", "03", "05", "09", "12", "13", "16", "19", "23", "24"} {
		m := testcorpus.Files(f, "envphp", p+"-*.php")
		if len(m) == 0 {
			continue
		}
		src, err := os.ReadFile(m[0])
		if err != nil {
			f.Fatal(err)
		}
		files = append(files, mustParse(f, src))
		files = append(files, mustParse(f, toCRLF(src)))
	}
	files = append(files, mustParse(f, []byte("<?php\nreturn [];")), mustParse(f, []byte("<?php return ['a' => [], 'b' => ['c' => 1,]];")))
	return files
}

// FuzzApplyEdits builds random edits with the builders (choices pick the
// operation and the element, text is the new string), applies them and
// checks that the result parses, that every byte outside the applied edits
// is unchanged, and that the diff of the edits rebuilds the result.
func FuzzApplyEdits(f *testing.F) {
	files := fuzzCorpus(f)
	for i := range files {
		f.Add(uint8(i), []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, "new value")
		f.Add(uint8(i), []byte{2, 5, 8, 11, 30, 99}, "it's a \\ 'test'\r\n?> $x \"y\"")
	}
	f.Fuzz(func(t *testing.T, which uint8, choices []byte, text string) {
		file := files[int(which)%len(files)]
		var elems []*Element
		arrays := []*Array{file.Root}
		file.Root.Walk(func(el *Element) bool {
			elems = append(elems, el)
			if el.Value.Kind == KindArray {
				arrays = append(arrays, el.Value.Array)
			}
			return true
		})
		if len(choices) > 64 {
			choices = choices[:64]
		}
		var edits []Edit
		for i, c := range choices {
			s := text
			if len(s) > 0 {
				s = s[i%len(s):]
			}
			switch c % 4 {
			case 0, 1:
				if len(elems) > 0 {
					edits = append(edits, ReplaceValue(elems[int(c/4)%len(elems)], PHPString(s)))
				}
			case 2:
				if len(elems) > 0 {
					if el := elems[int(c/4)%len(elems)]; !el.Key.Implicit {
						edits = append(edits, RenameKey(file, el, s))
					}
				}
			case 3:
				a := arrays[int(c/4)%len(arrays)]
				val := PHPString(s)
				if c&0x80 != 0 {
					st := DetectStyle(file, a)
					val = FormatArray([]KV{{Key: s, Raw: PHPString(s)}, Nested("n")}, st, st.ElemIndent)
				}
				edits = append(edits, InsertElement(file, a, "k"+strconv.Itoa(i), val))
			}
		}
		src := file.Src
		out, applied, _ := Apply(src, edits)
		g, err := Parse("fuzz.php", out, Options{Timeout: 30e9})
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		if g.Err != nil || g.Root == nil {
			t.Fatalf("result does not parse: %v %s\n%s", g.Err, g.NoArray, out)
		}
		// Every byte outside the applied edits is unchanged.
		kept := appliedInOrder(edits, applied)
		o, last := 0, 0
		for _, e := range kept {
			n := e.Start - last
			if !bytes.Equal(out[o:o+n], src[last:e.Start]) {
				t.Fatalf("bytes before offset %d changed", e.Start)
			}
			o += n + len(e.Text)
			last = e.End
		}
		if !bytes.Equal(out[o:], src[last:]) {
			t.Fatalf("bytes after the last edit changed")
		}
		// The diff rebuilds the result.
		diff, _ := Diff(src, edits, DiffOptions{Path: "env.php"})
		got, err := applyUnified(src, diff)
		if err != nil {
			t.Fatalf("diff does not apply: %v\n%s", err, diff)
		}
		if !bytes.Equal(got, out) {
			t.Fatalf("diff rebuilds something else\n%s", diff)
		}
		// With arbitrary secret lines (shown), the diff still rebuilds the
		// result and no secret line is context.
		secret := func(side Side, line int) bool { return (line*7+int(side)+len(choices))%5 == 0 }
		diff, _ = Diff(src, edits, DiffOptions{Path: "env.php", ShowSecrets: true, Secret: secret})
		if got, err = applyUnified(src, diff); err != nil || !bytes.Equal(got, out) {
			t.Fatalf("diff with secrets does not rebuild the result: %v\n%s", err, diff)
		}
		if err := contextSecrets(diff, secret); err != nil {
			t.Fatalf("%v\n%s", err, diff)
		}
	})
}

// applyUnified is a strict applier of Diff's output (exact line numbers,
// all context must match), for tests that cannot run git or patch.
func applyUnified(src []byte, diff string) ([]byte, error) {
	if diff == "" {
		return src, nil
	}
	old := splitLines(src)
	lines := strings.SplitAfter(diff, "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- a/") || !strings.HasPrefix(lines[1], "+++ b/") {
		return nil, fmt.Errorf("bad headers")
	}
	var out []string
	pos := 0 // next old line to copy
	for i := 2; i < len(lines) && lines[i] != ""; {
		var os, ol, ns, nl int
		if _, err := fmt.Sscanf(lines[i], "@@ -%d,%d +%d,%d @@", &os, &ol, &ns, &nl); err != nil {
			return nil, fmt.Errorf("bad hunk header %q", lines[i])
		}
		start := os - 1
		if ol == 0 {
			start = os
		}
		if start < pos {
			return nil, fmt.Errorf("hunks overlap or go backwards at %q", lines[i])
		}
		out = append(out, old[pos:start]...)
		if len(out) != max(ns-1, 0) && !(nl == 0 && len(out) == ns) {
			return nil, fmt.Errorf("new start %d, but %d lines written", ns, len(out))
		}
		pos = start
		i++
		var gotOld, gotNew int
		for ; i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@") && (gotOld < ol || gotNew < nl); i++ {
			l := lines[i]
			body := l[1:]
			if i+1 < len(lines) && strings.HasPrefix(lines[i+1], "\\ ") {
				body = strings.TrimSuffix(body, "\n")
			}
			switch l[0] {
			case ' ', '-':
				if pos >= len(old) || old[pos] != body {
					return nil, fmt.Errorf("line %d: have %q, hunk says %q", pos+1, safeLine(old, pos), body)
				}
				pos++
				gotOld++
				if l[0] == ' ' {
					out = append(out, body)
					gotNew++
				}
			case '+':
				out = append(out, body)
				gotNew++
			default:
				return nil, fmt.Errorf("bad line %q", l)
			}
			if i+1 < len(lines) && strings.HasPrefix(lines[i+1], "\\ ") {
				i++
			}
		}
		if gotOld != ol || gotNew != nl {
			return nil, fmt.Errorf("hunk counts %d,%d, header says %d,%d", gotOld, gotNew, ol, nl)
		}
	}
	out = append(out, old[pos:]...)
	return []byte(strings.Join(out, "")), nil
}

// contextSecrets fails when a context line of diff is a secret line on
// either side.
func contextSecrets(diff string, secret func(Side, int) bool) error {
	var o, n int
	lines := strings.Split(diff, "\n")
	for _, l := range lines[min(2, len(lines)):] {
		switch {
		case strings.HasPrefix(l, "@@"):
			var ol, nl int
			fmt.Sscanf(l, "@@ -%d,%d +%d,%d @@", &o, &ol, &n, &nl)
		case strings.HasPrefix(l, "\\"), l == "":
		case l[0] == ' ':
			if secret(Old, o) || secret(New, n) {
				return fmt.Errorf("secret line %d/%d used as context", o, n)
			}
			o++
			n++
		case l[0] == '-':
			o++
		case l[0] == '+':
			n++
		}
	}
	return nil
}

func safeLine(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<EOF>"
}
