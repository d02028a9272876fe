package doctor

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/internal/mommock"
	"github.com/omslint/omslint/phpconf"
	"github.com/omslint/omslint/redact"
)

const (
	clientID     = "acme-store"
	clientSecret = "kP9wQ2mZ7vL4xR8tY1nB6cF3"
	busToken     = "tok-3f9a1c77e2"
)

func lit(s string) Value { return Value{Text: s, Set: true, From: "test"} }

func startMock(t *testing.T, c mommock.Config) (*mommock.Mock, string) {
	t.Helper()
	if c.ClientID == "" {
		c.ClientID, c.ClientSecret = clientID, clientSecret
	}
	if c.Token == "" {
		c.Token = busToken
	}
	m := mommock.Start(c)
	t.Cleanup(m.Close)
	ca, err := m.WriteCA(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return m, ca
}

func settingsFor(base string) Settings {
	return Settings{URL: lit(base), OAuthServerURL: lit(base), ClientID: lit(clientID), ClientSecret: lit(clientSecret),
		CallbackBase: lit(base), CallbackKey: "serviceBus.application_base_url"}
}

func run(t *testing.T, o Options) *Report {
	t.Helper()
	if o.Redactor == nil {
		o.Redactor = redact.New()
	}
	rep, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// results returns the results of a check.
func results(rep *Report, id string) []Result {
	var out []Result
	for _, c := range rep.Checks {
		if c.ID == id {
			out = append(out, c)
		}
	}
	return out
}

func one(t *testing.T, rep *Report, id string) Result {
	t.Helper()
	rs := results(rep, id)
	if len(rs) != 1 {
		t.Fatalf("%s: %d results, want 1:\n%s", id, len(rs), render(t, rep))
	}
	return rs[0]
}

func render(t *testing.T, rep *Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteText(&b, Header{Root: "."}, rep); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&b, Header{Tool: "omslint", Root: "."}, rep); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func wantStatus(t *testing.T, rep *Report, id string, st Status, sub string) Result {
	t.Helper()
	r := one(t, rep, id)
	if r.Status != st || !strings.Contains(r.Message, sub) {
		t.Errorf("%s: %s %q, want %s containing %q\n%s", id, r.Status, r.Message, st, sub, render(t, rep))
	}
	return r
}

func noSecrets(t *testing.T, rep *Report, secrets ...string) {
	t.Helper()
	out := render(t, rep)
	if strings.Contains(out, "\x1b") {
		t.Errorf("output holds a terminal escape:\n%q", out)
	}
	for _, s := range append(secrets, clientSecret, busToken) {
		if strings.Contains(out, s) {
			t.Errorf("output shows the secret %q:\n%s", s, out)
		}
	}
}

// Against a mock that behaves like mom-mock every check passes, and the
// only requests are the token request, the OPTIONS to the bus, the
// callback probe and the inventory query.
func TestMockAllPass(t *testing.T) {
	m, ca := startMock(t, mommock.Config{CallbackHeader: true, Sources: []mommock.Source{
		{ID: "WH1", Name: "Main warehouse", Aggregates: []string{"eu"}},
		{ID: "WH2", Aggregates: []string{"eu", "us"}},
	}})
	rep := run(t, Options{Settings: settingsFor(m.URL()), CAFile: ca, Callback: true, Env: "production",
		Aggregates: []Aggregate{{Code: "eu", Channel: "b2c"}, {Code: "us", Channel: "b2b"}}})
	if rep.Fails("error") {
		t.Fatalf("failed:\n%s", render(t, rep))
	}
	for _, c := range Checks() {
		r := one(t, rep, c.ID)
		if r.Status != Pass {
			t.Errorf("%s: %s %s", c.ID, r.Status, r.Message)
		}
	}
	// url and oauth_server_url share the endpoint: one network check each.
	if r := one(t, rep, IDDNS); !strings.Contains(r.Target, "url, oauth_server_url") {
		t.Errorf("target %q", r.Target)
	}
	agg := one(t, rep, IDAggregates)
	if got := strings.Join(agg.Details, "\n"); !strings.Contains(got, `aggregate "eu" (sales channel b2c): WH1 (Main warehouse), WH2`) || !strings.Contains(got, `aggregate "us" (sales channel b2b): WH2`) {
		t.Errorf("details:\n%s", got)
	}
	var sent []string
	for _, r := range m.Requests() {
		sent = append(sent, r.Method+" "+r.Path)
		switch r.Path {
		case "/oauth/token":
			if r.ContentType != "application/x-www-form-urlencoded" || !strings.Contains(r.Body, "grant_type=client_credentials") ||
				!strings.Contains(r.Body, "client_id="+clientID) || !strings.Contains(r.Body, "client_secret="+clientSecret) {
				t.Errorf("token request %+v", r)
			}
		case "/", "/remote/oms":
			if r.Authorization != "Bearer "+busToken {
				t.Errorf("%s %s without the token: %q", r.Method, r.Path, r.Authorization)
			}
			if r.Method == http.MethodPost && !strings.Contains(r.Body, `"jsonrpc":"2.0"`) && !strings.Contains(r.Body, `"method":"magento.inventory.source_repository.search"`) {
				t.Errorf("query %s", r.Body)
			}
		}
	}
	want := "POST /oauth/token|OPTIONS /|OPTIONS /rest/V1/servicebus|POST /remote/oms|POST /"
	if got := strings.Join(sent, "|"); got != want {
		t.Errorf("requests sent:\n %s\nwant\n %s", got, want)
	}
	noSecrets(t, rep)
}

// A wrong client secret fails the OAuth check, skips what needs the token,
// and never shows the secret, even when the server echoes it.
func TestWrongSecret(t *testing.T) {
	m, ca := startMock(t, mommock.Config{Sources: []mommock.Source{{ID: "WH1", Aggregates: []string{"eu"}}}})
	s := settingsFor(m.URL())
	const wrong = "wrong-but-long-Secret-77"
	s.ClientSecret = lit(wrong)
	rep := run(t, Options{Settings: s, CAFile: ca, Env: "production", Aggregates: []Aggregate{{Code: "eu"}}})
	if !rep.Fails("error") {
		t.Fatal("no failure")
	}
	wantStatus(t, rep, IDOAuth, Fail, "refused the credentials")
	wantStatus(t, rep, IDOAuth, Fail, "invalid_client")
	wantStatus(t, rep, IDBus, Skip, "no token")
	wantStatus(t, rep, IDAggregates, Skip, "no token")
	noSecrets(t, rep, wrong)
}

// A profile aggregate no source belongs to fails OMS708, naming it.
func TestAggregateWithoutSource(t *testing.T) {
	m, ca := startMock(t, mommock.Config{Sources: []mommock.Source{{ID: "WH1", Aggregates: []string{"eu"}}, {ID: "WH9", Aggregates: []string{"apac"}}}})
	rep := run(t, Options{Settings: settingsFor(m.URL()), CAFile: ca, Env: "production",
		Aggregates: []Aggregate{{Code: "eu", Channel: "b2c"}, {Code: "us-west", Channel: "b2b"}}})
	r := wantStatus(t, rep, IDAggregates, Fail, `stock aggregate "us-west" of profile production`)
	if strings.Contains(r.Message, `"eu"`) {
		t.Errorf("names an aggregate that has a source: %s", r.Message)
	}
	if d := strings.Join(r.Details, "\n"); !strings.Contains(d, `aggregate "us-west" (sales channel b2b): no source`) || !strings.Contains(d, `not in the profile: "apac"`) {
		t.Errorf("details:\n%s", d)
	}
}

// A JSON-RPC envelope with an error is a failure with its message; an
// envelope with a result is read like the bare object.
func TestInventoryEnvelope(t *testing.T) {
	for _, tc := range []struct {
		body string
		st   Status
		sub  string
	}{
		{`{"jsonrpc":"2.0","id":"1","result":{"items":[{"id":7,"aggregate_ids":[3]}]}}`, Pass, "every stock aggregate"},
		{`{"jsonrpc":"2.0","id":"1","error":{"code":-32601,"message":"Method not found"}}`, Fail, "Method not found"},
		{`<html>oops</html>`, Fail, "no source list"},
		{`"{\"items\":[{\"id\":\"WH\",\"aggregate_ids\":[\"3\"]}]}"`, Pass, "1 source listed"},
		{`{"jsonrpc":"2.0","id":"1","result":"{\"items\":[{\"id\":\"WH\",\"aggregate_ids\":[\"4\"]}]}"}`, Fail, `aggregate "3"`},
		{`{"items":[]}`, Fail, `aggregate "3"`},
		// One page of a paginated answer: a missing aggregate may be on
		// another page, so it is a warning, and a found one still passes.
		{`{"items":[{"id":"WH","aggregate_ids":["4"]}],"offset":0,"size":1,"total":25}`, Warn, `no source among the 1 of 25 OMS listed belongs to stock aggregate "3"`},
		{`{"jsonrpc":"2.0","id":"1","result":{"items":[{"id":"WH","aggregate_ids":["3"]}],"offset":0,"size":1,"total":"25"}}`, Pass, "every stock aggregate"},
		{`{"items":[{"id":"WH","aggregate_ids":["4"]}],"offset":0,"size":20,"total":1}`, Fail, `aggregate "3"`},
		{`{"items":[{"id":"WH","aggregate_ids":["4"]}],"total":"many"}`, Fail, `aggregate "3"`},
	} {
		srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/oauth/token":
				w.WriteHeader(http.StatusOK)
				_, _ = w.Write([]byte(`{"access_token":"` + busToken + `","token_type":"Bearer","expires_in":3600}`))
			case "/remote/oms":
				_, _ = w.Write([]byte(tc.body))
			default:
				w.WriteHeader(http.StatusNoContent)
			}
		}))
		ca := writeCert(t, srv.Certificate())
		rep := run(t, Options{Settings: settingsFor(srv.URL + "/"), CAFile: ca, Env: "e", Aggregates: []Aggregate{{Code: "3"}}})
		wantStatus(t, rep, IDOAuth, Pass, "HTTP 200")
		wantStatus(t, rep, IDAggregates, tc.st, tc.sub)
		srv.Close()
	}
}

