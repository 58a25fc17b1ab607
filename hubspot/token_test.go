package hubspot_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/salespilot/sales/hubspot"
	"github.com/salespilot/sales/internal/fakehub"
)

// TestErrors_neverHoldTheToken provokes every kind of error with a server
// that echoes the token in every field it sends back, and checks that no
// error text holds it.
func TestErrors_neverHoldTheToken(t *testing.T) {
	echo := fmt.Sprintf(`{"status":"error","message":"bad token %[1]s","category":"%[1]s",`+
		`"subCategory":"%[1]s","correlationId":"%[1]s","policyName":"TEN_SECONDLY_ROLLING"}`, testToken)
	faults := map[string]fakehub.Fault{
		"400":       {Status: 400, Body: echo},
		"401":       {Status: 401, Body: echo},
		"403":       {Status: 403, Body: echo},
		"404":       {Status: 404, Body: echo},
		"429":       {Status: 429, Body: echo},
		"503":       {Status: 503, Body: echo},
		"html":      {Status: 500, Body: "<html>" + testToken + "</html>"},
		"malformed": {Malformed: true},
		"drop":      {DropMidBody: true},
	}
	for name, f := range faults {
		srv := fakehub.New(smallPortal(t), fakehub.Options{Fault: func(int, *http.Request) fakehub.Fault {
			return f
		}})
		c := newClient(t, srv, hubspot.WithClock(hubspot.NewFakeClock(t0)), hubspot.WithRateLimitWaits(1))
		_, _, err := c.ReadPortal(context.Background(), hubspot.ReadOptions{})
		srv.Close()
		if err == nil {
			t.Errorf("%s: ReadPortal = nil, want an error", name)
			continue
		}
		for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			if strings.Contains(text, testToken) {
				t.Errorf("%s: error text %q holds the token", name, text)
			}
		}
	}

	// A server that is gone: a network error.
	srv := fakehub.New(smallPortal(t), fakehub.Options{})
	srv.Close()
	c := newClient(t, srv, hubspot.WithClock(hubspot.NewFakeClock(t0)))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, _, err := c.ReadPortal(ctx, hubspot.ReadOptions{}); err == nil ||
		strings.Contains(err.Error(), testToken) {
		t.Errorf("ReadPortal(closed server) = %v, want an error without the token", err)
	}
}

func TestNewClient_badToken(t *testing.T) {
	for _, tok := range []string{"", "pat na1", "pat-na1-\nx", "tok\x00en"} {
		_, err := hubspot.NewClient(tok)
		if err == nil {
			t.Errorf("NewClient(%q) = nil error, want one", tok)
			continue
		}
		if tok != "" && strings.Contains(err.Error(), tok) {
			t.Errorf("NewClient(%q) = %v, which holds the token", tok, err)
		}
	}
}

func TestNewClient_options(t *testing.T) {
	bad := []hubspot.Option{
		hubspot.WithBaseURL("ftp://x"), hubspot.WithBaseURL("http://"), hubspot.WithHTTPClient(nil),
		hubspot.WithRetries(-1, time.Second, time.Second), hubspot.WithRetries(1, 0, time.Second),
		hubspot.WithRateLimit(0, time.Second), hubspot.WithSearchRateLimit(1, 0),
		hubspot.WithPageSize(101, 10), hubspot.WithPageSize(10, 51), hubspot.WithRateLimitWaits(-1),
		hubspot.WithSearchCap(0),
	}
	for i, o := range bad {
		if _, err := hubspot.NewClient(testToken, o); err == nil {
			t.Errorf("NewClient with bad option %d = nil error, want one", i)
		}
	}
}
