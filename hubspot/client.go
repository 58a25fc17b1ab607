package hubspot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultBaseURL is HubSpot's API host.
const DefaultBaseURL = "https://api.hubapi.com"

// Defaults of the client's limits. HubSpot's own limits are per tier and
// have changed over time; these sit below the lowest published ones.
const (
	// DefaultRequestsPer10s is how many requests the client sends in any
	// rolling ten seconds: 90% of the 100 allowed to private apps on the
	// Free and Starter tiers. The X-HubSpot-RateLimit-Max header, when a
	// response carries it, lowers it further if needed.
	DefaultRequestsPer10s = 90
	// DefaultSearchPerSecond is how many search requests the client sends
	// per second: HubSpot allows 5 per account, in a bucket of their own.
	DefaultSearchPerSecond = 4
	// DefaultRetries is how many times a request is tried again after a
	// 5xx response or a dropped connection.
	DefaultRetries = 5
	// DefaultRateLimitWaits is how many 429 responses to one request the
	// client waits out before it gives up with a *RateLimitError.
	DefaultRateLimitWaits = 8
	// DefaultPageSize is the page size of listings: HubSpot's maximum.
	DefaultPageSize = 100
	// DefaultHistoryPageSize is the page size of listings that ask for
	// property history, which HubSpot caps lower.
	DefaultHistoryPageSize = 50
	// DefaultTimeout bounds one request, its body included.
	DefaultTimeout = 2 * time.Minute
)

// Client reads a HubSpot portal through its CRM API. Create one with
// NewClient; it is safe for concurrent use, and every method that does I/O
// takes a context that cancels it promptly, waits included.
type Client struct {
	base      *url.URL
	token     string
	hc        *http.Client
	clk       clock
	retries   int
	rlWaits   int
	backoff   time.Duration // first retry's cap
	maxWait   time.Duration // cap of any backoff
	pageSize  int
	histSize  int
	searchCap int
	burst     *window
	search    *window

	mu  sync.Mutex
	rnd *rand.Rand
}

// Option configures a Client. Options validate their argument: NewClient
// returns the first one's error.
type Option func(*Client) error

// NewClient returns a client that authenticates with token, a private
// app's access token or an OAuth access token, sent as a Bearer token. The
// token never appears in an error, a panic or any text the client
// produces. NewClient fails for an empty token or one holding spaces or
// control characters, and for an invalid option.
func NewClient(token string, opts ...Option) (*Client, error) {
	if token == "" {
		return nil, errors.New("hubspot: new client: empty access token")
	}
	if strings.ContainsFunc(token, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return nil, errors.New("hubspot: new client: access token holds spaces or control characters")
	}
	base, _ := url.Parse(DefaultBaseURL)
	c := &Client{
		base: base, token: token, hc: &http.Client{Timeout: DefaultTimeout}, clk: realClock{},
		retries: DefaultRetries, rlWaits: DefaultRateLimitWaits,
		backoff: 500 * time.Millisecond, maxWait: 30 * time.Second,
		pageSize: DefaultPageSize, histSize: DefaultHistoryPageSize,
		burst:  newWindow(DefaultRequestsPer10s, 10*time.Second),
		search: newWindow(DefaultSearchPerSecond, time.Second),
		rnd:    rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())),
	}
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// WithBaseURL sends requests to base instead of DefaultBaseURL, such as a
// test server's "http://127.0.0.1:8080". A path in base prefixes every
// request's path.
func WithBaseURL(base string) Option {
	return func(c *Client) error {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("hubspot: base url %q: want http(s)://host[:port][/path]", base)
		}
		u.Path = strings.TrimSuffix(u.Path, "/")
		u.RawQuery, u.Fragment = "", ""
		c.base = u
		return nil
	}
}

// WithHTTPClient sends requests through hc, for a proxy, another timeout
// or a custom transport. By default the client uses an http.Client whose
// Timeout is DefaultTimeout, so that a response that never ends is
// retried rather than waited on for ever.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) error {
		if hc == nil {
			return errors.New("hubspot: nil http client")
		}
		c.hc = hc
		return nil
	}
}

// WithRetries sets how many times a request is tried again after a 5xx
// response, a dropped connection or a body cut short (n, at least 0), and
// the backoff: the k-th retry waits a random time up to
// min(maxWait, first × 2^k), the "full jitter" that keeps many clients
// from retrying in step.
func WithRetries(n int, first, maxWait time.Duration) Option {
	return func(c *Client) error {
		if n < 0 || first <= 0 || maxWait < first {
			return fmt.Errorf("hubspot: retries %d, first %v, max %v: want n >= 0 and "+
				"0 < first <= max", n, first, maxWait)
		}
		c.retries, c.backoff, c.maxWait = n, first, maxWait
		return nil
	}
}

