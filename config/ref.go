package config

import (
	"fmt"
	"os"
)

// parseRef recognises a whole-value `${NAME}` reference. NAME follows the
// shell's rules for variable names, so a reference in the file is something
// a CI system can actually export.
func parseRef(s string) (string, bool) {
	if len(s) < 4 || s[:2] != "${" || s[len(s)-1] != '}' {
		return "", false
	}
	name := s[2 : len(s)-1]
	for i, r := range name {
		switch {
		case r == '_', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return "", false
		}
	}
	return name, true
}

// RefError reports a reference whose variable is not set. It names the
// variable and where the file references it, never a value. The caller
// prefixes Config.Path: a Field does not carry its file.
type RefError struct {
	Name      string
	Line, Col int
}

func (e *RefError) Error() string {
	return fmt.Sprintf("%d:%d: environment variable %s is not set", e.Line, e.Col, e.Name)
}

// ExpandRef returns the value a field stands for: its literal value, or
// for a `${NAME}` reference the value of NAME from getenv (os.LookupEnv
// when getenv is nil). A variable that is set but empty expands to "";
// judging that is a rule's job. An unset field expands to "" without error.
func ExpandRef(f Field, getenv func(string) (string, bool)) (string, error) {
	if !f.IsRef {
		return f.Value, nil
	}
	if getenv == nil {
		getenv = os.LookupEnv
	}
	v, ok := getenv(f.RefName)
	if !ok {
		return "", &RefError{Name: f.RefName, Line: f.Line, Col: f.Col}
	}
	return v, nil
}
