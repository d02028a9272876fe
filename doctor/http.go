package doctor

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxBody is the most of an answer doctor reads.
const maxBody = 1 << 20

// connectProxy opens a tunnel to hostport through an HTTP proxy on conn
// (what the HTTP client does for https through HTTPS_PROXY), so that the
// TLS check sees the same server the requests reach.
func (r *runner) connectProxy(conn net.Conn, proxy *url.URL, hostport string) error {
	req := &http.Request{Method: http.MethodConnect, URL: &url.URL{Opaque: hostport}, Host: hostport, Header: http.Header{}}
	if u := proxy.User; u != nil {
		pw, _ := u.Password()
		r.mask.add(pw)
		r.mask.add(u.Username())
		req.Header.Set("Proxy-Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(u.Username()+":"+pw)))
	}
	if err := req.Write(conn); err != nil {
		return fmt.Errorf("the proxy %s: %s", r.mask.url(proxy.String()), describeErr(err, r.opts.RequestTimeout, r.ctx))
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		return fmt.Errorf("the proxy %s: %s", r.mask.url(proxy.String()), describeErr(err, r.opts.RequestTimeout, r.ctx))
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the proxy %s refused the tunnel to %s: HTTP %s", r.mask.url(proxy.String()), hostport, resp.Status)
	}
	return nil
}

// joinURL appends a relative path to a base URL setting. The connector
// appends to the setting as written; doctor joins with one '/' so that the
// other checks can still run, and noSlash says the setting lacks it.
func joinURL(base, rel string) (joined string, noSlash bool) {
	base = strings.TrimSpace(base)
	if strings.HasSuffix(base, "/") {
		return base + rel, false
	}
	return base + "/" + rel, true
}

func count(n int, one, many string) string { return strconv.Itoa(n) + " " + plural(n, one, many) }

func slashNote(key string) string {
	return "serviceBus." + key + " does not end with '/': doctor added it, but the connector appends paths to the value as written (OMS112; `omslint lint --fix` adds it)"
}

// answer is what a request got back.
type answer struct {
	status int
	header http.Header
	body   []byte
	took   time.Duration
}

// do sends one request with its own timeout and reads the answer.
func (r *runner) do(method, rawURL, contentType string, body []byte, auth string) (*answer, error) {
	ctx, cancel := r.reqCtx()
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, rawURL, rd)
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", r.opts.UserAgent)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	start := time.Now()
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	a := &answer{status: resp.StatusCode, header: resp.Header, body: data, took: time.Since(start)}
	if err != nil && len(data) == 0 && resp.StatusCode < 300 {
		return nil, err
	}
	return a, nil
}

// skipFor reports id as skipped because an endpoint cannot carry requests.
func (r *runner) skipFor(id, target string, e *endpoint) bool {
	switch {
	case e == nil:
		r.add(Result{ID: id, Target: target, Status: Skip, Message: "not run: no usable URL"})
	case !e.ok:
		r.add(Result{ID: id, Target: target, Status: Skip, Message: "not run: " + e.why + " for " + e.u.Host})
	default:
		return r.deadlinePassed(id, target)
	}
	return true
}

