package forecast_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/internal/testkit"
	"github.com/salespilot/sales/kpi"
)

// propertySeed fixes the random cases, so that a failure can be replayed.
const propertySeed = 20240313

// properties returns gopter properties with the fixed seed, logged.
func properties(t *testing.T, runs int) *gopter.Properties {
	parameters := gopter.DefaultTestParametersWithSeed(propertySeed)
	parameters.MinSuccessfulTests = runs
	t.Logf("gopter seed %d", parameters.Seed())
	return gopter.NewProperties(parameters)
}

// portalCase is a random demo portal and a random way to split it.
type portalCase struct {
	Seed  uint64
	Deals int
	Split uint64
}

func (c portalCase) String() string {
	return fmt.Sprintf("demo seed %d, %d deals, split %d", c.Seed, c.Deals, c.Split)
}

func genPortalCase() gopter.Gen {
	return gopter.CombineGens(gen.UInt64(), gen.IntRange(100, 400), gen.UInt64()).
		Map(func(v []any) portalCase {
			return portalCase{Seed: v[0].(uint64), Deals: v[1].(int), Split: v[2].(uint64)}
		})
}

// records generates the case's portal.
func (c portalCase) records() sales.Records {
	recs, err := demo.Generate(demo.Options{Seed: c.Seed, Deals: c.Deals})
	if err != nil {
		panic(err) // the sizes drawn are valid
	}
	return recs
}

// mask returns a random choice per record, from the case's split seed.
func (c portalCase) mask() func(int) bool {
	r := rand.New(rand.NewPCG(c.Split, 1))
	picks := map[int]bool{}
	return func(i int) bool {
		if v, ok := picks[i]; ok {
			return v
		}
		picks[i] = r.IntN(2) == 0
		return picks[i]
	}
}

// splitContacts returns two portals that share every record but the
// contacts: those for which first reports true go to a.
func splitContacts(r sales.Records, first func(int) bool) (a, b sales.Records) {
	a, b = r, r
	a.Contacts, b.Contacts = nil, nil
	for i, c := range r.Contacts {
		if first(i) {
			a.Contacts = append(a.Contacts, c)
		} else {
			b.Contacts = append(b.Contacts, c)
		}
	}
	return a, b
}

// sameJSON reports whether a and b marshal alike, and says how when not.
func sameJSON(a, b any) (bool, string) {
	ja, err := json.Marshal(a)
	if err != nil {
		return false, err.Error()
	}
	jb, err := json.Marshal(b)
	if err != nil {
		return false, err.Error()
	}
	if !bytes.Equal(ja, jb) {
		return false, fmt.Sprintf("%s\nis not\n%s", ja, jb)
	}
	return true, ""
}

// demoHorizon buckets the six months from the demo's November by month.
func demoHorizon() forecast.Horizon {
	loc := demo.Location()
	return forecast.Horizon{Period: sales.Period{
		Start: sales.Month(2026, time.November, loc).Start,
		End:   sales.Month(2027, time.May, loc).Start,
	}, Unit: sales.UnitMonth}
}

// splitter splits a portal's records in two by a choice per record.
type splitter func(sales.Records, func(int) bool) (sales.Records, sales.Records)

// merged computes report on the two halves of c's portal and on the
// whole, merges the halves and reports whether the result is the whole's.
func merged[R any](c portalCase, split splitter, report func(*sales.Dataset) (R, error),
	merge func(*R, R) error) (bool, string) {
	recs := c.records()
	a, b := split(recs, c.mask())
	whole, err := report(sales.MustDataset(recs))
	if err != nil {
		return false, err.Error()
	}
	ra, err := report(sales.MustDataset(a))
	if err != nil {
		return false, err.Error()
	}
	rb, err := report(sales.MustDataset(b))
	if err != nil {
		return false, err.Error()
	}
	if err := merge(&ra, rb); err != nil {
		return false, err.Error()
	}
	return sameJSON(ra, whole)
}

