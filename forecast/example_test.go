package forecast_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
)

// examplePortal is a two-rep portal seen on Wednesday 2024-06-12: Ann has
// a deal of 10,000 in proposal (probability 0.6) due Friday and one of
// 4,000 in qualification (0.2) due in July; Bob has 6,000 in negotiation
// (0.7) due next week. In April Ann won 5,000 and lost 2,000, and Bob won
// 3,000. The quarter's target is 20,000.
func examplePortal() *sales.Dataset {
	jun := func(d int) time.Time { return time.Date(2024, time.June, d, 9, 0, 0, 0, time.UTC) }
	amount := func(s string) decimal.NullDecimal {
		return decimal.NewNullDecimal(decimal.RequireFromString(s))
	}
	visits := func(stages ...any) []sales.StageVisit {
		var out []sales.StageVisit
		for i := 0; i < len(stages); i += 2 {
			v := sales.StageVisit{Stage: stages[i].(sales.StageID), Entered: stages[i+1].(time.Time)}
			if n := len(out); n > 0 {
				out[n-1].Left = v.Entered
			}
			out = append(out, v)
		}
		return out
	}
	apr := func(d int) time.Time { return time.Date(2024, time.April, d, 9, 0, 0, 0, time.UTC) }
	return sales.MustDataset(sales.Records{
		Currency: "USD",
		Owners:   []sales.Owner{{ID: "ann", Name: "Ann"}, {ID: "bob", Name: "Bob"}},
		Pipelines: []sales.Pipeline{{ID: "p", Label: "Sales", Stages: []sales.Stage{
			{ID: "qualify", Label: "Qualify", Kind: sales.StageOpen, Probability: 0.2},
			{ID: "propose", Label: "Propose", Kind: sales.StageOpen, Probability: 0.6},
			{ID: "negotiate", Label: "Negotiate", Kind: sales.StageOpen, Probability: 0.7},
			{ID: "won", Label: "Won", Kind: sales.StageWon, Probability: 1},
			{ID: "lost", Label: "Lost", Kind: sales.StageLost},
		}}},
		Deals: []sales.Deal{
			{ID: "1", Owner: "ann", Pipeline: "p", Stage: "propose", Amount: amount("10000"),
				Created: jun(3), CloseDate: jun(14),
				StageHistory: visits(sales.StageID("qualify"), jun(3), sales.StageID("propose"), jun(10)),
				CloseDateHistory: []sales.CloseDateChange{
					{At: jun(3), CloseDate: jun(7)}, {At: jun(6), CloseDate: jun(14)}}},
			{ID: "2", Owner: "ann", Pipeline: "p", Stage: "qualify", Amount: amount("4000"),
				Created: jun(5), CloseDate: time.Date(2024, time.July, 15, 0, 0, 0, 0, time.UTC)},
			{ID: "3", Owner: "bob", Pipeline: "p", Stage: "negotiate", Amount: amount("6000"),
				Created: jun(1), CloseDate: jun(18)},
			{ID: "4", Owner: "ann", Pipeline: "p", Stage: "won", Amount: amount("5000"),
				Created: apr(1), CloseDate: apr(21),
				StageHistory: visits(sales.StageID("qualify"), apr(1), sales.StageID("won"), apr(21))},
			{ID: "5", Owner: "ann", Pipeline: "p", Stage: "lost", Amount: amount("2000"),
				Created: apr(2), CloseDate: apr(12),
				StageHistory: visits(sales.StageID("qualify"), apr(2), sales.StageID("lost"), apr(12))},
			{ID: "6", Owner: "bob", Pipeline: "p", Stage: "won", Amount: amount("3000"),
				Created: apr(5), CloseDate: apr(30),
				StageHistory: visits(sales.StageID("negotiate"), apr(5), sales.StageID("won"), apr(30))},
		},
		Contacts: []sales.Contact{
			{ID: "c1", Created: jun(10), Lifecycle: sales.LifecycleLead,
				Reached: sales.LifecycleDates{Lead: jun(10)}},
			{ID: "c2", Created: jun(11), Lifecycle: sales.LifecycleMarketingQualified,
				Reached: sales.LifecycleDates{Lead: jun(11), MarketingQualified: jun(11)}},
			{ID: "c3", Created: jun(4), Lifecycle: sales.LifecycleLead,
				Reached: sales.LifecycleDates{Lead: jun(4)}},
		},
		Targets: []sales.Target{{Period: sales.Quarter(2024, 2, time.UTC),
			Metric: sales.TargetWonValue, Value: decimal.NewFromInt(20000)}},
	})
}

