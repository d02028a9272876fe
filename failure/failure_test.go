package failure_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/failure"
)

func TestKindAndExitCode(t *testing.T) {
	_, statErr := os.Stat("/nonexistent/app/etc/env.php")
	_, cfgErr := config.Parse(".omslint.yaml", []byte("rules:\n  OMS101: sometimes\n"))
	if cfgErr == nil {
		t.Fatal("config.Parse accepted a wrong severity")
	}
	in := &failure.InputError{Path: "app/etc/env.php", Err: statErr}
	bug := &failure.InternalError{Msg: "rule OMS101 panicked: boom"}
	cases := []struct {
		name string
		err  error
		kind failure.Kind
		code int
	}{
		{"nil", nil, failure.Usage, failure.ExitOK},
		{"usage", failure.Usagef("unknown --format %q", "xml"), failure.Usage, failure.ExitUsage},
		{"plain error", errors.New("something"), failure.Usage, failure.ExitUsage},
		{"input", in, failure.Input, failure.ExitUsage},
		{"input wrapped", fmt.Errorf("--write: %w", in), failure.Input, failure.ExitUsage},
		{"config mistakes", cfgErr, failure.Input, failure.ExitUsage},
		{"internal", bug, failure.Internal, failure.ExitInternal},
		{"internal inside an input error", &failure.InputError{Path: "shop", Err: bug}, failure.Internal, failure.ExitInternal},
		{"findings", &failure.Exit{Code: failure.ExitFindings}, failure.Usage, failure.ExitFindings},
		{"exit wrapped", fmt.Errorf("lint: %w", &failure.Exit{Code: failure.ExitUsage}), failure.Usage, failure.ExitUsage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.err != nil {
				if got := failure.KindOf(c.err); got != c.kind {
					t.Errorf("KindOf(%v) = %v, want %v", c.err, got, c.kind)
				}
			}
			if got := failure.ExitCode(c.err); got != c.code {
				t.Errorf("ExitCode(%v) = %d, want %d", c.err, got, c.code)
			}
		})
	}
}

func TestMessages(t *testing.T) {
	_, statErr := os.Stat("/nonexistent/env.php")
	cases := []struct {
		err  error
		want string
	}{
		{&failure.InputError{Path: "app/etc/env.php", Err: errors.New("does not exist")}, "app/etc/env.php: does not exist"},
		{&failure.InputError{Path: "prod.env:2:44", Err: errors.New("unterminated quote")}, "prod.env:2:44: unterminated quote"},
		{&failure.InternalError{Msg: "rule OMS101 panicked"}, "internal error: rule OMS101 panicked"},
		{failure.Usagef("--as: %w", errors.New("unknown role")), "--as: unknown role"},
	}
	for _, c := range cases {
		if got := c.err.Error(); got != c.want {
			t.Errorf("Error() = %q, want %q", got, c.want)
		}
	}
	// The chain is kept: callers still ask what the cause was.
	if !errors.Is(&failure.InputError{Path: "x", Err: statErr}, fs.ErrNotExist) {
		t.Error("InputError does not unwrap to its cause")
	}
	if !errors.Is(failure.Usagef("--output: %w", statErr), fs.ErrNotExist) {
		t.Error("Usagef does not wrap with %w")
	}
}
