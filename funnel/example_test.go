package funnel_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/funnel"
)

// day returns 9 o'clock on a day of March 2024, in UTC.
func day(d int) time.Time { return time.Date(2024, time.March, d, 9, 0, 0, 0, time.UTC) }

// visit is one stay in a stage, from one day of March to another (0 for
// a stay that goes on).
func visit(stage string, from, to int) sales.StageVisit {
	v := sales.StageVisit{Stage: sales.StageID(stage), Entered: day(from)}
	if to > 0 {
		v.Left = day(to)
	}
	return v
}

// examplePortal has three deals created in March 2024: Ann's went from
// demo to proposal to won; Ann's second skipped the proposal and is still
// open; Bob's was lost at the demo. Three contacts became marketing
// qualified in March.
func examplePortal() *sales.Dataset {
	amount := func(s string) decimal.NullDecimal {
		return decimal.NewNullDecimal(decimal.RequireFromString(s))
	}
	at := func(d int) sales.LifecycleDates { return sales.LifecycleDates{MarketingQualified: day(d)} }
	c2, c3 := at(3), at(4)
	c2.SalesQualified = day(5)
	c3.SalesQualified, c3.Opportunity, c3.Customer = day(8), day(10), day(20)
	return sales.MustDataset(sales.Records{
		Currency: "USD",
		Owners:   []sales.Owner{{ID: "ann", Name: "Ann"}, {ID: "bob", Name: "Bob"}},
		Pipelines: []sales.Pipeline{{ID: "p", Label: "Sales", Stages: []sales.Stage{
			{ID: "demo", Label: "Demo", Kind: sales.StageOpen, Probability: 0.2},
			{ID: "proposal", Label: "Proposal", Kind: sales.StageOpen, Probability: 0.6},
			{ID: "contract", Label: "Contract", Kind: sales.StageOpen, Probability: 0.9},
			{ID: "won", Label: "Won", Kind: sales.StageWon, Probability: 1},
			{ID: "lost", Label: "Lost", Kind: sales.StageLost},
		}}},
		Deals: []sales.Deal{
			{ID: "1", Owner: "ann", Pipeline: "p", Stage: "won", Amount: amount("1200"),
				Source: "REFERRALS", Created: day(1), CloseDate: day(12),
				StageHistory: []sales.StageVisit{visit("demo", 1, 3), visit("proposal", 3, 8),
					visit("contract", 8, 12), visit("won", 12, 0)}},
			{ID: "2", Owner: "ann", Pipeline: "p", Stage: "contract", Amount: amount("800"),
				Source: "ORGANIC_SEARCH", Created: day(2),
				StageHistory: []sales.StageVisit{visit("demo", 2, 6), visit("contract", 6, 0)}},
			{ID: "3", Owner: "bob", Pipeline: "p", Stage: "lost", Amount: amount("400"),
				Source: "ORGANIC_SEARCH", Created: day(4), CloseDate: day(9),
				StageHistory: []sales.StageVisit{visit("demo", 4, 9), visit("lost", 9, 0)}},
		},
		Contacts: []sales.Contact{
			{ID: "c1", Created: day(1), Source: "ORGANIC_SEARCH", Reached: at(2)},
			{ID: "c2", Created: day(2), Source: "PAID_SEARCH", Reached: c2},
			{ID: "c3", Created: day(2), Source: "ORGANIC_SEARCH", Reached: c3},
		},
	})
}

var march = sales.Month(2024, time.March, time.UTC)

func ExampleConversion() {
	f, err := funnel.Conversion(examplePortal(), march)
	if err != nil {
		panic(err)
	}
	for _, s := range f.Pipelines[0].Steps {
		step, _ := s.Step.Value()
		cum, _ := s.Cumulative.Value()
		fmt.Printf("%-8s %d  step %3.0f%%  cumulative %3.0f%%\n", s.Label, s.Reached, step*100, cum*100)
	}
	// Output:
	// Demo     3  step 100%  cumulative 100%
	// Proposal 2  step  67%  cumulative  67%
	// Contract 2  step 100%  cumulative  67%
	// Won      1  step  50%  cumulative  33%
}

