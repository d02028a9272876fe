package effective

import (
	"fmt"
	"sort"
	"strings"

	"github.com/omslint/omslint/phpconf"
)

// Var is one environment variable as omslint knows it.
type Var struct {
	Name, Value string
	// File is the env file that set it; "" for the process environment.
	File string
	// Line is its line in File (1-based); 0 for the process environment.
	Line int
	// ValueStart is the byte offset of the value's first character in
	// File (after an opening quote).
	ValueStart int
	// Quote is the quote character that wrapped the value in File ('\''
	// or '"'), 0 when unquoted. docker run --env-file keeps such quotes
	// as part of the value (OMS135); compose and omslint strip them.
	Quote byte
	// Exact is true when the value's bytes appear unchanged in File from
	// ValueStart (no escapes were decoded), so offsets into the value map
	// to offsets in the file.
	Exact bool
	// file is the parsed env file, for positions.
	file *EnvFile
	// inherit marks a line `NAME` without '=': the value is the process's.
	inherit bool
}

// Where is how findings name the variable's place: the env file (with the
// position of the value, or of offset off into it), or "$NAME" for the
// process environment, where the column is the position in the value.
func (v *Var) Where(off int) (file string, span phpconf.Span) {
	if v.file == nil {
		col := 1 + len([]rune(v.Value[:min(max(off, 0), len(v.Value))]))
		p := phpconf.Pos{Offset: off, Line: 1, Col: col}
		return "$" + v.Name, phpconf.Span{Start: p, End: phpconf.Pos{Offset: off + 1, Line: 1, Col: col + 1}}
	}
	start := v.ValueStart
	if v.Exact {
		start += min(max(off, 0), len(v.Value))
	}
	end := start + 1
	if ls, le := v.file.Lines.LineBounds(v.Line); end > le || start < ls {
		end = min(max(start, ls), le)
	}
	return v.File, v.file.Lines.Span(start, end)
}

// WhereValue is the span of the whole value in its env file, quotes
// included (the process environment: as Where).
func (v *Var) WhereValue() (string, phpconf.Span) {
	if v.file == nil {
		return v.Where(0)
	}
	start := v.ValueStart
	if v.Quote != 0 {
		start--
	}
	_, le := v.file.Lines.LineBounds(v.Line)
	end := le
	for end > start && (v.file.Data[end-1] == '\n' || v.file.Data[end-1] == '\r') {
		end--
	}
	return v.File, v.file.Lines.Span(start, max(end, start))
}

// Describe names the variable for a message: "MAGENTO_DC__OVERRIDE" or
// "MAGENTO_DC__OVERRIDE at prod.env:3".
func (v *Var) Describe() string {
	if v.File == "" {
		return v.Name
	}
	return fmt.Sprintf("%s at %s:%d", v.Name, v.File, v.Line)
}

// Env is the environment omslint resolves references against: nil or
// not Known means the environment is not known (no --resolve-env, no
// --env-file), so values read from it are not checkable.
type Env struct {
	vars map[string]*Var
	// Files are the env files read, in the order given.
	Files []*EnvFile
}

// NewEnv returns a known environment holding the process variables
// environ ("NAME=VALUE" strings, os.Environ's form); nil environ gives an
// environment with only what env files add.
func NewEnv(environ []string) *Env {
	e := &Env{vars: map[string]*Var{}}
	for _, kv := range environ {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || name == "" {
			continue
		}
		e.vars[name] = &Var{Name: name, Value: val, Exact: true}
	}
	return e
}

// Known reports whether values from the environment can be resolved.
func (e *Env) Known() bool { return e != nil }

// Lookup returns a variable, the env files' over the process's, and the
// last env file's over earlier ones.
func (e *Env) Lookup(name string) (*Var, bool) {
	if e == nil {
		return nil, false
	}
	v, ok := e.vars[name]
	return v, ok
}

// Vars returns every variable, sorted by name.
func (e *Env) Vars() []*Var {
	if e == nil {
		return nil
	}
	out := make([]*Var, 0, len(e.vars))
	for _, v := range e.vars {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// AddFile reads an env file (see ParseEnvFile); its variables win over
// those already known. A variable named without '=' takes the value the
// process environment had (lookup; docker and compose do the same).
func (e *Env) AddFile(path string, data []byte, lookup func(string) (string, bool)) error {
	f, err := ParseEnvFile(path, data)
	if err != nil {
		return err
	}
	e.Files = append(e.Files, f)
	for _, v := range f.Vars {
		if v.inherit {
			pv, ok := lookup(v.Name)
			if !ok {
				continue
			}
			v.Value, v.Exact = pv, false
		}
		e.vars[v.Name] = v
	}
	return nil
}
