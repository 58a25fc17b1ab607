package kpi_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/kpi"
)

// examplePortal is a two-rep portal: Ann won 1,200 and lost one deal in
// March, Bob won 800, and one deal is still open.
func examplePortal() *sales.Dataset {
	mar := func(d int) time.Time { return time.Date(2024, time.March, d, 10, 0, 0, 0, time.UTC) }
	amount := func(s string) decimal.NullDecimal {
		return decimal.NewNullDecimal(decimal.RequireFromString(s))
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
				Created: mar(1), CloseDate: mar(15)},
			{ID: "2", Owner: "ann", Pipeline: "p", Stage: "lost", Amount: amount("300"),
				Created: mar(2), CloseDate: mar(20)},
			{ID: "3", Owner: "bob", Pipeline: "p", Stage: "won", Amount: amount("800"),
				Created: mar(3), CloseDate: mar(28)},
			{ID: "4", Owner: "bob", Pipeline: "p", Stage: "talk", Amount: amount("500"),
				Created: mar(4)},
		},
		Targets: []sales.Target{{Period: sales.Month(2024, time.March, time.UTC),
			Metric: sales.TargetWonValue, Value: decimal.NewFromInt(2500)}},
	})
}

func ExampleResultsPerRep() {
	ds := examplePortal()
	r, err := kpi.ResultsPerRep(ds, sales.Month(2024, time.March, time.UTC))
	if err != nil {
		panic(err)
	}
	for _, rep := range append(r.Reps, r.Team) {
		rate, _ := rep.WinRate.Value()
		fmt.Printf("%-5s won %d for %s, lost %d, win rate %.0f%%\n",
			rep.Name, rep.Won.Count, rep.Won.Value.Decimal(), rep.Lost.Count, rate*100)
	}
	// Output:
	// Ann   won 1 for 1200, lost 1, win rate 50%
	// Bob   won 1 for 800, lost 0, win rate 100%
	// team  won 2 for 2000, lost 1, win rate 67%
}

func ExampleWonAgainstTarget() {
	ds := examplePortal()
	r, err := kpi.WonAgainstTarget(ds, sales.Month(2024, time.March, time.UTC))
	if err != nil {
		panic(err)
	}
	att, _ := r.Team.ValueAttainment.Value()
	fmt.Printf("won %s of %s (%s targets): attainment %s\n",
		r.Team.Won.Value.Decimal(), r.Team.ValueTarget, r.Level, att)
	// Output:
	// won 2000 of 2500 (portal targets): attainment 0.8
}

func ExampleOpenDealsByStage() {
	ds := examplePortal()
	r, err := kpi.OpenDealsByStage(ds, time.Date(2024, time.April, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	p := r.Pipelines[0]
	for _, rep := range p.Reps {
		fmt.Printf("%s: %d open in %q for %s\n",
			rep.Name, rep.Stages[0].Count, p.Stages[0].Label, rep.Stages[0].Value.Decimal())
	}
	// Output:
	// Ann: 0 open in "Talking" for 0
	// Bob: 1 open in "Talking" for 500
}
