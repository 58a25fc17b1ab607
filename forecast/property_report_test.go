package forecast_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
	"github.com/salespilot/sales/internal/demo"
)

// sameTally reports whether two tallies count the same deals and value.
func sameTally(a, b sales.Tally) bool {
	return a.Count == b.Count && a.NoAmount == b.NoAmount && a.NoRate == b.NoRate &&
		a.Value.Decimal().Equal(b.Value.Decimal())
}

// demoQuarter is the demo's last quarter, which holds its "now", as a
// horizon of one bucket.
func demoQuarter() forecast.Horizon {
	return forecast.Horizon{Period: sales.Quarter(2026, 4, demo.Location()), Unit: sales.UnitQuarter}
}

func TestSimulate_weightedProperty(t *testing.T) {
	props := properties(t, 20)
	now := demo.Today()
	props.Property("B02 forecasts B01's deals due in the period, and its mean "+
		"without learning is B01's weighted value", prop.ForAll(
		func(c portalCase) (bool, error) {
			ds := sales.MustDataset(c.records())
			h := demoQuarter()
			w, err := forecast.Weighted(ds, now, h)
			if err != nil {
				return false, err
			}
			// No stage has a million closed deals: every one falls back.
			s, err := forecast.Simulate(ds, now, h.Period,
				forecast.SimOptions{Seed: c.Split, Trials: 200, MinSample: 1 << 20})
			if err != nil {
				return false, err
			}
			due := w.Team.Buckets[0]
			switch {
			case !sameTally(s.Deals, due.Open):
				return false, fmt.Errorf("deals %+v, B01 due %+v", s.Deals, due.Open)
			case !s.Expected.Equal(due.Weighted.Decimal().Round(2)):
				return false, fmt.Errorf("expected %s, B01 weighted %s", s.Expected, due.Weighted.Decimal())
			case s.ExpectedBefore != w.Team.Earlier.Open.Count || s.ExpectedAfter != w.Team.Later.Open.Count ||
				s.NoCloseDate != w.Team.NoCloseDate.Open.Count:
				return false, fmt.Errorf("before %d, after %d, no date %d; B01 %d, %d, %d",
					s.ExpectedBefore, s.ExpectedAfter, s.NoCloseDate, w.Team.Earlier.Open.Count,
					w.Team.Later.Open.Count, w.Team.NoCloseDate.Open.Count)
			case s.UnknownStage != w.UnknownStage.Count || s.NotYetCreated != w.NotYetCreated:
				return false, fmt.Errorf("unknown %d, not yet %d; B01 %d, %d", s.UnknownStage,
					s.NotYetCreated, w.UnknownStage.Count, w.NotYetCreated)
			case len(s.FellBack) != len(s.Stages):
				return false, fmt.Errorf("%d of %d stages fell back, want all", len(s.FellBack), len(s.Stages))
			}
			return true, nil
		}, genPortalCase()))
	props.Property("B02's trials lie between what is sure and all that is due, "+
		"and the reach agrees with them", prop.ForAll(
		func(c portalCase) (bool, error) {
			ds := sales.MustDataset(c.records())
			s, err := forecast.Simulate(ds, now, demoQuarter().Period,
				forecast.SimOptions{Seed: c.Split, Trials: 300})
			if err != nil {
				return false, err
			}
			// The values of the deals whose stage is certain to win, and of
			// every deal simulated, bound every trial.
			sure, all := decimal.Zero, decimal.Zero
			for _, st := range s.Stages {
				v := st.Deals.Value.Decimal()
				all = all.Add(v)
				if st.Used == 1 {
					sure = sure.Add(v)
				}
			}
			if s.Min.LessThan(sure.Round(6)) || s.Max.GreaterThan(all.Round(6)) ||
				s.Expected.LessThan(sure.Round(2)) || s.Expected.GreaterThan(all.Round(2)) {
				return false, fmt.Errorf("min %s, max %s, expected %s outside [%s, %s]",
					s.Min, s.Max, s.Expected, sure, all)
			}
			if s.Remaining == nil {
				if _, ok := s.Reach.Value(); ok {
					return false, fmt.Errorf("reach %+v without a target", s.Reach)
				}
				return true, nil
			}
			switch r := *s.Remaining; {
			case s.Reach.Den != int64(s.Trials) || s.Reach.Num < 0 || s.Reach.Num > s.Reach.Den:
				return false, fmt.Errorf("reach %+v over %d trials", s.Reach, s.Trials)
			case !r.GreaterThan(s.Min) && s.Reach.Num != s.Reach.Den:
				return false, fmt.Errorf("remaining %s ≤ min %s, yet reach %+v", r, s.Min, s.Reach)
			case r.GreaterThan(s.Max) && s.Reach.Num != 0:
				return false, fmt.Errorf("remaining %s > max %s, yet reach %+v", r, s.Max, s.Reach)
			case !r.GreaterThan(s.P50) && 2*s.Reach.Num < s.Reach.Den:
				return false, fmt.Errorf("remaining %s ≤ P50 %s, yet reach %+v", r, s.P50, s.Reach)
			}
			return true, nil
		}, genPortalCase()))
	props.TestingRun(t)
}