func writeCert(t *testing.T, c *x509.Certificate) string {
	t.Helper()
	p, err := mommock.WriteCert(t.TempDir(), c)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Token answers other than 2xx-with-token and 400/401 are reported with
// their status and a short excerpt that holds no secret.
func TestTokenAnswers(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		st     Status
		sub    string
	}{
		{201, `{"access_token":"` + busToken + `"}`, Pass, "HTTP 201"},
		{201, `{"access_token":"` + busToken + `","token_type":"\u001b[31m` + clientSecret + `","expires_in":"\u001b]0;x"}`, Pass, `\x1b[31m********`},
		{200, `{"token_type":"Bearer"}`, Fail, "without an access_token"},
		{400, `{"error":"invalid_request"}`, Fail, "refused the credentials"},
		{500, `internal error for client_secret=` + clientSecret + ` and ` + strings.Repeat("x", 400), Fail, "HTTP 500 from the token endpoint: internal error for client_secret=********"},
		{503, `{"detail":"down","refresh_token":"abcdefgh123"}`, Fail, `"refresh_token":"********"`},
	} {
		srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/oauth/token" {
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
				return
			}
			w.WriteHeader(http.StatusMethodNotAllowed)
		}))
		rep := run(t, Options{Settings: settingsFor(srv.URL + "/"), CAFile: writeCert(t, srv.Certificate())})
		r := wantStatus(t, rep, IDOAuth, tc.st, tc.sub)
		if len(r.Message) > 400 {
			t.Errorf("excerpt too long: %d bytes", len(r.Message))
		}
		noSecrets(t, rep, "abcdefgh123")
		srv.Close()
	}
}

