package doctor

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"sort"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/omslint/omslint/redact"
	"github.com/omslint/omslint/report"
)

// masker keeps secrets out of everything doctor prints: the project's
// redactor (env.php and config.php secrets, the config file's secret
// keys, values read from the environment), the client secret and the token
// received. Text from servers also loses its control characters.
type masker struct {
	r *redact.Redactor
	// exact are masked wherever they occur, however short: in a server's
	// answer a secret is never an innocent word (mom-mock's is "mom").
	exact []string
}

// minExact is the shortest value masked in server answers; one or two
// characters would mask half of any text.
const minExact = 3

func (m *masker) add(v string) {
	if len(v) < minExact {
		return
	}
	for _, e := range m.exact {
		if e == v {
			return
		}
	}
	m.exact = append(m.exact, v)
	// A form or a URL may echo it encoded.
	if q := url.QueryEscape(v); q != v {
		m.exact = append(m.exact, q)
	}
	if j, err := json.Marshal(v); err == nil {
		if s := string(j[1 : len(j)-1]); s != v {
			m.exact = append(m.exact, s)
		}
	}
	// Longest first, so a value is never half-masked by its prefix.
	sort.SliceStable(m.exact, func(i, j int) bool { return len(m.exact[i]) > len(m.exact[j]) })
	if m.r != nil {
		m.r.AddValue(v)
	}
}

// text masks every known secret in s and escapes control characters.
func (m *masker) text(s string) string {
	for _, e := range m.exact {
		s = strings.ReplaceAll(s, e, redact.Mask)
	}
	if m.r != nil {
		s = m.r.Masking().Value(s) // a server's text is a value, masked anywhere
	}
	return clean(s)
}

// url shows a URL without its userinfo, masked.
func (m *masker) url(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return m.text(raw)
	}
	if u.User == nil || u.Scheme == "" {
		return m.text(u.String())
	}
	u.User = nil
	s := u.String()
	return m.text(strings.Replace(s, "://", "://"+redact.Mask+"@", 1))
}

// excerptLen is the most of a server's answer a message quotes.
const excerptLen = 160

// excerpt is a short, single-line, secret-free quote of a body. Values of
// JSON members that name a token, secret or password are masked first.
func (m *masker) excerpt(body []byte) string {
	s := string(body)
	var v any
	if json.Unmarshal(body, &v) == nil {
		maskJSON(v)
		if b, err := json.Marshal(v); err == nil {
			s = string(b)
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	s = m.text(s)
	if len(s) > excerptLen {
		cut := excerptLen
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	if s == "" {
		return "(empty body)"
	}
	return s
}

func maskJSON(v any) {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			lk := strings.ToLower(k)
			if _, isStr := x.(string); isStr && (strings.Contains(lk, "token") || strings.Contains(lk, "secret") || strings.Contains(lk, "password") || redact.IsSecretKeyName(k)) {
				t[k] = redact.Mask
				continue
			}
			maskJSON(x)
		}
	case []any:
		for _, x := range t {
			maskJSON(x)
		}
	}
}

// clean writes visibly what could forge a line or reorder it (a server's
// text may carry terminal escapes, a host name from the settings bidi
// controls): report.Escape, the one home of that decision.
func clean(s string) string { return report.Escape(s) }

// describe says what went wrong with a connection or request in a person's
// words, without the URL (the check names its target) and masked. The
// deadline error says which deadline: the request's or the whole run's.
func (m *masker) describe(err error, reqTimeout time.Duration, overall context.Context) string {
	return m.text(describeErr(err, reqTimeout, overall))
}

func describeErr(err error, reqTimeout time.Duration, overall context.Context) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var (
		dnsErr   *net.DNSError
		unknown  x509.UnknownAuthorityError
		hostErr  x509.HostnameError
		invalid  x509.CertificateInvalidError
		verify   *tls.CertificateVerificationError
		record   tls.RecordHeaderError
		alertErr tls.AlertError
	)
	switch {
	case overallDone(overall) && (errors.Is(err, context.DeadlineExceeded) || isTimeout(err) || errors.Is(err, os.ErrDeadlineExceeded)):
		return "stopped at the overall deadline (--timeout)"
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fmt.Sprintf("no answer within %s (the request timeout)", reqTimeout)
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return fmt.Sprintf("%s does not resolve (no such host)", dnsErr.Name)
		}
		return fmt.Sprintf("DNS lookup of %s failed: %s", dnsErr.Name, dnsErr.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused (nothing listens on that port, or a firewall rejects it)"
	case errors.Is(err, syscall.ECONNRESET):
		return "the connection was reset by the peer"
	case errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH):
		return "no route to the host (network unreachable)"
	case errors.As(err, &verify):
		return describeErr(verify.Err, reqTimeout, overall)
	case errors.As(err, &hostErr):
		return certHostMessage(hostErr)
	case errors.As(err, &unknown):
		return "the certificate is signed by an unknown authority" + issuerOf(unknown.Cert) + " (a private CA needs --ca-file or SSL_CERT_FILE)"
	case errors.As(err, &invalid):
		if invalid.Reason == x509.Expired {
			return "the certificate has expired or is not yet valid: " + invalid.Detail
		}
		return "the certificate is not valid: " + invalid.Error()
	case errors.As(err, &record):
		return "the server did not answer with TLS (is the URL https to a plain-http port?)"
	case errors.As(err, &alertErr):
		return "the server ended the TLS handshake: " + alertErr.Error()
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Sprintf("no answer within %s (the request timeout)", reqTimeout)
	}
	return err.Error()
}

// overallDone reports whether the run's deadline has passed, or is so
// close that it, not the request timeout, ended a request (a connection's
// deadline and the context's timer fire at the same moment).
func overallDone(overall context.Context) bool {
	if overall == nil {
		return false
	}
	if overall.Err() != nil {
		return true
	}
	dl, ok := overall.Deadline()
	return ok && time.Until(dl) < 50*time.Millisecond
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func issuerOf(c *x509.Certificate) string {
	if c == nil || c.Issuer.CommonName == "" {
		return ""
	}
	return fmt.Sprintf(" (issuer %q)", c.Issuer.CommonName)
}

func certHostMessage(e x509.HostnameError) string {
	names := e.Certificate.DNSNames
	for _, ip := range e.Certificate.IPAddresses {
		names = append(names, ip.String())
	}
	if len(names) == 0 && e.Certificate.Subject.CommonName != "" {
		names = []string{e.Certificate.Subject.CommonName}
	}
	if len(names) > 6 {
		names = append(names[:6], "…")
	}
	return fmt.Sprintf("the certificate does not name %s (it names %s)", e.Host, strings.Join(names, ", "))
}
