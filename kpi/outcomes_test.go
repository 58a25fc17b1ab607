package kpi

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	. "github.com/salespilot/sales/internal/testkit"
)

// day2024 returns the given hour of a day of 2024 in UTC.
func day2024(m time.Month, d, h int) time.Time {
	return time.Date(2024, m, d, h, 0, 0, 0, time.UTC)
}

// outcomePortal is the portal the hand-worked tests of R22 to R38 share,
// over the period January–February 2024 (outcomePeriod). Each deal's part
// in the expected values is said next to it.
func outcomePortal() sales.Records {
	jan := func(d int) time.Time { return day2024(time.January, d, 0) }
	feb := func(d int) time.Time { return day2024(time.February, d, 0) }
	won := func(id sales.DealID, owner sales.OwnerID, amount string,
		created, closed time.Time) sales.Deal {
		d := sales.Deal{ID: id, Owner: owner, Pipeline: "sales", Stage: "won",
			Created: created, CloseDate: closed}
		if amount != "" {
			d.Amount = Amount(amount)
		}
		return d
	}
	lost := func(d sales.Deal, reason string) sales.Deal {
		d.Stage, d.LostReason = "lost", reason
		return d
	}
	deals := []sales.Deal{
		// Won in January: 100 in 10 days (NA), 300 in 3 days (its
		// company's region, EMEA), 70 GBP in 61 days (no rate; NA), 60
		// with no creation date (no region).
		inRegion(won("k1", "a", "100", jan(1), jan(11)), "NA", ""),
		inRegion(won("k2", "a", "300", jan(5), jan(8)), "", "co1"),
		inRegion(won("k10", "a", "70", time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC), jan(31)), "NA", ""),
		won("k17", "b", "60", time.Time{}, jan(25)),
		// Won in February: 200 EUR = 220 USD in 24 days (company with no
		// region), no amount in 9 days (NA), 0 in half a day (EMEA).
		inRegion(won("k3", "b", "200", jan(10), feb(3)), "", "co2"),
		inRegion(won("k4", "b", "", feb(1), feb(10)), "NA", ""),
		inRegion(won("k5", "b", "0", feb(2), day2024(time.February, 2, 12)), "EMEA", ""),
		// Lost in January: "Price" 50 in 2 days and " Price " 30 in 6,
		// no reason and no amount in 1 day, "Timing" 10 closed before it
		// was created.
		lost(won("k6", "a", "50", jan(2), jan(4)), "Price"),
		lost(won("k7", "a", "30", jan(3), jan(9)), " Price "),
		lost(won("k8", "b", "", jan(1), jan(2)), ""),
		lost(won("k9", "b", "10", jan(20), jan(15)), "Timing"),
		// Won a year earlier (500, January 2023) and in December 2023 (80).
		won("k11", "a", "500", time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC),
			time.Date(2023, 1, 20, 0, 0, 0, 0, time.UTC)),
		won("k16", "a", "80", time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC),
			time.Date(2023, 12, 15, 0, 0, 0, 0, time.UTC)),
		// Won without a close date; in a stage the pipeline lacks.
		won("k12", "a", "5", jan(6), time.Time{}),
		{ID: "k13", Owner: "a", Pipeline: "sales", Stage: "gone", Amount: Amount("7"), Created: jan(12)},
		// Open: negotiate 1000, qualify without an amount.
		{ID: "k14", Owner: "a", Pipeline: "sales", Stage: "negotiate", Amount: Amount("1000"),
			Created: jan(15)},
		{ID: "k15", Owner: "b", Pipeline: "sales", Stage: "qualify", Created: jan(16)},
	}
	deals[4].Currency = "EUR" // k3
	deals[2].Currency = "GBP" // k10
	return sales.Records{
		Currency:  "USD",
		Rates:     sales.Rates{Base: "USD", ToBase: map[sales.Currency]decimal.Decimal{"EUR": D("1.1")}},
		Owners:    []sales.Owner{{ID: "a", Name: "Ann"}, {ID: "b", Name: "Bob"}},
		Pipelines: []sales.Pipeline{SalesPipeline},
		Companies: []sales.Company{{ID: "co1", Name: "One", Region: "EMEA"}, {ID: "co2", Name: "Two"}},
		Deals:     deals,
	}
}

// inRegion sets a deal's region and company.
func inRegion(d sales.Deal, region string, company sales.CompanyID) sales.Deal {
	d.Region, d.Company = region, company
	return d
}

// outcomePeriod is January and February 2024 in UTC.
var outcomePeriod = sales.Period{Start: day2024(time.January, 1, 0), End: day2024(time.March, 1, 0)}