// exampleAsOf is Wednesday 2024-06-12, noon UTC.
var exampleAsOf = time.Date(2024, time.June, 12, 12, 0, 0, 0, time.UTC)

func ExampleWeighted() {
	ds := examplePortal()
	h := forecast.Horizon{
		Period: sales.Period{Start: sales.Month(2024, time.June, time.UTC).Start,
			End: sales.Month(2024, time.August, time.UTC).Start},
		Unit: sales.UnitMonth,
	}
	r, err := forecast.Weighted(ds, exampleAsOf, h)
	if err != nil {
		panic(err)
	}
	for _, row := range append(r.Reps, r.Team) {
		fmt.Printf("%-4s June %6s  July %5s  weighted %6s of %s\n", row.Name,
			row.Buckets[0].Weighted.Decimal(), row.Buckets[1].Weighted.Decimal(),
			row.Total.Weighted.Decimal(), row.Total.Open.Value.Decimal())
	}
	// Output:
	// Ann  June   6000  July   800  weighted   6800 of 14000
	// Bob  June   4200  July     0  weighted   4200 of 6000
	// team June  10200  July   800  weighted  11000 of 20000
}

func ExampleClosingThisWeek() {
	ds := examplePortal()
	r, err := forecast.ClosingThisWeek(ds, exampleAsOf, sales.Calendar{})
	if err != nil {
		panic(err)
	}
	fmt.Println("week from", r.Week.Start.Format("Mon 2006-01-02"))
	for _, row := range r.Reps {
		fmt.Printf("%s: %d deal(s), %s, weighted %s\n",
			row.Name, row.Open.Count, row.Open.Value.Decimal(), row.Weighted.Decimal())
	}
	// Output:
	// week from Mon 2024-06-10
	// Ann: 1 deal(s), 10000, weighted 6000
	// Bob: 0 deal(s), 0, weighted 0
}

func ExampleSimulate() {
	ds := examplePortal()
	q2 := sales.Quarter(2024, 2, time.UTC)
	// Few closed deals: with a minimum sample of 20, every stage keeps its
	// configured probability.
	r, err := forecast.Simulate(ds, exampleAsOf, q2, forecast.SimOptions{Seed: 42})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d deals due, expected %s; P10 %s, P50 %s, P90 %s\n",
		r.Deals.Count, r.Expected, r.P10, r.P50, r.P90)
	fmt.Printf("won %s of %s; chance to reach the target: %.2f\n",
		r.WonSoFar.Value.Decimal(), r.Target, value(r.Reach.Value()))
	fmt.Println("stages on their configured probability:", len(r.FellBack))
	// Output:
	// 2 deals due, expected 10200; P10 0, P50 10000, P90 16000
	// won 8000 of 20000; chance to reach the target: 0.42
	// stages on their configured probability: 3
}

func ExampleSalesVelocity() {
	ds := examplePortal()
	r, err := forecast.SalesVelocity(ds, exampleAsOf, sales.Quarter(2024, 2, time.UTC))
	if err != nil {
		panic(err)
	}
	for _, row := range append(r.Reps, r.Team) {
		fmt.Printf("%-4s %d open × %.2f won × %s ÷ %.1f days = %s a day\n", row.Name, row.Open,
			value(row.WinRate.Value()), row.AverageWon, *row.Cycle.Mean, row.PerDay)
	}
	// Output:
	// Ann  2 open × 0.50 won × 5000 ÷ 20.0 days = 250 a day
	// Bob  1 open × 1.00 won × 3000 ÷ 25.0 days = 120 a day
	// team 3 open × 0.67 won × 4000 ÷ 22.5 days = 355.56 a day
}

func ExamplePipelineCoverage() {
	ds := examplePortal()
	r, err := forecast.PipelineCoverage(ds, exampleAsOf, sales.Quarter(2024, 2, time.UTC))
	if err != nil {
		panic(err)
	}
	cov, _ := r.Team.Coverage.Value()
	fmt.Printf("weighted %s due against %s still to win: coverage %s\n",
		r.Team.Due.Weighted.Decimal(), r.Team.Remaining, cov)
	// Output:
	// weighted 10200 due against 12000 still to win: coverage 0.85
}

func ExamplePipelineAsOf() {
	ds := examplePortal()
	h := forecast.Horizon{Period: sales.Month(2024, time.June, time.UTC), Unit: sales.UnitMonth}
	at := time.Date(2024, time.June, 7, 0, 0, 0, 0, time.UTC)
	r, err := forecast.PipelineAsOf(ds, at, h)
	if err != nil {
		panic(err)
	}
	p := r.Open.Pipelines[0]
	for j, s := range p.Stages {
		fmt.Printf("%-9s %d deal(s) worth %s\n", s.Label, p.Total.Stages[j].Count,
			p.Total.Stages[j].Value.Decimal())
	}
	fmt.Println("weighted then:", r.Weighted.Team.Total.Weighted.Decimal())
	// Output:
	// Qualify   2 deal(s) worth 14000
	// Propose   0 deal(s) worth 0
	// Negotiate 1 deal(s) worth 6000
	// weighted then: 7000
}