// WithRateLimitWaits sets how many 429 responses to one request the client
// waits out (honouring Retry-After) before it returns a *RateLimitError.
func WithRateLimitWaits(n int) Option {
	return func(c *Client) error {
		if n < 0 {
			return fmt.Errorf("hubspot: rate limit waits %d: want n >= 0", n)
		}
		c.rlWaits = n
		return nil
	}
}

// WithRateLimit sets how many requests the client sends in any rolling
// span per (for HubSpot's limits, 10 seconds). It throttles itself to
// stay within it rather than wait for 429 responses.
func WithRateLimit(requests int, per time.Duration) Option {
	return func(c *Client) error {
		if requests < 1 || per <= 0 {
			return fmt.Errorf("hubspot: rate limit %d per %v: want at least 1 per positive span",
				requests, per)
		}
		c.burst = newWindow(requests, per)
		return nil
	}
}

// WithSearchRateLimit sets how many search requests the client sends in
// any rolling span per; HubSpot counts searches apart from other calls.
func WithSearchRateLimit(requests int, per time.Duration) Option {
	return func(c *Client) error {
		if requests < 1 || per <= 0 {
			return fmt.Errorf("hubspot: search rate limit %d per %v: want at least 1 per "+
				"positive span", requests, per)
		}
		c.search = newWindow(requests, per)
		return nil
	}
}

// WithPageSize sets the page size of listings (1 to 100) and of listings
// that ask for property history (1 to 50).
func WithPageSize(list, history int) Option {
	return func(c *Client) error {
		if list < 1 || list > 100 || history < 1 || history > 50 {
			return fmt.Errorf("hubspot: page sizes %d and %d: want 1..100 and 1..50",
				list, history)
		}
		c.pageSize, c.histSize = list, history
		return nil
	}
}

// jitter returns a random duration in [0, d].
func (c *Client) jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Duration(c.rnd.Int64N(int64(d) + 1))
}

// backoffFor returns the wait before retry number k (from 0).
func (c *Client) backoffFor(k int) time.Duration {
	d := c.backoff
	for range min(k, 30) {
		d *= 2
		if d >= c.maxWait {
			d = c.maxWait
			break
		}
	}
	return c.jitter(d)
}

// Format prints the client as its base URL, never its token, whatever the
// verb, so that a client printed in a log line gives nothing away.
func (c *Client) Format(f fmt.State, _ rune) {
	if c == nil {
		fmt.Fprint(f, "hubspot.Client(nil)")
		return
	}
	fmt.Fprintf(f, "hubspot.Client{base: %s}", c.base)
}

// redact removes the token from s, which may come from the server or the
// network stack.
func (c *Client) redact(s string) string {
	if c.token == "" {
		return s
	}
	// The token as sent, and as JSON or Go quoting would escape it.
	forms := []string{c.token}
	if b, err := json.Marshal(c.token); err == nil {
		forms = append(forms, string(b[1:len(b)-1]))
	}
	forms = append(forms, strconv.Quote(c.token)[1:len(strconv.Quote(c.token))-1])
	for _, f := range forms {
		s = strings.ReplaceAll(s, f, "[token]")
	}
	return s
}

// clock is the time the client waits on; tests replace it.
type clock interface {
	now() time.Time
	// sleep waits d, or until ctx ends, and then returns ctx's error.
	sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) now() time.Time { return time.Now() }

func (realClock) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// window is a rolling-window throttle: at most limit requests start in any
// span of length per, and none before pauseUntil.
type window struct {
	mu         sync.Mutex
	limit      int
	per        time.Duration
	starts     []time.Time // of the requests in the current span, oldest first
	pauseUntil time.Time
}

func newWindow(limit int, per time.Duration) *window {
	return &window{limit: limit, per: per}
}

// wait blocks until a request may start, and records its start.
func (w *window) wait(ctx context.Context, clk clock) error {
	for {
		d := w.reserve(clk.now())
		if d <= 0 {
			return nil
		}
		if err := clk.sleep(ctx, d); err != nil {
			return err
		}
	}
}

// reserve records a start at now and returns 0, or returns how long to
// wait before asking again.
func (w *window) reserve(now time.Time) time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	drop := 0
	for drop < len(w.starts) && !w.starts[drop].After(now.Add(-w.per)) {
		drop++
	}
	w.starts = append(w.starts[:0], w.starts[drop:]...)
	if now.Before(w.pauseUntil) {
		return w.pauseUntil.Sub(now)
	}
	if len(w.starts) >= w.limit {
		return w.starts[0].Add(w.per).Sub(now) + time.Millisecond
	}
	w.starts = append(w.starts, now)
	return 0
}

// pause holds every request back until t.
func (w *window) pause(t time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if t.After(w.pauseUntil) {
		w.pauseUntil = t
	}
}

// lower makes the window allow at most limit requests per span, when that
// is fewer than it allows now; it never raises the limit.
func (w *window) lower(limit int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if limit >= 1 && limit < w.limit {
		w.limit = limit
	}
}
