package rules

import (
	"github.com/omslint/omslint/effective"
	"github.com/omslint/omslint/linter"
)

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS135", Name: "env-file-quoted", Severity: linter.Warning,
		Summary: "An env file value is wrapped in quotes, which docker run --env-file keeps as part of the value.",
		Check: func(c *linter.Context) {
			env := c.Environment()
			if env == nil {
				return
			}
			for _, f := range env.Files {
				for _, v := range f.Vars {
					if v.Quote == 0 {
						continue
					}
					what := "the value then starts and ends with the quote"
					if v.Name == effective.OverrideVar {
						what = "Magento then cannot decode the JSON and ignores the override without a message"
					}
					file, span := v.WhereValue()
					c.Report(file, span, "", "%s's value is in %s quotes, which docker run --env-file keeps as part of the value (compose's env_file removes them): %s; write %s=VALUE without quotes",
						linter.Plain(v.Name), linter.Plain(quoteName(v.Quote)), linter.Plain(what), linter.Plain(v.Name))
				}
			}
		},
	})
}

func quoteName(q byte) string {
	if q == '"' {
		return "double"
	}
	return "single"
}
