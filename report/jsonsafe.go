package report

import (
	"io"
	"unicode/utf8"
)

// The JSON formats (json, sarif, codequality) keep what came from the
// checkout exact: a key or file name is data there. Go's encoder escapes
// control characters and U+2028/U+2029 but writes bidirectional controls
// (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) raw, and a viewer that shows
// the JSON (a terminal, a code review of a SARIF file) then reorders the
// text around them. Inside a JSON string `\u202e` is the same character,
// and outside strings JSON has no place for any non-ASCII character, so
// writing these as escapes changes no value a reader decodes: the output
// stays exact and can no longer be made to read as something else.

// jsonBidiWriter writes through to w with every bidirectional control
// character written as a \uXXXX escape. A character split across two
// writes is held back until the next write or Close.
type jsonBidiWriter struct {
	w    io.Writer
	held []byte
	buf  []byte
}

func (j *jsonBidiWriter) Write(p []byte) (int, error) {
	data := p
	if len(j.held) > 0 {
		data = append(j.held, p...)
		j.held = nil
	}
	// Hold back an incomplete UTF-8 sequence at the end.
	if k := incompleteTail(data); k > 0 {
		j.held = append([]byte(nil), data[len(data)-k:]...)
		data = data[:len(data)-k]
	}
	j.buf = j.buf[:0]
	start := 0
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if isBidiControl(r) {
			j.buf = append(j.buf, data[start:i]...)
			j.buf = append(j.buf, '\\', 'u', hexDigit(r>>12), hexDigit(r>>8), hexDigit(r>>4), hexDigit(r))
			start = i + size
		}
		i += size
	}
	var err error
	if start == 0 {
		_, err = j.w.Write(data)
	} else {
		j.buf = append(j.buf, data[start:]...)
		_, err = j.w.Write(j.buf)
	}
	if err != nil {
		return 0, err
	}
	return len(p), nil
}

// Close writes what was held back (bytes that never became a character).
func (j *jsonBidiWriter) Close() error {
	if len(j.held) == 0 {
		return nil
	}
	_, err := j.w.Write(j.held)
	j.held = nil
	return err
}

// incompleteTail is the length of a UTF-8 sequence cut short at the end of
// b (0 when b ends on a whole character or on bytes that are no start).
func incompleteTail(b []byte) int {
	for k := 1; k <= 3 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < utf8.RuneSelf {
			return 0
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-k:]) {
				return k
			}
			return 0
		}
	}
	return 0
}

func hexDigit(r rune) byte { return "0123456789abcdef"[r&0xf] }
