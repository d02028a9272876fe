package magento

import "bytes"

// ReadFile reads a regular file of at most max bytes (0: DefaultMaxSize),
// refusing FIFOs, devices and folders before opening so it never blocks.
// Errors are *failure.InputError naming the path.
func ReadFile(path string, max int64) ([]byte, error) {
	s, err := readSource(path, LoadOptions{MaxSize: max})
	if err != nil {
		return nil, err
	}
	return s.Data, nil
}

// LooksLikePHP reports whether data holds a PHP open tag (`<?php`, `<?=`
// or a short `<?`) anywhere. A file without one is not PHP at all (PHP
// would print it verbatim): reports never show its lines, since an env.php
// linked to /etc/shadow or a key file would print a secret.
func LooksLikePHP(data []byte) bool { return bytes.Contains(data, []byte("<?")) }

// LooksLikeJSON reports whether data starts (after white space and a
// UTF-8 byte order mark) like a JSON document, or is empty. A composer or
// auth file that does not is not JSON at all, and reports never show its
// lines (see LooksLikePHP).
func LooksLikeJSON(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) == 0 || data[0] == '{' || data[0] == '['
}
