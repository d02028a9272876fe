package redact

import (
	"bytes"
	"strings"
)

// URLPasswordRanges returns the byte ranges of the credentials in URLs with
// user info, wherever they stand in s and whatever key holds the URL: the
// password of scheme://user:password@host, or the whole user info of
// scheme://token@host (a token in place of a user name, as Composer and
// Git accept). The user info runs to the last '@' before white space, so a
// password holding '@', '/', '#', '?' or a quote is masked whole; the part
// before the first ':' (the user) must look like one. Linear in len(s).
func URLPasswordRanges(s string) [][2]int {
	if !strings.Contains(s, "://") {
		return nil
	}
	var rs [][2]int
	for from := 0; ; {
		k := strings.Index(s[from:], "://")
		if k < 0 {
			return rs
		}
		sep := from + k
		from = sep + 3
		if !schemeBefore(s[:sep]) {
			continue
		}
		start := sep + 3
		end := start
		for end < len(s) && !isURLSpace(s[end]) && !strings.HasPrefix(s[end:], "://") {
			end++
		}
		rs = append(rs, queryCredentials(s, start, end)...)
		at := strings.LastIndexByte(s[start:end], '@')
		if at < 0 {
			continue
		}
		at += start
		info := s[start:at]
		user, _, hasPass := strings.Cut(info, ":")
		if strings.ContainsAny(user, "/?#@'\"\\") {
			continue
		}
		switch {
		case hasPass && at > start+len(user)+1:
			rs = append(rs, [2]int{start + len(user) + 1, at})
		case !hasPass && user != "" && !strings.ContainsAny(info, "/?#"):
			rs = append(rs, [2]int{start, at})
		}
		from = max(from, at+1)
	}
}

// queryCredentials returns the ranges of the values of query parameters
// that carry a credential (?access_token=…, &password=…, &key=…) in the URL
// s[start:end].
func queryCredentials(s string, start, end int) [][2]int {
	q := strings.IndexByte(s[start:end], '?')
	if q < 0 {
		return nil
	}
	var rs [][2]int
	for p := start + q + 1; p < end; {
		e := p
		for e < end && strings.IndexByte("&;#'\"\\`", s[e]) < 0 {
			e++
		}
		if name, _, ok := strings.Cut(s[p:e], "="); ok && isCredentialParam(name) && p+len(name)+1 < e {
			rs = append(rs, [2]int{p + len(name) + 1, e})
		}
		if e < end && s[e] != '&' && s[e] != ';' {
			break // a fragment, or the quote that ends the string
		}
		p = e + 1
	}
	return rs
}

// isCredentialParam reports whether a query parameter's value is a
// credential: a secret name (token, password, secret, their near misses)
// or one of the usual API-key names.
func isCredentialParam(name string) bool {
	switch strings.ToLower(name) {
	case "key", "apikey", "api_key", "api-key", "access_key", "sig", "signature", "auth", "private_token":
		return true
	}
	return IsSecretName(name)
}

// schemeBefore reports whether s ends with a URL scheme (a letter, then
// letters, digits, '+', '-', '.').
func schemeBefore(s string) bool {
	i := len(s)
	for i > 0 && isSchemeByte(s[i-1]) {
		i--
	}
	for i < len(s) && !isLetter(s[i]) {
		i++
	}
	return i < len(s)
}

func isSchemeByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isURLSpace(c byte) bool { return c <= ' ' || c == 0x7f }

// URLPasswordLines returns the 1-based lines of data that hold the password
// of a URL with user info: a diff treats them as secret lines.
func URLPasswordLines(data []byte) map[int]bool {
	out := map[int]bool{}
	// Line by line without splitting (or copying) the whole file; only a
	// line holding "://" is looked at closer.
	for n, rest := 1, data; ; n++ {
		line, after, more := bytes.Cut(rest, []byte{'\n'})
		if bytes.Contains(line, []byte("://")) && len(URLPasswordRanges(string(line))) > 0 {
			out[n] = true
		}
		if !more {
			return out
		}
		rest = after
	}
}
