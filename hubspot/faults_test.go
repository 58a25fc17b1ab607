package hubspot_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/hubspot"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/internal/fakehub"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func smallPortal(t testing.TB) sales.Records {
	recs, err := demo.Generate(demo.Options{Seed: 11, Deals: 40})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// faultRun serves a small portal with the given fault and reads it with
// a fake clock; it returns what ReadPortal returned and the clock.
func faultRun(t *testing.T, o fakehub.Options, opts ...hubspot.Option) (sales.Records,
	hubspot.Report, error, *hubspot.FakeClock) {
	t.Helper()
	recs := smallPortal(t)
	o.Token, o.RegionProperty = testToken, region
	if o.PageSize == 0 {
		o.PageSize = 10
	}
	srv := fakehub.New(recs, o)
	t.Cleanup(srv.Close)
	clk := hubspot.NewFakeClock(t0)
	c := newClient(t, srv, append([]hubspot.Option{hubspot.WithClock(clk)}, opts...)...)
	got, rep, err := read(t, c, roundTripOptions())
	if err == nil && !o.NoRates {
		if d := diff(recs, got); d != "" {
			t.Errorf("ReadPortal under faults differs from the portal:\n%s", d)
		}
	} else if err != nil && len(got.Deals)+len(got.Owners)+len(got.Activities) != 0 {
		t.Errorf("ReadPortal failed with %v but returned records", err)
	}
	if err != nil && strings.Contains(err.Error(), testToken) {
		t.Errorf("error %q holds the token", err)
	}
	return got, rep, err, clk
}

const tenSecondly = `{"status":"error","message":"You have reached your ten_secondly_rolling limit.",` +
	`"errorType":"RATE_LIMIT","correlationId":"c0ffee00-0000-0000-0000-000000000429",` +
	`"policyName":"TEN_SECONDLY_ROLLING"}`

func TestReadPortal_rateLimitStorm(t *testing.T) {
	// Requests 3 to 8 meet a 429 asking for a 3 s wait; the read must wait
	// each out and end with the whole portal.
	_, rep, err, clk := faultRun(t, fakehub.Options{Fault: func(n int, r *http.Request) fakehub.Fault {
		if n >= 3 && n <= 8 {
			return fakehub.Fault{Status: 429, Body: tenSecondly,
				Header: http.Header{"Retry-After": {"3"}}}
		}
		return fakehub.Fault{}
	}})
	if err != nil {
		t.Fatalf("ReadPortal = %v, want nil", err)
	}
	if rep.HTTP.RateLimitWaits != 6 {
		t.Errorf("RateLimitWaits = %d, want 6", rep.HTTP.RateLimitWaits)
	}
	if clk.Slept() < 18*time.Second {
		t.Errorf("slept %v, want at least 6 × 3 s", clk.Slept())
	}
}

func TestReadPortal_rateLimitGivesUp(t *testing.T) {
	_, _, err, _ := faultRun(t, fakehub.Options{Fault: func(n int, r *http.Request) fakehub.Fault {
		if n >= 2 {
			return fakehub.Fault{Status: 429, Body: tenSecondly}
		}
		return fakehub.Fault{}
	}}, hubspot.WithRateLimitWaits(4))
	var rl *hubspot.RateLimitError
	if !errors.As(err, &rl) || rl.Waits != 4 || rl.Policy != "TEN_SECONDLY_ROLLING" ||
		rl.API.CorrelationID == "" {
		t.Fatalf("ReadPortal = %v, want a *RateLimitError after 4 waits", err)
	}
}

func TestReadPortal_dailyLimit(t *testing.T) {
	daily := strings.Replace(tenSecondly, "TEN_SECONDLY_ROLLING", "DAILY", 1)
	_, _, err, clk := faultRun(t, fakehub.Options{Fault: func(n int, r *http.Request) fakehub.Fault {
		return fakehub.Fault{Status: 429, Body: daily}
	}})
	var rl *hubspot.RateLimitError
	if !errors.As(err, &rl) || rl.Policy != "DAILY" || rl.Waits != 0 {
		t.Fatalf("ReadPortal = %v, want a *RateLimitError of policy DAILY at once", err)
	}
	if clk.Slept() != 0 {
		t.Errorf("slept %v on a daily limit, want no wait", clk.Slept())
	}
}

func TestReadPortal_serverErrors(t *testing.T) {
	_, rep, err, _ := faultRun(t, fakehub.Options{Fault: func(n int, r *http.Request) fakehub.Fault {
		switch n % 4 {
		case 1:
			return fakehub.Fault{Status: 502, Body: "<html>Bad gateway</html>"}
		case 2:
			return fakehub.Fault{Status: 503, Body: `{"status":"error","message":"unavailable"}`}
		}
		return fakehub.Fault{}
	}})
	if err != nil {
		t.Fatalf("ReadPortal = %v, want nil", err)
	}
	if rep.HTTP.Retries == 0 {
		t.Errorf("Retries = 0, want some")
	}
}

func TestReadPortal_serverDown(t *testing.T) {
	_, _, err, clk := faultRun(t, fakehub.Options{Fault: func(n int, r *http.Request) fakehub.Fault {
		return fakehub.Fault{Status: 503, Body: `{"status":"error","message":"down",` +
			`"category":"SERVICE_UNAVAILABLE","correlationId":"abc"}`}
	}})
	var api *hubspot.APIError
	if !errors.As(err, &api) || api.Status != 503 || api.CorrelationID != "abc" {
		t.Fatalf("ReadPortal = %v, want a 503 *APIError", err)
	}
	if len(clk.Sleeps) != 3 {
		t.Errorf("waited %d times, want 3 (the retries)", len(clk.Sleeps))
	}
}

func TestReadPortal_droppedConnections(t *testing.T) {
	_, rep, err, _ := faultRun(t, fakehub.Options{Fault: func(n int, r *http.Request) fakehub.Fault {
		return fakehub.Fault{DropMidBody: n%3 == 0}
	}})
	if err != nil {
		t.Fatalf("ReadPortal = %v, want nil", err)
	}
	if rep.HTTP.Retries == 0 {
		t.Errorf("Retries = 0, want some")
	}
}

func TestReadPortal_malformedJSON(t *testing.T) {
	_, _, err, _ := faultRun(t, fakehub.Options{Fault: func(n int, r *http.Request) fakehub.Fault {
		q := r.URL.Query()
		return fakehub.Fault{Malformed: r.URL.Path == "/crm/v3/objects/deals" && q.Get("after") != ""}
	}})
	var de *hubspot.DecodeError
	if !errors.As(err, &de) || de.Endpoint != "GET /crm/v3/objects/deals" || de.Page != 2 {
		t.Fatalf("ReadPortal = %v, want a *DecodeError of GET /crm/v3/objects/deals page 2", err)
	}
}

func TestReadPortal_repeatedCursor(t *testing.T) {
	_, _, err, _ := faultRun(t, fakehub.Options{RepeatCursor: "contacts"})
	var pe *hubspot.PagingError
	if !errors.As(err, &pe) || pe.Endpoint != "GET /crm/v3/objects/contacts" || pe.Page != 2 {
		t.Fatalf("ReadPortal = %v, want a *PagingError of contacts page 2", err)
	}
}

func TestReadPortal_auth(t *testing.T) {
	for _, status := range []int{401, 403} {
		_, _, err, _ := faultRun(t, fakehub.Options{Fault: func(n int, r *http.Request) fakehub.Fault {
			return fakehub.Fault{Status: status, Body: `{"status":"error","message":"nope",` +
				`"category":"INVALID_AUTHENTICATION","correlationId":"id-1"}`}
		}})
		var ae *hubspot.AuthError
		var api *hubspot.APIError
		if !errors.As(err, &ae) || !errors.As(err, &api) || api.Status != status {
			t.Errorf("ReadPortal with status %d = %v, want an *AuthError", status, err)
		}
	}
}

func TestReadPortal_optionalParts(t *testing.T) {
	got, rep, err, _ := faultRun(t, fakehub.Options{NoRates: true})
	if err != nil || len(got.Deals) != 40 || got.Rates.ToBase != nil {
		t.Fatalf("ReadPortal without the rates scope = %d deals, rates %v, %v; want 40 deals, "+
			"no rates, nil", len(got.Deals), got.Rates, err)
	}
	if len(rep.Notes) == 0 {
		t.Errorf("ReadPortal without the rates scope: no note in the report")
	}
}

func TestReadPortal_cancel(t *testing.T) {
	recs := smallPortal(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := fakehub.New(recs, fakehub.Options{PageSize: 5, Fault: func(n int, r *http.Request) fakehub.Fault {
		if n == 6 {
			cancel()
		}
		return fakehub.Fault{}
	}})
	defer srv.Close()
	c := newClient(t, srv)
	got, _, err := c.ReadPortal(ctx, roundTripOptions())
	if !errors.Is(err, context.Canceled) || len(got.Deals) != 0 {
		t.Fatalf("ReadPortal cancelled = %v with %d deals, want context.Canceled and none",
			err, len(got.Deals))
	}
	if n := srv.Requests(); n > 7 {
		t.Errorf("%d requests after cancelling at the 6th, want at most 7", n)
	}
}

func TestReadPortal_cancelWhileWaiting(t *testing.T) {
	// A real clock, a 429 asking for an hour: cancelling must end the wait
	// at once.
	recs := smallPortal(t)
	srv := fakehub.New(recs, fakehub.Options{Fault: func(n int, r *http.Request) fakehub.Fault {
		return fakehub.Fault{Status: 429, Body: tenSecondly, Header: http.Header{"Retry-After": {"3600"}}}
	}})
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := newClient(t, srv).ReadPortal(ctx, roundTripOptions())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("ReadPortal = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("ReadPortal took %v to notice its deadline", d)
	}
	// The error says what the read was waiting out, without being one.
	var re *hubspot.RequestError
	var rl *hubspot.RateLimitError
	if !errors.As(err, &re) || !errors.As(re.Last, &rl) || rl.Policy != "TEN_SECONDLY_ROLLING" ||
		!strings.Contains(err.Error(), "waiting out") || errors.As(err, &rl) {
		t.Errorf("ReadPortal = %v (%#v), want a RequestError whose Last is the rate limit", err, re)
	}
}

// TestReadPortal_timeoutWhileDown: a deadline that ends while the client
// backs off from a 503 gives the 503 as the failure waited out.
func TestReadPortal_timeoutWhileDown(t *testing.T) {
	recs := smallPortal(t)
	srv := fakehub.New(recs, fakehub.Options{Token: testToken, Fault: func(n int, r *http.Request) fakehub.Fault {
		return fakehub.Fault{Status: 503, Body: `{"status":"error","message":"down","correlationId":"abc"}`,
			Header: http.Header{"Retry-After": {"3600"}}}
	}})
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, _, err := newClient(t, srv).ReadPortal(ctx, roundTripOptions())
	var re *hubspot.RequestError
	var api *hubspot.APIError
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &re) ||
		!errors.As(re.Last, &api) || api.Status != 503 || api.CorrelationID != "abc" {
		t.Fatalf("ReadPortal = %v, want a deadline while waiting out a 503", err)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("error %q holds the token", err)
	}
}

func TestClient_throttle(t *testing.T) {
	// 5 requests per 10 s: a read of n requests must take about
	// (n/5 - 1) × 10 s of clock time, and never more than 5 in a window.
	recs := smallPortal(t)
	var times []time.Time
	clk := hubspot.NewFakeClock(t0)
	srv := fakehub.New(recs, fakehub.Options{Fault: func(n int, r *http.Request) fakehub.Fault {
		return fakehub.Fault{}
	}})
	defer srv.Close()
	c := newClient(t, srv, hubspot.WithClock(clk), hubspot.WithRateLimit(5, 10*time.Second),
		hubspot.WithHTTPClient(&http.Client{Transport: stampTransport{&times, clk, srv.Client().Transport}}))
	if _, _, err := c.ReadPortal(context.Background(), roundTripOptions()); err != nil {
		t.Fatal(err)
	}
	for i := 5; i < len(times); i++ {
		if d := times[i].Sub(times[i-5]); d < 10*time.Second {
			t.Fatalf("requests %d and %d are %v apart, want at least 10 s", i-5, i, d)
		}
	}
}

// stampTransport records the fake clock's time of each request.
type stampTransport struct {
	times *[]time.Time
	clk   *hubspot.FakeClock
	next  http.RoundTripper
}

func (s stampTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	*s.times = append(*s.times, s.clk.Now())
	return s.next.RoundTrip(r)
}

func TestClient_limitHeaders(t *testing.T) {
	recs := smallPortal(t)
	clk := hubspot.NewFakeClock(t0)
	var calls atomic.Int32
	srv := fakehub.New(recs, fakehub.Options{Fault: func(n int, r *http.Request) fakehub.Fault {
		calls.Add(1)
		return fakehub.Fault{}
	}})
	defer srv.Close()
	h := &headerTransport{next: srv.Client().Transport}
	c := newClient(t, srv, hubspot.WithClock(clk), hubspot.WithHTTPClient(&http.Client{Transport: h}))
	if _, _, err := c.ReadPortal(context.Background(), roundTripOptions()); err != nil {
		t.Fatal(err)
	}
	if clk.Slept() < 10*time.Second {
		t.Errorf("slept %v after a response with no requests remaining, want the 10 s interval",
			clk.Slept())
	}
}

// headerTransport adds HubSpot's limit headers, saying no request remains
// after the third.
type headerTransport struct {
	n    int
	next http.RoundTripper
}

func (h *headerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := h.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	h.n++
	resp.Header.Set("X-HubSpot-RateLimit-Max", "100")
	resp.Header.Set("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
	resp.Header.Set("X-HubSpot-RateLimit-Remaining", fmt.Sprint(max(0, 3-h.n)))
	return resp, nil
}
