package kpi

import (
	"testing"
	"time"

	"github.com/salespilot/sales"
	. "github.com/salespilot/sales/internal/testkit"
)

// targetPortal is smallPortal with targets of every level: Ann's for
// January (value 150, count 3), team east's for the quarter (400), the
// portal's for January (500) and for the quarter (1000).
func targetPortal() sales.Records {
	recs := smallPortal()
	recs.Owners[0].Team, recs.Owners[1].Team = "east", "west"
	jan, q1 := sales.Month(2024, time.January, nil), sales.Quarter(2024, 1, nil)
	recs.Targets = []sales.Target{
		{Owner: "a", Period: jan, Metric: sales.TargetWonValue, Value: D("150")},
		{Owner: "a", Period: jan, Metric: sales.TargetWonCount, Value: D("3")},
		{Team: "east", Period: q1, Metric: sales.TargetWonValue, Value: D("400")},
		{Period: jan, Metric: sales.TargetWonValue, Value: D("500")},
		{Period: q1, Metric: sales.TargetWonValue, Value: D("1000")},
	}
	return recs
}

// TestTargetReport_Merge: January over Ann's deals and over everyone
// else's merges into January over all. By hand: Ann won d1 (100) and d2
// (no amount), 2 of her count target 3; Bob won d4 (220) and d5 (no rate);
// d7 (10) is unassigned. The team measures against the portal's 500:
// 330/500 = 0.66.
func TestTargetReport_Merge(t *testing.T) {
	recs := targetPortal()
	jan := sales.Month(2024, time.January, nil)
	ann, rest := SplitDeals(recs, func(i int) bool { return recs.Deals[i].Owner == "a" })
	x, _ := WonAgainstTarget(sales.MustDataset(ann), jan)
	y, _ := WonAgainstTarget(sales.MustDataset(rest), jan)
	if err := x.Merge(y); err != nil {
		t.Fatalf("TargetReport.Merge: %v", err)
	}
	whole, _ := WonAgainstTarget(sales.MustDataset(recs), jan)
	if !sameJSON(t, x, whole) {
		t.Errorf("TargetReport.Merge of Ann's and the others' deals differs from the whole")
	}
	if v, ok := x.Team.ValueAttainment.Value(); !ok || !v.Equal(D("0.66")) {
		t.Errorf("merged team attainment = %v %v, want 330/500 = 0.66", v, ok)
	}
	if v, ok := x.Reps[0].CountAttainment.Value(); !ok || !v.Equal(D("0.666667")) {
		t.Errorf("merged Ann's count attainment = %v %v, want 2/3", v, ok)
	}
	if n := len(x.Reps); n != 4 || x.Reps[3].Won.Count != 1 {
		t.Errorf("merged reps = %+v, want a, b, c and unassigned with 1 won", x.Reps)
	}
}

// TestRevenue_Merge: 2024 over the deals split in two merges into 2024
// over all. By hand, January: 100 + 220 + 10 = 330 won against the
// portal's 500.
func TestRevenue_Merge(t *testing.T) {
	recs := targetPortal()
	year := sales.Year(2024, nil)
	a, b := SplitDeals(recs, func(i int) bool { return i%2 == 0 })
	x, _ := RevenueAgainstTarget(sales.MustDataset(a), year, sales.Calendar{})
	y, _ := RevenueAgainstTarget(sales.MustDataset(b), year, sales.Calendar{})
	if err := x.Merge(y); err != nil {
		t.Fatalf("Revenue.Merge: %v", err)
	}
	whole, _ := RevenueAgainstTarget(sales.MustDataset(recs), year, sales.Calendar{})
	if !sameJSON(t, x, whole) {
		t.Errorf("Revenue.Merge of two halves differs from the whole")
	}
	EqualMoney(t, "merged January won", x.Months[0].Won.Value.Decimal(), D("330"))
	if v, ok := x.Months[0].Attainment.Value(); !ok || !v.Equal(D("0.66")) {
		t.Errorf("merged January attainment = %v %v, want 330/500 = 0.66", v, ok)
	}
}

// TestMerge_targetsDiffer: results measured against other targets, or
// over another period, do not merge, and the receiver is left as it was.
func TestMerge_targetsDiffer(t *testing.T) {
	recs := targetPortal()
	other := targetPortal()
	other.Targets[0].Value = D("151")
	jan := sales.Month(2024, time.January, nil)
	ds, ods := sales.MustDataset(recs), sales.MustDataset(other)

	x, _ := WonAgainstTarget(ds, jan)
	before := x
	y, _ := WonAgainstTarget(ods, jan)
	if err := x.Merge(y); err == nil {
		t.Errorf("TargetReport.Merge against Ann's target 151 and 150 succeeded, want an error")
	}
	if !sameJSON(t, x, before) {
		t.Errorf("TargetReport.Merge that failed changed its receiver")
	}
	feb, _ := WonAgainstTarget(ds, sales.Month(2024, time.February, nil))
	if err := x.Merge(feb); err == nil {
		t.Errorf("TargetReport.Merge of January and February succeeded, want an error")
	}

	year := sales.Year(2024, nil)
	r, _ := RevenueAgainstTarget(ds, year, sales.Calendar{})
	other.Targets[3].Value = D("501")
	o, _ := RevenueAgainstTarget(sales.MustDataset(other), year, sales.Calendar{})
	if err := r.Merge(o); err == nil {
		t.Errorf("Revenue.Merge against January targets 500 and 501 succeeded, want an error")
	}
	next, _ := RevenueAgainstTarget(ds, sales.Year(2025, nil), sales.Calendar{})
	if err := r.Merge(next); err == nil {
		t.Errorf("Revenue.Merge of 2024 and 2025 succeeded, want an error")
	}
}