func TestAverageWonAmount(t *testing.T) {
	ds := sales.MustDataset(outcomePortal())
	got, err := AverageWonAmount(ds, outcomePeriod)
	if err != nil {
		t.Fatalf("AverageWonAmount: %v", err)
	}
	// Won in the period: k1 100, k2 300, k10 GBP (no rate), k17 60, k3 220,
	// k4 (no amount), k5 0. Valued: 0 60 100 220 300, sum 680: mean
	// 680 / 5 = 136, median 100.
	if got.Won.Count != 7 || got.Won.NoAmount != 1 || got.Won.NoRate != 1 {
		t.Errorf("AverageWonAmount won = %+v, want 7 deals, 1 without amount, 1 without rate", got.Won)
	}
	equalOpt(t, "AverageWonAmount mean", got.Mean, "136")
	equalOpt(t, "AverageWonAmount median", got.Median, "100")
	if got.NoCloseDate != 1 || got.UnknownStage != 1 {
		t.Errorf("AverageWonAmount skipped = %+v, want 1 and 1", got.Skipped)
	}

	// An even count: the median is the mean of the two middle values.
	feb := sales.Month(2024, time.February, nil)
	got, _ = AverageWonAmount(ds, feb)
	// February: k3 220, k4 (no amount), k5 0: mean 110, median (0+220)/2.
	equalOpt(t, "AverageWonAmount(February) mean", got.Mean, "110")
	equalOpt(t, "AverageWonAmount(February) median", got.Median, "110")

	// Nothing won: no value.
	got, _ = AverageWonAmount(ds, sales.Month(2024, time.June, nil))
	if got.Mean != nil || got.Median != nil || got.Won.Count != 0 {
		t.Errorf("AverageWonAmount(June) = %+v, want no deal and no value", got)
	}
}

// TestAverageWonAmount_inexact: amounts with no exact form in millionths,
// first or after others, send the median through decimals; it is the
// median of the decimals either way.
func TestAverageWonAmount_inexact(t *testing.T) {
	jan := sales.Month(2024, time.January, nil)
	tests := []struct {
		amounts      []string
		mean, median string
	}{
		// 1.5 2 10.1234567: mean 13.6234567 / 3 = 4.54, median 2.
		{[]string{"1.5", "10.1234567", "2"}, "4.54", "2"},
		// 10.1234567 1 3 4: mean 18.1234567 / 4 = 4.53, median (3 + 4) / 2.
		{[]string{"10.1234567", "1", "3", "4"}, "4.53", "3.5"},
		// 2.345 alone, exact in millionths: the median rounds half away from
		// zero, to 2.35.
		{[]string{"2.345"}, "2.35", "2.35"},
		// 0.01 0.02: the median 0.015 rounds up to 0.02.
		{[]string{"0.02", "0.01"}, "0.02", "0.02"},
	}
	for _, tt := range tests {
		r := sales.Records{Currency: "USD", Pipelines: []sales.Pipeline{SalesPipeline}}
		for k, a := range tt.amounts {
			r.Deals = append(r.Deals, sales.Deal{ID: sales.DealID(string(rune('a' + k))),
				Pipeline: "sales", Stage: "won", Amount: Amount(a), CloseDate: day2024(1, 10, 0)})
		}
		got, err := AverageWonAmount(sales.MustDataset(r), jan)
		if err != nil {
			t.Fatal(err)
		}
		equalOpt(t, fmt.Sprintf("AverageWonAmount(%v) mean", tt.amounts), got.Mean, tt.mean)
		equalOpt(t, fmt.Sprintf("AverageWonAmount(%v) median", tt.amounts), got.Median, tt.median)
	}
}

func TestMedianAmount(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"3"}, "3"},
		{[]string{"2.345"}, "2.35"},                         // half away from zero
		{[]string{"1", "2"}, "1.5"},                         // mean of the middle two
		{[]string{"0.01", "0.02"}, "0.02"},                  // 0.015 rounds up
		{[]string{"10", "1e20", "-5", "7.1234567"}, "8.56"}, // mixed exponents
	}
	for _, tt := range tests {
		in := make([]decimal.Decimal, len(tt.in))
		for i, s := range tt.in {
			in[i] = D(s)
		}
		EqualMoney(t, "medianAmount("+tt.want+")", medianAmount(in), D(tt.want))
	}
}

