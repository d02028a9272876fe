package magento

// findRoots collects what WalkRoots hands over: the sorted list of roots
// the tests compare.
func findRoots(dir string) (roots []string, errs []error) {
	roots, errs, _ = findRootsCounting(dir)
	return roots, errs
}

// findRootsCounting is findRoots with WalkRoots' count of folder links not
// followed.
func findRootsCounting(dir string) (roots []string, errs []error, outLinks int) {
	errs, outLinks = WalkRoots(dir, func(root string) { roots = append(roots, root) })
	return roots, errs, outLinks
}
