package hubspot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Limits on what the client reads of a body.
const (
	maxBody      = 256 << 20 // a page of records
	maxErrorBody = 64 << 10  // an error response
)

// Stats counts what the client did on behalf of one read.
type Stats struct {
	// Requests counts HTTP requests sent, retries included.
	Requests int `json:"requests"`
	// Retries counts requests sent again after a 5xx response, a dropped
	// connection or a body cut short.
	Retries int `json:"retries"`
	// RateLimitWaits counts 429 responses waited out.
	RateLimitWaits int `json:"rate_limit_waits"`
	// Throttled is the time spent waiting on the client's own throttle,
	// on 429 responses and on backoff.
	Throttled time.Duration `json:"throttled"`
}

// call is one logical request: it may be sent several times.
type call struct {
	method string
	path   string
	query  url.Values
	body   any // marshalled to JSON when not nil
	page   int
	search bool
	stats  *Stats
}

func (cl *call) endpoint() string { return cl.method + " " + cl.path }

// do sends cl, retrying as the client's policy says, and decodes a 2xx
// body into out.
func (c *Client) do(ctx context.Context, cl call, out any) error {
	if cl.stats == nil {
		cl.stats = &Stats{}
	}
	var payload []byte
	if cl.body != nil {
		var err error
		if payload, err = json.Marshal(cl.body); err != nil {
			return fmt.Errorf("hubspot: %s: encode request: %w", cl.endpoint(), err)
		}
	}
	r := retrier{c: c, cl: &cl}
	for {
		r.attempts++
		status, body, hdr, err := c.send(ctx, &cl, payload)
		if err == nil && status/100 == 2 {
			err = c.decode(&cl, body, out)
			if err == nil || !truncated(err) {
				return err
			}
		}
		if err := r.next(ctx, status, body, hdr, err); err != nil {
			return err
		}
	}
}

// send makes one attempt: it waits its turn, sends the request and reads
// the body. A non-nil error means no usable response came back.
func (c *Client) send(ctx context.Context, cl *call, payload []byte) (int, []byte, http.Header, error) {
	if err := ctx.Err(); err != nil {
		return 0, nil, nil, err
	}
	start := c.clk.now()
	w := c.burst
	if cl.search {
		w = c.search
	}
	if err := w.wait(ctx, c.clk); err != nil {
		return 0, nil, nil, err
	}
	cl.stats.Throttled += c.clk.now().Sub(start)
	req, err := c.newRequest(ctx, cl, payload)
	if err != nil {
		return 0, nil, nil, err
	}
	cl.stats.Requests++
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	limit := int64(maxBody)
	if resp.StatusCode/100 != 2 {
		limit = maxErrorBody
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	c.observe(resp.Header, cl.search)
	if err != nil {
		return 0, nil, nil, err
	}
	if int64(len(body)) > limit {
		if resp.StatusCode/100 == 2 {
			return 0, nil, nil, &DecodeError{Endpoint: cl.endpoint(), Page: cl.page,
				Err: fmt.Errorf("body larger than %d bytes", maxBody)}
		}
		body = body[:limit]
	}
	return resp.StatusCode, body, resp.Header, nil
}

func (c *Client) newRequest(ctx context.Context, cl *call, payload []byte) (*http.Request, error) {
	u := *c.base
	u.Path = c.base.Path + cl.path
	u.RawQuery = cl.query.Encode()
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, u.String(), body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// observe reads HubSpot's rate-limit headers: a lower maximum than the
// client's lowers its throttle, and no requests remaining pauses it for the
// interval.
func (c *Client) observe(h http.Header, search bool) {
	if search {
		return // search responses carry no limit headers
	}
	max, okMax := headerInt(h, "X-HubSpot-RateLimit-Max")
	if okMax && max > 0 {
		c.burst.lower(max * 9 / 10)
	}
	left, okLeft := headerInt(h, "X-HubSpot-RateLimit-Remaining")
	if okLeft && left <= 0 {
		c.burst.pause(c.clk.now().Add(interval(h)))
	}
}

func interval(h http.Header) time.Duration {
	if ms, ok := headerInt(h, "X-HubSpot-RateLimit-Interval-Milliseconds"); ok && ms > 0 &&
		ms <= 3_600_000 {
		return time.Duration(ms) * time.Millisecond
	}
	return 10 * time.Second
}

func headerInt(h http.Header, key string) (int, bool) {
	v := h.Get(key)
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil
}

// decode reads a 2xx body into out.
func (c *Client) decode(cl *call, body []byte, out any) error {
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		de := &DecodeError{Endpoint: cl.endpoint(), Page: cl.page, Err: scrubbed{c.redact(err.Error())}}
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			de.Offset = se.Offset
		case errors.As(err, &te):
			de.Offset = te.Offset
		}
		if len(bytes.TrimSpace(body)) == 0 || strings.Contains(err.Error(), "unexpected end") {
			de.Err = errTruncated
		}
		return de
	}
	return nil
}

// errTruncated marks a body that ended before its JSON did.
var errTruncated = errors.New("body ends before its JSON does")

func truncated(err error) bool { return errors.Is(err, errTruncated) }

// scrubbed is an error text already cleared of the token.
type scrubbed struct{ s string }

// Error returns the scrubbed text.
func (e scrubbed) Error() string { return e.s }

// retrier decides, after a failed attempt, whether and how long to wait
// before the next one.
type retrier struct {
	c        *Client
	cl       *call
	retries  int
	waits    int
	attempts int
	last     error
}

