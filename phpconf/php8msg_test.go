package phpconf

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// php8Cases are syntax errors with the message PHP 8.2 prints for them
// (`php -l`, checked by TestPHP8MessagesAgainstPHP when php is
// installed) and the line it names.
var php8Cases = []struct {
	name, src, want string
	line            int
}{
	{"bare word", "<?php\nreturn ['db' => ['host' => 'x' database => 1]];\n",
		`syntax error, unexpected identifier "database", expecting "]"`, 2},
	{"missing comma before a key", "<?php\nreturn ['host' => 'localhost' 'dbname' => 'm'];\n",
		`syntax error, unexpected single-quoted string "dbname", expecting "]"`, 2},
	{"missing comma, double quotes", "<?php\nreturn [\"host\" => 'localhost' \"dbname\" => 'm'];\n",
		`syntax error, unexpected double-quoted string "dbname", expecting "]"`, 2},
	{"unclosed array", "<?php\nreturn ['a' => 1\n",
		`Unclosed '[' on line 2`, 3},
	{"unclosed inner array", "<?php\nreturn [\n    'a' => ['b' => 1, // ]\n    'c' => '[' . \"]\"\n",
		`Unclosed '[' on line 3`, 5},
	{"mismatched bracket", "<?php\nreturn ['a' => ['b' => 1)];\n",
		`Unclosed '[' does not match ')'`, 2},
	{"unmatched bracket", "<?php\nreturn ['a' => 1]];\n",
		`Unmatched ']'`, 2},
	{"missing semicolon at the end", "<?php\nreturn ['a' => 1]\n",
		`syntax error, unexpected end of file, expecting ";"`, 3},
	{"a keyword", "<?php\nreturn ['a' => 1] return;\n",
		`syntax error, unexpected token "return", expecting ";"`, 2},
	{"a variable", "<?php\nreturn ['a' => $x $y];\n",
		`syntax error, unexpected variable "$y", expecting "]"`, 2},
	{"a number", "<?php\nreturn ['a' => 1 2];\n",
		`syntax error, unexpected integer "2", expecting "]"`, 2},
	{"a stray semicolon", "<?php\nreturn ['a' => 1;];\n",
		`syntax error, unexpected token ";", expecting "]"`, 2},
	{"a long identifier", "<?php\nreturn ['a' => 'b' abcdefghijklmnopqrstuvwxyz0123456789];\n",
		`syntax error, unexpected identifier "abcdefghijklmnopqrstuvwxyz0123...", expecting "]"`, 2},
}

func TestPHP8Messages(t *testing.T) {
	for _, c := range php8Cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse("env.php", []byte(c.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if f.Err == nil {
				t.Fatal("no syntax error")
			}
			if f.Err.Msg != c.want {
				t.Errorf("message %q\nwant    %q", f.Err.Msg, c.want)
			}
			if line := f.Lines.Pos(f.Err.Pos.Offset).Line; line != c.line {
				t.Errorf("line %d, want %d", line, c.line)
			}
		})
	}
}

// A string that is not followed by => may be a secret value of a file
// whose secrets the redactor cannot know: its content is not quoted.
func TestPHP8MessageKeepsValueStringsOut(t *testing.T) {
	f, err := Parse("env.php", []byte("<?php\nreturn ['password' => 'abc' 'p4ssw0rd-secret'];\n"), Options{})
	if err != nil || f.Err == nil {
		t.Fatalf("%v %v", err, f.Err)
	}
	if strings.Contains(f.Err.Msg, "p4ssw0rd") || f.Err.Msg != `syntax error, unexpected single-quoted string, expecting "]"` {
		t.Errorf("message %q", f.Err.Msg)
	}
}

// TestPHP8MessagesAgainstPHP runs php -l on every case (skipped without
// php) to check the recorded wording is PHP's own.
func TestPHP8MessagesAgainstPHP(t *testing.T) {
	php, err := exec.LookPath("php")
	if err != nil {
		t.Skip("php not installed")
	}
	re := regexp.MustCompile(`Parse error: +(.*) in .* on line (\d+)`)
	for _, c := range php8Cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "env.php")
			if err := os.WriteFile(p, []byte(c.src), 0o600); err != nil {
				t.Fatal(err)
			}
			out, _ := exec.Command(php, "-n", "-d", "display_errors=stderr", "-l", p).CombinedOutput()
			m := re.FindStringSubmatch(string(out))
			if m == nil {
				t.Fatalf("php -l: %s", out)
			}
			if m[1] != c.want {
				t.Errorf("php -l says %q\nrecorded    %q", m[1], c.want)
			}
			if m[2] != strconv.Itoa(c.line) {
				t.Errorf("php -l line %s, recorded %d", m[2], c.line)
			}
		})
	}
}