func ExampleConversionPerRep() {
	r, err := funnel.ConversionPerRep(examplePortal(), march)
	if err != nil {
		panic(err)
	}
	p := r.Pipelines[0]
	for _, rep := range append(p.Reps, funnel.RepFunnel{Name: "team", Counts: p.Team}) {
		win := "no value"
		if v, ok := rep.WinRate.Value(); ok {
			win = fmt.Sprintf("%.0f%%", v*100)
		}
		fmt.Printf("%-4s created %d, reached contract %d, won %d, win rate %s\n",
			rep.Name, rep.Created, rep.Steps[2].Reached, rep.Won, win)
	}
	// Output:
	// Ann  created 2, reached contract 2, won 1, win rate 100%
	// Bob  created 1, reached contract 0, won 0, win rate 0%
	// team created 3, reached contract 2, won 1, win rate 50%
}

func ExampleTimeInStage() {
	asOf := time.Date(2024, time.April, 1, 0, 0, 0, 0, time.UTC)
	r, err := funnel.TimeInStage(examplePortal(), march, asOf, funnel.TimeOptions{})
	if err != nil {
		panic(err)
	}
	for _, s := range r.Pipelines[0].Stages {
		mean := "-"
		if s.MeanDays != nil {
			mean = fmt.Sprintf("%.1f days", *s.MeanDays)
		}
		fmt.Printf("%-8s %d deals, mean %s, %d still there\n", s.Label, s.Deals, mean, s.Open)
	}
	// Output:
	// Demo     3 deals, mean 3.7 days, 0 still there
	// Proposal 1 deals, mean 5.0 days, 0 still there
	// Contract 1 deals, mean 4.0 days, 1 still there
}

func ExampleLeadsBySource() {
	r, err := funnel.LeadsBySource(examplePortal(), march)
	if err != nil {
		panic(err)
	}
	for _, s := range r.Sources {
		share, _ := s.Share.Value()
		fmt.Printf("%s: %d (%.0f%%)\n", s.Source, s.Leads, share*100)
	}
	// Output:
	// ORGANIC_SEARCH: 2 (67%)
	// PAID_SEARCH: 1 (33%)
}

func ExampleDealsBySource() {
	r, err := funnel.DealsBySource(examplePortal(), march)
	if err != nil {
		panic(err)
	}
	for _, s := range r.Sources {
		share, _ := s.ValueShare.Value()
		fmt.Printf("%s: %d deals for %s, %s of the value\n",
			s.Source, s.Deals.Count, s.Deals.Value.Decimal(), share)
	}
	// Output:
	// ORGANIC_SEARCH: 2 deals for 1200, 0.5 of the value
	// REFERRALS: 1 deals for 1200, 0.5 of the value
}

func ExampleProposals() {
	r, err := funnel.Proposals(examplePortal(), march, "proposal")
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d proposal(s) in March for %s, %d in February\n",
		r.Team.Current.Count, r.Team.Current.Value.Decimal(), r.Team.Previous.Count)
	// Output:
	// 1 proposal(s) in March for 1200, 0 in February
}

func ExampleMQLToCustomer() {
	r, err := funnel.MQLToCustomer(examplePortal(), march)
	if err != nil {
		panic(err)
	}
	for _, s := range r.Steps {
		median := "-"
		if s.MedianDays != nil {
			median = fmt.Sprintf("%.1f days", *s.MedianDays)
		}
		fmt.Printf("%-19s %d, median time %s\n", s.Stage, s.Reached, median)
	}
	// Output:
	// marketing_qualified 3, median time -
	// sales_qualified     2, median time 3.0 days
	// opportunity         1, median time 2.0 days
	// customer            1, median time 10.0 days
}