// checkOAuth is OMS705: the token request the connector sends.
func (r *runner) checkOAuth(e *endpoint) {
	s := r.opts.Settings
	target := "oauth_server_url"
	tokenURL, noSlash := joinURL(s.OAuthServerURL.Text, "oauth/token")
	if e != nil {
		target = "POST " + r.mask.url(tokenURL)
	}
	if r.skipFor(IDOAuth, target, e) {
		return
	}
	for _, kv := range []struct {
		key string
		v   Value
	}{{"oauth_client_id", s.ClientID}, {"oauth_client_secret", s.ClientSecret}} {
		if !kv.v.Usable() {
			why := kv.v.Why
			if why == "" {
				why = kv.v.notSet()
			}
			r.add(Result{ID: IDOAuth, Target: target, Status: Fail, Message: "serviceBus." + kv.key + " " + why})
			return
		}
	}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {s.ClientID.Text}, "client_secret": {s.ClientSecret.Text}}
	a, err := r.do(http.MethodPost, tokenURL, "application/x-www-form-urlencoded", []byte(form.Encode()), "")
	if err != nil {
		r.add(Result{ID: IDOAuth, Target: target, Status: Fail, Message: "the token request failed: " + r.mask.describe(err, r.opts.RequestTimeout, r.ctx)})
		return
	}
	res := Result{ID: IDOAuth, Target: target, Duration: a.took}
	var tok struct {
		AccessToken      any    `json:"access_token"`
		TokenType        string `json:"token_type"`
		ExpiresIn        any    `json:"expires_in"`
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	jsonErr := json.Unmarshal(a.body, &tok)
	if t, ok := tok.AccessToken.(string); ok && t != "" {
		r.token, r.tokenOK = t, true
		r.mask.add(t)
	}
	switch {
	case a.status >= 200 && a.status < 300 && r.tokenOK:
		res.Status = Pass
		res.Message = fmt.Sprintf("token issued for client %s (HTTP %d", r.mask.text(s.ClientID.Text), a.status)
		if tok.TokenType != "" {
			res.Message += ", " + r.mask.text(tok.TokenType)
		}
		if tok.ExpiresIn != nil {
			res.Message += fmt.Sprintf(", expires in %vs", tok.ExpiresIn)
		}
		res.Message += ")"
		if noSlash {
			res.Status = Warn
			res.Details = append(res.Details, slashNote("oauth_server_url"))
		}
	case a.status >= 200 && a.status < 300:
		r.token, r.tokenOK = "", false
		res.Status = Fail
		why := "without an access_token"
		if jsonErr != nil {
			why = "and a body that is not JSON"
		}
		res.Message = fmt.Sprintf("HTTP %d %s: %s", a.status, why, r.mask.excerpt(a.body))
	case a.status == http.StatusBadRequest || a.status == http.StatusUnauthorized:
		res.Status = Fail
		res.Message = fmt.Sprintf("the OAuth server refused the credentials of client %s (HTTP %d", r.mask.text(s.ClientID.Text), a.status)
		if tok.Error != "" {
			res.Message += ": " + r.mask.text(tok.Error)
			if tok.ErrorDescription != "" {
				res.Message += ", " + r.mask.text(tok.ErrorDescription)
			}
		}
		res.Message += ")"
		res.Details = []string{"check serviceBus.oauth_client_id and oauth_client_secret against the credentials issued for this environment"}
	default:
		res.Status = Fail
		res.Message = fmt.Sprintf("HTTP %d from the token endpoint: %s", a.status, r.mask.excerpt(a.body))
		if loc := a.header.Get("Location"); loc != "" {
			res.Details = append(res.Details, "redirects to "+r.mask.url(loc)+" (doctor follows no redirect; the connector's client may not either)")
		}
		if noSlash {
			res.Details = append(res.Details, slashNote("oauth_server_url"))
		}
	}
	r.add(res)
}

// checkBus is OMS706: one OPTIONS to url with the token. Any HTTP answer
// proves the bus is reachable; nothing is registered or sent.
func (r *runner) checkBus(e *endpoint) {
	s := r.opts.Settings
	target := "url"
	if e != nil {
		target = "OPTIONS " + r.mask.url(strings.TrimSpace(s.URL.Text))
	}
	if r.skipFor(IDBus, target, e) {
		return
	}
	if !r.tokenOK {
		r.add(Result{ID: IDBus, Target: target, Status: Skip, Message: "not run: no token (" + IDOAuth + " did not pass)"})
		return
	}
	a, err := r.do(http.MethodOptions, strings.TrimSpace(s.URL.Text), "", nil, "Bearer "+r.token)
	if err != nil {
		r.add(Result{ID: IDBus, Target: target, Status: Fail, Message: "the bus did not answer: " + r.mask.describe(err, r.opts.RequestTimeout, r.ctx)})
		return
	}
	res := Result{ID: IDBus, Target: target, Duration: a.took, Status: Pass, Message: fmt.Sprintf("the bus answered HTTP %d", a.status)}
	switch {
	case a.status == http.StatusUnauthorized || a.status == http.StatusForbidden:
		res.Status = Warn
		res.Message += ": it refused the token (the OAuth server and the bus may belong to different environments)"
	case a.status >= 500:
		res.Status = Warn
		res.Message += ": a server error (a proxy or load balancer in front of a bus that is down answers so too)"
	}
	r.add(res)
}

