package generator_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/generator"
	"github.com/omslint/omslint/phpconf"
)

// verbatimEnvFile reads an env file the way `docker run --env-file`
// (docker/cli opts/envfile.go) and `kubectl create secret
// --from-env-file` document it: leading whitespace of a line dropped,
// blank lines and lines starting with # skipped, KEY=VALUE split at the
// first =, the value verbatim to the end of the line (quotes kept).
func verbatimEnvFile(t *testing.T, data string) map[string]string {
	t.Helper()
	out := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		line := strings.TrimLeftFunc(sc.Text(), unicode.IsSpace)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || strings.ContainsFunc(k, unicode.IsSpace) {
			t.Fatalf("docker: invalid env file line %q", line)
		}
		out[k] = v
	}
	return out
}

var composeVar = regexp.MustCompile(`(\\)?\$(\{)?([A-Za-z_][A-Za-z0-9_]*)?(\})?`)

// composeEnvFile reads an env file the way compose's env_file does
// (compose-go dotenv): an optional `export `, a single-quoted value taken
// literally, a double-quoted one with \-escapes and $NAME expansion, an
// unquoted one cut at " #", trimmed, and $NAME / ${NAME} expanded (here
// to "", as for an unset variable; \$ is a literal $).
func composeEnvFile(t *testing.T, data string) map[string]string {
	t.Helper()
	expand := func(s string) string {
		return composeVar.ReplaceAllStringFunc(s, func(m string) string {
			if strings.HasPrefix(m, `\`) {
				return m[1:]
			}
			return ""
		})
	}
	out := map[string]string{}
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("compose: invalid line %q", line)
		}
		k, v = strings.TrimSpace(k), strings.TrimLeft(v, " \t")
		switch {
		case strings.HasPrefix(v, "'"):
			end := strings.Index(v[1:], "'")
			if end < 0 {
				t.Fatalf("compose: unterminated quote in %q", line)
			}
			v = v[1 : end+1]
		case strings.HasPrefix(v, `"`):
			var b strings.Builder
			i := 1
			for ; i < len(v) && v[i] != '"'; i++ {
				if v[i] == '\\' && i+1 < len(v) {
					i++
					switch v[i] {
					case 'n':
						b.WriteByte('\n')
					case '$':
						b.WriteString(`\$`)
					default:
						b.WriteByte(v[i])
					}
					continue
				}
				b.WriteByte(v[i])
			}
			v = expand(b.String())
		default:
			if i := strings.Index(v, " #"); i >= 0 {
				v = v[:i]
			}
			v = expand(strings.TrimSpace(v))
		}
		out[k] = v
	}
	return out
}

// trickyBlock holds secrets a naive env line would break: $NAME, " #",
// quotes, a backslash, unicode.
func trickyBlock(t *testing.T) *generator.Block {
	return build(t, generator.Input{Getenv: env(map[string]string{
		"OMS_OAUTH_CLIENT_SECRET": `a$HOME b #not-a-comment 'q' "d" \n \$x $PATH`,
		"OMS_SECRET":              `#leading-hash ünïcödé ` + "\u2028" + ` trailing space `,
	})})
}

// decoded is the serviceBus section a MAGENTO_DC__OVERRIDE value gives.
func decoded(t *testing.T, value string) map[string]any {
	t.Helper()
	var v map[string]map[string]any
	if err := json.Unmarshal([]byte(value), &v); err != nil {
		t.Fatalf("MAGENTO_DC__OVERRIDE is not JSON (%v): %s", err, value)
	}
	return v["serviceBus"]
}

func wantSection(b *generator.Block) map[string]any {
	m := map[string]any{}
	for _, v := range b.Values {
		if v.IsBool {
			m[v.Key] = v.Bool
		} else {
			m[v.Key] = v.Str
		}
	}
	return m
}

func sameSection(t *testing.T, reader string, got, want map[string]any) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s reads a different serviceBus:\n got %v\nwant %v", reader, got, want)
	}
}

