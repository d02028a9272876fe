package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// spliceArray writes doc, an indented JSON document holding an array
// whose one element is a placeholder object with the string mark in it,
// with that element replaced by n elements, each marshalled alone by
// elem with the placeholder's indentation as prefix. encoding/json
// indents lexically, so the bytes are those of marshalling the document
// with the n elements in it, but only one element is ever held: the JSON
// and SARIF reports of a fleet are written finding by finding instead of
// as one tree and one buffer of every finding (TestJSONStreamsSameBytes,
// TestSARIFStreamsSameBytes). placeholder marshals the placeholder the
// same way, to check where it is.
func spliceArray(w *bufio.Writer, doc []byte, mark string, placeholder func(prefix string) ([]byte, error), n int, elem func(i int, prefix string) ([]byte, error)) error {
	m, _ := json.Marshal(mark)
	at := bytes.Index(doc, m)
	if at < 0 {
		return fmt.Errorf("report: placeholder not found")
	}
	open := bytes.LastIndexByte(doc[:at], '{')
	lineStart := bytes.LastIndexByte(doc[:max(open, 0)], '\n') + 1
	if open < 0 {
		return fmt.Errorf("report: placeholder not found")
	}
	prefix := string(doc[lineStart:open])
	ph, err := placeholder(prefix)
	if err != nil {
		return err
	}
	if strings.TrimSpace(prefix) != "" || !bytes.HasPrefix(doc[open:], ph) {
		return fmt.Errorf("report: placeholder not where expected")
	}
	w.Write(doc[:open])
	for i := range n {
		if i > 0 {
			w.WriteString(",\n")
			w.WriteString(prefix)
		}
		b, err := elem(i, prefix)
		if err != nil {
			return err
		}
		w.Write(b)
	}
	_, err = w.Write(doc[open+len(ph):])
	return err
}
