package generator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/phpconf"
)

// ServiceBusKey is the top-level env.php key of the block.
const ServiceBusKey = "serviceBus"

// Indent is one level of Magento's modern env.php layout.
const Indent = "    "

// Raw is the PHP source of a value: a single-quoted string escaped as
// var_export does, `true`/`false`, or getenv('NAME').
func (v Value) Raw() string {
	switch {
	case v.IsBool:
		if v.Bool {
			return "true"
		}
		return "false"
	case v.Getenv:
		return "getenv(" + phpString(v.Var) + ")"
	}
	return phpString(v.Str)
}

// PHP renders the block as Magento's modern writer prints it inside the
// returned array: `'serviceBus' => [` at indentation base, one key per
// line one level deeper, no comma after the last element, `]` back at
// base. There is no line break after the closing bracket.
func (b *Block) PHP(base string) string {
	var s strings.Builder
	s.WriteString(base + phpString(ServiceBusKey) + " => ")
	s.WriteString(b.phpArray(base))
	return s.String()
}

// phpArray is the block's array literal, its closing bracket at base.
func (b *Block) phpArray(base string) string {
	var s strings.Builder
	s.WriteString("[\n")
	for i, v := range b.Values {
		s.WriteString(base + Indent + phpString(v.Key) + " => " + v.Raw())
		if i < len(b.Values)-1 {
			s.WriteByte(',')
		}
		s.WriteByte('\n')
	}
	s.WriteString(base + "]")
	return s.String()
}

// ErrGetenvNotData is returned for --secrets getenv with a data format: JSON
// and MAGENTO_DC__OVERRIDE hold data, not PHP, so they cannot say getenv('NAME').
var ErrGetenvNotData error = &failure.UsageError{Err: errors.New("--secrets getenv works with --format php only: JSON and MAGENTO_DC__OVERRIDE hold values, not PHP expressions")}

// JSON is `{"serviceBus": {...}}`, indented by indent ("" for one line),
// keys in the block's order.
func (b *Block) JSON(indent string) (string, error) {
	var s strings.Builder
	nl, in1, in2, sp := "", "", "", ""
	if indent != "" {
		nl, in1, in2, sp = "\n", indent, indent+indent, " "
	}
	s.WriteString("{" + nl + in1 + `"serviceBus":` + sp + "{" + nl)
	for i, v := range b.Values {
		if v.Getenv {
			return "", ErrGetenvNotData
		}
		s.WriteString(in2 + jsonString(v.Key) + ":" + sp)
		if v.IsBool {
			if v.Bool {
				s.WriteString("true")
			} else {
				s.WriteString("false")
			}
		} else {
			s.WriteString(jsonString(v.Str))
		}
		if i < len(b.Values)-1 {
			s.WriteByte(',')
		}
		s.WriteString(nl)
	}
	s.WriteString(in1 + "}" + nl + "}")
	return s.String(), nil
}

// EnvLine is one `MAGENTO_DC__OVERRIDE='...'` line for a POSIX shell
// (`export`, `source`, a CI step). Magento lower-cases the names of
// MAGENTO_DC_* variables, so MAGENTO_DC_SERVICEBUS__URL could only reach
// `servicebus`, never the camelCase `serviceBus`; MAGENTO_DC__OVERRIDE is
// the only variable that can, and it replaces the whole top-level section.
func (b *Block) EnvLine() (string, error) {
	j, err := b.Override()
	if err != nil {
		return "", err
	}
	return "MAGENTO_DC__OVERRIDE=" + ShellQuote(j), nil
}

// EnvFileLine is the unquoted `MAGENTO_DC__OVERRIDE={...}` line of an env
// file. `docker run --env-file` and `kubectl create secret
// --from-env-file` take the value verbatim to the end of the line (quotes
// included, which is why EnvLine does not work there); compose's env_file
// strips quotes, cuts an unquoted value at " #" and expands $NAME. The
// value is Override's JSON, which has no newline, no quote at either end,
// and no `$` or `#` (JSON-escaped as \u0024 and \u0023), so all three read
// the same JSON.
func (b *Block) EnvFileLine() (string, error) {
	j, err := b.Override()
	if err != nil {
		return "", err
	}
	return "MAGENTO_DC__OVERRIDE=" + j, nil
}

// Override is the value of MAGENTO_DC__OVERRIDE alone: `{"serviceBus":
// {...}}` on one line, for a Cloud variable or a secret manager. `$` and
// `#` inside strings are written as JSON escapes (the decoded JSON is the
// same), so no env-file reader expands or cuts them.
func (b *Block) Override() (string, error) {
	j, err := b.JSON("")
	if err != nil {
		return "", err
	}
	return overrideEscapes.Replace(j), nil
}

var overrideEscapes = strings.NewReplacer("$", `\u0024`, "#", `\u0023`)

func jsonString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}

// ShellQuote quotes s for a POSIX shell: as it is when made only of safe
// characters, else in single quotes (a quote inside is closed, escaped with
// a backslash and reopened).
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=@%+,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// phpString is s as a single-quoted PHP literal escaped as var_export does.
func phpString(s string) string { return phpconf.PHPString(s) }

// Formats are the forms Render writes a block in (generate --format).
var Formats = []string{"php", "env", "env-file", "override", "json"}

// Render is the block in one of Formats: php the block in Magento's
// env.php layout, env a shell line MAGENTO_DC__OVERRIDE='...', env-file
// the same unquoted, override the JSON value alone, json the block as
// indented JSON.
func (b *Block) Render(format string) (string, error) {
	switch format {
	case "php":
		return b.PHP(Indent), nil
	case "env":
		return b.EnvLine()
	case "env-file":
		return b.EnvFileLine()
	case "override":
		return b.Override()
	case "json":
		return b.JSON("  ")
	}
	return "", fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}
