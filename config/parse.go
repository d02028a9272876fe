package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

var topKeys = []string{"fail-on", "rules", "ignore", "secret-keys", "environments"}

var (
	failOnValues   = []string{SeverityError, SeverityWarning, SeverityInfo, FailOnNever}
	severityValues = []string{SeverityOff, SeverityError, SeverityWarning, SeverityInfo}
	ruleIDPattern  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^OMS[0-9]{3}$`) })
)

// MaxSize bounds the file: a real config is a few kilobytes, and the YAML
// library's cost on a huge document (or --config pointed at the wrong file)
// is not worth paying.
const MaxSize = 1 << 20

// Load reads and parses the config file at path. A file that cannot be read
// returns the os error unchanged (the CLI maps it to exit 2); a file that
// reads but is wrong returns an ErrorList.
func Load(path string) (*Config, error) {
	return LoadChecked(path, nil)
}

// LoadChecked is Load that also reports, among the file's other mistakes,
// every rule ID for which known is false ("OMS999 names no rule"), so one
// run lists them all.
func LoadChecked(path string, known func(id string) bool) (*Config, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return parse(path, data, known)
}

// Parse parses data as a config file; name is used in errors and kept as
// Config.Path. An empty file is a valid, empty config. On error the result
// is nil and the error is an ErrorList of every mistake found.
func Parse(name string, data []byte) (*Config, error) {
	return parse(name, data, nil)
}

func parse(name string, data []byte, known func(id string) bool) (*Config, error) {
	d := &decoder{file: name, known: known}
	if len(data) > MaxSize {
		return nil, ErrorList{{File: name, Msg: fmt.Sprintf("file is larger than %d bytes: not an omslint config file", MaxSize)}}
	}
	cfg := &Config{
		Path:         name,
		Rules:        map[string]RuleSetting{},
		Environments: map[string]*Environment{},
	}
	root, err := d.document(data)
	if err != nil {
		return nil, err
	}
	if root != nil {
		d.top(root, cfg)
	}
	if len(d.errs) > 0 {
		d.errs.sort()
		return nil, d.errs
	}
	return cfg, nil
}

var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

// document decodes the single YAML document of the file. yaml.v3 reports
// syntax errors as text ("yaml: line 3: ..."); the line is lifted out so
// syntax errors read like every other error.
func (d *decoder) document(data []byte) (root *yaml.Node, err error) {
	defer func() {
		// The YAML library is third-party code fed untrusted input; a panic
		// there must be a config error, not a crash of the linter.
		if r := recover(); r != nil {
			root, err = nil, ErrorList{{File: d.file, Msg: fmt.Sprintf("cannot read YAML: %v", r)}}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, ErrorList{d.syntaxError(err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, ErrorList{d.syntaxError(err)}
		}
		return nil, ErrorList{{File: d.file, Line: extra.Line, Col: extra.Column,
			Msg: "a second YAML document ('---'): the config file holds one"}}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

func (d *decoder) syntaxError(err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	e := &Error{File: d.file}
	if m := yamlLine().FindStringSubmatch(err.Error()); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	e.Msg = "invalid YAML: " + msg
	return e
}

func (d *decoder) top(root *yaml.Node, cfg *Config) {
	d.mapping(root, "", topKeys, func(k, v *yaml.Node) {
		switch k.Value {
		case "fail-on":
			cfg.FailOn, _ = d.enum(v, "fail-on", failOnValues)
		case "rules":
			d.rules(v, cfg)
		case "ignore":
			d.list(v, "ignore", false, func(it *yaml.Node) {
				if ig, ok := d.ignore(it); ok {
					cfg.Ignore = append(cfg.Ignore, ig)
				}
			})
		case "secret-keys":
			d.list(v, "secret-keys", false, func(it *yaml.Node) {
				if s, ok := d.secretKey(it); ok {
					cfg.Secrets = append(cfg.Secrets, s)
				}
			})
		case "environments":
			d.environments(v, cfg)
		}
	})
}

func (d *decoder) ruleID(n *yaml.Node, where string) (RuleRef, bool) {
	n = deref(n)
	if n.Kind != yaml.ScalarNode || !ruleIDPattern().MatchString(n.Value) {
		what := describe(n)
		if n.Kind == yaml.ScalarNode && !isNull(n) {
			what = "'" + n.Value + "'"
		}
		d.errorf(n, "%s: expected a rule ID like OMS113, got %s", where, what)
		return RuleRef{}, false
	}
	if d.known != nil && !d.known(n.Value) {
		// Reported, and the entry read on, so a mistake in its value is
		// listed too; the file is rejected either way.
		d.errorf(n, "%s names no rule (`omslint rules` lists them)", n.Value)
	}
	return RuleRef{ID: n.Value, Line: n.Line, Col: n.Column}, true
}

func (d *decoder) rules(v *yaml.Node, cfg *Config) {
	d.mapping(v, "rules", nil, func(k, val *yaml.Node) {
		ref, ok := d.ruleID(k, "rules")
		if !ok {
			return
		}
		if sev, ok := d.enum(val, "rules."+ref.ID, severityValues); ok {
			cfg.Rules[ref.ID] = RuleSetting{Severity: sev, Line: ref.Line, Col: ref.Col}
		}
	})
}

var ignoreKeys = []string{"path", "rules", "reason"}

// ignore reads one `ignore:` entry. All three keys are required: an entry
// without a path would silence rules everywhere (that is what `rules: off`
// is for, visibly), and one without a reason is a suppression nobody can
// later judge, the same reason `omslint-ignore` comments need one.
func (d *decoder) ignore(n *yaml.Node) (Ignore, bool) {
	n = deref(n)
	ig := Ignore{Line: n.Line, Col: n.Column}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "ignore: each entry must be a mapping with path, rules and reason, got %s", describe(n))
		return ig, false
	}
	before := len(d.errs)
	var has [3]bool
	d.mapping(n, "ignore", ignoreKeys, func(k, v *yaml.Node) {
		switch k.Value {
		case "path":
			has[0] = true
			f, ok := d.text(v, "ignore.path")
			if ok && d.checkIgnorePath(v, f) {
				ig.Path = f.Value
			}
		case "rules":
			has[1] = true
			d.list(v, "ignore.rules", true, func(it *yaml.Node) {
				if ref, ok := d.ruleID(it, "ignore.rules"); ok {
					ig.Rules = append(ig.Rules, ref.ID)
					ig.RuleRefs = append(ig.RuleRefs, ref)
				}
			})
			if len(ig.Rules) == 0 && len(d.errs) == before {
				d.errorf(deref(v), "ignore.rules: name at least one rule")
			}
		case "reason":
			has[2] = true
			f, ok := d.text(v, "ignore.reason")
			if ok && strings.TrimSpace(f.Value) == "" {
				d.errorf(deref(v), "ignore.reason: give a reason, so the next reader knows why the rules are silenced")
			}
			ig.Reason = f.Value
		}
	})
	for i, key := range ignoreKeys {
		if !has[i] {
			d.errorf(n, "ignore: entry has no '%s'", key)
		}
	}
	return ig, len(d.errs) == before
}

func (d *decoder) checkIgnorePath(n *yaml.Node, f Field) bool {
	n = deref(n)
	switch {
	case !f.Set || f.Value == "":
		d.errorf(n, "ignore.path: expected a file path relative to the Magento root")
	case strings.HasPrefix(f.Value, "/") || strings.Contains(f.Value, `\`):
		d.errorf(n, "ignore.path: '%s' must be relative to the Magento root and use '/'", f.Value)
	case strings.Contains(f.Value, "**"):
		// path.Match has no "**": it would match one folder level and
		// silently ignore nothing where gitignore-style globs are meant.
		d.errorf(n, "ignore.path: '%s': '**' is not supported (each '*' matches within one folder): name the path from the Magento root, such as app/etc/env.php or app/etc/*.php", f.Value)
	default:
		if _, err := path.Match(f.Value, ""); err != nil {
			d.errorf(n, "ignore.path: '%s' is not a valid glob pattern", f.Value)
			return false
		}
		return true
	}
	return false
}

// secretKey reads one dotted env.php key path (`db.connection.default.password`).
func (d *decoder) secretKey(n *yaml.Node) (string, bool) {
	f, ok := d.text(n, "secret-keys")
	if !ok {
		return "", false
	}
	if !f.Set || f.Value == "" || f.IsRef {
		d.errorf(deref(n), "secret-keys: expected a dotted env.php key path such as db.connection.default.password")
		return "", false
	}
	for _, seg := range strings.Split(f.Value, ".") {
		if strings.TrimSpace(seg) == "" {
			d.errorf(deref(n), "secret-keys: '%s' has an empty segment; expected a dotted key path such as db.connection.default.password", f.Value)
			return "", false
		}
	}
	return f.Value, true
}