func TestSalesCycle(t *testing.T) {
	ds := sales.MustDataset(outcomePortal())
	tests := []struct {
		outcome                     sales.StageKind
		deals, noCreated, negative  int64
		mean, median, p90, min, max float64
	}{
		// Won: k1 10, k2 3, k10 61, k3 24, k4 9, k5 0.5 days; k17 has no
		// creation date. Sorted 0.5 3 9 10 24 61: mean 107.5/6, median
		// (9+10)/2, p90 at rank ⌈5.4⌉ = 6.
		{sales.StageWon, 6, 1, 0, 107.5 / 6, 9.5, 61, 0.5, 61},
		// Lost: k6 2, k7 6, k8 1 days; k9 closed before it was created.
		// Sorted 1 2 6: mean 3, median 2, p90 at rank ⌈2.7⌉ = 3.
		{sales.StageLost, 3, 0, 1, 3, 2, 6, 1, 6},
	}
	for _, tt := range tests {
		got, err := SalesCycle(ds, outcomePeriod, tt.outcome)
		if err != nil {
			t.Fatalf("SalesCycle(%s): %v", tt.outcome, err)
		}
		if got.Deals != tt.deals || got.NoCreated != tt.noCreated || got.Negative != tt.negative {
			t.Errorf("SalesCycle(%s) counts = %d, %d, %d, want %d, %d, %d", tt.outcome,
				got.Deals, got.NoCreated, got.Negative, tt.deals, tt.noCreated, tt.negative)
		}
		for _, f := range []struct {
			name string
			got  *float64
			want float64
		}{{"mean", got.MeanDays, tt.mean}, {"median", got.MedianDays, tt.median},
			{"p90", got.P90Days, tt.p90}, {"min", got.MinDays, tt.min}, {"max", got.MaxDays, tt.max}} {
			if f.got == nil || math.Abs(*f.got-f.want) > 1e-9 {
				t.Errorf("SalesCycle(%s) %s = %v, want %v", tt.outcome, f.name, daysOrNone(f.got), f.want)
			}
		}
	}
	if _, err := SalesCycle(ds, outcomePeriod, sales.StageOpen); err == nil {
		t.Errorf("SalesCycle(open) succeeded, want an error")
	}
	got, _ := SalesCycle(ds, sales.Month(2024, time.June, nil), sales.StageWon)
	if got.Deals != 0 || got.MeanDays != nil || got.P90Days != nil {
		t.Errorf("SalesCycle(June) = %+v, want no deal and no value", got)
	}
}

// TestSalesCycle_daylightSaving: New York moved its clocks forward on
// 2024-03-10, so noon of the 9th to noon of the 11th is 47 hours: 47/24
// days, not 2.
func TestSalesCycle_daylightSaving(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	recs := sales.Records{Pipelines: []sales.Pipeline{SalesPipeline}, Deals: []sales.Deal{
		{ID: "x", Pipeline: "sales", Stage: "won", Created: time.Date(2024, 3, 9, 12, 0, 0, 0, ny),
			CloseDate: time.Date(2024, 3, 11, 12, 0, 0, 0, ny)},
	}}
	got, _ := SalesCycle(sales.MustDataset(recs), sales.Month(2024, time.March, ny), sales.StageWon)
	if got.MeanDays == nil || math.Abs(*got.MeanDays-47.0/24) > 1e-12 {
		t.Errorf("SalesCycle across the change to summer time = %v days, want 47/24",
			daysOrNone(got.MeanDays))
	}
}

func TestOpenStageTotals(t *testing.T) {
	ds := sales.MustDataset(outcomePortal())
	got, err := OpenStageTotals(ds, day2024(time.February, 1, 0))
	if err != nil {
		t.Fatalf("OpenStageTotals: %v", err)
	}
	// Open: k15 in qualify without an amount, k14 in negotiate for 1000.
	p := got.Pipelines[0]
	wantCounts := []int64{1, 0, 1}
	for j, s := range p.Stages {
		if s.Deals.Count != wantCounts[j] {
			t.Errorf("OpenStageTotals stage %s = %d deals, want %d", s.Stage, s.Deals.Count, wantCounts[j])
		}
	}
	if p.Stages[0].Deals.NoAmount != 1 || p.Total.Count != 2 || got.UnknownStage != 1 {
		t.Errorf("OpenStageTotals = %+v, want qualify's deal without amount, 2 in all, 1 unknown", got)
	}
	EqualMoney(t, "OpenStageTotals total value", p.Total.Value.Decimal(), D("1000"))
	if _, err := OpenStageTotals(ds, time.Time{}); err == nil {
		t.Errorf("OpenStageTotals(zero asOf) succeeded, want an error")
	}
}

