package rules

import (
	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
)

// lockedConnector returns the locked magento/mcom-connector entry and its
// parsed version, when a readable composer.lock locks a release (not a
// branch) of it.
func lockedConnector(c *linter.Context) (magento.LockedPackage, magento.Version, bool) {
	p := c.Project
	if p.ComposerLock == nil {
		return magento.LockedPackage{}, magento.Version{}, false
	}
	lp, ok := p.LockedConnector()
	if !ok {
		return lp, magento.Version{}, false
	}
	v, err := magento.ParseVersion(lp.Version)
	if err != nil || v.IsBranch() {
		return lp, magento.Version{}, false
	}
	return lp, v, true
}
