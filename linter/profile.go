package linter

import (
	"strings"
	"unicode/utf8"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/phpconf"
)

// Profile is the config file as the profile rules see it.
type Profile struct {
	Config *config.Config
	// Env is the environment selected with --env, nil without.
	Env *config.Environment
	// Lines indexes the config file's bytes, so a finding's line:col also
	// gets the byte offsets that snippets and the redactor use.
	Lines *phpconf.LineIndex
	// Getenv reads environment variables (the ${NAME} references).
	Getenv func(string) (string, bool)
}

// Profile returns the config passed by the engine, or nil.
func (c *Context) Profile() *Profile {
	p := c.profile
	if p == nil || p.Config == nil {
		return nil
	}
	return p
}

// FieldSpan is the span of a config value written at line:col (1-based,
// col in characters) whose text is text: the value as written (with its
// quotes, when quoted), or to the end of the line when the source does not
// show text there.
func (p *Profile) FieldSpan(line, col int, text string) phpconf.Span {
	if p.Lines == nil || line < 1 || line > p.Lines.LineCount() {
		return phpconf.Span{Start: phpconf.Pos{Line: line, Col: col}, End: phpconf.Pos{Line: line, Col: col + 1}}
	}
	ls, _ := p.Lines.LineBounds(line)
	src := p.Lines.LineText(line)
	off := 0
	for c := 1; c < col && off < len(src); c++ {
		_, n := utf8.DecodeRuneInString(src[off:])
		off += n
	}
	rest := src[off:]
	n := len(rest)
	switch {
	case rest == "":
	case rest[0] == '"' || rest[0] == '\'':
		if k := strings.IndexByte(rest[1:], rest[0]); k >= 0 {
			n = k + 2
		}
	case text != "" && strings.HasPrefix(rest, text):
		n = len(text)
	}
	return p.Lines.Span(ls+off, ls+off+n)
}

// ReportConfig reports on the config file at a value.
func (c *Context) ReportConfig(line, col int, text, key string, format string, args ...any) *Finding {
	p := c.Profile()
	return c.Report(p.Config.Path, p.FieldSpan(line, col, text), key, format, args...)
}
