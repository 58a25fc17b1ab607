package kpi_test

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/internal/testkit"
	"github.com/salespilot/sales/kpi"
)

// outcomeSeed fixes the random portals, so that a failure can be replayed.
const outcomeSeed = 20241130

// outcomeCase is a random demo portal, a period of it and a way to split
// its deals in two.
type outcomeCase struct {
	Seed   uint64
	Deals  int
	Month  int // the period starts this many months after January 2025
	Months int // and lasts this many months
	Unit   sales.Unit
	Split  uint64 // deal i goes to the first half when bit i%64 is set
}

func (pc outcomeCase) String() string {
	return fmt.Sprintf("seed %d, %d deals, months %d+%d by %s, split %x",
		pc.Seed, pc.Deals, pc.Month, pc.Months, pc.Unit, pc.Split)
}

func (pc outcomeCase) records() sales.Records {
	recs, err := demo.Generate(demo.Options{Seed: pc.Seed, Deals: pc.Deals})
	if err != nil {
		panic(err)
	}
	return recs
}

func (pc outcomeCase) period() sales.Period {
	loc := demo.Location()
	start := sales.Month(2025, time.January+time.Month(pc.Month), loc).Start
	end := sales.Month(2025, time.January+time.Month(pc.Month+pc.Months), loc).Start
	return sales.Period{Start: start, End: end}
}

func (pc outcomeCase) halves(r sales.Records) (a, b *sales.Dataset) {
	x, y := testkit.SplitDeals(r, func(i int) bool { return pc.Split>>(uint(i)%64)&1 == 1 })
	return sales.MustDataset(x), sales.MustDataset(y)
}

func genOutcomeCase() gopter.Gen {
	return gopter.CombineGens(gen.UInt64(), gen.IntRange(100, 400), gen.IntRange(0, 22),
		gen.IntRange(1, 14), gen.IntRange(int(sales.UnitDay), int(sales.UnitYear)), gen.UInt64(),
	).Map(func(v []any) outcomeCase {
		return outcomeCase{Seed: v[0].(uint64), Deals: v[1].(int), Month: v[2].(int),
			Months: v[3].(int), Unit: sales.Unit(v[4].(int)), Split: v[5].(uint64)}
	})
}

func outcomeProperties(t *testing.T) *gopter.Properties {
	params := gopter.DefaultTestParametersWithSeed(outcomeSeed)
	params.MinSuccessfulTests = 30
	t.Logf("gopter seed %d", params.Seed())
	return gopter.NewProperties(params)
}

// outcomeEdges are hand-made portals the outcomeProperties must hold on too: no
// deal at all, and one deal of each kind with every defect.
func outcomeEdges() []sales.Records {
	jan := func(d int) time.Time { return testkit.Date(2025, time.January, d, demo.Location()) }
	empty := sales.Records{TimeZone: demo.TimeZone, Pipelines: []sales.Pipeline{testkit.SalesPipeline}}
	odd := empty
	odd.Deals = []sales.Deal{
		{ID: "a", Pipeline: "sales", Stage: "won", Created: jan(3), CloseDate: jan(3)},
		{ID: "b", Pipeline: "sales", Stage: "lost", Created: jan(9), CloseDate: jan(2)},
		{ID: "c", Pipeline: "sales", Stage: "qualify", Amount: testkit.Amount("0")},
		{ID: "d", Pipeline: "nowhere", Stage: "won", Created: jan(1), CloseDate: jan(5)},
		{ID: "e", Pipeline: "sales", Stage: "won", Amount: testkit.Amount("5"), Currency: "XYZ",
			Created: jan(1), CloseDate: jan(6)},
	}
	return []sales.Records{empty, odd}
}

var outcomeEdgeCase = outcomeCase{Month: 0, Months: 2, Unit: sales.UnitWeek, Split: 0b10110}

// TestOpenStageTotals_allOpen: R26 over all stages holds every deal open
// at asOf in a known stage, count and value.
func TestOpenStageTotals_allOpen(t *testing.T) {
	check := func(recs sales.Records, asOf time.Time) error {
		ds := sales.MustDataset(recs)
		r, err := kpi.OpenStageTotals(ds, asOf)
		if err != nil {
			return err
		}
		var sum, want sales.Tally
		for _, p := range r.Pipelines {
			for _, s := range p.Stages {
				sum.Merge(s.Deals)
			}
		}
		for i := range ds.Deals {
			if kind, stage, existed := ds.DealAt(i, asOf); existed && kind == sales.StageOpen && stage >= 0 {
				want.AddDeal(ds, i)
			}
		}
		if !sameJSON(sum, want) {
			return fmt.Errorf("OpenStageTotals over all stages = %+v, want the open deals %+v", sum, want)
		}
		return nil
	}
	for i, recs := range outcomeEdges() {
		if err := check(recs, outcomeEdgeCase.period().End); err != nil {
			t.Errorf("edge portal %d: %v", i, err)
		}
	}
	props := outcomeProperties(t)
	props.Property("R26 over all stages equals the open deals", prop.ForAll(
		func(pc outcomeCase) string { return outcomeVerdict(check(pc.records(), pc.period().End)) },
		genOutcomeCase()))
	props.TestingRun(t)
}

