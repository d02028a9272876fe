package rules

import "github.com/omslint/omslint/linter"

func init() {
	linter.Register(&linter.Rule{
		ID: "OMS002", Name: "not-config-array", Severity: linter.Error,
		Summary: "The file is valid PHP but does not return an array literal, so it cannot be checked (and Magento may not read it).",
		Check: func(c *linter.Context) {
			for _, s := range phpSources(c) {
				t := s.Tree
				if s.ReadErr != nil || t.Err != nil || t.Root != nil {
					continue
				}
				c.Report(s.Path, t.NoArraySpan, "", "%s; Magento expects `return [ ... ];` with an array literal", t.NoArray)
			}
		},
	})
}
