package doctor

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/omslint/omslint/redact"
	"github.com/omslint/omslint/saferead"
)

// Defaults (docs/doctor.md).
const (
	DefaultTimeout        = 20 * time.Second
	DefaultRequestTimeout = 10 * time.Second
	// ExpiryWarning: a certificate that expires sooner is a warning.
	ExpiryWarning = 14 * 24 * time.Hour
	// CallbackSlow: a callback probe slower than this is a warning (the
	// bus gives up on slow callbacks; the KB's "MOM times out connecting
	// to a local environment").
	CallbackSlow = 5 * time.Second
)

// Aggregate is one stock aggregate a profile's sales channel names.
type Aggregate struct {
	Code string
	// Label is how reports name it: the code, or the ${NAME} reference
	// it was read from (values from the environment are never printed).
	Label   string
	Channel string // the sales channel id, for messages
}

// Options configure a run.
type Options struct {
	Settings Settings
	// Aggregates are the profile's stock aggregates; nil without --env.
	Aggregates []Aggregate
	// Env is the profile name (--env), "" without one.
	Env string
	// Callback runs OMS707.
	Callback bool
	// Timeout bounds the whole run (default DefaultTimeout);
	// RequestTimeout each connection and request (DefaultRequestTimeout,
	// never past the overall deadline).
	Timeout, RequestTimeout time.Duration
	// CAFile is a PEM file of extra trusted CAs (--ca-file), added to the
	// system pool (which honours SSL_CERT_FILE and SSL_CERT_DIR).
	CAFile string
	// Proxy picks the proxy for a request; nil is
	// http.ProxyFromEnvironment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).
	Proxy func(*http.Request) (*url.URL, error)
	// Redactor knows the project's secrets; the client secret and the
	// token received are added to it.
	Redactor *redact.Redactor
	// UserAgent is sent with every request.
	UserAgent string
	// Now is the clock for certificate dates (tests); nil is time.Now.
	Now func() time.Time
}

// ErrCAFile is returned when --ca-file holds no certificate.
var ErrCAFile = errors.New("no PEM certificate in the file")

type runner struct {
	opts    Options
	ctx     context.Context // the overall deadline
	roots   *x509.CertPool
	client  *http.Client
	mask    *masker
	report  *Report
	token   string
	tokenOK bool
}

// Run runs the checks. The error is for usage problems only (an unreadable
// --ca-file); everything that goes wrong on the network is a result.
func Run(ctx context.Context, opts Options) (*Report, error) {
	start := time.Now()
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = DefaultRequestTimeout
	}
	if opts.Proxy == nil {
		opts.Proxy = http.ProxyFromEnvironment
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "omslint-doctor"
	}
	roots, err := loadRoots(opts.CAFile)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	r := &runner{opts: opts, ctx: ctx, roots: roots, mask: &masker{r: opts.Redactor}, report: &Report{}}
	for _, s := range opts.Settings.Secrets() {
		r.mask.add(s)
	}
	r.client = r.newClient()
	defer r.client.CloseIdleConnections()

	bus := r.checkEndpoints()
	r.checkOAuth(bus["oauth_server_url"])
	r.checkBus(bus["url"])
	r.checkCallback()
	r.checkAggregates(bus["url"])
	r.report.Elapsed = time.Since(start)
	return r.report, nil
}

// caFileMax bounds --ca-file (a full Mozilla bundle is some 220 KB).
const caFileMax = 16 << 20

func loadRoots(caFile string) (*x509.CertPool, error) {
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if caFile == "" {
		return pool, nil
	}
	// saferead: a FIFO or device named as --ca-file is refused, not read
	// until the deadline (it blocked past --timeout).
	pem, _, err := saferead.ReadFile(caFile, caFileMax)
	if err != nil {
		return nil, fmt.Errorf("--ca-file: %w", err)
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("--ca-file %s: %w", caFile, ErrCAFile)
	}
	return pool, nil
}

