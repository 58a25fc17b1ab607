package main

import "github.com/salespilot/sales/funnel"

// The rows of the funnel reports, in the columns of their queries.

func init() {
	register("R30", false, func(r funnel.Funnel) [][]any {
		var out [][]any
		for _, p := range r.Pipelines {
			out = append(out, countsRows(p.Counts, p.Pipeline)...)
		}
		return append(out, apartRow(r.Apart, 1))
	})
	register("R15", false, func(r funnel.RepConversion) [][]any {
		var out [][]any
		for _, p := range r.Pipelines {
			for _, rep := range p.Reps {
				out = append(out, countsRows(rep.Counts, p.Pipeline, rep.Owner)...)
			}
			out = append(out, countsRows(p.Team, p.Pipeline, nil)...)
		}
		return append(out, apartRow(r.Apart, 2))
	})
	register("R29", false, func(r funnel.StageTimes) [][]any {
		var out [][]any
		for _, p := range r.Pipelines {
			for k, s := range p.Stages {
				out = append(out, Row("stage", p.Pipeline, k, s.Stage, s.Deals, s.Visits,
					s.TotalMillis, s.MeanDays, s.Open))
			}
		}
		return append(out, Row("apart", nil, nil, nil, r.NoCreated, r.NotYetCreated,
			r.UnknownPipeline, r.NoHistory, r.BadVisits))
	})
	register("R32", true, func(r funnel.LeadSources) [][]any {
		var out [][]any
		for _, s := range r.Sources {
			out = append(out, Row("source", s.Source, s.Leads, s.Share))
		}
		return append(out, Row("total", nil, r.Leads, r.NoCreated))
	})
	register("R33", true, func(r funnel.DealSources) [][]any {
		var out [][]any
		for _, s := range r.Sources {
			d := s.Deals
			out = append(out, Row("source", s.Source, d.Count, d.Value, d.NoAmount, d.NoRate,
				s.CountShare, s.ValueShare))
		}
		d := r.Deals
		return append(out, Row("total", nil, d.Count, d.Value, d.NoAmount, d.NoRate,
			r.NoCreated, nil))
	})
	register("R37", false, func(r funnel.ProposalReport) [][]any {
		row := func(owner any, p funnel.ProposalRow) []any {
			c, q := p.Current, p.Previous
			return Row("rep", owner, c.Count, c.Value, c.NoAmount, c.NoRate,
				q.Count, q.Value, q.NoAmount, q.NoRate, p.Change)
		}
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, row(rep.Owner, rep))
		}
		out = append(out, row(nil, r.Team))
		for _, p := range r.Pipelines {
			out = append(out, Row("pipeline", p, nil, nil, nil, nil, nil, nil, nil, nil, nil))
		}
		return append(out, Row("apart", nil, r.NoHistory, r.BadVisits, r.UnknownPipeline,
			nil, nil, nil, nil, nil, nil))
	})
	register("R39", false, func(r funnel.LifecycleFunnel) [][]any {
		var out [][]any
		for k, s := range r.Steps {
			out = append(out, Row(k, s.Stage, s.Reached, s.Step, s.Cumulative, s.Timed,
				s.MedianDays, s.MeanDays, s.OutOfOrder))
		}
		return out
	})
}

// countsRows lays one funnel out as a row per step and a row of totals,
// each led by its kind and the cells of key (the pipeline, and for a rep
// the owner): (step, key..., index, stage, reached, -, -, -, step,
// cumulative) and (funnel, key..., -, -, created, open, won, lost, win
// rate, -).
func countsRows(c funnel.Counts, key ...any) [][]any {
	row := func(kind string, cells ...any) []any {
		return Row(append(append([]any{kind}, key...), cells...)...)
	}
	var out [][]any
	for k, s := range c.Steps {
		out = append(out, row("step", k, s.Stage, s.Reached, nil, nil, nil, s.Step, s.Cumulative))
	}
	return append(out, row("funnel", nil, nil, c.Created, c.Open, c.Won, c.Lost, c.WinRate, nil))
}

// apartRow is the row of the deals a funnel counts apart, with keys NULL
// cells where the other rows have their key.
func apartRow(a funnel.Apart, keys int) []any {
	cells := []any{"apart"}
	for range keys {
		cells = append(cells, nil)
	}
	cells = append(cells, nil, nil, a.NoCreated, a.UnknownStage, a.UnknownVisits,
		a.LostWithoutHistory, nil, nil)
	return Row(cells...)
}
