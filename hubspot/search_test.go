package hubspot_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/hubspot"
	"github.com/salespilot/sales/internal/fakehub"
)

// searchPortal has n deals created (hence modified) one minute apart from
// t0, and k more all in the same millisecond at t0 + 1 day.
func searchPortal(n, k int) sales.Records {
	var r sales.Records
	r.TimeZone = "UTC"
	for i := range n {
		r.Deals = append(r.Deals, sales.Deal{ID: sales.DealID(fmt.Sprint(1000 + i)),
			Created: t0.Add(time.Duration(i) * time.Minute)})
	}
	for i := range k {
		r.Deals = append(r.Deals, sales.Deal{ID: sales.DealID(fmt.Sprint(5000 + i)),
			Created: t0.Add(24 * time.Hour)})
	}
	return r
}

func TestModifiedIDs_splitsWindows(t *testing.T) {
	// 130 deals, a cap of 20: the window must be split until every part
	// holds at most 20, and every deal found once.
	srv := fakehub.New(searchPortal(130, 0), fakehub.Options{SearchCap: 20})
	defer srv.Close()
	c := newClient(t, srv, hubspot.WithSearchCap(20))
	got, err := c.ModifiedIDs(context.Background(), "deals", t0, t0.Add(48*time.Hour))
	if err != nil {
		t.Fatalf("ModifiedIDs = %v", err)
	}
	var want []string
	for i := range 130 {
		want = append(want, fmt.Sprint(1000+i))
	}
	if !slices.Equal(got, want) {
		t.Errorf("ModifiedIDs = %d ids %v…, want the 130 ids 1000…1129", len(got), got[:min(5, len(got))])
	}
	// A window inside the span finds exactly its deals: [t0+10m, t0+15m).
	got, err = c.ModifiedIDs(context.Background(), "deals", t0.Add(10*time.Minute), t0.Add(15*time.Minute))
	if err != nil || !slices.Equal(got, []string{"1010", "1011", "1012", "1013", "1014"}) {
		t.Errorf("ModifiedIDs([t0+10m, t0+15m)) = %v, %v; want 1010…1014", got, err)
	}
}

func TestModifiedIDs_overCapInOneMillisecond(t *testing.T) {
	srv := fakehub.New(searchPortal(5, 30), fakehub.Options{SearchCap: 20})
	defer srv.Close()
	c := newClient(t, srv, hubspot.WithSearchCap(20))
	got, err := c.ModifiedIDs(context.Background(), "deals", t0, t0.Add(48*time.Hour))
	var ie *hubspot.IncompleteError
	if !errors.As(err, &ie) || ie.Expected != 30 || ie.Read != 0 || got != nil {
		t.Fatalf("ModifiedIDs = %v, %v; want an *IncompleteError expecting 30, reading 0", got, err)
	}
}

func TestModifiedIDs_emptyWindow(t *testing.T) {
	c, _ := hubspot.NewClient(testToken)
	if _, err := c.ModifiedIDs(context.Background(), "deals", t0, t0); err == nil {
		t.Errorf("ModifiedIDs over an empty window = nil error, want one")
	}
}