// checkCallback is OMS707: OPTIONS {base}rest/V1/servicebus, as the bus
// probes Magento's callback URL.
func (r *runner) checkCallback() {
	s := r.opts.Settings
	if !r.opts.Callback {
		r.add(Result{ID: IDCallback, Target: "callback", Status: Skip, Message: "not run: pass --callback to probe Magento's callback URL"})
		return
	}
	base := s.CallbackBase
	u, why := parseHTTPURL(base)
	if u == nil {
		msg := "no callback base URL: set serviceBus.application_base_url (or web/secure/base_url in config.php/env.php)"
		if base.Set {
			msg = s.CallbackKey + " " + why
		}
		r.add(Result{ID: IDCallback, Target: "callback", Status: Fail, Message: msg})
		return
	}
	probe := strings.TrimSpace(base.Text)
	if !strings.HasSuffix(probe, "/") {
		probe += "/"
	}
	probe += "rest/V1/servicebus"
	target := "OPTIONS " + r.mask.url(probe)
	if r.deadlinePassed(IDCallback, target) {
		return
	}
	a, err := r.do(http.MethodOptions, probe, "", nil, "")
	if err != nil {
		r.add(Result{ID: IDCallback, Target: target, Status: Fail, Message: "Magento did not answer: " + r.mask.describe(err, r.opts.RequestTimeout, r.ctx),
			Details: []string{"from " + s.CallbackKey + "; the bus must reach this URL from the internet"}})
		return
	}
	res := Result{ID: IDCallback, Target: target, Duration: a.took}
	if _, ok := a.header[http.CanonicalHeaderKey("X-Magento-Service-Bus")]; ok {
		res.Status = Pass
		res.Message = fmt.Sprintf("HTTP %d with the X-Magento-Service-Bus header", a.status)
		if a.took > CallbackSlow {
			res.Status = Warn
			res.Message = fmt.Sprintf("the header is there but the answer took over %s: the bus may time out calling back", CallbackSlow)
		}
	} else {
		res.Status = Fail
		res.Message = fmt.Sprintf("HTTP %d without the X-Magento-Service-Bus header: this is not the connector's callback endpoint", a.status)
		res.Details = []string{"from " + s.CallbackKey + "; a store without URL rewrites answers at {base}index.php/rest/V1/servicebus"}
	}
	r.add(res)
}

// inventoryMethod is the read-only sync query of the sources and their
// stock aggregates (domain.md §9).
const inventoryMethod = "magento.inventory.source_repository.search"

// checkAggregates is OMS708: the profile's stock aggregates against the
// sources OMS lists.
func (r *runner) checkAggregates(e *endpoint) {
	s := r.opts.Settings
	target := "stock aggregates"
	switch {
	case r.opts.Env == "":
		r.add(Result{ID: IDAggregates, Target: target, Status: Skip, Message: "not run: pass --env NAME with a profile that lists sales channels"})
		return
	case len(r.opts.Aggregates) == 0:
		r.add(Result{ID: IDAggregates, Target: target, Status: Skip, Message: "not run: profile " + r.opts.Env + " lists no stock aggregate"})
		return
	}
	remote, noSlash := joinURL(s.URL.Text, "remote/oms")
	root, _ := joinURL(s.URL.Text, "")
	if e != nil {
		target = "POST " + r.mask.url(remote) + " " + inventoryMethod
	}
	if r.skipFor(IDAggregates, target, e) {
		return
	}
	if !r.tokenOK {
		r.add(Result{ID: IDAggregates, Target: target, Status: Skip, Message: "not run: no token (" + IDOAuth + " did not pass)"})
		return
	}
	body, _ := json.Marshal(map[string]any{
		"jsonrpc": "2.0", "id": "omslint-doctor-1", "method": inventoryMethod,
		"params": map[string]any{"query": map[string]any{}},
	})
	var (
		a   *answer
		err error
		dur time.Duration
	)
	// Sync calls go to remote/oms; mom-mock routes them at the root, so
	// a 404 or 405 there sends the same query to the root once.
	for _, u := range []string{remote, root} {
		a, err = r.do(http.MethodPost, u, "application/json", body, "Bearer "+r.token)
		if a != nil {
			dur += a.took
		}
		if err != nil || (a.status != http.StatusNotFound && a.status != http.StatusMethodNotAllowed) {
			target = "POST " + r.mask.url(u) + " " + inventoryMethod
			break
		}
	}
	if err != nil {
		r.add(Result{ID: IDAggregates, Target: target, Status: Fail, Message: "the inventory query failed: " + r.mask.describe(err, r.opts.RequestTimeout, r.ctx)})
		return
	}
	res := Result{ID: IDAggregates, Target: target, Duration: dur}
	if noSlash {
		res.Details = append(res.Details, slashNote("url"))
	}
	sources, total, err := parseSources(a.body)
	if a.status < 200 || a.status >= 300 || err != nil {
		res.Status = Fail
		why := fmt.Sprintf("HTTP %d", a.status)
		if err != nil && a.status >= 200 && a.status < 300 {
			why += ", " + r.mask.text(err.Error())
		}
		res.Message = fmt.Sprintf("no source list from OMS (%s): %s", why, r.mask.excerpt(a.body))
		r.add(res)
		return
	}
	per := map[string][]string{}
	for _, src := range sources {
		for _, ag := range src.aggregates {
			per[ag] = append(per[ag], src.label())
		}
	}
	var missing []string
	seen := map[string]bool{}
	for _, ag := range r.opts.Aggregates {
		if seen[ag.Code] {
			continue
		}
		seen[ag.Code] = true
		label := ag.Label
		if label == "" {
			label = ag.Code
		}
		line := fmt.Sprintf("aggregate %q (sales channel %s): ", label, ag.Channel)
		if list := per[ag.Code]; len(list) > 0 {
			line += strings.Join(list, ", ")
		} else {
			line += "no source"
			missing = append(missing, strconv.Quote(label))
		}
		res.Details = append(res.Details, r.mask.text(line))
	}
	var others []string
	for _, src := range sources {
		for _, ag := range src.aggregates {
			if !seen[ag] {
				seen[ag] = true
				others = append(others, strconv.Quote(ag))
			}
		}
	}
	if len(others) > 0 {
		res.Details = append(res.Details, r.mask.text("OMS also has aggregates not in the profile: "+strings.Join(others, ", ")))
	}
	// A total above what the answer lists: OMS paginates. Which query
	// parameters ask for the next page is not known (domain.md has the
	// answer's shape only), so doctor reads the one page it got and does
	// not call a missing aggregate a failure.
	partial := total > len(sources)
	if partial {
		res.Details = append(res.Details, fmt.Sprintf("OMS has %d sources and answered with %d (one page): an aggregate's sources may be on the others", total, len(sources)))
	}
	switch {
	case len(missing) > 0 && partial:
		res.Status = Warn
		res.Message = r.mask.text(fmt.Sprintf("no source among the %d of %d OMS listed belongs to stock aggregate %s of profile %s (the answer is paginated; doctor reads one page)", len(sources), total, strings.Join(missing, ", "), r.opts.Env))
	case len(missing) > 0:
		res.Status = Fail
		res.Message = r.mask.text(fmt.Sprintf("no OMS source belongs to stock aggregate %s of profile %s (%s listed)", strings.Join(missing, ", "), r.opts.Env, count(len(sources), "source", "sources")))
	default:
		res.Status = Pass
		res.Message = r.mask.text(fmt.Sprintf("every stock aggregate of profile %s has a source (%s listed)", r.opts.Env, count(len(sources), "source", "sources")))
	}
	r.add(res)
}