func (r *runner) newClient() *http.Client {
	t := &http.Transport{
		Proxy:                 r.opts.Proxy,
		DialContext:           (&net.Dialer{Timeout: r.opts.RequestTimeout}).DialContext,
		TLSClientConfig:       &tls.Config{RootCAs: r.roots, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:   r.opts.RequestTimeout,
		ResponseHeaderTimeout: r.opts.RequestTimeout,
		ForceAttemptHTTP2:     true,
		MaxIdleConnsPerHost:   2,
	}
	return &http.Client{
		Transport: t,
		// A redirect is an answer: doctor reports it and never follows
		// (a POST would lose its body, and credentials stay on one host).
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// reqCtx is the context of one request: its own timeout, never past the
// overall deadline.
func (r *runner) reqCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.ctx, r.opts.RequestTimeout)
}

func (r *runner) add(res Result) {
	if res.Name == "" {
		res.Name = checkName(res.ID)
	}
	// Every piece was masked where it was made; once more here, so a
	// message built later cannot forget (masking is idempotent).
	res.Target, res.Message = r.mask.text(res.Target), r.mask.text(res.Message)
	for i, d := range res.Details {
		res.Details[i] = r.mask.text(d)
	}
	r.report.Checks = append(r.report.Checks, res)
}

// deadlinePassed adds a skipped result when the overall deadline has
// passed, and says so.
func (r *runner) deadlinePassed(id, target string) bool {
	if r.ctx.Err() == nil {
		return false
	}
	r.add(Result{ID: id, Target: target, Status: Skip, Message: fmt.Sprintf("not run: the overall deadline (--timeout %s) passed", r.opts.Timeout)})
	return true
}

// endpoint is one scheme://host:port that url and/or oauth_server_url
// point at: DNS, TCP and TLS are checked once for both when they share it.
type endpoint struct {
	keys []string
	u    *url.URL
	// ok is true when the endpoint can carry requests; why says why not.
	ok  bool
	why string
}

func (e *endpoint) target() string {
	return strings.Join(e.keys, ", ") + " " + e.u.Host
}

// checkEndpoints runs OMS701-OMS704 for url and oauth_server_url and
// returns each key's endpoint (nil when the key has no usable URL).
func (r *runner) checkEndpoints() map[string]*endpoint {
	out := map[string]*endpoint{}
	var eps []*endpoint
	for _, kv := range []struct {
		key string
		v   Value
	}{{"url", r.opts.Settings.URL}, {"oauth_server_url", r.opts.Settings.OAuthServerURL}} {
		u, why := parseHTTPURL(kv.v)
		if u == nil {
			r.add(Result{ID: IDDNS, Target: kv.key, Status: Fail, Message: "serviceBus." + kv.key + " " + why})
			for _, id := range []string{IDTCP, IDTLS, IDCertExpiry} {
				r.add(Result{ID: id, Target: kv.key, Status: Skip, Message: "not run: serviceBus." + kv.key + " has no usable URL"})
			}
			continue
		}
		var same *endpoint
		for _, e := range eps {
			if e.u.Scheme == u.Scheme && e.u.Host == u.Host && e.u.Port() == u.Port() {
				same = e
			}
		}
		if same != nil {
			same.keys = append(same.keys, kv.key)
			out[kv.key] = same
			continue
		}
		e := &endpoint{keys: []string{kv.key}, u: u}
		eps = append(eps, e)
		out[kv.key] = e
	}
	for _, e := range eps {
		r.checkEndpoint(e)
	}
	return out
}

// parseHTTPURL returns the URL of a setting when it is an absolute http(s)
// URL with a host, else nil and why not.
func parseHTTPURL(v Value) (*url.URL, string) {
	switch {
	case !v.Set:
		return nil, v.notSet()
	case v.Why != "":
		return nil, v.Why
	case strings.TrimSpace(v.Text) == "":
		return nil, "is empty"
	}
	u, err := url.Parse(strings.TrimSpace(v.Text))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Hostname() == "" {
		return nil, "is not an absolute http(s) URL with a host (see `omslint lint`, OMS110)"
	}
	return u, ""
}

func defaultPort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "http" {
		return "80"
	}
	return "443"
}