func TestPipelineAsOf_property(t *testing.T) {
	props := properties(t, 25)
	props.Property("B05 at asOf is R12, R26 and B01 computed directly", prop.ForAll(
		func(c portalCase) (bool, error) {
			ds := sales.MustDataset(c.records())
			now := demo.Today()
			past, err := forecast.PipelineAsOf(ds, now, demoHorizon())
			if err != nil {
				return false, err
			}
			open, err := kpi.OpenDealsByStage(ds, now)
			if err != nil {
				return false, err
			}
			weighted, err := forecast.Weighted(ds, now, demoHorizon())
			if err != nil {
				return false, err
			}
			if ok, why := sameJSON(past.Open.Pipelines, open.Pipelines); !ok {
				return false, fmt.Errorf("R12: %s", why)
			}
			if ok, why := sameJSON(past.Weighted, weighted); !ok {
				return false, fmt.Errorf("B01: %s", why)
			}
			// PipelineAsOf calls the reports above, so the checks so far
			// cannot fail. The oracle: every deal created by now, counted in
			// its current stage when that stage is open, read from the
			// records without sales.Dataset.DealAt.
			want := map[[2]string]int64{}
			var n int64
			for i := range ds.Deals {
				d := &ds.Deals[i]
				if d.Created.After(now) || ds.DealKind(i) != sales.StageOpen {
					continue
				}
				want[[2]string{string(d.Pipeline), string(d.Stage)}]++
				n++
			}
			var got int64
			for _, p := range past.Open.Pipelines {
				for j, s := range p.Stages {
					k := [2]string{string(p.Pipeline), string(s.Stage)}
					if c := p.Total.Stages[j].Count; c != want[k] {
						return false, fmt.Errorf("R26 %s: %d open, current stages say %d", k, c, want[k])
					}
					got += p.Total.Stages[j].Count
				}
			}
			if got != n || past.Weighted.Team.Total.Open.Count != n {
				return false, fmt.Errorf("%d open in R26, %d in B01, current stages say %d",
					got, past.Weighted.Team.Total.Open.Count, n)
			}
			return true, nil
		}, genPortalCase()))
	props.TestingRun(t)
}

func TestWeighted_property(t *testing.T) {
	props := properties(t, 25)
	props.Property("B01 never exceeds the open value, cell by cell", prop.ForAll(
		func(c portalCase) (bool, error) {
			ds := sales.MustDataset(c.records())
			r, err := forecast.Weighted(ds, demo.Today(), demoHorizon())
			if err != nil {
				return false, err
			}
			for _, row := range append(r.Reps, r.Team) {
				cells := append([]forecast.Cell{row.Earlier, row.Later, row.NoCloseDate, row.Total},
					row.Buckets...)
				for _, cell := range cells {
					w, v := cell.Weighted.Decimal(), cell.Open.Value.Decimal()
					if w.GreaterThan(v) || w.Sign() < 0 {
						return false, fmt.Errorf("%s: weighted %s, open value %s", row.Name, w, v)
					}
				}
			}
			return true, nil
		}, genPortalCase()))
	props.Property("B01 over two halves of the deals merges into the whole", prop.ForAll(
		func(c portalCase) (bool, error) {
			ok, why := merged(c, testkit.SplitDeals,
				func(ds *sales.Dataset) (forecast.WeightedPipeline, error) {
					return forecast.Weighted(ds, demo.Today(), demoHorizon())
				}, (*forecast.WeightedPipeline).Merge)
			return ok, errorIf(why)
		}, genPortalCase()))
	props.TestingRun(t)
}

// errorIf returns why as an error, or nil when it is empty.
func errorIf(why string) error {
	if why == "" {
		return nil
	}
	return fmt.Errorf("%s", why)
}

