package main

import (
	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/kpi"
)

// The rows of the kpi reports, in the columns of their queries.

func init() {
	register("R09", false, func(r kpi.TargetReport) [][]any {
		goal := func(kind string, name any, g kpi.Goal, tail ...any) []any {
			w := g.Won
			cells := []any{kind, name, w.Count, w.Value, w.NoAmount, w.NoRate,
				kpiDec(g.ValueTarget), kpiDec(g.CountTarget), g.ValueAttainment, g.CountAttainment}
			if tail == nil {
				tail = []any{nil, nil, nil, nil}
			}
			return Row(append(cells, tail...)...)
		}
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, goal("rep", rep.Owner, rep.Goal))
		}
		for _, t := range r.Teams {
			out = append(out, goal("team_row", t.Team, t.Goal))
		}
		out = append(out, goal("all_won", nil, kpi.Goal{Won: r.AllWon}))
		return append(out, goal("team", string(r.Level), r.Team,
			r.PartialTargets, r.NoCloseDate, r.UnknownStage, r.UnknownMetric))
	})
	register("R12", false, func(r kpi.OpenDeals) [][]any {
		var out [][]any
		row := func(kind string, p, owner, col, stage any, t sales.Tally) {
			out = append(out, Row(kind, p, owner, col, stage, t.Count, t.Value, t.NoAmount, t.NoRate))
		}
		for _, p := range r.Pipelines {
			for _, rep := range p.Reps {
				for j, t := range rep.Stages {
					row("cell", p.Pipeline, rep.Owner, j, p.Stages[j].Stage, t)
				}
				row("rep_total", p.Pipeline, rep.Owner, nil, nil, rep.Total)
			}
			for j, t := range p.Total.Stages {
				row("stage_total", p.Pipeline, nil, j, p.Stages[j].Stage, t)
			}
			row("pipeline_total", p.Pipeline, nil, nil, nil, p.Total.Total)
		}
		return append(out, kpiCount("unknown_stage", r.UnknownStage, 5, 9),
			kpiCount("not_yet_created", r.NotYetCreated, 5, 9),
			kpiCount("stage_unknown_then", r.StageUnknownThen, 5, 9))
	})
	register("R26", false, func(r kpi.OpenStages) [][]any {
		var out [][]any
		for i, p := range r.Pipelines {
			for j, s := range p.Stages {
				t := s.Deals
				out = append(out, Row("stage", i, p.Pipeline, p.Label, j, s.Stage, s.Label,
					s.Probability, t.Count, t.Value, t.NoAmount, t.NoRate))
			}
			t := p.Total
			out = append(out, Row("pipeline_total", i, p.Pipeline, p.Label, nil, nil, nil, nil,
				t.Count, t.Value, t.NoAmount, t.NoRate))
		}
		return append(out, kpiCount("unknown_stage", r.UnknownStage, 8, 12),
			kpiCount("not_yet_created", r.NotYetCreated, 8, 12),
			kpiCount("stage_unknown_then", r.StageUnknownThen, 8, 12))
	})
	register("R22", false, func(r kpi.WonAmounts) [][]any {
		w := r.Won
		return [][]any{Row(w.Count, w.Value, w.NoAmount, w.NoRate, kpiDec(r.Mean), kpiDec(r.Median),
			r.NoCloseDate, r.UnknownStage)}
	})
	cycle := func(r kpi.Cycle) [][]any {
		return [][]any{Row(r.Deals, r.MeanDays, r.MedianDays, r.P90Days, r.MinDays, r.MaxDays,
			r.NoCreated, r.Negative, r.NoCloseDate, r.UnknownStage)}
	}
	register("R23", false, cycle)
	register("R24", false, cycle)
	register("R31", false, func(r kpi.RegionSeries) [][]any {
		var out [][]any
		row := func(kind string, region any, k any, b *sales.Period, t sales.Tally) {
			var label, start any
			if b != nil {
				label, start = r.Calendar.Label(r.Unit, *b), b.Start
			}
			out = append(out, Row(kind, region, k, label, start, t.Count, t.Value, t.NoAmount,
				t.NoRate))
		}
		for _, reg := range r.Regions {
			for k, b := range r.Buckets.All() {
				row("cell", reg.Region, k, &b, reg.Buckets[k])
			}
			row("region_total", reg.Region, nil, nil, reg.Total)
		}
		for k, b := range r.Buckets.All() {
			row("bucket_total", nil, k, &b, r.Total.Buckets[k])
		}
		row("total", nil, nil, nil, r.Total.Total)
		return append(out, kpiCount("no_close_date", r.NoCloseDate, 5, 9),
			kpiCount("unknown_stage", r.UnknownStage, 5, 9))
	})
	register("R34", false, func(r kpi.Revenue) [][]any {
		row := func(kind string, k any, m kpi.MonthRevenue, tail ...any) []any {
			w, l := m.Won, m.LastYear
			cells := []any{kind, k, m.Label, m.Month.Start, w.Count, w.Value, w.NoAmount, w.NoRate,
				m.Cumulative, kpiDec(m.Target), string(m.Level), kpiDec(m.CumulativeTarget),
				m.Attainment, l.Count, l.Value, l.NoAmount, l.NoRate, m.LastYearCumulative, m.Growth}
			if tail == nil {
				tail = []any{nil, nil, nil, nil}
			}
			return Row(append(cells, tail...)...)
		}
		var out [][]any
		for k, m := range r.Months {
			out = append(out, row("month", k, m))
		}
		out = append(out, row("total", nil, r.Total, r.UnplacedTargets, r.PartialTargets,
			r.NoCloseDate, r.UnknownStage))
		return append(out, row("to_date", nil, r.ToDate))
	})
	register("R35", true, func(r kpi.LostReasons) [][]any {
		var out [][]any
		for _, sl := range r.Reasons {
			t := sl.Deals
			out = append(out, Row("slice", sl.Reason, t.Count, t.Value, t.NoAmount, t.NoRate,
				sl.CountShare.Num, sl.CountShare.Den, sl.CountShare, sl.ValueShare))
		}
		t := r.Lost
		out = append(out, Row("lost", nil, t.Count, t.Value, t.NoAmount, t.NoRate,
			nil, nil, nil, nil))
		return append(out, kpiCount("no_close_date", r.NoCloseDate, 2, 10),
			kpiCount("unknown_stage", r.UnknownStage, 2, 10))
	})
	register("R36", false, func(r kpi.NewDealSeries) [][]any {
		var out [][]any
		for k, b := range r.Buckets.All() {
			t := r.Deals[k]
			out = append(out, Row("bucket", k, r.Calendar.Label(r.Unit, b), b.Start,
				t.Count, t.Value, t.NoAmount, t.NoRate, nil))
		}
		t := r.Total
		return append(out, Row("total", nil, nil, nil, t.Count, t.Value, t.NoAmount, t.NoRate,
			r.NoCreated))
	})
	register("R38", false, func(r kpi.BasketSeries) [][]any {
		var out [][]any
		for k, b := range r.Buckets.All() {
			x := r.Baskets[k]
			w, p := x.Won, x.Previous
			out = append(out, Row("bucket", k, r.Calendar.Label(r.Unit, b), b.Start,
				w.Count, w.Value, w.NoAmount, w.NoRate, kpiDec(x.Mean),
				p.Count, p.Value, p.NoAmount, p.NoRate, kpiDec(x.PreviousMean), x.Change))
		}
		return append(out, kpiCount("no_close_date", r.NoCloseDate, 4, 15),
			kpiCount("unknown_stage", r.UnknownStage, 4, 15))
	})
	register("R10", false, func(r kpi.RepResults) [][]any {
		var out [][]any
		for _, rep := range r.Reps {
			w := rep.Won
			out = append(out, Row("rep", rep.Owner, w.Count, w.Value, w.NoAmount, w.NoRate, nil, nil))
		}
		w := r.Team.Won
		return append(out, Row("team", nil, w.Count, w.Value, w.NoAmount, w.NoRate,
			r.NoCloseDate, r.UnknownStage))
	})
	register("R11", false, func(r kpi.RepResults) [][]any {
		row := func(kind string, owner any, x kpi.RepResult) []any {
			l := x.Lost
			return Row(kind, owner, x.Won.Count, l.Count, l.Value, l.NoAmount, l.NoRate,
				x.WinRate.Num, x.WinRate.Den, x.WinRate)
		}
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, row("rep", rep.Owner, rep))
		}
		return append(out, row("team", nil, r.Team))
	})
}

// kpiDec returns the decimal d points to, or nil for a nil d: canon reads a
// nil *decimal.Decimal as a fmt.Stringer and would call String on it.
func kpiDec(d *decimal.Decimal) any {
	if d == nil {
		return nil
	}
	return *d
}

// kpiCount is a row of width cells that names a count of records a
// report left out: the name first, the count in cell at (where the rows
// of tallies have their counts), NULL elsewhere.
func kpiCount(name string, n int64, at, width int) []any {
	cells := make([]any, width)
	cells[0], cells[at] = name, n
	return Row(cells...)
}
