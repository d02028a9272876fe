package generator

import (
	"strings"
	"testing"

	"github.com/omslint/omslint/linter"
	_ "github.com/omslint/omslint/linter/rules"
	"github.com/omslint/omslint/magento"
)

// TestCheckValueAgreesWithTheRules: a URL the generator accepts gets no
// error or warning from the URL rules but OMS113's (which the generator
// notes instead), and one it refuses gets the finding it names. Bare
// development hosts, mapped IPv6 loopback and scheme case are where the
// generator's former copy of the predicates differed.
func TestCheckValueAgreesWithTheRules(t *testing.T) {
	for _, v := range []string{
		"https://mib.acme-retail.com/", "http://mib.acme-retail.com/", "HTTP://mib.acme-retail.com/",
		"http://local/", "http://test/", "http://localhost:8080/", "http://mom.test/", "http://shop.local/",
		"http://[::ffff:127.0.0.1]/", "http://10.0.0.5/", "http://169.254.1.1/", "http://0.0.0.0/",
		"https://mib.acme-retail.com", "https://u:p@mib.acme-retail.com/", "https://mib.acme-retail.com/?a=1",
		"https://mib.acme-retail.com/#x", "https://mib.acme-retail.com/?", "https:///", "mib.acme-retail.com/",
		"ftp://mib.acme-retail.com/", "https://mib acme.com/", "https://mib.acme-retail.com/a%2F/",
	} {
		src := "<?php\nreturn [\n    'serviceBus' => [\n        'url' => '" + v + "'\n    ]\n];\n"
		p, err := magento.LoadStdin(strings.NewReader(src), "env.php", "", magento.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		fs, err := linter.Run(p, linter.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var urlRules []string
		for _, f := range fs {
			if strings.HasPrefix(f.Rule, "OMS11") && f.Rule != "OMS113" && f.Severity >= linter.Warning {
				urlRules = append(urlRules, f.Rule)
			}
		}
		msg := checkValue("url", v)
		switch {
		case msg == "" && len(urlRules) > 0:
			t.Errorf("%q: generator accepts it, the linter reports %v", v, urlRules)
		case msg != "" && !strings.Contains(msg, "("+firstOr(urlRules)+")"):
			t.Errorf("%q: generator refuses it (%s), the linter reports %v", v, msg, urlRules)
		}
	}
}

func firstOr(ids []string) string {
	if len(ids) == 0 {
		return "nothing"
	}
	return ids[0]
}
