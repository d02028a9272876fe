// Package rules holds omslint's rules, one file per rule or small family,
// each registering itself with package linter. Rule IDs and names are a
// public contract (../../docs/rules, rules.md): never reuse or renumber.
package rules

import (
	"github.com/omslint/omslint/connector"
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// ServiceBusKey is the exact top-level key the connector reads.
const ServiceBusKey = connector.ServiceBus

// phpSources returns env.php and config.php, those present: the PHP files
// that the file-level rules (OMS0xx) check.
func phpSources(c *linter.Context) []*magento.PHPSource {
	var out []*magento.PHPSource
	for _, s := range []*magento.PHPSource{c.Project.Env, c.Project.Config} {
		if s != nil {
			out = append(out, s)
		}
	}
	return out
}

// serviceBusNearMiss reports whether a top-level key is a misspelling of
// serviceBus (magento.ServiceBusNearMiss).
func serviceBusNearMiss(k phpconf.Key) bool { return magento.ServiceBusNearMiss(k) }
