// Package mommock is a test double of the OMS bus for doctor's tests: a TLS
// server on 127.0.0.1 that behaves like Magenerds/mom-mock where doctor
// talks to it. The token endpoint answers 201 (as mom-mock does) for the
// right client credentials and 401 otherwise; JSON-RPC at the root and at
// delegate/oms answers magento.inventory.source_repository.search with the
// result object alone (mom-mock does not wrap it in a JSON-RPC envelope),
// listing items with aggregate_ids; remote/oms is not routed (404), as in
// mom-mock; OPTIONS at the root is 405. It can also play Magento's
// callback endpoint (OPTIONS rest/V1/servicebus).
package mommock

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Source is one OMS source and the stock aggregates it belongs to.
type Source struct {
	ID, Name   string
	Aggregates []string
}

// Config sets up a mock.
type Config struct {
	ClientID, ClientSecret string
	// Token is the access token issued (default "token", mom-mock's).
	Token   string
	Sources []Source
	// CallbackHeader makes OPTIONS rest/V1/servicebus answer with
	// X-Magento-Service-Bus.
	CallbackHeader bool
}

// Request is one request the mock received.
type Request struct {
	Method, Path, Authorization, ContentType string
	Body                                     string
}

// Mock is a running mock bus.
type Mock struct {
	Config
	Server *httptest.Server
	mu     sync.Mutex
	reqs   []Request
}

// Start starts a TLS mock on 127.0.0.1; Close stops it.
func Start(c Config) *Mock {
	if c.Token == "" {
		c.Token = "token"
	}
	m := &Mock{Config: c}
	m.Server = httptest.NewUnstartedServer(http.HandlerFunc(m.serve))
	// Handshakes doctor ends on purpose (a host name it rejects) are not
	// worth a log line in the test output.
	m.Server.Config.ErrorLog = log.New(io.Discard, "", 0)
	m.Server.StartTLS()
	return m
}

// URL is the mock's base URL with a trailing slash (https://127.0.0.1:N/).
func (m *Mock) URL() string { return m.Server.URL + "/" }

// Close stops the server.
func (m *Mock) Close() { m.Server.Close() }

// WriteCA writes the server's certificate as PEM into dir and returns the
// file's path (for --ca-file).
func (m *Mock) WriteCA(dir string) (string, error) {
	return WriteCert(dir, m.Server.Certificate())
}

// WriteCert writes a certificate as PEM into dir (mock-ca.pem) and returns
// the file's path: a CA file for a test's own server.
func WriteCert(dir string, c *x509.Certificate) (string, error) {
	p := filepath.Join(dir, "mock-ca.pem")
	b := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	return p, os.WriteFile(p, b, 0o600)
}

// Requests returns what the mock received, in order.
func (m *Mock) Requests() []Request {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Request(nil), m.reqs...)
}

func (m *Mock) serve(w http.ResponseWriter, r *http.Request) {
	var body strings.Builder
	if r.Body != nil {
		b := make([]byte, 1<<16)
		for {
			n, err := r.Body.Read(b)
			body.Write(b[:n])
			if err != nil {
				break
			}
		}
	}
	m.mu.Lock()
	m.reqs = append(m.reqs, Request{Method: r.Method, Path: r.URL.Path, Authorization: r.Header.Get("Authorization"), ContentType: r.Header.Get("Content-Type"), Body: body.String()})
	m.mu.Unlock()
	switch {
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/oauth/token"): // also below a folder
		m.token(w, r, body.String())
	case r.Method == http.MethodPost && (r.URL.Path == "/" || r.URL.Path == "/delegate/oms"):
		m.rpc(w, r, body.String())
	case r.Method == http.MethodOptions && r.URL.Path == "/rest/V1/servicebus":
		if m.CallbackHeader {
			w.Header().Set("X-Magento-Service-Bus", "1")
		}
		w.WriteHeader(http.StatusOK)
	case r.URL.Path == "/":
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
	default:
		http.NotFound(w, r)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (m *Mock) token(w http.ResponseWriter, r *http.Request, body string) {
	r.Body = http.NoBody
	form, err := parseForm(body)
	if err != nil || form["grant_type"] != "client_credentials" || form["client_id"] != m.ClientID || form["client_secret"] != m.ClientSecret {
		// A careless server echoes what it was sent: doctor must mask it.
		writeJSON(w, http.StatusUnauthorized, map[string]any{"error": "invalid_client", "error_description": "Client authentication failed", "received": body})
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"access_token": m.Token})
}

func (m *Mock) rpc(w http.ResponseWriter, r *http.Request, body string) {
	if r.Header.Get("Authorization") != "Bearer "+m.Token {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"error_message": "Unauthorized"})
		return
	}
	var req struct {
		Method string `json:"method"`
	}
	if json.Unmarshal([]byte(body), &req) != nil || req.Method != "magento.inventory.source_repository.search" {
		writeJSON(w, http.StatusNotFound, map[string]any{"error_message": "No valid method provided"})
		return
	}
	items := []map[string]any{}
	for _, s := range m.Sources {
		ids := append([]string{}, s.Aggregates...)
		items = append(items, map[string]any{"id": s.ID, "name": s.Name, "type": "Warehouse", "aggregate_ids": ids, "timezone": "UTC"})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "offset": 0, "size": 1000, "total": len(items)})
}

func parseForm(body string) (map[string]string, error) {
	out := map[string]string{}
	vals, err := url.ParseQuery(body)
	if err != nil {
		return nil, err
	}
	for k, v := range vals {
		if len(v) > 0 {
			out[k] = v[0]
		}
	}
	return out, nil
}
