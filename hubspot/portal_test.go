package hubspot_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/hubspot"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/internal/fakehub"
)

func TestReadPortal_archived(t *testing.T) {
	recs := smallPortal(t)
	extra, _ := demo.Generate(demo.Options{Seed: 99, Deals: 10})
	srv := fakehub.New(recs, fakehub.Options{Archived: renamed(extra, "x")})
	defer srv.Close()
	opt := roundTripOptions()
	got, _, err := read(t, newClient(t, srv), opt)
	if err != nil || len(got.Deals) != len(recs.Deals) {
		t.Fatalf("ReadPortal = %d deals, %v; want the %d live ones", len(got.Deals), err, len(recs.Deals))
	}
	opt.IncludeArchived = true
	got, rep, err := read(t, newClient(t, srv), opt)
	if err != nil || len(got.Deals) != len(recs.Deals)+10 || rep.Archived["deals"] != 10 {
		t.Fatalf("ReadPortal(IncludeArchived) = %d deals (archived %v), %v; want %d",
			len(got.Deals), rep.Archived, err, len(recs.Deals)+10)
	}
}

func TestReadPortal_unknownStage(t *testing.T) {
	recs := smallPortal(t)
	recs.Deals[3].Stage = "deletedstage"
	recs.Deals[3].StageHistory = nil
	srv := fakehub.New(recs, fakehub.Options{})
	defer srv.Close()
	got, rep, err := read(t, newClient(t, srv), roundTripOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := hubspot.StageRef{Deal: recs.Deals[3].ID, Pipeline: recs.Deals[3].Pipeline, Stage: "deletedstage"}
	if len(rep.UnknownStages) != 1 || rep.UnknownStages[0] != want || got.Deals[3].Stage != "deletedstage" {
		t.Errorf("UnknownStages = %v, want [%v] with the deal kept", rep.UnknownStages, want)
	}
}

func TestReadPortal_danglingAssociations(t *testing.T) {
	// A call associated with a deal that is archived: the association is
	// left out and counted.
	recs := smallPortal(t)
	gone := recs.Deals[len(recs.Deals)-1]
	recs.Deals = recs.Deals[:len(recs.Deals)-1]
	var kept []sales.LineItem
	for _, li := range recs.LineItems {
		if li.Deal != gone.ID {
			kept = append(kept, li)
		}
	}
	recs.LineItems = kept
	n := 0
	for _, a := range recs.Activities {
		for _, d := range a.Deals {
			if d == gone.ID {
				n++
			}
		}
	}
	srv := fakehub.New(recs, fakehub.Options{})
	defer srv.Close()
	_, rep, err := read(t, newClient(t, srv), roundTripOptions())
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for k, v := range rep.Dangling {
		if k[len(k)-5:] == "deals" {
			total += v
		}
	}
	if total != n {
		t.Errorf("Dangling = %v, want %d associations to deal %s", rep.Dangling, n, gone.ID)
	}
}

func TestReadPortal_retryAfterDate(t *testing.T) {
	// A Retry-After given as an HTTP date ten seconds ahead of the fake
	// clock.
	date := t0.Add(10 * time.Second).Format(http.TimeFormat)
	_, rep, err, clk := faultRun(t, fakehub.Options{Fault: func(n int, r *http.Request) fakehub.Fault {
		if n == 2 {
			return fakehub.Fault{Status: 429, Body: tenSecondly, Header: http.Header{"Retry-After": {date}}}
		}
		return fakehub.Fault{}
	}})
	if err != nil || rep.HTTP.RateLimitWaits != 1 || clk.Slept() < 10*time.Second {
		t.Errorf("ReadPortal = %v with %d waits, slept %v; want one wait of 10 s", err,
			rep.HTTP.RateLimitWaits, clk.Slept())
	}
}

func TestModifiedIDs_secondlyLimit(t *testing.T) {
	// The search limit's 429 has no Retry-After: the client waits a second.
	clk := hubspot.NewFakeClock(t0)
	secondly := `{"status":"error","message":"You have reached your secondly limit.",` +
		`"category":"RATE_LIMITS"}`
	srv := fakehub.New(searchPortal(30, 0), fakehub.Options{Fault: func(n int, r *http.Request) fakehub.Fault {
		if n == 1 {
			return fakehub.Fault{Status: 429, Body: secondly}
		}
		return fakehub.Fault{}
	}})
	defer srv.Close()
	c := newClient(t, srv, hubspot.WithClock(clk))
	ids, err := c.ModifiedIDs(context.Background(), "deals", t0, t0.Add(time.Hour))
	if err != nil || len(ids) != 30 || clk.Slept() < time.Second || clk.Slept() > 2*time.Second {
		t.Errorf("ModifiedIDs = %d ids, %v, slept %v; want 30 after a wait of about 1 s",
			len(ids), err, clk.Slept())
	}
}