// A port nothing listens on fails OMS702; what depends on it is skipped
// with the reason.
func TestClosedPort(t *testing.T) {
	closed, err := mommock.ClosedURL()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rep := run(t, Options{Settings: settingsFor(closed), Timeout: 3 * time.Second})
	if time.Since(start) > 3*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
	wantStatus(t, rep, IDDNS, Pass, "IP address")
	wantStatus(t, rep, IDTCP, Fail, "connection refused")
	wantStatus(t, rep, IDTLS, Skip, "OMS702 failed")
	wantStatus(t, rep, IDCertExpiry, Skip, "OMS702 failed")
	wantStatus(t, rep, IDOAuth, Skip, "OMS702 failed")
	wantStatus(t, rep, IDBus, Skip, "OMS702 failed")
	if !rep.Fails("error") {
		t.Error("not failed")
	}
}

// A server that accepts connections and never answers: the run ends at
// its deadline with a failure.
func TestNeverAnswers(t *testing.T) {
	hang, err := mommock.StartHang()
	if err != nil {
		t.Fatal(err)
	}
	defer hang.Close()
	start := time.Now()
	rep := run(t, Options{Settings: settingsFor(hang.URL()), Timeout: 1500 * time.Millisecond})
	if d := time.Since(start); d > 2500*time.Millisecond {
		t.Errorf("took %s, deadline 1.5s", d)
	}
	wantStatus(t, rep, IDTCP, Pass, "connected")
	wantStatus(t, rep, IDTLS, Fail, "overall deadline")
	if !rep.Fails("error") {
		t.Error("not failed")
	}
}

