package sales_test

import (
	"encoding/json"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/activity"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/kpi"
	"github.com/salespilot/sales/portfolio"
)

// TestPartial adds a demo portal's deals, then its activities, one at a
// time to partials spread over three shards in small batches, merges the
// shards, and checks the results against the reports over the whole.
func TestPartial(t *testing.T) {
	recs, err := demo.Generate(demo.Options{Seed: 5, Deals: 600})
	if err != nil {
		t.Fatal(err)
	}
	year := sales.Year(2026, demo.Location())

	r10 := sales.Additive[kpi.RepResults]{
		Compute: func(ds *sales.Dataset) (kpi.RepResults, error) { return kpi.ResultsPerRep(ds, year) },
		Merge:   (*kpi.RepResults).Merge,
	}
	shared := recs
	shared.Deals, shared.LineItems = nil, nil
	parts := shards(3, shared, r10)
	for i, d := range recs.Deals {
		if err := parts[i%3].AddDeal(d); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := kpi.ResultsPerRep(sales.MustDataset(recs), year)
	checkMerged(t, "R10", parts, want)

	r01 := sales.Additive[activity.TypeReport]{
		Compute: func(ds *sales.Dataset) (activity.TypeReport, error) {
			return activity.ActivitiesByType(ds, year)
		},
		Merge: (*activity.TypeReport).Merge,
	}
	shared = recs
	shared.Activities = nil
	actParts := shards(3, shared, r01)
	for i, a := range recs.Activities {
		if err := actParts[(i/7)%3].AddActivity(a); err != nil {
			t.Fatal(err)
		}
	}
	wantActs, _ := activity.ActivitiesByType(sales.MustDataset(recs), year)
	checkMerged(t, "R01", actParts, wantActs)
}

func shards[R any](n int, shared sales.Records, r sales.Additive[R]) []*sales.Partial[R] {
	parts := make([]*sales.Partial[R], n)
	for i := range parts {
		parts[i] = sales.NewPartial(shared, r)
		parts[i].BatchSize = 97 // several batches per shard
	}
	return parts
}

func checkMerged[R any](t *testing.T, id string, parts []*sales.Partial[R], want R) {
	t.Helper()
	for _, p := range parts[1:] {
		if err := parts[0].Merge(p); err != nil {
			t.Fatalf("%s: Merge: %v", id, err)
		}
	}
	got, err := parts[0].Result()
	if err != nil {
		t.Fatalf("%s: Result: %v", id, err)
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s over merged partials differs from the whole:\n%s\n%s", id, g, w)
	}
}

// TestPartial_dealsWithTheirRecords adds each deal followed by its line
// items to partials in small batches, so that batches fill up in the
// middle of a deal's records, and checks R41 (line items of won deals)
// and R13/R14 (activities per deal, the activities shared) against the
// reports over the whole.
func TestPartial_dealsWithTheirRecords(t *testing.T) {
	recs, err := demo.Generate(demo.Options{Seed: 9, Deals: 700})
	if err != nil {
		t.Fatal(err)
	}
	year := sales.Year(2026, demo.Location())
	items := map[sales.DealID][]sales.LineItem{}
	for _, li := range recs.LineItems {
		items[li.Deal] = append(items[li.Deal], li)
	}
	shared := recs
	shared.Deals, shared.LineItems = nil, nil
	feed := func(parts []adder) {
		t.Helper()
		for i, d := range recs.Deals {
			p := parts[i%len(parts)]
			if err := p.AddDeal(d); err != nil {
				t.Fatal(err)
			}
			for _, li := range items[d.ID] {
				if err := p.AddLineItem(li); err != nil {
					t.Fatal(err)
				}
			}
		}
	}

	r41 := sales.Additive[portfolio.ProductSales]{
		Compute: func(ds *sales.Dataset) (portfolio.ProductSales, error) {
			return portfolio.TopProducts(ds, year, 5)
		},
		Merge: (*portfolio.ProductSales).Merge,
	}
	parts41 := shards(2, shared, r41)
	feed([]adder{parts41[0], parts41[1]})
	want41, _ := portfolio.TopProducts(sales.MustDataset(recs), year, 5)
	checkMerged(t, "R41", parts41, want41)

	asOf := demo.Today()
	r13 := sales.Additive[activity.EffortReport]{
		Compute: func(ds *sales.Dataset) (activity.EffortReport, error) {
			return activity.EffortPerDeal(ds, year, asOf)
		},
		Merge: (*activity.EffortReport).Merge,
	}
	parts13 := shards(3, shared, r13)
	feed([]adder{parts13[0], parts13[1], parts13[2]})
	want13, _ := activity.EffortPerDeal(sales.MustDataset(recs), year, asOf)
	checkMerged(t, "R13", parts13, want13)
}

// adder is what TestPartial_dealsWithTheirRecords adds records with.
type adder interface {
	AddDeal(sales.Deal) error
	AddLineItem(sales.LineItem) error
}

// TestPartial_nothingAdded: a partial with no record is the report over
// the shared records alone.
func TestPartial_nothingAdded(t *testing.T) {
	recs, _ := demo.Generate(demo.Options{Seed: 1, Deals: 50})
	recs.Deals = nil
	year := sales.Year(2026, demo.Location())
	p := sales.NewPartial(recs, sales.Additive[kpi.RepResults]{
		Compute: func(ds *sales.Dataset) (kpi.RepResults, error) { return kpi.ResultsPerRep(ds, year) },
		Merge:   (*kpi.RepResults).Merge,
	})
	got, err := p.Result()
	if err != nil || got.Team.Won.Count != 0 || len(got.Reps) != len(recs.Owners) {
		t.Errorf("Result() of an empty partial = %+v, %v; want a row per owner and nothing won", got, err)
	}
}
