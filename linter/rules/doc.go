// Package rules holds omslint's rules, one file per rule or small family,
// each registering itself with package linter. Rule IDs and names are a
// public contract (../../docs/rules, rules.md): never reuse or renumber.
package rules

import (
	"github.com/omslint/omslint/connector"
	"strings"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// ServiceBusKey is the exact top-level key the connector reads.
const ServiceBusKey = connector.ServiceBus

// phpSources returns env.php and, for a Magento root, config.php: the PHP
// files that the file-level rules (OMS0xx) check.
func phpSources(c *linter.Context) []*magento.PHPSource {
	out := []*magento.PHPSource{c.Project.Env}
	if c.Project.Config != nil {
		out = append(out, c.Project.Config)
	}
	return out
}

// serviceBusNearMiss reports whether a top-level key is a misspelling of
// serviceBus: equal after lower-casing and dropping '_' and '-'.
func serviceBusNearMiss(k phpconf.Key) bool {
	if k.IsInt || k.Dynamic || k.Str == ServiceBusKey {
		return false
	}
	// ASCII (every real key): compare in place, without allocating; this
	// runs for every top-level key of a file that may have thousands.
	const want = "servicebus"
	n := 0
	for i := 0; i < len(k.Str); i++ {
		c := k.Str[i]
		if c >= 0x80 {
			return strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(k.Str), "_", ""), "-", "") == want
		}
		if c == '_' || c == '-' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if n >= len(want) || want[n] != c {
			// Keep scanning for a non-ASCII byte, whose lower case may
			// still make a match (U+0130 lower-cases to 'i').
			n = len(want) + 1
			continue
		}
		n++
	}
	return n == len(want)
}

// serviceBus returns the top-level serviceBus element of env.php, or nil.
func serviceBus(c *linter.Context) *phpconf.Element {
	t := c.EnvTree()
	if t == nil {
		return nil
	}
	return t.Root.Get(ServiceBusKey)
}
