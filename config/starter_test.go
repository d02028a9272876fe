package config

import (
	"strings"
	"testing"

	"github.com/omslint/omslint/connector"
)

// TestStarterChangesNothing: as written, the starter is all comments: no
// fail-on, rule change, ignore, secret key or profile is active.
func TestStarterChangesNothing(t *testing.T) {
	c, err := Parse(FileName, []byte(Starter()))
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != "" || len(c.Rules) != 0 || len(c.Ignore) != 0 || len(c.Secrets) != 0 || len(c.Environments) != 0 {
		t.Errorf("the starter activates something: %+v", c)
	}
	for i, l := range strings.Split(Starter(), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			t.Errorf("line %d is not a comment: %q", i+1, l)
		}
	}
}

// TestStarterParses: uncommented, the examples are a complete, valid file.
func TestStarterParses(t *testing.T) {
	c, err := Parse(FileName, []byte(uncomment(Starter())))
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn == "" || len(c.Rules) == 0 || len(c.Ignore) == 0 || len(c.Secrets) == 0 || len(c.EnvOrder) == 0 {
		t.Errorf("a section is missing: %+v", c)
	}
	for _, name := range c.EnvOrder {
		env := c.Environments[name]
		for _, k := range connector.Keys {
			if _, ok := env.ServiceBus[k.YAML]; !ok && !k.Optional {
				t.Errorf("%s: no service-bus key %s: the starter lists every required key", name, k.YAML)
			}
			if f := env.ServiceBus[k.YAML]; k.Secret && !f.IsRef {
				t.Errorf("%s.%s: the starter must reference secrets, not hold them", name, k.YAML)
			}
		}
		for _, sc := range env.SalesChannels {
			if _, ok := sc.StockAggregate(); !ok {
				t.Errorf("%s: channel without exactly one aggregate", name)
			}
		}
	}
}

// uncomment removes the "# " that comments out each example line of the
// starter (prose lines, "##", stay comments).
func uncomment(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "# ") || l == "#" {
			lines[i] = strings.TrimPrefix(strings.TrimPrefix(l, "#"), " ")
		}
	}
	return strings.Join(lines, "\n")
}
