package main

import (
	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
)

// The rows of the forecast reports, in the columns of their queries.

func init() {
	register("B01", false, func(r forecast.WeightedPipeline) [][]any {
		return fcWeightedRows(r)
	})
	register("B05", false, fcPastRows)
	register("B03", false, func(r forecast.VelocityReport) [][]any {
		row := func(kind string, owner any, v forecast.VelocityRow) []any {
			cells := append([]any{kind, owner, v.Open}, fcTally(v.Won)...)
			cells = append(cells, fcTally(v.Lost)...)
			var mean any
			if v.Cycle.Mean != nil {
				mean = *v.Cycle.Mean
			}
			return Row(append(cells, v.WinRate, fcDec(v.AverageWon), v.Cycle.Deals, v.Cycle.Days,
				mean, v.Cycle.Unmeasured, fcDec(v.PerDay))...)
		}
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, row("rep", rep.Owner, rep))
		}
		out = append(out, row("team", nil, r.Team))
		pad := make([]any, 15)
		return append(out,
			Row(append([]any{"unknown_stage", nil, r.UnknownStage}, pad...)...),
			Row(append([]any{"no_close_date", nil, r.NoCloseDate}, pad...)...))
	})
	register("B04", false, func(r forecast.CoverageReport) [][]any {
		row := func(kind string, owner any, c forecast.CoverageRow) []any {
			cells := append([]any{kind, owner}, fcTally(c.Due.Open)...)
			cells = append(cells, c.Due.Weighted)
			cells = append(cells, fcTally(c.WonSoFar)...)
			return Row(append(cells, fcDec(c.Target), fcDec(c.Remaining), c.TargetMet, c.Coverage)...)
		}
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, row("rep", rep.Owner, rep))
		}
		out = append(out, row("team", nil, r.Team))
		pad := make([]any, 9)
		for _, t := range []struct {
			kind  string
			tally sales.Tally
		}{{"unknown_stage", r.UnknownStage}, {"bad_probability", r.BadProbability}} {
			out = append(out, Row(append(append([]any{t.kind, nil}, fcTally(t.tally)...), pad...)...))
		}
		return append(out, Row(append([]any{"not_yet_created", nil, r.NotYetCreated, nil, nil, nil},
			pad...)...))
	})
	register("B06", false, func(r forecast.Slippage) [][]any {
		count := func(kind string, bucket, owner any, c forecast.SlipCount) []any {
			return Row(kind, bucket, owner, nil, nil, nil, nil, nil, nil,
				c.Deals.Value, c.Deals.Count, c.Deals.NoAmount, c.Deals.NoRate,
				c.Slipped.Count, c.Slipped.Value, c.Slipped.NoAmount, c.Slipped.NoRate,
				c.Rate, c.Moves, c.Days, c.MeanDays)
		}
		var out [][]any
		for k, c := range r.Rows {
			out = append(out, count("bucket", r.Buckets.Period(k).Start, nil, c))
		}
		out = append(out, count("total", nil, nil, r.Total))
		for _, rep := range r.Reps {
			out = append(out, count("rep", nil, rep.Owner, rep.SlipCount))
		}
		for k, d := range r.Deals {
			out = append(out, Row("deal", nil, d.Owner, k+1, d.Deal, d.Name, d.Stage, d.First,
				d.Latest, fcDec(d.Value), nil, nil, nil, nil, nil, nil, nil, nil, d.Moves, d.Days,
				nil))
		}
		return append(out, Row("no_history", nil, nil, nil, nil, nil, nil, nil, nil, nil,
			r.NoHistory, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil))
	})
	register("R25", false, func(r forecast.LeadStages) [][]any {
		var out [][]any
		for _, st := range r.Stages {
			out = append(out, Row("stage", st.Stage, nil, st.Count))
			for _, x := range st.Statuses {
				out = append(out, Row("status", st.Stage, x.Status, x.Count))
			}
		}
		return append(out, Row("total", nil, nil, r.Total), Row("assumed", nil, nil, r.Assumed),
			Row("not_yet_created", nil, nil, r.NotYetCreated))
	})
	register("R27", false, func(r forecast.NewLeadWeek) [][]any {
		var out [][]any
		for _, d := range r.Days {
			out = append(out, Row("day", d.Day.Start, d.Weekday, d.Created, d.LastWeek, d.Future, nil))
		}
		return append(out,
			Row("this_week", nil, nil, r.ThisWeek, nil, nil, nil),
			Row("last_week_to_date", nil, nil, r.LastWeekToDate, nil, nil, nil),
			Row("last_week_total", nil, nil, r.LastWeekTotal, nil, nil, nil),
			Row("change", nil, nil, nil, nil, nil, r.Change),
			Row("no_created", nil, nil, r.NoCreated, nil, nil, nil))
	})
	register("R28", false, func(r forecast.CreatedByStage) [][]any {
		var out [][]any
		for k, row := range r.Rows {
			start := r.Buckets.Period(k).Start
			for j, n := range row.ByStage {
				out = append(out, Row("bucket", start, r.Stages[j], n))
			}
			out = append(out, Row("bucket_total", start, nil, row.Total))
		}
		for j, n := range r.Total.ByStage {
			out = append(out, Row("total", nil, r.Stages[j], n))
		}
		return append(out, Row("total", nil, nil, r.Total.Total),
			Row("assumed", nil, nil, r.Assumed),
			Row("not_yet_created", nil, nil, r.NotYetCreated),
			Row("no_created", nil, nil, r.NoCreated))
	})
	register("R21", false, func(r forecast.WeekClosing) [][]any {
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, fcCellRow([]any{"rep", rep.Owner}, rep.Cell))
		}
		out = append(out, fcCellRow([]any{"team", nil}, r.Team.Cell))
		for _, t := range []struct {
			kind  string
			tally sales.Tally
		}{{"unknown_stage", r.UnknownStage}, {"bad_probability", r.BadProbability}} {
			out = append(out, Row(append(append([]any{t.kind, nil}, fcTally(t.tally)...), nil)...))
		}
		return append(out,
			Row("not_yet_created", nil, r.NotYetCreated, nil, nil, nil, nil),
			Row("no_close_date", nil, r.NoCloseDate, nil, nil, nil, nil))
	})
}

