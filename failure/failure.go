// Package failure is omslint's one error taxonomy: what kind of thing went
// wrong decides the exit code (docs/usage.md#exit-codes) and how the CLI
// prints it (cmd/omslint/errout.go).
//
//   - a usage error is the operator's: a flag, an argument, a value that
//     does not fit (exit 2);
//   - an input error is a file or folder that does not exist, cannot be
//     read or is wrong, named with its path and, where known, line and
//     column (exit 2);
//   - an internal error is a bug in omslint (exit 3).
//
// Findings are not errors: a run with findings at or above the fail-on
// severity exits 1 (Exit carries that code up to main).
package failure

import (
	"errors"
	"fmt"
	"io/fs"
)

// Exit codes (docs/usage.md#exit-codes).
const (
	ExitOK       = 0
	ExitFindings = 1
	ExitUsage    = 2 // usage and input errors
	ExitInternal = 3
)

// Kind is what an error is.
type Kind int

const (
	// Usage: the operator's flags or arguments; also any error that does
	// not say what it is (exit 2, as before there was a taxonomy).
	Usage Kind = iota
	// Input: a named file or folder that is missing, unreadable or wrong.
	Input
	// Internal: a bug.
	Internal
)

func (k Kind) String() string {
	switch k {
	case Input:
		return "input"
	case Internal:
		return "internal"
	}
	return "usage"
}

// ExitCode is the exit code of an error of kind k.
func (k Kind) ExitCode() int {
	if k == Internal {
		return ExitInternal
	}
	return ExitUsage
}

// Kinder is an error that says what it is; errors of other packages that
// are lists or reports of input errors (config.ErrorList, the engine's
// WriteError) implement it.
type Kinder interface {
	error
	FailureKind() Kind
}

// Lines is an error made of several messages, one per line (a config
// file's mistakes, a --fix that wrote some of its files): the CLI prints
// each as a line of its own, escaped on its own, so a name holding a
// newline inside one message cannot start a line.
type Lines interface {
	error
	Lines() []string
}

// UsageError is a wrong flag, argument or flag value.
type UsageError struct{ Err error }

func (e *UsageError) Error() string     { return e.Err.Error() }
func (e *UsageError) Unwrap() error     { return e.Err }
func (e *UsageError) FailureKind() Kind { return Usage }

// Usagef is a usage error with a formatted message (%w wraps).
func Usagef(format string, a ...any) error {
	return &UsageError{Err: fmt.Errorf(format, a...)}
}

// InputError is a named input that does not exist, cannot be read or is
// wrong. Path is the file or folder as the user would write it, with
// ":line:col" when the mistake has a position.
type InputError struct {
	Path string
	Err  error
}

func (e *InputError) Error() string     { return e.Path + ": " + e.Err.Error() }
func (e *InputError) Unwrap() error     { return e.Err }
func (e *InputError) FailureKind() Kind { return Input }

// PathInput is the InputError for err about path: the reason alone when
// err is a *fs.PathError, which would name the path a second time
// ("x: stat x: no such file or directory").
func PathInput(path string, err error) *InputError {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &InputError{Path: path, Err: err}
}

// InternalError is a bug in omslint; Stack is where it happened, when a
// panic was recovered.
type InternalError struct {
	Msg   string
	Stack string
}

func (e *InternalError) Error() string     { return "internal error: " + e.Msg }
func (e *InternalError) FailureKind() Kind { return Internal }

// Exit is an outcome already reported (findings printed, or errors printed
// one by one): it carries the exit code up to main without printing again.
type Exit struct{ Code int }

func (e *Exit) Error() string { return fmt.Sprintf("exit %d", e.Code) }

// KindOf is what err is: Internal when an internal error is anywhere in
// its chain (a bug stays a bug however it is wrapped), else the kind of
// the first error in the chain that says, else Usage.
func KindOf(err error) Kind {
	var ie *InternalError
	if errors.As(err, &ie) {
		return Internal
	}
	var k Kinder
	if errors.As(err, &k) {
		return k.FailureKind()
	}
	return Usage
}

// ExitCode is the exit code for err: 0 for nil, an Exit's own code, else
// its kind's.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ex *Exit
	if errors.As(err, &ex) {
		return ex.Code
	}
	return KindOf(err).ExitCode()
}
