package doctor

import (
	"reflect"
	"strings"
	"testing"

	"github.com/omslint/omslint/config"
)

func TestProfileAggregates(t *testing.T) {
	vars := map[string]string{"OMS_STOCK": "eu-stock", "OMS_CHANNEL": "acme-eu"}
	getenv := func(n string) (string, bool) { v, ok := vars[n]; return v, ok }
	cases := []struct {
		name, channels string
		want           []Aggregate
		err            string
	}{
		{"none", "    sales-channels: []\n", []Aggregate{}, ""},
		{"one literal", "    sales-channels:\n      - id: acme-web\n        website: base\n        stock-aggregate: main\n",
			[]Aggregate{{Code: "main", Label: "main", Channel: "acme-web"}}, ""},
		{"a list", "    sales-channels:\n      - id: acme-web\n        website: base\n        stock-aggregates: [main, outlet]\n",
			[]Aggregate{{Code: "main", Label: "main", Channel: "acme-web"}, {Code: "outlet", Label: "outlet", Channel: "acme-web"}}, ""},
		{"references labelled by name", "    sales-channels:\n      - id: ${OMS_CHANNEL}\n        website: base\n        stock-aggregate: ${OMS_STOCK}\n",
			[]Aggregate{{Code: "eu-stock", Label: "${OMS_STOCK}", Channel: "${OMS_CHANNEL}"}}, ""},
		{"unset reference", "    sales-channels:\n      - id: acme-web\n        website: base\n        stock-aggregate: ${OMS_UNSET}\n",
			nil, "--env staging: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := config.Parse(".omslint.yaml", []byte("environments:\n  staging:\n    kind: preproduction\n"+c.channels))
			if err != nil {
				t.Fatal(err)
			}
			env, err := cfg.Select("staging")
			if err != nil {
				t.Fatal(err)
			}
			got, err := ProfileAggregates(env, getenv)
			if c.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), c.err) || !strings.Contains(err.Error(), "OMS_UNSET") {
					t.Fatalf("err = %v, want one starting %q naming OMS_UNSET", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
			for _, a := range got {
				if strings.Contains(a.Label, "eu-stock") || strings.Contains(a.Channel, "acme-eu") {
					t.Errorf("a value from the environment is in a label: %+v", a)
				}
			}
		})
	}
}