// fcDec returns the decimal d points to, or nil when there is none.
func fcDec(d *decimal.Decimal) any {
	if d == nil {
		return nil
	}
	return *d
}

// fcTally lays a tally out as count, value, no_amount, no_rate.
func fcTally(t sales.Tally) []any {
	return []any{t.Count, t.Value, t.NoAmount, t.NoRate}
}

// fcCellRow is one row of a cell: its leading cells, the cell's tally and its
// weighted value, then the trailing cells.
func fcCellRow(lead []any, c forecast.Cell, trail ...any) []any {
	cells := append(append(append([]any{}, lead...), fcTally(c.Open)...), c.Weighted)
	return Row(append(cells, trail...)...)
}

// fcTallyRow is a summary row of a tally: kind, three empty key cells, the
// tally, and pad empty cells after.
func fcTallyRow(kind string, t sales.Tally, pad int) []any {
	cells := append([]any{kind, nil, nil, nil}, fcTally(t)...)
	for range pad {
		cells = append(cells, nil)
	}
	return Row(cells...)
}

// fcCountRow is a summary row of a count, in the columns of fcTallyRow.
func fcCountRow(kind string, n int64, pad int) []any {
	cells := []any{kind, nil, nil, nil, n, nil, nil, nil}
	for range pad {
		cells = append(cells, nil)
	}
	return Row(cells...)
}

// fcWeightedRows lays out B01, and B05's weighted part: per owner and for
// the team one row per column (each bucket by its start, then earlier,
// later, no_close_date and total), one row per open stage, and the deals
// left out.
func fcWeightedRows(r forecast.WeightedPipeline) [][]any {
	var out [][]any
	row := func(kind string, key any, w forecast.WeightedRow) {
		for k, c := range w.Buckets {
			out = append(out, fcCellRow([]any{kind, key, "bucket", r.Buckets.Period(k).Start}, c, nil))
		}
		out = append(out,
			fcCellRow([]any{kind, key, "earlier", nil}, w.Earlier, nil),
			fcCellRow([]any{kind, key, "later", nil}, w.Later, nil),
			fcCellRow([]any{kind, key, "no_close_date", nil}, w.NoCloseDate, nil),
			fcCellRow([]any{kind, key, "total", nil}, w.Total, nil))
	}
	for _, rep := range r.Reps {
		row("rep", rep.Owner, rep)
	}
	row("team", nil, r.Team)
	for _, s := range r.Stages {
		out = append(out, fcCellRow([]any{"stage", s.Pipeline, s.Stage, nil}, s.Cell,
			float64(s.Probability)))
	}
	out = append(out,
		fcTallyRow("unknown_stage", r.UnknownStage, 2),
		fcTallyRow("bad_probability", r.BadProbability, 2),
		fcCountRow("not_yet_created", r.NotYetCreated, 2))
	return out
}

// fcPastRows lays out B05: the weighted part as B01's rows, the open deals
// per pipeline, owner and stage (R12, whose stage totals are R26), and
// what placing the deals at the instant assumed.
func fcPastRows(r forecast.PastPipeline) [][]any {
	var out [][]any
	for _, w := range fcWeightedRows(r.Weighted) {
		out = append(out, append([]any{"weighted", nil}, w...))
	}
	open := func(pl sales.PipelineID, kind string, owner, stage any, t sales.Tally) {
		cells := append([]any{"open", pl, kind, owner, stage, nil}, fcTally(t)...)
		out = append(out, Row(append(cells, nil, nil)...))
	}
	for _, p := range r.Open.Pipelines {
		for _, rep := range p.Reps {
			for k, s := range p.Stages {
				open(p.Pipeline, "rep", rep.Owner, s.Stage, rep.Stages[k])
			}
			open(p.Pipeline, "rep_total", rep.Owner, nil, rep.Total)
		}
		for k, s := range p.Stages {
			open(p.Pipeline, "stage_total", nil, s.Stage, p.Total.Stages[k])
		}
		open(p.Pipeline, "total", nil, nil, p.Total.Total)
	}
	count := func(part, kind string, n int64) {
		out = append(out, Row(part, nil, kind, nil, nil, nil, n, nil, nil, nil, nil, nil))
	}
	count("open", "unknown_stage", r.Open.UnknownStage)
	count("open", "stage_unknown_then", r.Open.StageUnknownThen)
	count("open", "not_yet_created", r.Open.NotYetCreated)
	out = append(out, append([]any{"past", nil}, fcTallyRow("stage_unknown", r.StageUnknown, 2)...))
	count("past", "no_history", r.NoHistory)
	count("past", "before_history", r.BeforeHistory)
	return out
}
