package config

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// LoadFor finds and loads the config file of a Magento root: explicit when
// not empty (--config), else Find(root, cwd). The returned Config.Path is
// the path as the user would write it from cwd (relative when the file is
// under cwd). No file found is (nil, nil) unless explicit names one.
func LoadFor(root, cwd, explicit string) (*Config, error) {
	path := explicit
	if path == "" {
		p, ok := Find(root, cwd)
		if !ok {
			return nil, nil
		}
		path = p
	}
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(UserPath(path, cwd), data)
}

// UserPath is path as the user would write it from cwd: relative when it
// lies at or below cwd, else as given (slashes either way). Every place
// that names a found config file in a message asks here.
func UserPath(path, cwd string) string {
	if !filepath.IsAbs(path) || cwd == "" {
		return filepath.ToSlash(filepath.Clean(path))
	}
	abs, err := filepath.Abs(cwd)
	if err != nil {
		return filepath.ToSlash(path)
	}
	rel, err := filepath.Rel(abs, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

// Select returns the named environment, or an error naming the ones the
// file defines. A nil Config (no file) is an error too.
func (c *Config) Select(name string) (*Environment, error) {
	if c == nil {
		return nil, fmt.Errorf("--env %s: no %s found (omslint init writes one)", name, FileName)
	}
	if e, ok := c.Environments[name]; ok {
		return e, nil
	}
	names := append([]string(nil), c.EnvOrder...)
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("--env %s: %s defines no environments", name, c.Path)
	}
	return nil, fmt.Errorf("--env %s: %s has no such environment (it defines: %s)", name, c.Path, strings.Join(names, ", "))
}