// A slow token endpoint: the request timeout ends the request, the
// overall deadline the run.
func TestSlowServerPastDeadline(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	start := time.Now()
	rep := run(t, Options{Settings: settingsFor(srv.URL + "/"), CAFile: writeCert(t, srv.Certificate()), Timeout: 2 * time.Second, RequestTimeout: 500 * time.Millisecond})
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %s", d)
	}
	wantStatus(t, rep, IDTLS, Pass, "trusted")
	wantStatus(t, rep, IDOAuth, Fail, "no answer within 500ms")
	rep = run(t, Options{Settings: settingsFor(srv.URL + "/"), CAFile: writeCert(t, srv.Certificate()), Timeout: 700 * time.Millisecond})
	wantStatus(t, rep, IDOAuth, Fail, "overall deadline")
}

// newCA makes a CA and a leaf certificate for 127.0.0.1 valid for the
// given time.
func newCA(t *testing.T, valid time.Duration) (tls.Certificate, string) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "doctor test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(valid),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, writeCert(t, caCert)
}

// A certificate valid for three more days is a warning, not a failure.
func TestExpiringCertificate(t *testing.T) {
	cert, ca := newCA(t, 3*24*time.Hour)
	m := mommock.Start(mommock.Config{ClientID: clientID, ClientSecret: clientSecret, Token: busToken})
	m.Server.Close()
	srv := httptest.NewUnstartedServer(m.Server.Config.Handler)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.StartTLS()
	defer srv.Close()
	rep := run(t, Options{Settings: settingsFor(srv.URL + "/"), CAFile: ca})
	wantStatus(t, rep, IDTLS, Pass, "trusted")
	r := wantStatus(t, rep, IDCertExpiry, Warn, "expires on")
	if !strings.Contains(r.Message, "in 2 days") && !strings.Contains(r.Message, "in 3 days") {
		t.Errorf("message %q", r.Message)
	}
	wantStatus(t, rep, IDOAuth, Pass, "HTTP 201")
	if rep.Fails("error") || !rep.Fails("warning") {
		t.Errorf("a warning failed the run, or did not with --fail-on warning:\n%s", render(t, rep))
	}
	// Checked as if 4 days later: expired, TLS fails too.
	rep = run(t, Options{Settings: settingsFor(srv.URL + "/"), CAFile: ca, Now: func() time.Time { return time.Now().Add(4 * 24 * time.Hour) }})
	wantStatus(t, rep, IDCertExpiry, Fail, "expired on")
	wantStatus(t, rep, IDTLS, Fail, "expired")
	wantStatus(t, rep, IDOAuth, Skip, "OMS703 failed")
	if !rep.Fails("error") || rep.Fails("never") {
		t.Error("an expired certificate: want exit 1 unless --fail-on never")
	}
}

