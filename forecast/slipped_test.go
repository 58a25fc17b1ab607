package forecast_test

import (
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
	. "github.com/salespilot/sales/internal/testkit"
)

func TestSlippedDeals(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	q1 := sales.Quarter(2024, 1, nil)
	got, err := forecast.SlippedDeals(ds, asOf, q1, sales.Calendar{}, sales.UnitMonth)
	if err != nil {
		t.Fatalf("SlippedDeals: %v", err)
	}
	// First expected in January: d20 (31 Jan → closed 4 Feb: 1 move, 4
	// days) and d12 (20 Jan → 20 Feb: 2 moves, 31 days), both slipped.
	// February: d2 (28 Feb → 11 Mar: 1 move, 12 days) slipped; d21 closed
	// before its date. March: d5 (its move to April came after asOf) and
	// d11 (its date was cleared) did not slip. d3 was first expected in
	// April: not in the quarter.
	tests := []struct {
		month           string
		deals, slipped  int64
		value, slipVal  string
		moves, daysSlip int64
	}{
		{"January", 2, 2, "1250", "1250", 3, 35},
		{"February", 2, 1, "800", "500", 1, 12},
		{"March", 2, 0, "900", "0", 0, 0},
		{"total", 6, 3, "2950", "1750", 4, 47},
	}
	rows := append(got.Rows, got.Total)
	for i, tt := range tests {
		r := rows[i]
		tallyIs(t, "SlippedDeals: deals of "+tt.month, r.Deals, tt.deals, tt.value, 0, 0)
		tallyIs(t, "SlippedDeals: slipped of "+tt.month, r.Slipped, tt.slipped, tt.slipVal, 0, 0)
		rate := sales.Rate{Num: tt.slipped, Den: tt.deals}
		if r.Moves != tt.moves || r.Days != tt.daysSlip || r.Rate != rate {
			t.Errorf("SlippedDeals: %s moves %d, days %d, rate %+v; want %d, %d, %d/%d",
				tt.month, r.Moves, r.Days, r.Rate, tt.moves, tt.daysSlip, tt.slipped, tt.deals)
		}
	}
	if v, ok := got.Total.MeanDays.Value(); !ok || !v.Equal(D("15.666667")) {
		t.Errorf("SlippedDeals: mean days %v %v, want 47/3 = 15.666667", v, ok)
	}
	if _, ok := got.Rows[2].MeanDays.Value(); ok {
		t.Errorf("SlippedDeals: March has a mean of days slipped, want no value")
	}
	want := []struct {
		id          sales.DealID
		stage       string
		moves, days int
	}{{"d12", "open", 2, 31}, {"d2", "open", 1, 12}, {"d20", "won", 1, 4}}
	if len(got.Deals) != len(want) {
		t.Fatalf("SlippedDeals: %d deals listed, want %d", len(got.Deals), len(want))
	}
	for i, w := range want {
		d := got.Deals[i]
		if d.Deal != w.id || d.Stage != w.stage || d.Moves != w.moves || d.Days != w.days {
			t.Errorf("SlippedDeals: deal %d = %s %s %d moves %d days, want %s %s %d %d",
				i, d.Deal, d.Stage, d.Moves, d.Days, w.id, w.stage, w.moves, w.days)
		}
	}
	if !got.Deals[0].First.Equal(day(1, 20)) || !got.Deals[0].Latest.Equal(day(2, 20)) {
		t.Errorf("SlippedDeals: d12 from %s to %s, want 2024-01-20 to 2024-02-20",
			got.Deals[0].First, got.Deals[0].Latest)
	}
	// Without a history, d1, d4, d6, d7, d8, d9, d10, d22 and d23 close in
	// the quarter and cannot be judged.
	if got.NoHistory != 9 {
		t.Errorf("SlippedDeals: no history %d, want 9", got.NoHistory)
	}
	// Ann: d20 and d2 slipped, d21 not; Bob: d12 slipped, d11 not.
	ann, bob := got.Reps[0], got.Reps[1]
	if ann.Deals.Count != 3 || ann.Slipped.Count != 2 || bob.Deals.Count != 2 || bob.Slipped.Count != 1 {
		t.Errorf("SlippedDeals: Ann %d of %d, Bob %d of %d slipped; want 2 of 3 and 1 of 2",
			ann.Slipped.Count, ann.Deals.Count, bob.Slipped.Count, bob.Deals.Count)
	}
}

func TestSlippedDeals_later(t *testing.T) {
	// Seen from 1 April, d5's move from 30 March to 10 April is known:
	// March has a slipped deal more.
	ds := sales.MustDataset(smallPortal())
	q1 := sales.Quarter(2024, 1, nil)
	got, err := forecast.SlippedDeals(ds, day(4, 1), q1, sales.Calendar{}, sales.UnitMonth)
	if err != nil {
		t.Fatalf("SlippedDeals: %v", err)
	}
	if got.Rows[2].Slipped.Count != 1 || got.Rows[2].Days != 11 {
		t.Errorf("SlippedDeals(1 April): March slipped %d by %d days, want 1 by 11",
			got.Rows[2].Slipped.Count, got.Rows[2].Days)
	}
}

func TestSlippedDeals_badArguments(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	q1 := sales.Quarter(2024, 1, nil)
	tests := []struct {
		name string
		asOf time.Time
		p    sales.Period
		u    sales.Unit
	}{
		{"zero asOf", time.Time{}, q1, sales.UnitMonth},
		{"zero period", asOf, sales.Period{}, sales.UnitMonth},
		{"no unit", asOf, q1, 0},
		{"unit 99", asOf, q1, 99},
	}
	for _, tt := range tests {
		if _, err := forecast.SlippedDeals(ds, tt.asOf, tt.p, sales.Calendar{}, tt.u); err == nil {
			t.Errorf("SlippedDeals(%s) succeeded, want an error", tt.name)
		}
	}
}

// TestSlippedDeals_placeholderDate: a close date moved to the placeholder
// 9999-12-31, beyond the years an Instant holds, counts the days its
// record's dates give, not those of the clamped instant.
func TestSlippedDeals_placeholderDate(t *testing.T) {
	jan := time.Date(2024, time.January, 15, 0, 0, 0, 0, time.UTC)
	never := time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)
	r := sales.Records{Currency: "USD", Pipelines: []sales.Pipeline{SalesPipeline},
		Deals: []sales.Deal{{ID: "d", Pipeline: "sales", Stage: "qualify",
			Created: jan.AddDate(0, -1, 0), CloseDate: never,
			CloseDateHistory: []sales.CloseDateChange{
				{At: jan.AddDate(0, -1, 0), CloseDate: jan},
				{At: jan.AddDate(0, 0, -3), CloseDate: never},
			}}}}
	got, err := forecast.SlippedDeals(sales.MustDataset(r), jan.AddDate(0, 1, 0),
		sales.Quarter(2024, 1, nil), sales.Calendar{}, sales.UnitMonth)
	if err != nil {
		t.Fatal(err)
	}
	// From 2024-01-15 to 9999-12-31, counted as a time.Duration, which
	// stops at its largest, about 292 years: 106,751 days. The clamped
	// instant, 2262-04-11, would give 86,968.
	const want = 106_751
	if len(got.Deals) != 1 || got.Deals[0].Days != want || got.Total.Days != int64(want) {
		t.Errorf("SlippedDeals(to 9999-12-31) = %+v, total days %d, want one deal of %d days",
			got.Deals, got.Total.Days, want)
	}
}