func TestPipelineCoverage_property(t *testing.T) {
	props := properties(t, 20)
	now := demo.Today()
	props.Property("B04's due deals are B01's due in the period; coverage has a value "+
		"exactly when a target remains", prop.ForAll(
		func(c portalCase) (bool, error) {
			ds := sales.MustDataset(c.records())
			h := demoQuarter()
			w, err := forecast.Weighted(ds, now, h)
			if err != nil {
				return false, err
			}
			r, err := forecast.PipelineCoverage(ds, now, h.Period)
			if err != nil {
				return false, err
			}
			due := w.Team.Buckets[0]
			if !sameTally(r.Team.Due.Open, due.Open) ||
				!r.Team.Due.Weighted.Decimal().Equal(due.Weighted.Decimal()) {
				return false, fmt.Errorf("team due %+v, B01 due %+v", r.Team.Due, due)
			}
			var sum forecast.Cell
			var won sales.Tally
			for _, row := range append(r.Reps, r.Team) {
				if row.Name != "team" {
					sum.Merge(row.Due)
					won.Merge(row.WonSoFar)
				}
				left, hasTarget := decimal.Zero, row.Target != nil
				if hasTarget {
					left = row.Target.Sub(row.WonSoFar.Value.Decimal())
					if row.Remaining == nil || !row.Remaining.Equal(left) {
						return false, fmt.Errorf("%s: remaining %v, want %s", row.Name, row.Remaining, left)
					}
				}
				_, ok := row.Coverage.Value()
				if want := hasTarget && left.Sign() > 0; ok != want || row.TargetMet != (hasTarget && !want) {
					return false, fmt.Errorf("%s: coverage %+v (met %v) with target %v, remaining %s",
						row.Name, row.Coverage, row.TargetMet, row.Target, left)
				}
			}
			if !sameTally(sum.Open, r.Team.Due.Open) || !sameTally(won, r.Team.WonSoFar) {
				return false, fmt.Errorf("reps add up to %+v and %+v, team has %+v and %+v",
					sum.Open, won, r.Team.Due.Open, r.Team.WonSoFar)
			}
			return true, nil
		}, genPortalCase()))
	props.TestingRun(t)
}

func TestSalesVelocity_property(t *testing.T) {
	props := properties(t, 20)
	now := demo.Today()
	year := sales.Year(2026, demo.Location())
	props.Property("B03's team pools the reps, and every won deal is measured or "+
		"counted unmeasured", prop.ForAll(
		func(c portalCase) (bool, error) {
			ds := sales.MustDataset(c.records())
			r, err := forecast.SalesVelocity(ds, now, year)
			if err != nil {
				return false, err
			}
			var open, won, lost int64
			for _, row := range append(r.Reps, r.Team) {
				if row.Cycle.Deals+row.Cycle.Unmeasured != row.Won.Count {
					return false, fmt.Errorf("%s: %d won, %d measured, %d unmeasured",
						row.Name, row.Won.Count, row.Cycle.Deals, row.Cycle.Unmeasured)
				}
				if row.WinRate != (sales.Rate{Num: row.Won.Count, Den: row.Won.Count + row.Lost.Count}) {
					return false, fmt.Errorf("%s: win rate %+v of %d won, %d lost",
						row.Name, row.WinRate, row.Won.Count, row.Lost.Count)
				}
				if ok, why := velocityIs(row); !ok {
					return false, fmt.Errorf("%s: %s", row.Name, why)
				}
				if row.Name != "team" {
					open, won, lost = open+row.Open, won+row.Won.Count, lost+row.Lost.Count
				}
			}
			if open != r.Team.Open || won != r.Team.Won.Count || lost != r.Team.Lost.Count {
				return false, fmt.Errorf("reps add up to %d open, %d won, %d lost; team %d, %d, %d",
					open, won, lost, r.Team.Open, r.Team.Won.Count, r.Team.Lost.Count)
			}
			return true, nil
		}, genPortalCase()))
	props.TestingRun(t)
}

