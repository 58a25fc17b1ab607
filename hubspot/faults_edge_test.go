package hubspot_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/salespilot/sales/hubspot"
	"github.com/salespilot/sales/internal/fakehub"
)

// oddToken has characters that JSON and Go quoting escape.
const oddToken = `pat-na1-a"b\c<d>&e%2F+/=é'x`

func hasTok(s, tok string) bool { return strings.Contains(s, tok) }

// token with odd characters, echoed JSON-escaped in a body that is not valid JSON.
func TestToken_escapedInErrorBody(t *testing.T) {
	esc, _ := json.Marshal(oddToken) // "pat-na1-a\"b\\c\u003cd\u003e\u0026e..."
	for _, body := range []string{
		`{"message":"bad token ` + string(esc[1:len(esc)-1]) + `"`, // truncated JSON
		`<html>` + strconv.Quote(oddToken) + `</html>`,
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(400)
			fmt.Fprint(w, body)
		}))
		c, err := hubspot.NewClient(oddToken, hubspot.WithBaseURL(srv.URL))
		if err != nil {
			t.Fatalf("NewClient: %v", err)
		}
		_, _, err = c.ReadPortal(context.Background(), hubspot.ReadOptions{})
		srv.Close()
		t.Logf("err = %v", err)
		for _, form := range []string{oddToken, string(esc[1 : len(esc)-1]), strconv.Quote(oddToken)[1:20]} {
			if hasTok(err.Error(), form) {
				t.Errorf("error text holds the token (form %q): %v", form, err)
			}
		}
	}
}

// transport error holding the token, context ends during backoff.
type leakyTransport struct{}

func (leakyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, fmt.Errorf("proxy refused request with %s", r.Header.Get("Authorization"))
}

func TestToken_transportErrorWhileWaiting(t *testing.T) {
	c, err := hubspot.NewClient(testToken, hubspot.WithBaseURL("http://127.0.0.1:1"),
		hubspot.WithHTTPClient(&http.Client{Transport: leakyTransport{}}),
		hubspot.WithRetries(5, time.Hour, time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, _, err = c.ReadPortal(ctx, hubspot.ReadOptions{})
	t.Logf("err = %v", err)
	if hasTok(err.Error(), testToken) {
		t.Errorf("error (cancel while backing off) holds the token")
	}
	// and after retries exhausted
	c2, _ := hubspot.NewClient(testToken, hubspot.WithBaseURL("http://127.0.0.1:1"),
		hubspot.WithHTTPClient(&http.Client{Transport: leakyTransport{}}),
		hubspot.WithRetries(1, time.Millisecond, time.Millisecond))
	_, _, err = c2.ReadPortal(context.Background(), hubspot.ReadOptions{})
	t.Logf("err2 = %v", err)
	if hasTok(err.Error(), testToken) {
		t.Errorf("error (retries exhausted) holds the token")
	}
}

// printing the client.
func TestToken_printedClient(t *testing.T) {
	c, _ := hubspot.NewClient(testToken)
	for _, f := range []string{"%v", "%+v", "%#v"} {
		if s := fmt.Sprintf(f, c); hasTok(s, testToken) {
			t.Errorf("fmt %s of *Client holds the token", f)
		}
	}
}

// a 200 page of listing without "results" (e.g. {} or null) on page 2.
func TestFault_pageWithoutResults(t *testing.T) {
	for _, body := range []string{`{}`, `null`, `{"status":"error"}`, `{"results":null}`} {
		recs := smallPortal(t)
		srv := fakehub.New(recs, fakehub.Options{PageSize: 10, Fault: func(n int, r *http.Request) fakehub.Fault {
			if r.URL.Path == "/crm/v3/objects/deals" && r.URL.Query().Get("after") != "" {
				return fakehub.Fault{Status: 200, Body: body}
			}
			return fakehub.Fault{}
		}})
		c := newClient(t, srv)
		got, _, err := c.ReadPortal(context.Background(), roundTripOptions())
		srv.Close()
		if err == nil {
			t.Errorf("body %s on deals page 2: ReadPortal = nil error with %d of %d deals (silent partial)",
				body, len(got.Deals), len(recs.Deals))
		} else {
			t.Logf("body %s: %v", body, err)
		}
	}
}

// dropped mid body, persistently: typed error naming page.
func TestFault_droppedEveryTime(t *testing.T) {
	srv := fakehub.New(smallPortal(t), fakehub.Options{PageSize: 10, Fault: func(n int, r *http.Request) fakehub.Fault {
		return fakehub.Fault{DropMidBody: r.URL.Path == "/crm/v3/objects/deals" && r.URL.Query().Get("after") != ""}
	}})
	defer srv.Close()
	clk := hubspot.NewFakeClock(t0)
	c := newClient(t, srv, hubspot.WithClock(clk), hubspot.WithRetries(4, 100*time.Millisecond, time.Second))
	_, _, err := c.ReadPortal(context.Background(), roundTripOptions())
	var re *hubspot.RequestError
	if !errors.As(err, &re) || re.Page != 2 || re.Attempts != 5 {
		t.Errorf("ReadPortal = %v, want a RequestError of page 2 after 5 attempts", err)
	}
	t.Logf("err = %v; sleeps %v", err, clk.Sleeps)
	for i, d := range clk.Sleeps {
		cap := min(time.Second, 100*time.Millisecond<<i)
		if d < 0 || d > cap {
			t.Errorf("sleep %d = %v, outside [0, %v]", i, d, cap)
		}
	}
}

func TestFault_searchCursorRepeats(t *testing.T) {
	srv := searchServer(6, 6, true)
	defer srv.Close()
	c, _ := hubspot.NewClient(testToken, hubspot.WithBaseURL(srv.URL), hubspot.WithSearchRateLimit(100000, time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	ids, err := c.ModifiedIDs(ctx, "deals", t0, t0.Add(time.Hour))
	var pe *hubspot.PagingError
	if !errors.As(err, &pe) {
		t.Errorf("ModifiedIDs with a repeating cursor = %d ids, %v; want a *PagingError", len(ids), err)
	}
}

// search server: total says tot, serves n results in pages of 2, after=offset; repeat makes after constant.
func searchServer(tot, n int, repeat bool) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			After string `json:"after"`
		}
		json.NewDecoder(r.Body).Decode(&body)
		off, _ := strconv.Atoi(body.After)
		var res []map[string]any
		for i := off; i < min(off+2, n); i++ {
			res = append(res, map[string]any{"id": strconv.Itoa(100 + i), "properties": map[string]string{}})
		}
		out := map[string]any{"total": tot, "results": res}
		if off+2 < n || repeat {
			next := strconv.Itoa(off + 2)
			if repeat {
				next = "2"
			}
			out["paging"] = map[string]any{"next": map[string]string{"after": next}}
		}
		json.NewEncoder(w).Encode(out)
	}))
}