func TestWonByRegion(t *testing.T) {
	ds := sales.MustDataset(outcomePortal())
	got, err := WonByRegion(ds, outcomePeriod, sales.UnitMonth, sales.Calendar{})
	if err != nil {
		t.Fatalf("WonByRegion: %v", err)
	}
	// January: k1 NA 100, k10 NA (no rate), k2 EMEA by its company 300,
	// k17 no region 60. February: k5 EMEA 0, k4 NA (no amount), k3 no
	// region (its company has none) 220.
	tests := []struct {
		region     string
		jan, feb   int64
		noA, noR   int64
		total      int64
		janValue   string
		febValue   string
		totalValue string
	}{
		{"EMEA", 1, 1, 0, 0, 2, "300", "0", "300"},
		{"NA", 2, 1, 1, 1, 3, "100", "0", "100"},
		{"", 1, 1, 0, 0, 2, "60", "220", "280"},
	}
	if len(got.Regions) != len(tests) {
		t.Fatalf("WonByRegion regions = %+v, want EMEA, NA and none", got.Regions)
	}
	for i, tt := range tests {
		r := got.Regions[i]
		if r.Region != tt.region || r.Buckets[0].Count != tt.jan || r.Buckets[1].Count != tt.feb ||
			r.Total.Count != tt.total || r.Total.NoAmount != tt.noA || r.Total.NoRate != tt.noR {
			t.Errorf("WonByRegion row %d = %+v, want %+v", i, r, tt)
		}
		EqualMoney(t, "WonByRegion January value of "+tt.region,
			r.Buckets[0].Value.Decimal(), D(tt.janValue))
		EqualMoney(t, "WonByRegion February value of "+tt.region,
			r.Buckets[1].Value.Decimal(), D(tt.febValue))
		EqualMoney(t, "WonByRegion value of "+tt.region,
			r.Total.Value.Decimal(), D(tt.totalValue))
	}
	tot := got.Total
	if tot.Buckets[0].Count != 4 || tot.Buckets[1].Count != 3 || tot.Total.Count != 7 {
		t.Errorf("WonByRegion total = %+v, want 4, 3 and 7", got.Total)
	}
	EqualMoney(t, "WonByRegion total value", got.Total.Total.Value.Decimal(), D("680"))
	if _, err := WonByRegion(ds, outcomePeriod, 0, sales.Calendar{}); err == nil {
		t.Errorf("WonByRegion(unit 0) succeeded, want an error")
	}
	badCal := sales.Calendar{WeekStart: 9}
	if _, err := WonByRegion(ds, outcomePeriod, sales.UnitWeek, badCal); err == nil {
		t.Errorf("WonByRegion(bad calendar) succeeded, want an error")
	}
}

// TestWonByRegion_blank: regions are trimmed, and a blank one is none, so
// a deal whose own region is blank counts in its company's. By hand,
// January 2024: 10 in "NA " and 20 in "NA" are one NA row of 30; 40 with a
// blank region of a company in EMEA is EMEA's; 50 with a blank region of
// a company with a blank region has none.
func TestWonByRegion_blank(t *testing.T) {
	jan := func(d int) time.Time { return day2024(time.January, d, 0) }
	won := func(id sales.DealID, amount, region string, company sales.CompanyID) sales.Deal {
		return inRegion(sales.Deal{ID: id, Pipeline: "sales", Stage: "won", Amount: Amount(amount),
			Created: jan(1), CloseDate: jan(10)}, region, company)
	}
	recs := sales.Records{Currency: "USD", Pipelines: []sales.Pipeline{SalesPipeline},
		Companies: []sales.Company{{ID: "eu", Region: " EMEA"}, {ID: "nowhere", Region: "\t"}},
		Deals: []sales.Deal{won("n1", "10", "NA ", ""), won("n2", "20", "NA", ""),
			won("e1", "40", "  ", "eu"), won("x1", "50", " ", "nowhere")}}
	got, err := WonByRegion(sales.MustDataset(recs), sales.Month(2024, time.January, time.UTC),
		sales.UnitMonth, sales.Calendar{})
	if err != nil {
		t.Fatalf("WonByRegion: %v", err)
	}
	want := []struct {
		region string
		count  int64
		value  string
	}{{"EMEA", 1, "40"}, {"NA", 2, "30"}, {"", 1, "50"}}
	if len(got.Regions) != len(want) {
		t.Fatalf("WonByRegion regions = %+v, want EMEA, NA and none", got.Regions)
	}
	for i, w := range want {
		r := got.Regions[i]
		if r.Region != w.region || r.Total.Count != w.count {
			t.Errorf("WonByRegion row %d = %q with %d deals, want %q with %d",
				i, r.Region, r.Total.Count, w.region, w.count)
		}
		EqualMoney(t, "WonByRegion value of "+w.region, r.Total.Value.Decimal(), D(w.value))
	}
}