// next returns nil after waiting when the call should be tried again, and
// the error to return otherwise.
func (r *retrier) next(ctx context.Context, status int, body []byte, h http.Header, err error) error {
	c, cl := r.c, r.cl
	if ctx.Err() != nil {
		return &RequestError{Endpoint: cl.endpoint(), Page: cl.page,
			Attempts: r.attempts, Err: ctx.Err(), Last: r.last}
	}
	var wait time.Duration
	switch {
	case err != nil:
		var de *DecodeError
		if errors.As(err, &de) && !truncated(err) {
			return err
		}
		r.last = scrubbed{c.redact(err.Error())}
		if r.retries >= c.retries {
			return r.giveUp(err)
		}
		wait = c.backoffFor(r.retries)
		r.retries++
	case status == http.StatusTooManyRequests:
		api := c.apiError(cl, status, body)
		policy := policyOf(body)
		after, _ := retryAfter(h, c.clk.now())
		if policy == "DAILY" || r.waits >= c.rlWaits {
			return &RateLimitError{API: api, Policy: policy, RetryAfter: after, Waits: r.waits}
		}
		r.last = &RateLimitError{API: api, Policy: policy, RetryAfter: after, Waits: r.waits}
		wait = rateLimitWait(after, policy, api.Message, h, cl.search)
		wait += c.jitter(wait / 10)
		w := c.burst
		if cl.search {
			w = c.search
		}
		w.pause(c.clk.now().Add(wait))
		r.waits++
		cl.stats.RateLimitWaits++
		wait = 0 // the window holds the call back
	case retryable(status):
		r.last = c.apiError(cl, status, body)
		if r.retries >= c.retries {
			return r.last
		}
		after, ok := retryAfter(h, c.clk.now())
		if !ok {
			after = c.backoffFor(r.retries)
		}
		if status == http.StatusLocked && after < 2*time.Second {
			after = 2 * time.Second
		}
		wait = after
		r.retries++
	default:
		api := c.apiError(cl, status, body)
		if status == http.StatusUnauthorized || status == http.StatusForbidden {
			return &AuthError{API: api}
		}
		return api
	}
	if wait > 0 {
		cl.stats.Retries++
		start := c.clk.now()
		if err := c.clk.sleep(ctx, wait); err != nil {
			return &RequestError{Endpoint: cl.endpoint(), Page: cl.page,
				Attempts: r.attempts, Err: err, Last: r.last}
		}
		cl.stats.Throttled += c.clk.now().Sub(start)
	} else if status != http.StatusTooManyRequests {
		cl.stats.Retries++
	}
	return nil
}

func (r *retrier) giveUp(err error) error {
	var de *DecodeError
	if errors.As(err, &de) {
		return de
	}
	return &RequestError{Endpoint: r.cl.endpoint(), Page: r.cl.page, Attempts: r.attempts,
		Err: scrubbed{r.c.redact(err.Error())}}
}

// retryable reports whether a status is worth trying again: server
// errors, timeouts, HubSpot's "locked" and "migration in progress".
func retryable(status int) bool {
	return status >= 500 || status == http.StatusLocked || status == 477 ||
		status == http.StatusRequestTimeout
}

// rateLimitWait is the wait after a 429: what Retry-After says, else a
// second for the search and "secondly" limits, else the interval the
// headers give (ten seconds by default).
func rateLimitWait(after time.Duration, policy, msg string, h http.Header, search bool) time.Duration {
	switch {
	case after > 0:
		return after
	case search || policy == "SECONDLY" || strings.Contains(strings.ToLower(msg), "secondly"):
		return time.Second
	}
	return interval(h)
}

// retryAfter reads a Retry-After header, in seconds or as an HTTP date,
// capped at a day.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 && s < 86400 {
		d = time.Duration(s * float64(time.Second))
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	} else {
		return 0, false
	}
	return min(max(d, 0), 24*time.Hour), true
}

// errorBody is HubSpot's error JSON; every field may be missing.
type errorBody struct {
	Status        string `json:"status"`
	Message       string `json:"message"`
	Category      string `json:"category"`
	SubCategory   any    `json:"subCategory"`
	CorrelationID string `json:"correlationId"`
	PolicyName    string `json:"policyName"`
	ErrorType     string `json:"errorType"`
}

// apiError builds the *APIError of a response, as far as its body tells.
func (c *Client) apiError(cl *call, status int, body []byte) *APIError {
	e := &APIError{Endpoint: cl.endpoint(), Page: cl.page, Status: status}
	var b errorBody
	if json.Unmarshal(body, &b) == nil {
		e.Category = b.Category
		if e.Category == "" {
			e.Category = b.ErrorType
		}
		if s, ok := b.SubCategory.(string); ok {
			e.SubCategory = s
		}
		e.Message = b.Message
		e.CorrelationID = b.CorrelationID
	} else if len(body) > 0 {
		e.Message = clip(c.redact(string(body)), 200)
	}
	e.Category = clip(c.redact(e.Category), 100)
	e.SubCategory = clip(c.redact(e.SubCategory), 100)
	e.Message = clip(c.redact(e.Message), 500)
	e.CorrelationID = clip(c.redact(e.CorrelationID), 100)
	return e
}

func policyOf(body []byte) string {
	var b errorBody
	if json.Unmarshal(body, &b) != nil {
		return ""
	}
	return clip(b.PolicyName, 50)
}

// clip cuts s to at most n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8Start(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
