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