func TestLostByReason(t *testing.T) {
	ds := sales.MustDataset(outcomePortal())
	got, err := LostByReason(ds, outcomePeriod)
	if err != nil {
		t.Fatalf("LostByReason: %v", err)
	}
	// Lost: k6 "Price" 50, k7 " Price " 30, k8 no reason and no amount,
	// k9 "Timing" 10. Slices: Price 2 (80), Timing 1 (10), none 1; 4 in
	// all for 90.
	tests := []struct {
		reason     string
		count      int64
		value      string
		valueShare string
	}{
		{"Price", 2, "80", "0.888889"},
		{"Timing", 1, "10", "0.111111"},
		{"", 1, "0", "0"},
	}
	if len(got.Reasons) != len(tests) {
		t.Fatalf("LostByReason reasons = %+v, want Price, Timing and none", got.Reasons)
	}
	for i, tt := range tests {
		s := got.Reasons[i]
		v, _ := s.ValueShare.Value()
		if s.Reason != tt.reason || s.Deals.Count != tt.count ||
			s.CountShare != (sales.Rate{Num: tt.count, Den: 4}) || !v.Equal(D(tt.valueShare)) {
			t.Errorf("LostByReason slice %d = %+v (value share %s), want %+v", i, s, v, tt)
		}
		EqualMoney(t, "LostByReason value of "+tt.reason, s.Deals.Value.Decimal(), D(tt.value))
	}
	if got.Lost.Count != 4 || got.Lost.NoAmount != 1 {
		t.Errorf("LostByReason lost = %+v, want 4 deals, 1 without amount", got.Lost)
	}
}

func TestNewDeals(t *testing.T) {
	ds := sales.MustDataset(outcomePortal())
	got, err := NewDeals(ds, outcomePeriod, sales.UnitMonth, sales.Calendar{})
	if err != nil {
		t.Fatalf("NewDeals: %v", err)
	}
	// January: k1 100, k2 300, k3 220, k6 50, k7 30, k8 -, k9 10, k12 5,
	// k13 7, k14 1000, k15 -: 11 deals, 1722, 2 without an amount.
	// February: k4 -, k5 0: 2 deals, 0, 1 without. k17 has no date.
	tests := []struct {
		count, noAmount int64
		value           string
	}{{11, 2, "1722"}, {2, 1, "0"}}
	for k, tt := range tests {
		d := got.Deals[k]
		if d.Count != tt.count || d.NoAmount != tt.noAmount {
			t.Errorf("NewDeals bucket %d = %+v, want %+v", k, d, tt)
		}
		EqualMoney(t, "NewDeals bucket value", d.Value.Decimal(), D(tt.value))
	}
	if got.Total.Count != 13 || got.NoCreated != 1 || got.Buckets.Len() != 2 {
		t.Errorf("NewDeals total %+v, no created %d, %d buckets; want 13, 1, 2",
			got.Total, got.NoCreated, got.Buckets.Len())
	}
}

func TestAverageBasket(t *testing.T) {
	ds := sales.MustDataset(outcomePortal())
	got, err := AverageBasket(ds, outcomePeriod, sales.UnitMonth, sales.Calendar{})
	if err != nil {
		t.Fatalf("AverageBasket: %v", err)
	}
	// December 2023 (the bucket before): k16 80. January: k1 100, k2 300,
	// k17 60, k10 no rate: 460 / 3 = 153.33. February: k3 220, k5 0, k4
	// no amount: 220 / 2 = 110. Changes: (153.33 − 80) / 80 = 0.916625;
	// (110 − 153.33) / 153.33 = −0.282593.
	if !got.Before.Start.Equal(time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("AverageBasket before = %s, want December 2023", got.Before)
	}
	tests := []struct{ mean, prev, change string }{
		{"153.33", "80", "0.916625"},
		{"110", "153.33", "-0.282593"},
	}
	for k, tt := range tests {
		b := got.Baskets[k]
		equalOpt(t, "AverageBasket mean", b.Mean, tt.mean)
		equalOpt(t, "AverageBasket previous mean", b.PreviousMean, tt.prev)
		if v, ok := b.Change.Value(); !ok || !v.Equal(D(tt.change)) {
			t.Errorf("AverageBasket change %d = %v %v, want %s", k, v, ok, tt.change)
		}
	}
	if got.Baskets[0].Won.NoRate != 1 || got.Baskets[1].Won.NoAmount != 1 {
		t.Errorf("AverageBasket left out %+v and %+v, want 1 without rate, 1 without amount",
			got.Baskets[0].Won, got.Baskets[1].Won)
	}

	// A period starting mid-month: its first bucket's previous bucket is
	// the whole month before.
	mid := sales.Period{Start: day2024(time.January, 15, 0), End: day2024(time.March, 1, 0)}
	got, _ = AverageBasket(ds, mid, sales.UnitMonth, sales.Calendar{})
	if !got.Before.Start.Equal(time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC)) ||
		!got.Before.End.Equal(day2024(time.January, 1, 0)) {
		t.Errorf("AverageBasket(from January 15) before = %s, want December 2023", got.Before)
	}
	// January 15–31: k17 60, k10 no rate.
	equalOpt(t, "AverageBasket(from January 15) mean", got.Baskets[0].Mean, "60")

	// An empty period has no bucket, and still counts the deals no period
	// can place: k12, won without a close date, and k13, in a stage the
	// pipeline lacks.
	empty := sales.Period{Start: day2024(time.January, 15, 0), End: day2024(time.January, 15, 0)}
	got, err = AverageBasket(ds, empty, sales.UnitMonth, sales.Calendar{})
	if err != nil {
		t.Fatalf("AverageBasket(empty period): %v", err)
	}
	if len(got.Baskets) != 0 || got.NoCloseDate != 1 || got.UnknownStage != 1 {
		t.Errorf("AverageBasket(empty period) = %d baskets, skipped %+v; want 0, 1 and 1",
			len(got.Baskets), got.Skipped)
	}
}

