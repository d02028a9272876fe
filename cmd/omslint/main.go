// Command omslint lints, fixes and generates the Magento 2 OMS connector
// configuration. Each subcommand lives in its own file and only wires flags
// to the packages that do the work; what an error is, and so its exit code,
// is package failure's.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/omslint/omslint/failure"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) (code int) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(os.Stderr, "omslint: internal error (a bug, please report it): %v\n", v)
			code = failure.ExitInternal
		}
	}()
	root := newRootCmd(args)
	root.SetArgs(args)
	err := root.Execute()
	code = failure.ExitCode(err)
	var ex *failure.Exit
	if err == nil || errors.As(err, &ex) {
		return code // nothing to print, or already printed
	}
	// An internal or input error is printed as itself, without what wraps
	// it: it names its file (or the bug) in full.
	var (
		ie *failure.InternalError
		in *failure.InputError
	)
	switch {
	case errors.As(err, &ie):
		printErr(os.Stderr, ie, " (a bug, please report it)")
	case errors.As(err, &in):
		printErr(os.Stderr, in, "")
	default:
		printErr(os.Stderr, err, "")
	}
	return code
}
