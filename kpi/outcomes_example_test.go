package kpi_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/kpi"
)

// outcomesPortal is a two-rep portal over the first quarter of 2024: three
// deals won (400 in February, 1200 and 800 in March), two lost, one open.
func outcomesPortal() *sales.Dataset {
	day := func(m time.Month, d int) time.Time { return time.Date(2024, m, d, 9, 0, 0, 0, time.UTC) }
	amount := func(s string) decimal.NullDecimal {
		return decimal.NewNullDecimal(decimal.RequireFromString(s))
	}
	target := func(m time.Month, v int64) sales.Target {
		return sales.Target{Period: sales.Month(2024, m, time.UTC), Metric: sales.TargetWonValue,
			Value: decimal.NewFromInt(v)}
	}
	return sales.MustDataset(sales.Records{
		Currency: "USD",
		Owners:   []sales.Owner{{ID: "ann", Name: "Ann"}, {ID: "bob", Name: "Bob"}},
		Pipelines: []sales.Pipeline{{ID: "p", Label: "Sales", Stages: []sales.Stage{
			{ID: "talk", Label: "Talking", Kind: sales.StageOpen, Probability: 0.3},
			{ID: "won", Label: "Won", Kind: sales.StageWon, Probability: 1},
			{ID: "lost", Label: "Lost", Kind: sales.StageLost},
		}}},
		Deals: []sales.Deal{
			{ID: "1", Owner: "ann", Pipeline: "p", Stage: "won", Amount: amount("1200"),
				Created: day(time.March, 1), CloseDate: day(time.March, 15), Region: "EMEA"},
			{ID: "2", Owner: "ann", Pipeline: "p", Stage: "lost", Amount: amount("300"),
				Created: day(time.March, 2), CloseDate: day(time.March, 20), LostReason: "Price"},
			{ID: "3", Owner: "bob", Pipeline: "p", Stage: "won", Amount: amount("800"),
				Created: day(time.February, 10), CloseDate: day(time.March, 28), Region: "APAC"},
			{ID: "4", Owner: "bob", Pipeline: "p", Stage: "talk", Amount: amount("500"),
				Created: day(time.March, 4)},
			{ID: "5", Owner: "bob", Pipeline: "p", Stage: "won", Amount: amount("400"),
				Created: day(time.January, 5), CloseDate: day(time.February, 20), Region: "EMEA"},
			{ID: "6", Owner: "ann", Pipeline: "p", Stage: "lost",
				Created: day(time.February, 1), CloseDate: day(time.February, 11)},
		},
		Targets: []sales.Target{target(time.January, 500), target(time.February, 500),
			target(time.March, 1500)},
	})
}

var firstQuarter = sales.Quarter(2024, 1, time.UTC)

func ExampleAverageWonAmount() {
	r, err := kpi.AverageWonAmount(outcomesPortal(), firstQuarter)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d won: mean %s, median %s\n", r.Won.Count, r.Mean, r.Median)
	// Output:
	// 3 won: mean 800, median 800
}

func ExampleSalesCycle() {
	ds := outcomesPortal()
	for _, outcome := range []sales.StageKind{sales.StageWon, sales.StageLost} {
		c, err := kpi.SalesCycle(ds, firstQuarter, outcome)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: %d deals, mean %.1f days, median %.1f, p90 %.1f\n",
			outcome, c.Deals, *c.MeanDays, *c.MedianDays, *c.P90Days)
	}
	// Output:
	// won: 3 deals, mean 35.7 days, median 46.0, p90 47.0
	// lost: 2 deals, mean 14.0 days, median 14.0, p90 18.0
}

func ExampleOpenStageTotals() {
	asOf := time.Date(2024, time.April, 1, 0, 0, 0, 0, time.UTC)
	r, err := kpi.OpenStageTotals(outcomesPortal(), asOf)
	if err != nil {
		panic(err)
	}
	for _, s := range r.Pipelines[0].Stages {
		fmt.Printf("%s: %d open for %s\n", s.Label, s.Deals.Count, s.Deals.Value.Decimal())
	}
	// Output:
	// Talking: 1 open for 500
}