// The host name the URL uses is not in the certificate; a CA that is not
// trusted.
func TestCertificateProblems(t *testing.T) {
	m, ca := startMock(t, mommock.Config{})
	port := m.Server.Listener.Addr().(*net.TCPAddr).Port
	rep := run(t, Options{Settings: settingsFor("https://localhost:" + itoa(port) + "/"), CAFile: ca})
	wantStatus(t, rep, IDTLS, Fail, "does not name localhost")
	wantStatus(t, rep, IDOAuth, Skip, "OMS703 failed")
	rep = run(t, Options{Settings: settingsFor(m.URL())})
	wantStatus(t, rep, IDTLS, Fail, "unknown authority")
	if _, err := Run(context.Background(), Options{CAFile: filepath.Join(t.TempDir(), "missing.pem")}); err == nil {
		t.Error("a missing --ca-file is not an error")
	}
	empty := filepath.Join(t.TempDir(), "empty.pem")
	_ = os.WriteFile(empty, []byte("not pem"), 0o600)
	if _, err := Run(context.Background(), Options{CAFile: empty}); err == nil {
		t.Error("a --ca-file without certificates is not an error")
	}
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// The callback probe: missing header fails, with the hint; no base URL
// fails; without --callback it is skipped.
func TestCallback(t *testing.T) {
	m, ca := startMock(t, mommock.Config{})
	rep := run(t, Options{Settings: settingsFor(m.URL()), CAFile: ca, Callback: true})
	r := wantStatus(t, rep, IDCallback, Fail, "without the X-Magento-Service-Bus header")
	if !strings.Contains(r.Target, "/rest/V1/servicebus") || r.Duration <= 0 {
		t.Errorf("target %q duration %s", r.Target, r.Duration)
	}
	s := settingsFor(m.URL())
	s.CallbackBase, s.CallbackKey = Value{}, ""
	rep = run(t, Options{Settings: s, CAFile: ca, Callback: true})
	wantStatus(t, rep, IDCallback, Fail, "application_base_url")
	rep = run(t, Options{Settings: s, CAFile: ca})
	wantStatus(t, rep, IDCallback, Skip, "--callback")
}

// Settings that cannot be used fail the first check with the reason.
func TestUnusableSettings(t *testing.T) {
	s := Settings{URL: Value{Set: true, Why: "is an expression"}, OAuthServerURL: lit("not a url")}
	rep := run(t, Options{Settings: s})
	rs := results(rep, IDDNS)
	if len(rs) != 2 || rs[0].Status != Fail || !strings.Contains(rs[0].Message, "serviceBus.url is an expression") ||
		rs[1].Status != Fail || !strings.Contains(rs[1].Message, "OMS110") {
		t.Errorf("%+v", rs)
	}
	wantStatus(t, rep, IDOAuth, Skip, "no usable URL")
}

// Plain http: no TLS check, the rest runs; userinfo in a URL is masked.
func TestPlainHTTPAndUserinfo(t *testing.T) {
	m := mommock.Start(mommock.Config{ClientID: clientID, ClientSecret: clientSecret, Token: busToken})
	m.Server.Close()
	srv := httptest.NewServer(m.Server.Config.Handler)
	defer srv.Close()
	u := strings.Replace(srv.URL, "http://", "http://admin:hunter2pass@", 1) + "/"
	rep := run(t, Options{Settings: settingsFor(u)})
	wantStatus(t, rep, IDTLS, Skip, "http")
	wantStatus(t, rep, IDOAuth, Pass, "HTTP 201")
	wantStatus(t, rep, IDBus, Pass, "HTTP 405")
	noSecrets(t, rep, "hunter2pass")
}

// The header of the report masks what the redactor knows.
func TestDescribeMasks(t *testing.T) {
	r := redact.New()
	r.AddValue("https://env-derived.example/")
	s := settingsFor("https://env-derived.example/")
	out := Describe(s, r)
	for _, st := range out {
		if strings.Contains(st.Value, "env-derived") {
			t.Errorf("%s shows %q", st.Key, st.Value)
		}
	}
}

func TestExcerptAndClean(t *testing.T) {
	m := &masker{}
	m.add("s3cr3t!")
	got := m.excerpt([]byte("bad\x1b[31m client_secret=s3cr3t%21 \n and s3cr3t!"))
	if strings.Contains(got, "s3cr3t") || strings.Contains(got, "\x1b") {
		t.Errorf("excerpt %q", got)
	}
	long := m.excerpt([]byte(strings.Repeat("é", 300)))
	if len(long) > excerptLen+4 || !strings.HasSuffix(long, "…") {
		t.Errorf("long excerpt %d bytes", len(long))
	}
}

// connectProxy is a minimal HTTP proxy for https: it answers CONNECT with
// a tunnel and records what it was asked.
type connectProxy struct {
	ln   net.Listener
	mu   sync.Mutex
	seen []string
}

func startProxy(t *testing.T) *connectProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &connectProxy{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c)
		}
	}()
	return p
}

