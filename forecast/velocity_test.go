package forecast_test

import (
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
	. "github.com/salespilot/sales/internal/testkit"
)

func TestSalesVelocity(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	got, err := forecast.SalesVelocity(ds, asOf, sales.Quarter(2024, 1, nil))
	if err != nil {
		t.Fatalf("SalesVelocity: %v", err)
	}
	tests := []struct {
		name     string
		open     int64
		rate     sales.Rate
		avg      string // "" for no value
		cycle    float64
		perDay   string // "" for no value
		measured int64
	}{
		// Ann: d1, d2, d6, d9 open; won d20 (1000, 30 days), lost d21.
		// 4 × 1/2 × 1000 ÷ 30 = 66.666… → 66.67.
		{"Ann", 4, sales.Rate{Num: 1, Den: 2}, "1000", 30, "66.67", 1},
		// Bob: d3, d4, d11, d12 open (d8's stage is unknown); won d22 (400,
		// 30 days) and d23 (no amount, 64 days). 4 × 1 × 400 ÷ 47 = 34.04.
		{"Bob", 4, sales.Rate{Num: 2, Den: 2}, "400", 47, "34.04", 2},
		// Cy: d7 open, nothing closed: no velocity.
		{"Cy", 1, sales.Rate{}, "", math.NaN(), "", 0},
		// Unassigned: d5.
		{"unassigned", 1, sales.Rate{}, "", math.NaN(), "", 0},
		// Team: 10 open, 3 won of 4, 1400 over 2 valued, 124 days over 3:
		// 10 × 3/4 × 700 ÷ (124/3) = 15750/124 = 127.016… → 127.02.
		{"team", 10, sales.Rate{Num: 3, Den: 4}, "700", 124.0 / 3, "127.02", 3},
	}
	rows := append(got.Reps, got.Team)
	if len(rows) != len(tests) {
		t.Fatalf("SalesVelocity: %d rows, want %d", len(rows), len(tests))
	}
	for i, tt := range tests {
		r := rows[i]
		if r.Name != tt.name || r.Open != tt.open || r.WinRate != tt.rate ||
			r.Cycle.Deals != tt.measured {
			t.Errorf("SalesVelocity row %d = %s: %d open, rate %+v, %d measured; want %s: %d, %+v, %d",
				i, r.Name, r.Open, r.WinRate, r.Cycle.Deals, tt.name, tt.open, tt.rate, tt.measured)
		}
		optIs(t, "SalesVelocity: "+tt.name+"'s average won", r.AverageWon, tt.avg)
		optIs(t, "SalesVelocity: "+tt.name+"'s velocity", r.PerDay, tt.perDay)
		switch {
		case math.IsNaN(tt.cycle) && r.Cycle.Mean != nil:
			t.Errorf("SalesVelocity: %s's cycle = %v, want no value", tt.name, *r.Cycle.Mean)
		case !math.IsNaN(tt.cycle) && (r.Cycle.Mean == nil || math.Abs(*r.Cycle.Mean-tt.cycle) > 1e-9):
			t.Errorf("SalesVelocity: %s's cycle = %v, want %v days", tt.name, r.Cycle.Mean, tt.cycle)
		}
	}
	if got.UnknownStage != 1 {
		t.Errorf("SalesVelocity: unknown stage %d, want 1", got.UnknownStage)
	}
	for _, bad := range []struct {
		asOf time.Time
		p    sales.Period
	}{{time.Time{}, sales.Quarter(2024, 1, nil)}, {asOf, sales.Period{}}} {
		if _, err := forecast.SalesVelocity(ds, bad.asOf, bad.p); err == nil {
			t.Errorf("SalesVelocity(%v, %v) succeeded, want an error", bad.asOf, bad.p)
		}
	}
}

// optIs fails the test unless got is nil and want "", or got equals want.
func optIs(t *testing.T, call string, got *decimal.Decimal, want string) {
	t.Helper()
	switch {
	case got == nil && want != "":
		t.Errorf("%s = no value, want %s", call, want)
	case got != nil && want == "":
		t.Errorf("%s = %s, want no value", call, got)
	case got != nil:
		EqualMoney(t, call, *got, D(want))
	}
}