type source struct {
	id, name   string
	aggregates []string
}

func (s source) label() string {
	if s.name != "" && s.name != s.id {
		return s.id + " (" + s.name + ")"
	}
	return s.id
}

// parseSources reads the answer of the inventory query: a JSON-RPC 2.0
// response whose result is {items: [...]}, or (as mom-mock answers) the
// result object alone.
//
// total is the answer's "total" when it has one (mom-mock's template has
// items, offset, size and total), else -1: a total above the items listed
// means OMS paginates and this is one page.
func parseSources(body []byte) (sources []source, total int, err error) {
	// A PHP server that json_encode()s twice sends a JSON string holding
	// the JSON (mom-mock does so for its errors): read through it.
	var str string
	if json.Unmarshal(body, &str) == nil {
		body = []byte(str)
	}
	var env struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code    any    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
		Items json.RawMessage `json:"items"`
		Total any             `json:"total"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, -1, fmt.Errorf("the answer is not a JSON object")
	}
	if env.Error != nil {
		return nil, -1, fmt.Errorf("JSON-RPC error %v: %s", env.Error.Code, env.Error.Message)
	}
	items, totalV := env.Items, env.Total
	if len(env.Result) > 0 {
		if json.Unmarshal(env.Result, &str) == nil {
			env.Result = json.RawMessage(str)
		}
		var res struct {
			Items json.RawMessage `json:"items"`
			Total any             `json:"total"`
		}
		if err := json.Unmarshal(env.Result, &res); err != nil {
			return nil, -1, fmt.Errorf("the result is not an object with items")
		}
		items, totalV = res.Items, res.Total
	}
	if len(items) == 0 {
		return nil, -1, fmt.Errorf("the answer has no items")
	}
	total = -1
	if t, err := strconv.Atoi(scalar(totalV)); err == nil && t >= 0 {
		total = t
	}
	var raw []struct {
		ID           any   `json:"id"`
		Name         any   `json:"name"`
		AggregateIDs []any `json:"aggregate_ids"`
	}
	if err := json.Unmarshal(items, &raw); err != nil {
		return nil, -1, fmt.Errorf("items is not a list of sources")
	}
	out := make([]source, 0, len(raw))
	for _, it := range raw {
		s := source{id: scalar(it.ID), name: scalar(it.Name)}
		for _, a := range it.AggregateIDs {
			if v := scalar(a); v != "" {
				s.aggregates = append(s.aggregates, v)
			}
		}
		out = append(out, s)
	}
	return out, total, nil
}

// scalar is a JSON string or number as text ("" for anything else).
func scalar(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(t)
	}
	return ""
}