func TestRevenueAgainstTarget(t *testing.T) {
	recs := outcomePortal()
	jan, feb := sales.Month(2024, time.January, nil), sales.Month(2024, time.February, nil)
	recs.Targets = []sales.Target{
		{Owner: "a", Period: jan, Metric: sales.TargetWonValue, Value: D("300")},
		{Owner: "b", Period: jan, Metric: sales.TargetWonValue, Value: D("200")},
		{Period: feb, Metric: sales.TargetWonValue, Value: D("250")},
		{Team: "x", Period: feb, Metric: sales.TargetWonValue, Value: D("1000")},
		{Period: sales.Quarter(2024, 1, nil), Metric: sales.TargetWonValue, Value: D("900")},
		{Owner: "a", Period: jan, Metric: sales.TargetWonCount, Value: D("3")},
		{Period: sales.Period{Start: time.Date(2023, 12, 15, 0, 0, 0, 0, time.UTC),
			End: day2024(time.January, 15, 0)},
			Metric: sales.TargetWonValue, Value: D("99")},
	}
	ds := sales.MustDataset(recs)
	got, err := RevenueAgainstTarget(ds, outcomePeriod, sales.Calendar{})
	if err != nil {
		t.Fatalf("RevenueAgainstTarget: %v", err)
	}
	if got.Label != "2024" || len(got.Months) != 12 || got.Months[0].Label != "2024-01" {
		t.Fatalf("RevenueAgainstTarget year %q with %d months, want 2024 with 12",
			got.Label, len(got.Months))
	}
	// January: won 460 (k1, k2, k17; k10 no rate) against the owners'
	// 300 + 200 (no portal or team target in January): 0.92. Last year:
	// k11 500, growth −40/500 = −0.08. February: 220 (k3, k5) against the
	// portal's 250, which wins over the team's 1000: 0.88; no sale a year
	// earlier, so no growth. December: last year k16 80.
	tests := []struct {
		month                                  int
		won, cum, target, cumTarget, ly, lyCum string
		level                                  TargetLevel
		attainment, growth                     string
	}{
		{0, "460", "460", "500", "500", "500", "500", TargetsOwners, "0.92", "-0.08"},
		{1, "220", "680", "250", "750", "0", "500", TargetsPortal, "0.88", ""},
		{2, "0", "680", "", "750", "0", "500", TargetsNone, "", ""},
		// December is after outcomePeriod's end: not complete, no growth.
		{11, "0", "680", "", "750", "80", "580", TargetsNone, "", ""},
	}
	for _, tt := range tests {
		m := got.Months[tt.month]
		name := "RevenueAgainstTarget " + m.Label
		EqualMoney(t, name+" won", m.Won.Value.Decimal(), D(tt.won))
		EqualMoney(t, name+" cumulative", m.Cumulative.Decimal(), D(tt.cum))
		equalOpt(t, name+" target", m.Target, tt.target)
		equalOpt(t, name+" cumulative target", m.CumulativeTarget, tt.cumTarget)
		EqualMoney(t, name+" last year", m.LastYear.Value.Decimal(), D(tt.ly))
		EqualMoney(t, name+" last year cumulative", m.LastYearCumulative.Decimal(), D(tt.lyCum))
		if m.Level != tt.level {
			t.Errorf("%s level = %q, want %q", name, m.Level, tt.level)
		}
		equalRatio(t, name+" attainment", m.Attainment, tt.attainment)
		equalRatio(t, name+" growth", m.Growth, tt.growth)
	}
	// The year: the portal level holds February's 250 and Q1's 900: 1150;
	// won 680, attainment 0.591304; last year 580, but no growth, as the
	// year stops at outcomePeriod's end, March 1.
	equalOpt(t, "RevenueAgainstTarget year target", got.Total.Target, "1150")
	equalRatio(t, "RevenueAgainstTarget year attainment", got.Total.Attainment, "0.591304")
	equalRatio(t, "RevenueAgainstTarget year growth", got.Total.Growth, "")
	if !got.Through.Equal(outcomePeriod.End) || !got.Months[1].Complete || got.Months[2].Complete ||
		got.Total.Complete {
		t.Errorf("RevenueAgainstTarget through %s, February complete %v, March %v, year %v; "+
			"want March 1, true, false, false", got.Through, got.Months[1].Complete,
			got.Months[2].Complete, got.Total.Complete)
	}
	// To date: January and February, 680, against January and February
	// 2023, k11's 500: growth 180/500.
	EqualMoney(t, "RevenueAgainstTarget to date", got.ToDate.Won.Value.Decimal(), D("680"))
	EqualMoney(t, "RevenueAgainstTarget to date last year", got.ToDate.LastYear.Value.Decimal(), D("500"))
	equalRatio(t, "RevenueAgainstTarget to date growth", got.ToDate.Growth, "0.36")

	// Over the whole year, December and the year are complete: December
	// 0 against k16's 80, −1; the year 680 against 580, 100/580.
	whole, err := RevenueAgainstTarget(ds, sales.Year(2024, time.UTC), sales.Calendar{})
	if err != nil {
		t.Fatalf("RevenueAgainstTarget(2024): %v", err)
	}
	equalRatio(t, "RevenueAgainstTarget(2024) 2024-12 growth", whole.Months[11].Growth, "-1")
	equalRatio(t, "RevenueAgainstTarget(2024) year growth", whole.Total.Growth, "0.172414")
	equalRatio(t, "RevenueAgainstTarget(2024) to date growth", whole.ToDate.Growth, "0.172414")
	if got.Total.Level != TargetsPortal || got.UnplacedTargets != 1 || got.PartialTargets != 1 {
		t.Errorf("RevenueAgainstTarget level %q, unplaced %d, partial %d; want portal, 1, 1",
			got.Total.Level, got.UnplacedTargets, got.PartialTargets)
	}
	if got.Total.Won.Count != 7 || got.Total.LastYear.Count != 2 {
		t.Errorf("RevenueAgainstTarget won %d and %d last year, want 7 and 2",
			got.Total.Won.Count, got.Total.LastYear.Count)
	}
}

