package kpi

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/internal/testkit"
)

// portalGen draws small demo portals: a seed, a size, and a way to split
// their deals in two.
type portalCase struct {
	seed  uint64
	deals int
	mask  uint64 // bit i%64 of mask puts deal i in the first half
}

func portalCases() gopter.Gen {
	return gopter.CombineGens(gen.UInt64(), gen.IntRange(0, 300), gen.UInt64()).
		Map(func(v []any) portalCase {
			return portalCase{seed: v[0].(uint64), deals: v[1].(int), mask: v[2].(uint64)}
		})
}

func (c portalCase) records(t *testing.T) sales.Records {
	r, err := demo.Generate(demo.Options{Seed: c.seed, Deals: c.deals, ActivitiesPerDeal: 0.5})
	if err != nil {
		t.Fatalf("demo.Generate(%+v): %v", c, err)
	}
	return r
}

func (c portalCase) split(r sales.Records) (a, b *sales.Dataset) {
	ra, rb := testkit.SplitDeals(r, func(i int) bool { return c.mask>>(i%64)&1 == 1 })
	return sales.MustDataset(ra), sales.MustDataset(rb)
}

func properties(t *testing.T) *gopter.Properties {
	params := gopter.DefaultTestParametersWithSeed(20261204)
	params.MinSuccessfulTests = 40
	t.Logf("gopter seed %d", params.Seed())
	return gopter.NewProperties(params)
}

// sameJSON reports whether a and b marshal to the same JSON, which is how
// results are compared: decimals by their text after trimming, and every
// derived value included.
func sameJSON(t *testing.T, a, b any) bool {
	ja, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	jb, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if string(ja) != string(jb) {
		t.Logf("differ:\n%s\n%s", ja, jb)
		return false
	}
	return true
}

func TestResultsPerRep_properties(t *testing.T) {
	props := properties(t)
	year := sales.Year(2026, demo.Location())
	props.Property("R10 over two halves merges into R10 over the whole", prop.ForAll(
		func(c portalCase) bool {
			r := c.records(t)
			whole, _ := ResultsPerRep(sales.MustDataset(r), year)
			a, b := c.split(r)
			ra, _ := ResultsPerRep(a, year)
			rb, _ := ResultsPerRep(b, year)
			if err := ra.Merge(rb); err != nil {
				t.Fatal(err)
			}
			return sameJSON(t, ra, whole)
		}, portalCases()))
	props.Property("an owner's won count never exceeds their closed count", prop.ForAll(
		func(c portalCase) bool {
			// The deals each owner closed in the year, counted from the
			// records rather than from the report.
			ds := sales.MustDataset(c.records(t))
			closed := map[sales.OwnerID]int64{}
			for i := range ds.Deals {
				d := &ds.Deals[i]
				if ds.DealKind(i).Closed() && !d.CloseDate.IsZero() && year.Contains(d.CloseDate) {
					closed[d.Owner]++
				}
			}
			res, _ := ResultsPerRep(ds, year)
			var all int64
			for _, rep := range res.Reps {
				n := closed[rep.Owner]
				all += n
				if rep.Won.Count > n || rep.Won.Count+rep.Lost.Count != n ||
					rep.WinRate != (sales.Rate{Num: rep.Won.Count, Den: n}) {
					t.Logf("owner %q: %+v, closed %d", rep.Owner, rep, n)
					return false
				}
			}
			var total int64 // every owner's, whether or not they have a row
			for _, n := range closed {
				total += n
			}
			return all == total && res.Team.Won.Count <= total && res.Team.WinRate.Den == total
		}, portalCases()))
	props.Property("the team row adds up the reps, and its rate is pooled", prop.ForAll(
		func(c portalCase) bool {
			res, _ := ResultsPerRep(sales.MustDataset(c.records(t)), year)
			var won, lost int64
			var value sales.Total
			for _, rep := range res.Reps {
				won += rep.Won.Count
				lost += rep.Lost.Count
				value.AddTotal(rep.Won.Value)
			}
			return won == res.Team.Won.Count && lost == res.Team.Lost.Count &&
				value.Decimal().Equal(res.Team.Won.Value.Decimal()) &&
				res.Team.WinRate == sales.Rate{Num: won, Den: won + lost}
		}, portalCases()))
	props.TestingRun(t)
}

func TestOpenDealsByStage_properties(t *testing.T) {
	props := properties(t)
	asOf := demo.Today()
	props.Property("R12 over two halves merges into R12 over the whole", prop.ForAll(
		func(c portalCase) bool {
			r := c.records(t)
			whole, _ := OpenDealsByStage(sales.MustDataset(r), asOf)
			a, b := c.split(r)
			ra, _ := OpenDealsByStage(a, asOf)
			rb, _ := OpenDealsByStage(b, asOf)
			if err := ra.Merge(rb); err != nil {
				t.Fatal(err)
			}
			return sameJSON(t, ra, whole)
		}, portalCases()))
	props.Property("R12's stages add up to the open deals", prop.ForAll(
		func(c portalCase) bool {
			ds := sales.MustDataset(c.records(t))
			res, _ := OpenDealsByStage(ds, asOf)
			var open int64
			for i := range ds.Deals {
				if ds.DealKind(i) == sales.StageOpen && !ds.Deals[i].Created.After(asOf) {
					open++
				}
			}
			var sum int64
			for _, p := range res.Pipelines {
				for _, s := range p.Total.Stages {
					sum += s.Count
				}
			}
			return sum == open
		}, portalCases()))
	props.TestingRun(t)
}

// TestResultsPerRep_edgePortals runs the merge on portals made of the
// awkward cases: an empty portal, deals all unassigned, all in an unknown
// stage, a period holding nothing.
func TestResultsPerRep_edgePortals(t *testing.T) {
	recs := smallPortal()
	for i := range recs.Deals {
		recs.Deals[i].Owner = ""
	}
	empty := sales.Records{Pipelines: recs.Pipelines}
	for _, r := range []sales.Records{recs, empty, smallPortal()} {
		for _, p := range []sales.Period{sales.Month(2024, time.January, nil), sales.Day(1999, 1, 1, nil)} {
			whole, err := ResultsPerRep(sales.MustDataset(r), p)
			if err != nil {
				t.Fatalf("ResultsPerRep: %v", err)
			}
			a, b := testkit.SplitDeals(r, func(i int) bool { return i%2 == 0 })
			ra, _ := ResultsPerRep(sales.MustDataset(a), p)
			rb, _ := ResultsPerRep(sales.MustDataset(b), p)
			if err := ra.Merge(rb); err != nil || !sameJSON(t, ra, whole) {
				t.Errorf("ResultsPerRep over halves merged = %+v (%v), want %+v", ra, err, whole)
			}
		}
	}
}

func TestMerge_mismatch(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	jan, _ := ResultsPerRep(ds, sales.Month(2024, time.January, nil))
	feb, _ := ResultsPerRep(ds, sales.Month(2024, time.February, nil))
	if err := jan.Merge(feb); err == nil {
		t.Errorf("Merge of January and February results succeeded, want an error")
	}
	o1, _ := OpenDealsByStage(ds, time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC))
	o2, _ := OpenDealsByStage(ds, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	if err := o1.Merge(o2); err == nil {
		t.Errorf("Merge of open deals at two dates succeeded, want an error")
	}
}
