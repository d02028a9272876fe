package magento

// ReadFile reads a regular file of at most max bytes (0: DefaultMaxSize),
// refusing FIFOs, devices and folders before opening so it never blocks.
// Errors are *InputError naming the path.
func ReadFile(path string, max int64) ([]byte, error) {
	s, err := readSource(path, LoadOptions{MaxSize: max})
	if err != nil {
		return nil, err
	}
	return s.Data, nil
}
