package config

import "testing"

func TestStarterParses(t *testing.T) {
	c, err := Parse(FileName, []byte(Starter()))
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn == "" || len(c.Rules) == 0 || len(c.Ignore) == 0 || len(c.Secrets) == 0 || len(c.EnvOrder) == 0 {
		t.Errorf("a section is missing: %+v", c)
	}
	for _, name := range c.EnvOrder {
		env := c.Environments[name]
		if len(env.ServiceBus) != len(ServiceBusKeys) {
			t.Errorf("%s: %d service-bus keys, want all %d", name, len(env.ServiceBus), len(ServiceBusKeys))
		}
		for _, k := range ServiceBusKeys {
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