func TestMerge_property(t *testing.T) {
	props := properties(t, 20)
	cal := sales.Calendar{}
	now := demo.Today()
	year := sales.Year(2026, demo.Location())
	props.Property("R21 merges", prop.ForAll(func(c portalCase) (bool, error) {
		ok, why := merged(c, testkit.SplitDeals, func(ds *sales.Dataset) (forecast.WeekClosing, error) {
			return forecast.ClosingThisWeek(ds, now, cal)
		}, (*forecast.WeekClosing).Merge)
		return ok, errorIf(why)
	}, genPortalCase()))
	props.Property("B06 merges", prop.ForAll(func(c portalCase) (bool, error) {
		ok, why := merged(c, testkit.SplitDeals, func(ds *sales.Dataset) (forecast.Slippage, error) {
			return forecast.SlippedDeals(ds, now, year, cal, sales.UnitMonth)
		}, (*forecast.Slippage).Merge)
		return ok, errorIf(why)
	}, genPortalCase()))
	past := sales.Month(2026, time.June, demo.Location()).Start
	props.Property("B05 merges", prop.ForAll(func(c portalCase) (bool, error) {
		ok, why := merged(c, testkit.SplitDeals, func(ds *sales.Dataset) (forecast.PastPipeline, error) {
			return forecast.PipelineAsOf(ds, past, demoHorizon())
		}, (*forecast.PastPipeline).Merge)
		return ok, errorIf(why)
	}, genPortalCase()))
	props.Property("R25 merges", prop.ForAll(func(c portalCase) (bool, error) {
		ok, why := merged(c, splitContacts, func(ds *sales.Dataset) (forecast.LeadStages, error) {
			return forecast.ActiveLeads(ds, now, forecast.LeadOptions{ByStatus: true})
		}, (*forecast.LeadStages).Merge)
		return ok, errorIf(why)
	}, genPortalCase()))
	props.Property("R27 merges", prop.ForAll(func(c portalCase) (bool, error) {
		ok, why := merged(c, splitContacts, func(ds *sales.Dataset) (forecast.NewLeadWeek, error) {
			return forecast.NewLeads(ds, now, cal)
		}, (*forecast.NewLeadWeek).Merge)
		return ok, errorIf(why)
	}, genPortalCase()))
	props.Property("R28 merges", prop.ForAll(func(c portalCase) (bool, error) {
		ok, why := merged(c, splitContacts, func(ds *sales.Dataset) (forecast.CreatedByStage, error) {
			return forecast.LeadsCreated(ds, now, year, cal, sales.UnitWeek)
		}, (*forecast.CreatedByStage).Merge)
		return ok, errorIf(why)
	}, genPortalCase()))
	props.TestingRun(t)
}

func TestSimulate_property(t *testing.T) {
	props := properties(t, 25)
	q4 := sales.Quarter(2026, 4, demo.Location())
	props.Property("B02's quantiles are in order, and the same seed gives the same numbers",
		prop.ForAll(func(c portalCase) (bool, error) {
			ds := sales.MustDataset(c.records())
			o := forecast.SimOptions{Seed: c.Split, Trials: 400}
			r, err := forecast.Simulate(ds, demo.Today(), q4, o)
			if err != nil {
				return false, err
			}
			if !(r.Min.LessThanOrEqual(r.P10) && r.P10.LessThanOrEqual(r.P50) &&
				r.P50.LessThanOrEqual(r.P90) && r.P90.LessThanOrEqual(r.Max)) {
				return false, fmt.Errorf("min %s, P10 %s, P50 %s, P90 %s, max %s",
					r.Min, r.P10, r.P50, r.P90, r.Max)
			}
			if r.Expected.GreaterThan(r.Deals.Value.Decimal()) {
				return false, fmt.Errorf("expected %s above the value simulated %s",
					r.Expected, r.Deals.Value.Decimal())
			}
			again, err := forecast.Simulate(ds, demo.Today(), q4, o)
			if err != nil {
				return false, err
			}
			ok, why := sameJSON(r, again)
			return ok, errorIf(why)
		}, genPortalCase()))
	props.TestingRun(t)
}