func ExampleSlippedDeals() {
	ds := examplePortal()
	r, err := forecast.SlippedDeals(ds, exampleAsOf, sales.Month(2024, time.June, time.UTC),
		sales.Calendar{}, sales.UnitWeek)
	if err != nil {
		panic(err)
	}
	for _, d := range r.Deals {
		fmt.Printf("deal %s: expected %s, now %s: moved %d time(s), %d days\n",
			d.Deal, d.First.Format("Jan 2"), d.Latest.Format("Jan 2"), d.Moves, d.Days)
	}
	// Output:
	// deal 1: expected Jun 7, now Jun 14: moved 1 time(s), 7 days
}

func ExampleActiveLeads() {
	ds := examplePortal()
	r, err := forecast.ActiveLeads(ds, exampleAsOf, forecast.LeadOptions{})
	if err != nil {
		panic(err)
	}
	for _, s := range r.Stages {
		fmt.Println(s.Stage, s.Count)
	}
	// Output:
	// lead 2
	// marketing_qualified 1
	// sales_qualified 0
	// opportunity 0
}

func ExampleNewLeads() {
	ds := examplePortal()
	r, err := forecast.NewLeads(ds, exampleAsOf, sales.Calendar{})
	if err != nil {
		panic(err)
	}
	for _, d := range r.Days[:3] {
		fmt.Printf("%s: %d (last week %d)\n", d.Weekday, d.Created, d.LastWeek)
	}
	fmt.Printf("this week %d, last week by now %d\n", r.ThisWeek, r.LastWeekToDate)
	// Output:
	// Monday: 1 (last week 0)
	// Tuesday: 1 (last week 1)
	// Wednesday: 0 (last week 0)
	// this week 2, last week by now 1
}

func ExampleLeadsCreated() {
	ds := examplePortal()
	r, err := forecast.LeadsCreated(ds, exampleAsOf, sales.Month(2024, time.June, time.UTC),
		sales.Calendar{}, sales.UnitWeek)
	if err != nil {
		panic(err)
	}
	for k, b := range r.Buckets.All() {
		row := r.Rows[k]
		fmt.Printf("week of %s: %d lead(s), %d MQL(s)\n", b.Start.Format("Jan 2"),
			row.ByStage[sales.LifecycleLead], row.ByStage[sales.LifecycleMarketingQualified])
	}
	// Output:
	// week of Jun 1: 0 lead(s), 0 MQL(s)
	// week of Jun 3: 1 lead(s), 0 MQL(s)
	// week of Jun 10: 1 lead(s), 1 MQL(s)
	// week of Jun 17: 0 lead(s), 0 MQL(s)
	// week of Jun 24: 0 lead(s), 0 MQL(s)
}

// value returns a rate's value, for rates known to have one.
func value(v float64, ok bool) float64 {
	if !ok {
		panic("no value")
	}
	return v
}

// Example shows a Monday-morning review of the pipeline: what is due this
// week, how the weighted pipeline covers what is left of the quarter's
// target, and how likely the target is, with the forecast's spread.
func Example() {
	ds := examplePortal()
	q2 := sales.Quarter(2024, 2, time.UTC)

	week, err := forecast.ClosingThisWeek(ds, exampleAsOf, sales.Calendar{})
	if err != nil {
		panic(err)
	}
	cover, err := forecast.PipelineCoverage(ds, exampleAsOf, q2)
	if err != nil {
		panic(err)
	}
	sim, err := forecast.Simulate(ds, exampleAsOf, q2, forecast.SimOptions{Seed: 42})
	if err != nil {
		panic(err)
	}

	fmt.Printf("due this week: %d deal(s), weighted %s\n",
		week.Team.Open.Count, week.Team.Weighted.Decimal())
	cov, _ := cover.Team.Coverage.Value()
	fmt.Printf("left to win this quarter: %s, covered %s times\n", cover.Team.Remaining, cov)
	fmt.Printf("likely (P10-P90): %s to %s; chance to make it: %.0f%%\n",
		sim.P10, sim.P90, value(sim.Reach.Value())*100)
	// Output:
	// due this week: 1 deal(s), weighted 6000
	// left to win this quarter: 12000, covered 0.85 times
	// likely (P10-P90): 0 to 16000; chance to make it: 42%
}