func (p *connectProxy) serve(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	req, err := http.ReadRequest(br)
	if err != nil {
		return
	}
	p.mu.Lock()
	p.seen = append(p.seen, req.Method+" "+req.Host+" auth="+req.Header.Get("Proxy-Authorization"))
	p.mu.Unlock()
	if req.Method != http.MethodConnect {
		_, _ = c.Write([]byte("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"))
		return
	}
	up, err := net.Dial("tcp", req.Host)
	if err != nil {
		_, _ = c.Write([]byte("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"))
		return
	}
	defer up.Close()
	_, _ = c.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
	go func() { _, _ = io.Copy(up, br) }()
	_, _ = io.Copy(c, up)
}

// Through a proxy: DNS and TCP check the proxy, TLS goes through its
// tunnel to the real host, the requests use it too, and its credentials
// are never printed.
func TestProxy(t *testing.T) {
	m, ca := startMock(t, mommock.Config{})
	p := startProxy(t)
	proxyURL, _ := url.Parse("http://squid:Pr0xyPassw0rd@" + p.ln.Addr().String())
	rep := run(t, Options{Settings: settingsFor(m.URL()), CAFile: ca, Proxy: http.ProxyURL(proxyURL)})
	wantStatus(t, rep, IDDNS, Pass, "via the proxy http://********@127.0.0.1")
	wantStatus(t, rep, IDTCP, Pass, "via the proxy")
	wantStatus(t, rep, IDTLS, Pass, "trusted")
	wantStatus(t, rep, IDOAuth, Pass, "HTTP 201")
	wantStatus(t, rep, IDBus, Pass, "HTTP 405")
	p.mu.Lock()
	seen := append([]string(nil), p.seen...)
	p.mu.Unlock()
	host := m.Server.Listener.Addr().String()
	if len(seen) < 2 {
		t.Fatalf("proxy saw %q", seen)
	}
	for _, s := range seen {
		if !strings.HasPrefix(s, "CONNECT "+host+" auth=Basic ") {
			t.Errorf("proxy saw %q", s)
		}
	}
	noSecrets(t, rep, "Pr0xyPassw0rd", "squid:")

	// A proxy that refuses the tunnel fails OMS702.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			_, _ = c.Write([]byte("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"))
			c.Close()
		}
	}()
	bad, _ := url.Parse("http://" + ln.Addr().String())
	rep = run(t, Options{Settings: settingsFor(m.URL()), CAFile: ca, Proxy: http.ProxyURL(bad)})
	wantStatus(t, rep, IDTCP, Fail, "refused the tunnel")
	wantStatus(t, rep, IDOAuth, Skip, "OMS702 failed")
}