// TestSalesCycle_meanWithinRange: the mean cycle, the median and the 90th
// percentile lie between the shortest and the longest.
func TestSalesCycle_meanWithinRange(t *testing.T) {
	check := func(recs sales.Records, p sales.Period) error {
		ds := sales.MustDataset(recs)
		for _, k := range []sales.StageKind{sales.StageWon, sales.StageLost} {
			c, err := kpi.SalesCycle(ds, p, k)
			if err != nil {
				return err
			}
			if c.Deals == 0 {
				if c.MeanDays != nil || c.MinDays != nil {
					return fmt.Errorf("SalesCycle(%s) over no deal = %+v, want no value", k, c)
				}
				continue
			}
			// The shortest and longest cycles and the mean, from the records
			// themselves: SalesCycle's own MinDays and MaxDays cannot check
			// its mean, which days.Summarize keeps between them.
			olo, ohi, sum, n := math.Inf(1), math.Inf(-1), 0.0, 0
			for _, d := range recs.Deals {
				if st, ok := stageKind(recs, d); !ok || st != k || d.CloseDate.IsZero() || d.Created.IsZero() ||
					!p.Contains(d.CloseDate) || d.CloseDate.Before(d.Created) {
					continue
				}
				v := d.CloseDate.Sub(d.Created).Hours() / 24
				olo, ohi, sum, n = math.Min(olo, v), math.Max(ohi, v), sum+v, n+1
			}
			if int64(n) != c.Deals || math.Abs(*c.MinDays-olo) > 1e-9 || math.Abs(*c.MaxDays-ohi) > 1e-9 ||
				math.Abs(*c.MeanDays-sum/float64(n)) > 1e-6*math.Max(1, ohi) {
				return fmt.Errorf("SalesCycle(%s) = %+v, want %d deals, min %v, max %v, mean %v", k, c, n, olo, ohi, sum/float64(n))
			}
			lo, hi := *c.MinDays, *c.MaxDays
			for _, v := range []float64{*c.MeanDays, *c.MedianDays, *c.P90Days} {
				if v < lo || v > hi {
					return fmt.Errorf("SalesCycle(%s) = %+v: %v outside [%v, %v]", k, c, v, lo, hi)
				}
			}
			if *c.MedianDays > *c.P90Days {
				return fmt.Errorf("SalesCycle(%s) median %v above p90 %v", k, *c.MedianDays, *c.P90Days)
			}
		}
		return nil
	}
	for i, recs := range outcomeEdges() {
		if err := check(recs, outcomeEdgeCase.period()); err != nil {
			t.Errorf("edge portal %d: %v", i, err)
		}
	}
	props := outcomeProperties(t)
	props.Property("the mean cycle lies between the shortest and the longest", prop.ForAll(
		func(pc outcomeCase) string { return outcomeVerdict(check(pc.records(), pc.period())) },
		genOutcomeCase()))
	props.TestingRun(t)
}

// TestMerge_outcomes: R26, R31, R35, R36 and R38 over two halves of the
// deals, merged, equal the reports over the whole.
func TestMerge_outcomes(t *testing.T) {
	check := func(pc outcomeCase, recs sales.Records) error {
		whole := sales.MustDataset(recs)
		a, b := pc.halves(recs)
		p, u, cal := pc.period(), pc.Unit, sales.Calendar{}
		return firstOutcomeErr(
			outcomeMerge("R26", whole, a, b, func(ds *sales.Dataset) (kpi.OpenStages, error) {
				return kpi.OpenStageTotals(ds, p.End)
			}, (*kpi.OpenStages).Merge),
			outcomeMerge("R31", whole, a, b, func(ds *sales.Dataset) (kpi.RegionSeries, error) {
				return kpi.WonByRegion(ds, p, u, cal)
			}, (*kpi.RegionSeries).Merge),
			outcomeMerge("R35", whole, a, b, func(ds *sales.Dataset) (kpi.LostReasons, error) {
				return kpi.LostByReason(ds, p)
			}, (*kpi.LostReasons).Merge),
			outcomeMerge("R36", whole, a, b, func(ds *sales.Dataset) (kpi.NewDealSeries, error) {
				return kpi.NewDeals(ds, p, u, cal)
			}, (*kpi.NewDealSeries).Merge),
			outcomeMerge("R38", whole, a, b, func(ds *sales.Dataset) (kpi.BasketSeries, error) {
				return kpi.AverageBasket(ds, p, u, cal)
			}, (*kpi.BasketSeries).Merge),
		)
	}
	for i, recs := range outcomeEdges() {
		if err := check(outcomeEdgeCase, recs); err != nil {
			t.Errorf("edge portal %d: %v", i, err)
		}
	}
	props := outcomeProperties(t)
	props.Property("merged halves equal the whole", prop.ForAll(
		func(pc outcomeCase) string { return outcomeVerdict(check(pc, pc.records())) },
		genOutcomeCase()))
	props.TestingRun(t)
}

// outcomeMerge computes a report over the whole and over two halves, merges
// the halves and compares the JSON of both.
func outcomeMerge[R any](id string, whole, a, b *sales.Dataset, run func(*sales.Dataset) (R, error),
	merge func(*R, R) error) error {
	want, err := run(whole)
	if err != nil {
		return err
	}
	got, err := run(a)
	if err != nil {
		return err
	}
	other, err := run(b)
	if err != nil {
		return err
	}
	if err := merge(&got, other); err != nil {
		return fmt.Errorf("%s: merge: %v", id, err)
	}
	if !sameJSON(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		return fmt.Errorf("%s: merged halves = %s\nwant %s", id, g, w)
	}
	return nil
}

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

func firstOutcomeErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// outcomeVerdict turns a check's error into gopter's verdict: "" passes, any
// other text fails and is shown.
func outcomeVerdict(err error) string {
	if err != nil {
		return err.Error()
	}
	return ""
}

// stageKind returns the kind of d's current stage.
func stageKind(r sales.Records, d sales.Deal) (sales.StageKind, bool) {
	for _, p := range r.Pipelines {
		if p.ID == d.Pipeline {
			for _, st := range p.Stages {
				if st.ID == d.Stage {
					return st.Kind, true
				}
			}
		}
	}
	return 0, false
}
