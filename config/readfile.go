package config

import "github.com/omslint/omslint/saferead"

// readFile reads a config file through saferead (a regular file on a real
// file system, never blocking, at most MaxSize bytes). Errors are
// *fs.PathError, like os.ReadFile's.
func readFile(path string) ([]byte, error) {
	data, _, err := saferead.ReadFile(path, MaxSize)
	return data, err
}
