// Command omslint lints, fixes and generates the Magento 2 OMS connector
// configuration. Each subcommand lives in its own file and only wires flags
// to the packages that do the work.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

// Exit codes (cli.md).
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
	exitInternal = 3
)

// exitError carries an exit code up to main without printing twice.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) (code int) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(os.Stderr, "omslint: internal error (a bug, please report it): %v\n", v)
			code = exitInternal
		}
	}()
	root := newRootCmd(args)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	var ie *linter.InternalError
	if errors.As(err, &ie) {
		printErr(os.Stderr, ie, " (a bug, please report it)")
		return exitInternal
	}
	var in *magento.InputError
	if errors.As(err, &in) {
		printErr(os.Stderr, in, "")
		return exitUsage
	}
	printErr(os.Stderr, err, "")
	return exitUsage
}
