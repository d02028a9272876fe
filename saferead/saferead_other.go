//go:build !linux

package saferead

import "os"

// pseudoFS knows no pseudo file systems outside Linux: there the regular
// file check is the only one.
func pseudoFS(*os.File) error { return nil }