func ExampleOpenDeals_ByStage() {
	asOf := time.Date(2024, time.March, 3, 0, 0, 0, 0, time.UTC)
	open, err := kpi.OpenDealsByStage(outcomesPortal(), asOf)
	if err != nil {
		panic(err)
	}
	byStage := open.ByStage()
	fmt.Printf("%d deals open, in %d stage(s)\n",
		byStage.Pipelines[0].Total.Count, len(byStage.Pipelines[0].Stages))
	// Output:
	// 0 deals open, in 1 stage(s)
}

func ExampleWonByRegion() {
	r, err := kpi.WonByRegion(outcomesPortal(), firstQuarter, sales.UnitMonth, sales.Calendar{})
	if err != nil {
		panic(err)
	}
	for _, reg := range r.Regions {
		fmt.Printf("%-4s", reg.Region)
		for _, t := range reg.Buckets {
			fmt.Printf(" %5s", t.Value.Decimal())
		}
		fmt.Println()
	}
	// Output:
	// APAC     0     0   800
	// EMEA     0   400  1200
}

func ExampleRevenueAgainstTarget() {
	r, err := kpi.RevenueAgainstTarget(outcomesPortal(), firstQuarter, sales.Calendar{})
	if err != nil {
		panic(err)
	}
	for _, m := range r.Months[:3] {
		att, _ := m.Attainment.Value()
		fmt.Printf("%s won %4s, cumulative %4s, target %4s (cumulative %4s): %s\n",
			m.Label, m.Won.Value.Decimal(), m.Cumulative.Decimal(), m.Target,
			m.CumulativeTarget, att)
	}
	// Output:
	// 2024-01 won    0, cumulative    0, target  500 (cumulative  500): 0
	// 2024-02 won  400, cumulative  400, target  500 (cumulative 1000): 0.8
	// 2024-03 won 2000, cumulative 2400, target 1500 (cumulative 2500): 1.333333
}

func ExampleLostByReason() {
	r, err := kpi.LostByReason(outcomesPortal(), firstQuarter)
	if err != nil {
		panic(err)
	}
	for _, s := range r.Reasons {
		share, _ := s.CountShare.Value()
		reason := s.Reason
		if reason == "" {
			reason = "(none)"
		}
		fmt.Printf("%s: %d lost, %.0f%%\n", reason, s.Deals.Count, share*100)
	}
	// Output:
	// Price: 1 lost, 50%
	// (none): 1 lost, 50%
}

func ExampleNewDeals() {
	r, err := kpi.NewDeals(outcomesPortal(), firstQuarter, sales.UnitMonth, sales.Calendar{})
	if err != nil {
		panic(err)
	}
	for k, b := range r.Buckets.All() {
		fmt.Printf("%s: %d new\n", b.Start.Format("2006-01"), r.Deals[k].Count)
	}
	// Output:
	// 2024-01: 1 new
	// 2024-02: 2 new
	// 2024-03: 3 new
}

func ExampleAverageBasket() {
	r, err := kpi.AverageBasket(outcomesPortal(), firstQuarter, sales.UnitMonth, sales.Calendar{})
	if err != nil {
		panic(err)
	}
	for k, b := range r.Buckets.All() {
		x := r.Baskets[k]
		change := "-"
		if v, ok := x.Change.Value(); ok {
			change = v.String()
		}
		fmt.Printf("%s: mean %v, previous %v, change %s\n",
			b.Start.Format("2006-01"), x.Mean, x.PreviousMean, change)
	}
	// Output:
	// 2024-01: mean <nil>, previous <nil>, change -
	// 2024-02: mean 400, previous <nil>, change -
	// 2024-03: mean 1000, previous 400, change 1.5
}
