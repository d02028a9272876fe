package effective

import (
	"strings"
	"testing"
)

func TestParseEnvFile(t *testing.T) {
	src := "\uFEFF# comment\n\n  export A=1\r\nB = two words # comment\nC='{\"a\": 1} # not a comment'\nD=\"x\\\"y\\n\"\nE=\nF\nG=a#b\nA=last\n"
	f, err := ParseEnvFile("prod.env", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	env := NewEnv(nil)
	if err := env.AddFile("prod.env", []byte(src), func(n string) (string, bool) {
		if n == "F" {
			return "from-process", true
		}
		return "", false
	}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"A": "last", "B": "two words", "C": `{"a": 1} # not a comment`, "D": "x\"y\n", "E": "", "F": "from-process", "G": "a#b"}
	for name, val := range want {
		v, ok := env.Lookup(name)
		if !ok || v.Value != val {
			t.Errorf("%s = %q (%v), want %q", name, v.Value, ok, val)
		}
	}
	if len(f.Vars) != 8 {
		t.Errorf("%d vars", len(f.Vars))
	}
	c, _ := env.Lookup("C")
	if c.Quote != '\'' || c.Line != 5 || !c.Exact {
		t.Errorf("C: %+v", c)
	}
	// Offsets into an exact value map to the file: column of 'a' in C.
	if file, sp := c.Where(2); file != "prod.env" || sp.Start.Line != 5 || sp.Start.Col != 6 {
		t.Errorf("C at 2: %s %+v", file, sp.Start)
	}
	if file, sp := c.WhereValue(); sp.Start.Col != 3 || file != "prod.env" {
		t.Errorf("C value: %+v", sp)
	}
}

func TestEnvFileErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"A=1\n1A=2\n", "prod.env:2:1: expected NAME=VALUE"},
		{"A='open\n", "prod.env:1:3: the quote ' is not closed"},
		{"A=\"x\" y\n", "prod.env:1:7: text after the closing quote"},
		{"p@ss w0rd-hunter2\n", "prod.env:1:1: expected NAME=VALUE"},
		{"A=\xff\n", "not UTF-8"},
	} {
		_, err := ParseEnvFile("prod.env", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.src, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("the error shows the line's text: %v", err)
		}
	}
}

func TestProcessVarWhere(t *testing.T) {
	env := NewEnv([]string{"MAGENTO_DC__OVERRIDE={\"serviceBus\":1}", "BAD", "=x"})
	v, ok := env.Lookup(OverrideVar)
	if !ok {
		t.Fatal("not found")
	}
	if file, sp := v.Where(14); file != "$MAGENTO_DC__OVERRIDE" || sp.Start.Line != 1 || sp.Start.Col != 15 {
		t.Errorf("%s %+v", file, sp.Start)
	}
	if len(env.Vars()) != 1 {
		t.Errorf("vars %d", len(env.Vars()))
	}
	var unknown *Env
	if unknown.Known() || unknown.Vars() != nil {
		t.Error("a nil Env is unknown")
	}
	if _, ok := unknown.Lookup("PATH"); ok {
		t.Error("a nil Env has no variables")
	}
}
