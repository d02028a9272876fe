package rules

import (
	"strings"
	"testing"

	"github.com/omslint/omslint/phpconf"
)

// TestServiceBusNearMissFastPath: the allocation-free comparison agrees
// with the plain definition (lower-case, drop '_' and '-').
func TestServiceBusNearMissFastPath(t *testing.T) {
	ref := func(k phpconf.Key) bool {
		if k.IsInt || k.Dynamic || k.Str == ServiceBusKey {
			return false
		}
		s := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(k.Str))
		return s == "servicebus"
	}
	for _, s := range []string{
		"serviceBus", "servicebus", "service_bus", "Service-Bus", "SERVICEBUS", "service__bus_", "_servicebus",
		"servicebu", "servicebuss", "serviceBusX", "sservicebus", "", "_", "db", "servİcebus", "SERVİCEBUS_",
		"servicebus\u00e9", "servİcebusx", "Servіcebus", "service bus", "servicebus ", "sErViCe_-_BuS",
	} {
		k := phpconf.NormalizeStringKey(s)
		if got, want := serviceBusNearMiss(k), ref(k); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}