func parsePHP(t *testing.T, name, src string) *phpconf.File {
	t.Helper()
	f, err := phpconf.Parse(name, []byte(src), phpconf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// env.php wins over config.php; expressions are not usable; the callback
// base falls back to the store's base URL, with {{unsecure_base_url}}
// resolved; a profile fills what the checkout does not set, its
// references are secrets.
func TestSources(t *testing.T) {
	env := parsePHP(t, "app/etc/env.php", `<?php return ['serviceBus' => ['url' => 'https://mib.example.com/', 'oauth_client_secret' => getenv('OMS_SECRET')]];`)
	cfgPHP := parsePHP(t, "app/etc/config.php", `<?php return ['serviceBus' => ['url' => 'https://other.example.com/'],
		'system' => ['default' => ['web' => ['secure' => ['base_url' => '{{unsecure_base_url}}'], 'unsecure' => ['base_url' => 'https://shop.example.com/']]]]];`)
	src := &TreeSource{Files: []*phpconf.File{env, cfgPHP}}
	s := LoadSettings(src)
	if s.URL.Text != "https://mib.example.com/" || s.URL.From != "app/etc/env.php:1:41" {
		t.Errorf("url %+v", s.URL)
	}
	if s.ClientSecret.Usable() || !strings.Contains(s.ClientSecret.Why, "--resolve-env") {
		t.Errorf("expression %+v", s.ClientSecret)
	}
	if s.OAuthServerURL.Set {
		t.Errorf("oauth_server_url %+v", s.OAuthServerURL)
	}
	if s.CallbackBase.Text != "https://shop.example.com/" || s.CallbackKey != "system.default.web.secure.base_url" {
		t.Errorf("callback %+v %s", s.CallbackBase, s.CallbackKey)
	}

	prof := &config.Environment{Name: "production", ServiceBus: map[string]config.Field{
		"url":                 {Value: "https://ignored.example.com/", Set: true, Line: 4, Col: 12},
		"oauth-server-url":    {Value: "${OMS_OAUTH_URL}", IsRef: true, RefName: "OMS_OAUTH_URL", Set: true, Line: 5, Col: 25},
		"oauth-client-id":     {Value: "${OMS_MISSING}", IsRef: true, RefName: "OMS_MISSING", Set: true, Line: 6, Col: 24},
		"oauth-client-secret": {Value: "${OMS_S}", IsRef: true, RefName: "OMS_S", Set: true, Line: 7, Col: 28},
	}}
	getenv := func(n string) (string, bool) {
		v, ok := map[string]string{"OMS_OAUTH_URL": "https://oauth.from-env.example/", "OMS_S": "sekret-from-env"}[n]
		return v, ok
	}
	s = LoadSettings(&ProfileSource{Base: &TreeSource{Files: []*phpconf.File{cfgPHP}}, Env: prof, File: ".omslint.yaml", Getenv: getenv})
	if s.URL.Text != "https://other.example.com/" {
		t.Errorf("the checkout's url must win: %+v", s.URL)
	}
	if s.OAuthServerURL.Text != "https://oauth.from-env.example/" || !s.OAuthServerURL.Secret || s.OAuthServerURL.From != ".omslint.yaml:5:25 (profile production)" {
		t.Errorf("oauth_server_url %+v", s.OAuthServerURL)
	}
	if s.ClientID.Usable() || !strings.Contains(s.ClientID.Why, "OMS_MISSING is not set") {
		t.Errorf("client id %+v", s.ClientID)
	}
	for _, st := range Describe(s, redact.New()) {
		if strings.Contains(st.Value, "from-env") {
			t.Errorf("header shows %s = %s", st.Key, st.Value)
		}
	}
	if got := strings.Join(s.Secrets(), " "); !strings.Contains(got, "sekret-from-env") || !strings.Contains(got, "https://oauth.from-env.example/") {
		t.Errorf("secrets %q", got)
	}
}

// A setting without its trailing '/' still gets a token, as a warning.
func TestNoTrailingSlash(t *testing.T) {
	m, ca := startMock(t, mommock.Config{})
	s := settingsFor(strings.TrimSuffix(m.URL(), "/"))
	rep := run(t, Options{Settings: s, CAFile: ca})
	r := wantStatus(t, rep, IDOAuth, Warn, "token issued")
	if len(r.Details) == 0 || !strings.Contains(r.Details[0], "OMS112") {
		t.Errorf("details %q", r.Details)
	}
	if rep.Fails("error") {
		t.Error("a warning failed the run")
	}
}

// A host name from the settings cannot reorder or break a line of the
// report: bidirectional controls and line separators are written visibly
// (report.Escape), in the results and in the header.
func TestHostCannotForge(t *testing.T) {
	host := "ev\u202eil\u2028x.invalid"
	s := Settings{URL: lit("https://" + host + "/"), OAuthServerURL: lit("https://" + host + "/")}
	rep := run(t, Options{Settings: s})
	if len(rep.Checks) == 0 {
		t.Fatal("no results")
	}
	for _, r := range rep.Checks {
		if strings.ContainsAny(r.Target+r.Message, "\u202e\u2028") {
			t.Errorf("%s shows a raw control: %q %q", r.ID, r.Target, r.Message)
		}
	}
	for _, st := range Describe(s, redact.New()) {
		if strings.ContainsAny(st.Value, "\u202e\u2028") {
			t.Errorf("%s shows a raw control: %q", st.Key, st.Value)
		}
	}
}
