package effective

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/omslint/omslint/phpconf"
)

// EnvFile is one env file given with --env-file.
//
// The syntax accepted is the common ground of docker's --env-file,
// compose's env_file and dotenv (docs/configuration-sources.md):
//   - one NAME=VALUE per line; LF or CRLF line ends; a UTF-8 BOM is skipped;
//   - blank lines and lines whose first non-blank character is '#' are
//     comments; an optional `export ` before NAME is ignored;
//   - NAME is letters, digits and '_' (not starting with a digit); blanks
//     around NAME and before VALUE are ignored;
//   - VALUE unquoted: up to the end of the line or to a '#' preceded by a
//     blank (a comment), trailing blanks dropped;
//   - VALUE in single quotes: taken literally up to the next '\” on the
//     line; in double quotes: up to the next unescaped '"' on the line,
//     with \n, \r, \t, \\, \" and \$ decoded. After the closing quote only
//     blanks or a comment may follow. Quoted values spanning lines are
//     refused. Quotes are removed (as compose does; docker run keeps them:
//     OMS135);
//   - a line with NAME alone takes the value of NAME from omslint's own
//     environment, and is skipped when that is not set;
//   - ${VAR} is not interpolated: it stays in the value as written.
//
// Anything else is an error naming the file and line.
type EnvFile struct {
	Path  string
	Data  []byte
	Lines *phpconf.LineIndex
	// Vars in file order (a name set twice appears twice; the last wins).
	Vars []*Var
}

// EnvFileError is a line of an env file that is not NAME=VALUE.
type EnvFileError struct {
	Path      string
	Line, Col int
	Msg       string
}

func (e *EnvFileError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
}

// ParseEnvFile reads an env file.
func ParseEnvFile(path string, data []byte) (*EnvFile, error) {
	f := &EnvFile{Path: path, Data: data, Lines: phpconf.NewLineIndex(data)}
	if !utf8.Valid(data) {
		return nil, &EnvFileError{Path: path, Line: 1, Col: 1, Msg: "not UTF-8 text"}
	}
	for n := 1; n <= f.Lines.LineCount(); n++ {
		ls, le := f.Lines.LineBounds(n)
		line := string(data[ls:le])
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if n == 1 {
			if t, ok := strings.CutPrefix(line, "\uFEFF"); ok {
				line, ls = t, ls+3
			}
		}
		v, err := f.parseLine(n, ls, line)
		if err != nil {
			return nil, err
		}
		if v != nil {
			f.Vars = append(f.Vars, v)
		}
	}
	return f, nil
}

const blanks = " \t"

func (f *EnvFile) errf(line int, lineText string, off int, format string, args ...any) error {
	return &EnvFileError{Path: f.Path, Line: line, Col: 1 + utf8.RuneCountInString(lineText[:off]), Msg: fmt.Sprintf(format, args...)}
}

func (f *EnvFile) parseLine(n, ls int, line string) (*Var, error) {
	i := len(line) - len(strings.TrimLeft(line, blanks))
	if i == len(line) || line[i] == '#' {
		return nil, nil
	}
	if rest, ok := strings.CutPrefix(line[i:], "export"); ok && rest != "" && strings.ContainsRune(blanks, rune(rest[0])) {
		i = len(line) - len(strings.TrimLeft(rest, blanks))
	}
	eq := strings.IndexByte(line[i:], '=')
	nameEnd := len(line)
	if eq >= 0 {
		nameEnd = i + eq
	}
	name := strings.TrimRight(line[i:nameEnd], blanks)
	if !validName(name) {
		// Never quote the text: a stray line may be a secret.
		return nil, f.errf(n, line, i, "expected NAME=VALUE, where NAME is letters, digits and '_' (not starting with a digit)")
	}
	v := &Var{Name: name, File: f.Path, Line: n, file: f, Exact: true}
	if eq < 0 {
		v.inherit = true
		v.ValueStart = ls + len(line)
		return v, nil
	}
	j := nameEnd + 1
	j += len(line[j:]) - len(strings.TrimLeft(line[j:], blanks))
	v.ValueStart = ls + j
	raw := line[j:]
	if raw == "" {
		return v, nil
	}
	switch q := raw[0]; q {
	case '\'', '"':
		val, end, exact, ok := unquote(raw)
		if !ok {
			return nil, f.errf(n, line, j, "the quote %c is not closed on this line (values spanning lines are not supported)", q)
		}
		after := strings.TrimLeft(raw[end:], blanks)
		if after != "" && after[0] != '#' {
			return nil, f.errf(n, line, j+len(raw)-len(after), "text after the closing quote %c", q)
		}
		v.Value, v.Quote, v.Exact = val, q, exact
		v.ValueStart++
	default:
		val := raw
		for k := 1; k < len(val); k++ {
			if val[k] == '#' && (val[k-1] == ' ' || val[k-1] == '\t') {
				val = val[:k]
				break
			}
		}
		v.Value = strings.TrimRight(val, blanks)
	}
	return v, nil
}

// unquote decodes a quoted value at the start of s and returns it, the
// offset after the closing quote, and whether no escape was decoded.
func unquote(s string) (val string, end int, exact, ok bool) {
	q := s[0]
	if q == '\'' {
		k := strings.IndexByte(s[1:], '\'')
		if k < 0 {
			return "", 0, false, false
		}
		return s[1 : 1+k], k + 2, true, true
	}
	var b bytes.Buffer
	exact = true
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), i + 1, exact, true
		case c == '\\' && i+1 < len(s):
			i++
			exact = false
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case '\\', '"', '$':
				b.WriteByte(s[i])
			default:
				b.WriteByte('\\')
				b.WriteByte(s[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, false, false
}

func validName(s string) bool {
	if s == "" || '0' <= s[0] && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