func TestEnvFileLineReadByDockerComposeKubectl(t *testing.T) {
	for name, b := range map[string]*generator.Block{"plain": build(t, generator.Input{}), "tricky": trickyBlock(t)} {
		t.Run(name, func(t *testing.T) {
			want := wantSection(b)
			line, err := b.EnvFileLine()
			if err != nil {
				t.Fatal(err)
			}
			if strings.ContainsAny(line, "\n\r") {
				t.Fatalf("env-file line holds a line break: %q", line)
			}
			file := "# made by omslint\n" + line + "\n"
			sameSection(t, "docker/kubectl env-file", decoded(t, verbatimEnvFile(t, file)["MAGENTO_DC__OVERRIDE"]), want)
			sameSection(t, "compose env_file", decoded(t, composeEnvFile(t, file)["MAGENTO_DC__OVERRIDE"]), want)

			ov, err := b.Override()
			if err != nil {
				t.Fatal(err)
			}
			if strings.ContainsAny(ov, "\n\r") {
				t.Fatalf("override holds a line break")
			}
			sameSection(t, "override", decoded(t, ov), want)
			// The effective-config reader, given the variable as docker
			// or a Cloud variable sets it, reads the same serviceBus.
			sameSection(t, "effective.Build (override)", effectiveSection(t, effective.NewEnv([]string{"MAGENTO_DC__OVERRIDE=" + ov})), want)
			// And given the env file (its --env-file reader, compose's rules).
			ef := effective.NewEnv(nil)
			if err := ef.AddFile("oms.env", []byte(file), func(string) (string, bool) { return "", false }); err != nil {
				t.Fatal(err)
			}
			sameSection(t, "effective.Build (env file)", effectiveSection(t, ef), want)

			// The shell line: sourced by bash, the variable is the JSON.
			sh, err := b.EnvLine()
			if err != nil {
				t.Fatal(err)
			}
			sameSection(t, "a POSIX shell's quote removal", decoded(t, shellUnquote(t, strings.TrimPrefix(sh, "MAGENTO_DC__OVERRIDE="))), want)
			if _, err := exec.LookPath("bash"); err == nil {
				p := filepath.Join(t.TempDir(), "override.env")
				if err := os.WriteFile(p, []byte(sh+"\n"), 0o600); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command("bash", "-c", `source "$1"; printf %s "$MAGENTO_DC__OVERRIDE"`, "bash", p).Output()
				if err != nil {
					t.Fatal(err)
				}
				sameSection(t, "bash", decoded(t, string(out)), want)
				sameSection(t, "effective.Build (bash)", effectiveSection(t, effective.NewEnv([]string{"MAGENTO_DC__OVERRIDE=" + string(out)})), want)
			}
			// The shell line in a docker env file keeps its quotes: not JSON.
			var v any
			if json.Unmarshal([]byte(verbatimEnvFile(t, sh)["MAGENTO_DC__OVERRIDE"]), &v) == nil {
				t.Error("the quoted shell line unexpectedly parses as JSON through docker's rules")
			}
		})
	}
}

// effectiveSection is the serviceBus the effective-config reader builds
// from env alone (no config.php, no env.php).
func effectiveSection(t *testing.T, env *effective.Env) map[string]any {
	t.Helper()
	sb := effective.Build(nil, env)
	if sb.Override == nil || sb.Override.Err != "" {
		t.Fatalf("MAGENTO_DC__OVERRIDE not read: %+v", sb.Override)
	}
	out := map[string]any{}
	for _, e := range sb.Entries {
		if e.Value == nil {
			t.Fatalf("%s: no value", e.Key)
		}
		switch e.Value.Kind {
		case phpconf.KindBool:
			out[e.Key] = e.Value.Bool
		default:
			out[e.Key] = e.Value.Str
		}
	}
	return out
}

// shellUnquote undoes ShellQuote's single quoting ('...' with '\” for a
// quote).
func shellUnquote(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	for s != "" {
		switch {
		case strings.HasPrefix(s, `\'`):
			b.WriteByte('\'')
			s = s[2:]
		case s[0] == '\'':
			end := strings.IndexByte(s[1:], '\'')
			if end < 0 {
				t.Fatalf("unterminated quote")
			}
			b.WriteString(s[1 : end+1])
			s = s[end+2:]
		default:
			b.WriteByte(s[0])
			s = s[1:]
		}
	}
	return b.String()
}
