//go:build !unix

package atomicfile

import (
	"io/fs"
	"os"
)

func chown(*os.File, fs.FileInfo) error { return nil }

// syncDir is a no-op where folders cannot be synced.
func syncDir(string) error { return nil }