func (r *runner) checkEndpoint(e *endpoint) {
	target := e.target()
	host, port := e.u.Hostname(), defaultPort(e.u)
	proxy, err := r.opts.Proxy(&http.Request{Method: http.MethodGet, URL: e.u, Header: http.Header{}})
	if err != nil {
		proxy = nil
	}
	dialHost, dialPort, via := host, port, ""
	if proxy != nil {
		dialHost, dialPort = proxy.Hostname(), defaultPort(proxy)
		via = " (via the proxy " + r.mask.url(proxy.String()) + ")"
	}
	skipRest := func(from int, why string) {
		ids := []string{IDDNS, IDTCP, IDTLS, IDCertExpiry}
		for _, id := range ids[from:] {
			r.add(Result{ID: id, Target: target, Status: Skip, Message: "not run: " + why})
		}
		e.why = why
	}

	// OMS701 dns
	if r.deadlinePassed(IDDNS, target) {
		skipRest(1, "the overall deadline passed")
		return
	}
	start := time.Now()
	if ip := net.ParseIP(dialHost); ip != nil {
		r.add(Result{ID: IDDNS, Target: target, Status: Pass, Message: dialHost + " is an IP address: nothing to resolve" + via})
	} else {
		ctx, cancel := r.reqCtx()
		addrs, err := net.DefaultResolver.LookupHost(ctx, dialHost)
		cancel()
		if err != nil {
			r.add(Result{ID: IDDNS, Target: target, Status: Fail, Duration: time.Since(start), Message: r.mask.describe(err, r.opts.RequestTimeout, r.ctx) + via})
			skipRest(1, IDDNS+" failed")
			return
		}
		if len(addrs) > 4 {
			addrs = append(addrs[:4], "…")
		}
		r.add(Result{ID: IDDNS, Target: target, Status: Pass, Duration: time.Since(start), Message: fmt.Sprintf("%s resolves to %s%s", dialHost, strings.Join(addrs, ", "), via)})
	}

	// OMS702 tcp
	if r.deadlinePassed(IDTCP, target) {
		skipRest(2, "the overall deadline passed")
		return
	}
	start = time.Now()
	ctx, cancel := r.reqCtx()
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", net.JoinHostPort(dialHost, dialPort))
	if err != nil {
		r.add(Result{ID: IDTCP, Target: target, Status: Fail, Duration: time.Since(start), Message: fmt.Sprintf("%s: %s%s", net.JoinHostPort(dialHost, dialPort), r.mask.describe(err, r.opts.RequestTimeout, r.ctx), via)})
		skipRest(2, IDTCP+" failed")
		return
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	if proxy != nil {
		if err := r.connectProxy(conn, proxy, net.JoinHostPort(host, port)); err != nil {
			r.add(Result{ID: IDTCP, Target: target, Status: Fail, Duration: time.Since(start), Message: r.mask.text(err.Error())})
			skipRest(2, IDTCP+" failed")
			return
		}
	}
	r.add(Result{ID: IDTCP, Target: target, Status: Pass, Duration: time.Since(start), Message: "connected to " + conn.RemoteAddr().String() + via})

	// OMS703 tls, OMS704 certificate-expiry
	if e.u.Scheme != "https" {
		r.add(Result{ID: IDTLS, Target: target, Status: Skip, Message: "not run: the URL is http, there is no TLS (lint reports plain http: OMS111)"})
		r.add(Result{ID: IDCertExpiry, Target: target, Status: Skip, Message: "not run: the URL is http"})
		e.ok = true
		return
	}
	if r.deadlinePassed(IDTLS, target) {
		skipRest(3, "the overall deadline passed")
		return
	}
	start = time.Now()
	tc := tls.Client(conn, &tls.Config{
		ServerName: host, MinVersion: tls.VersionTLS12,
		// Verified below, by hand, so that a failed verification still
		// yields the certificates for OMS704 and a precise message.
		InsecureSkipVerify: true, //nolint:gosec
		NextProtos:         []string{"h2", "http/1.1"},
	})
	if err := tc.HandshakeContext(ctx); err != nil {
		r.add(Result{ID: IDTLS, Target: target, Status: Fail, Duration: time.Since(start), Message: "TLS handshake with " + host + " failed: " + r.mask.describe(err, r.opts.RequestTimeout, r.ctx)})
		skipRest(3, IDTLS+" failed")
		return
	}
	state := tc.ConnectionState()
	certs := state.PeerCertificates
	if len(certs) == 0 {
		r.add(Result{ID: IDTLS, Target: target, Status: Fail, Duration: time.Since(start), Message: "the server sent no certificate"})
		skipRest(3, IDTLS+" failed")
		return
	}
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		inter.AddCert(c)
	}
	_, verr := certs[0].Verify(x509.VerifyOptions{DNSName: host, Roots: r.roots, Intermediates: inter, CurrentTime: r.opts.Now()})
	if verr != nil {
		r.add(Result{ID: IDTLS, Target: target, Status: Fail, Duration: time.Since(start), Message: r.mask.describe(verr, r.opts.RequestTimeout, r.ctx)})
		e.why = IDTLS + " failed"
	} else {
		r.add(Result{ID: IDTLS, Target: target, Status: Pass, Duration: time.Since(start),
			Message: fmt.Sprintf("%s, certificate for %s trusted%s", tls.VersionName(state.Version), host, issuerOf(certs[0]))})
		e.ok = true
	}
	r.add(r.expiry(target, certs))
}

// expiry is OMS704 on the certificates the server presented.
func (r *runner) expiry(target string, certs []*x509.Certificate) Result {
	now := r.opts.Now()
	soonest := certs[0]
	for _, c := range certs[1:] {
		if c.NotAfter.Before(soonest.NotAfter) {
			soonest = c
		}
	}
	which := "the certificate"
	if soonest != certs[0] {
		which = fmt.Sprintf("the chain's certificate %q", soonest.Subject.CommonName)
	}
	left := soonest.NotAfter.Sub(now)
	date := soonest.NotAfter.UTC().Format("2006-01-02 15:04 MST")
	switch {
	case left <= 0:
		return Result{ID: IDCertExpiry, Target: target, Status: Fail, Message: fmt.Sprintf("%s expired on %s", which, date)}
	case now.Before(soonest.NotBefore):
		return Result{ID: IDCertExpiry, Target: target, Status: Fail, Message: fmt.Sprintf("%s is not valid before %s", which, soonest.NotBefore.UTC().Format("2006-01-02 15:04 MST"))}
	case left < ExpiryWarning:
		return Result{ID: IDCertExpiry, Target: target, Status: Warn, Message: fmt.Sprintf("%s expires on %s, in %s: renew it", which, date, daysLeft(left))}
	}
	return Result{ID: IDCertExpiry, Target: target, Status: Pass, Message: fmt.Sprintf("%s is valid until %s (%s)", which, date, daysLeft(left))}
}

func daysLeft(d time.Duration) string {
	days := int(d.Hours() / 24)
	switch {
	case days == 0:
		return fmt.Sprintf("%.0f hours", d.Hours())
	case days == 1:
		return "1 day"
	}
	return fmt.Sprintf("%d days", days)
}