// TestRevenueAgainstTarget_toDate: the year so far up to 29 February is
// set beside last year's January and February, 28 February included and
// 1 March not; a month not begun has no attainment, though it has a
// target; parts stopping at different instants do not merge.
func TestRevenueAgainstTarget_toDate(t *testing.T) {
	won := func(id sales.DealID, closed time.Time) sales.Deal {
		return sales.Deal{ID: id, Owner: "a", Pipeline: "sales", Stage: "won", Amount: Amount("10"),
			Created: closed.AddDate(0, -1, 0), CloseDate: closed}
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	recs := sales.Records{
		Pipelines: []sales.Pipeline{SalesPipeline},
		Owners:    []sales.Owner{{ID: "a", Name: "Ann"}},
		Deals: []sales.Deal{
			won("ly1", day(2023, time.February, 28)), // within last year's span to date
			won("ly2", day(2023, time.March, 1)),     // where it ends: out
			won("ty1", day(2024, time.February, 28)),
		},
		Targets: []sales.Target{{Period: sales.Month(2024, time.March, time.UTC),
			Metric: sales.TargetWonValue, Value: D("100")}},
	}
	ds := sales.MustDataset(recs)
	p := sales.Period{Start: day(2024, time.January, 1), End: day(2024, time.February, 29)}
	got, err := RevenueAgainstTarget(ds, p, sales.Calendar{})
	if err != nil {
		t.Fatal(err)
	}
	if got.ToDate.Won.Count != 1 || got.ToDate.LastYear.Count != 1 {
		t.Errorf("RevenueAgainstTarget to date: %d won, %d last year; want 1 and 1",
			got.ToDate.Won.Count, got.ToDate.LastYear.Count)
	}
	equalRatio(t, "RevenueAgainstTarget to date growth", got.ToDate.Growth, "0")
	march := got.Months[2]
	if march.Target == nil || march.Attainment != (sales.Ratio{}) || march.Complete {
		t.Errorf("RevenueAgainstTarget March = %+v, want a target, no attainment, not complete", march)
	}
	// February is cut short by Through: not complete, no growth, but its
	// attainment has no target to be measured against.
	if got.Months[1].Complete || got.Months[1].Growth != (sales.Ratio{}) {
		t.Errorf("RevenueAgainstTarget February = %+v, want not complete, no growth", got.Months[1])
	}

	other, err := RevenueAgainstTarget(ds, sales.Period{Start: p.Start, End: day(2024, time.February, 1)},
		sales.Calendar{})
	if err != nil {
		t.Fatal(err)
	}
	if err := got.Merge(other); err == nil {
		t.Errorf("Revenue.Merge of parts through %s and %s succeeded, want an error",
			got.Through, other.Through)
	}
}

// TestRevenueAgainstTarget_fiscal: with fiscal years from April named by
// their start, January 2024 is in FY2023 (April 2023 to March 2024), and
// last year is April 2022 to March 2023, so January 2023 faces January
// 2024.
func TestRevenueAgainstTarget_fiscal(t *testing.T) {
	ds := sales.MustDataset(outcomePortal())
	cal := sales.Calendar{FiscalYearStart: time.April, FiscalNaming: sales.FiscalNamedByStartYear}
	got, err := RevenueAgainstTarget(ds, outcomePeriod, cal)
	if err != nil {
		t.Fatalf("RevenueAgainstTarget(fiscal): %v", err)
	}
	if got.Label != "FY2023" || !got.Year.Start.Equal(time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC)) ||
		!got.LastYear.Start.Equal(time.Date(2022, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("RevenueAgainstTarget(fiscal) year %s %s, last %s; want FY2023 from April 2023",
			got.Label, got.Year, got.LastYear)
	}
	jan := got.Months[9]
	if jan.Label != "2024-01" {
		t.Fatalf("RevenueAgainstTarget(fiscal) month 9 = %s, want 2024-01", jan.Label)
	}
	EqualMoney(t, "RevenueAgainstTarget(fiscal) January won", jan.Won.Value.Decimal(), D("460"))
	EqualMoney(t, "RevenueAgainstTarget(fiscal) January last year",
		jan.LastYear.Value.Decimal(), D("500"))
	// December 2023 (k16 80) is month 8; the fiscal year ends in March, so
	// February's 220 counts and the total is 80 + 460 + 220.
	EqualMoney(t, "RevenueAgainstTarget(fiscal) total", got.Total.Won.Value.Decimal(), D("760"))
}

func TestOutcomes_badArguments(t *testing.T) {
	ds := sales.MustDataset(outcomePortal())
	bad := sales.Period{Start: day2024(time.March, 1, 0), End: day2024(time.January, 1, 0)}
	cal := sales.Calendar{}
	for name, err := range map[string]error{
		"AverageWonAmount":     errOnly(AverageWonAmount(ds, bad)),
		"SalesCycle":           errOnly(SalesCycle(ds, bad, sales.StageWon)),
		"WonByRegion":          errOnly(WonByRegion(ds, bad, sales.UnitMonth, cal)),
		"RevenueAgainstTarget": errOnly(RevenueAgainstTarget(ds, bad, cal)),
		"LostByReason":         errOnly(LostByReason(ds, bad)),
		"NewDeals":             errOnly(NewDeals(ds, bad, sales.UnitMonth, cal)),
		"AverageBasket":        errOnly(AverageBasket(ds, bad, sales.UnitMonth, cal)),
		"RevenueAgainstTarget calendar": errOnly(RevenueAgainstTarget(ds, outcomePeriod,
			sales.Calendar{FiscalYearStart: 13})),
	} {
		if err == nil {
			t.Errorf("%s(period ending before it starts) succeeded, want an error", name)
		}
	}
}

func errOnly[T any](_ T, err error) error { return err }

// equalOpt checks an optional amount: want "" means none.
func equalOpt(t *testing.T, call string, got *decimal.Decimal, want string) {
	t.Helper()
	switch {
	case want == "" && got != nil:
		t.Errorf("%s = %s, want none", call, got)
	case want == "":
	case got == nil:
		t.Errorf("%s = none, want %s", call, want)
	default:
		EqualMoney(t, call, *got, D(want))
	}
}

// equalRatio checks a ratio's value: want "" means no value.
func equalRatio(t *testing.T, call string, got sales.Ratio, want string) {
	t.Helper()
	v, ok := got.Value()
	switch {
	case want == "" && ok:
		t.Errorf("%s = %s, want no value", call, v)
	case want == "":
	case !ok:
		t.Errorf("%s = no value, want %s", call, want)
	default:
		EqualMoney(t, call, v, D(want))
	}
}

func daysOrNone(f *float64) any {
	if f == nil {
		return "none"
	}
	return *f
}

// TestSalesCycle_farDates: a deal created in 1650, before the years an
// Instant holds, measures its cycle from its record's dates, not from the
// clamped instant (1678).
func TestSalesCycle_farDates(t *testing.T) {
	created := time.Date(1650, 1, 1, 0, 0, 0, 0, time.UTC)
	closed := time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC)
	r := sales.Records{Currency: "USD", Pipelines: []sales.Pipeline{SalesPipeline},
		Deals: []sales.Deal{{ID: "d", Pipeline: "sales", Stage: "won", Created: created,
			CloseDate: closed}}}
	got, err := SalesCycle(sales.MustDataset(r), sales.Year(1700, nil), sales.StageWon)
	if err != nil {
		t.Fatal(err)
	}
	want := closed.Sub(created).Hours() / 24 // 18262 days: 50 years, 12 of them leap
	if got.Deals != 1 || got.MeanDays == nil || *got.MeanDays != want {
		t.Errorf("SalesCycle(1650 to 1700) = %+v, want one deal of %v days", got, want)
	}
}