func TestSlippedDeals_property(t *testing.T) {
	props := properties(t, 20)
	now := demo.Today()
	year := sales.Year(2026, demo.Location())
	props.Property("B06's buckets and reps add up to its total, and it lists exactly "+
		"the slipped deals, each later than first", prop.ForAll(
		func(c portalCase) (bool, error) {
			ds := sales.MustDataset(c.records())
			r, err := forecast.SlippedDeals(ds, now, year, sales.Calendar{}, sales.UnitMonth)
			if err != nil {
				return false, err
			}
			var rows, reps forecast.SlipCount
			for _, k := range r.Rows {
				if k.Slipped.Count > k.Deals.Count {
					return false, fmt.Errorf("a bucket has %d slipped of %d", k.Slipped.Count, k.Deals.Count)
				}
				rows.Deals.Merge(k.Deals)
				rows.Slipped.Merge(k.Slipped)
				rows.Days += k.Days
			}
			for _, k := range r.Reps {
				reps.Deals.Merge(k.Deals)
				reps.Slipped.Merge(k.Slipped)
				reps.Days += k.Days
			}
			var days int64
			for _, d := range r.Deals {
				if !d.Latest.After(d.First) || d.Days <= 0 || d.Moves <= 0 {
					return false, fmt.Errorf("deal %s listed: %s to %s, %d days, %d moves",
						d.Deal, d.First, d.Latest, d.Days, d.Moves)
				}
				days += int64(d.Days)
			}
			for _, x := range []forecast.SlipCount{rows, reps} {
				if !sameTally(x.Deals, r.Total.Deals) || !sameTally(x.Slipped, r.Total.Slipped) ||
					x.Days != r.Total.Days {
					return false, fmt.Errorf("parts add up to %+v, total %+v", x, r.Total)
				}
			}
			if int64(len(r.Deals)) != r.Total.Slipped.Count || days != r.Total.Days {
				return false, fmt.Errorf("%d deals listed over %d days, total %d slipped over %d",
					len(r.Deals), days, r.Total.Slipped.Count, r.Total.Days)
			}
			return true, nil
		}, genPortalCase()))
	props.TestingRun(t)
}

func TestClosingThisWeek_property(t *testing.T) {
	props := properties(t, 20)
	now := demo.Today()
	cal := sales.Calendar{}
	props.Property("R21 is B01 over the week of asOf", prop.ForAll(
		func(c portalCase) (bool, error) {
			ds := sales.MustDataset(c.records())
			r, err := forecast.ClosingThisWeek(ds, now, cal)
			if err != nil {
				return false, err
			}
			w, err := forecast.Weighted(ds, now, forecast.Horizon{Period: r.Week, Unit: sales.UnitWeek})
			if err != nil {
				return false, err
			}
			for k, row := range append(r.Reps, r.Team) {
				want := w.Team.Buckets[0]
				if k < len(r.Reps) {
					want = w.Reps[k].Buckets[0]
				}
				if !sameTally(row.Open, want.Open) || !row.Weighted.Decimal().Equal(want.Weighted.Decimal()) {
					return false, fmt.Errorf("%s: %+v, B01 over the week %+v", row.Name, row.Cell, want)
				}
			}
			if r.NoCloseDate != w.Team.NoCloseDate.Open.Count {
				return false, fmt.Errorf("no close date %d, B01 %d", r.NoCloseDate, w.Team.NoCloseDate.Open.Count)
			}
			return true, nil
		}, genPortalCase()))
	props.TestingRun(t)
}

// velocityIs checks a velocity row's product against its factors: it has
// a value exactly when the win rate, the average won value and a mean
// cycle above 0 have one, and then it is open × win rate × average ÷
// cycle, to the cent.
func velocityIs(row forecast.VelocityRow) (bool, string) {
	rate, okRate := row.WinRate.Value()
	valued := row.Won.Valued()
	want := okRate && valued > 0 && row.Cycle.Mean != nil && *row.Cycle.Mean > 0
	switch {
	case (row.PerDay != nil) != want:
		return false, fmt.Sprintf("velocity %v with win rate %+v, %d valued, cycle %v",
			row.PerDay, row.WinRate, valued, row.Cycle.Mean)
	case !want:
		return true, ""
	}
	value, _ := row.Won.Value.Decimal().Float64()
	v := float64(row.Open) * rate * value / float64(valued) / *row.Cycle.Mean
	got, _ := row.PerDay.Float64()
	if math.Abs(got-v) > 0.005+1e-9*math.Abs(v) {
		return false, fmt.Sprintf("velocity %s, factors give %v", row.PerDay, v)
	}
	return true, ""
}