func TestPipelineAsOf_pastProperty(t *testing.T) {
	props := properties(t, 25)
	from := time.Date(2025, time.January, 1, 0, 0, 0, 0, demo.Location())
	span := demo.Today().Sub(from)
	props.Property("B05 at a past instant counts what sales.Deal.StageAt says", prop.ForAll(
		func(c portalCase, f float64) (bool, error) {
			ds := sales.MustDataset(c.records())
			at := from.Add(time.Duration(f * float64(span)))
			past, err := forecast.PipelineAsOf(ds, at, demoHorizon())
			if err != nil {
				return false, err
			}
			// The oracle: every deal's stage at that instant by the model's
			// own method, counted per pipeline and stage.
			want := map[[2]string]int64{}
			for i := range ds.Deals {
				d := &ds.Deals[i]
				if s, ok := d.StageAt(at); ok {
					want[[2]string{string(d.Pipeline), string(s)}]++
				}
			}
			for _, p := range past.Open.Pipelines {
				for j, s := range p.Stages {
					k := [2]string{string(p.Pipeline), string(s.Stage)}
					if got := p.Total.Stages[j].Count; got != want[k] {
						return false, fmt.Errorf("at %s, %s: %d open, StageAt says %d", at, k, got, want[k])
					}
				}
			}
			return true, nil
		}, genPortalCase(), gen.Float64Range(0, 1)))
	props.TestingRun(t)
}

func TestMerge_smallPortal(t *testing.T) {
	// The hand-written portal, split into odd and even deals: its edge cases
	// (unknown stage, bad probability, no rate, no date) merge too.
	recs := smallPortal()
	odd := func(i int) bool { return i%2 == 1 }
	a, b := testkit.SplitDeals(recs, odd)
	whole, da, db := sales.MustDataset(recs), sales.MustDataset(a), sales.MustDataset(b)
	check := func(name string, merge func() (any, error), want any) {
		got, err := merge()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return
		}
		if ok, why := sameJSON(got, want); !ok {
			t.Errorf("%s of the halves = whole? %s", name, why)
		}
	}
	q1 := sales.Quarter(2024, 1, nil)
	check("Weighted", func() (any, error) {
		x, _ := forecast.Weighted(da, asOf, marchApril)
		y, _ := forecast.Weighted(db, asOf, marchApril)
		return x, x.Merge(y)
	}, must(forecast.Weighted(whole, asOf, marchApril)))
	check("ClosingThisWeek", func() (any, error) {
		x, _ := forecast.ClosingThisWeek(da, asOf, sales.Calendar{})
		y, _ := forecast.ClosingThisWeek(db, asOf, sales.Calendar{})
		return x, x.Merge(y)
	}, must(forecast.ClosingThisWeek(whole, asOf, sales.Calendar{})))
	check("SlippedDeals", func() (any, error) {
		x, _ := forecast.SlippedDeals(da, asOf, q1, sales.Calendar{}, sales.UnitMonth)
		y, _ := forecast.SlippedDeals(db, asOf, q1, sales.Calendar{}, sales.UnitMonth)
		return x, x.Merge(y)
	}, must(forecast.SlippedDeals(whole, asOf, q1, sales.Calendar{}, sales.UnitMonth)))

	// Results that differ in what they cover do not merge.
	x, _ := forecast.Weighted(da, asOf, marchApril)
	y, _ := forecast.Weighted(db, asOf.Add(time.Hour), marchApril)
	if err := x.Merge(y); err == nil {
		t.Errorf("Weighted.Merge of two asOf succeeded, want an error")
	}
	s1, _ := forecast.SlippedDeals(da, asOf, q1, sales.Calendar{}, sales.UnitMonth)
	s2, _ := forecast.SlippedDeals(db, asOf, q1, sales.Calendar{}, sales.UnitWeek)
	if err := s1.Merge(s2); err == nil {
		t.Errorf("Slippage.Merge of months and weeks succeeded, want an error")
	}
}

// must returns v, for reports whose arguments are known to be valid.
func must[R any](v R, err error) R {
	if err != nil {
		panic(err)
	}
	return v
}
