package main

import (
	"github.com/salespilot/sales"
	"github.com/salespilot/sales/alerts"
)

// The rows of the alert tables, in the columns of their queries: the
// table's rows in the library's order (most urgent first), then the
// report's other figures, one row each, in a fixed order.

// alCount is a row of width cells that holds one count of a report in
// column at, after its kind.
func alCount(kind string, width, at int, n int64) []any {
	cells := make([]any, width)
	cells[0], cells[at] = kind, n
	return Row(cells...)
}

// alTally lays out a tally as count, value, no amount, no rate.
func alTally(t sales.Tally) []any {
	return []any{t.Count, t.Value, t.NoAmount, t.NoRate}
}

func init() {
	// R45: kind, company, name, owner, owner_name, last_order, last_deal,
	// months_since, then the lifetime tally; then customers, no_close_date
	// and no_company in the count column.
	register("R45", true, func(r alerts.ChurnReport) [][]any {
		var out [][]any
		for _, c := range r.Companies {
			out = append(out, Row(append([]any{"company", c.Company, c.Name, c.Owner, c.OwnerName,
				c.LastOrder, c.LastDeal, c.MonthsSince}, alTally(c.Lifetime)...)...))
		}
		out = append(out, alCount("customers", 12, 8, r.Customers))
		out = append(out, alCount("no_close_date", 12, 8, r.NoCloseDate))
		out = append(out, alCount("no_company", 12, 8, r.NoCompany))
		return out
	})
}

func init() {
	// R46: kind, deal, name, owner, owner_name, pipeline, stage,
	// stage_label, value, last_activity, since, idle_days, band, count,
	// no_amount, no_rate. The idle deals; then by_stage, for each open
	// stage one row per band and one for its total (band NULL), with the
	// pipeline's label in the name column and the tally's value in the
	// value column; then each band (label in name, lower edge in
	// idle_days) with its tally; the total; and the counts.
	register("R46", true, func(r alerts.IdleReport) [][]any {
		var out [][]any
		for _, d := range r.Deals {
			out = append(out, Row("deal", d.Deal, d.Name, d.Owner, d.OwnerName, d.Pipeline,
				d.Stage, d.StageLabel, d.Value, d.LastActivity, d.Since, d.IdleDays, d.Band,
				nil, nil, nil))
		}
		tally := func(kind string, name, pipeline, stage, label, from, band any, t sales.Tally) {
			out = append(out, Row(kind, nil, name, nil, nil, pipeline, stage, label, t.Value,
				nil, nil, from, band, t.Count, t.NoAmount, t.NoRate))
		}
		for _, s := range r.ByStage {
			for b, t := range s.Bands {
				tally("by_stage", s.PipelineLabel, s.Pipeline, s.Stage, s.Label, nil, b, t)
			}
			tally("by_stage", s.PipelineLabel, s.Pipeline, s.Stage, s.Label, nil, nil, s.Total)
		}
		for b, band := range r.Bands {
			tally("band", band.Label, nil, nil, nil, band.From, b, r.ByBand[b])
		}
		tally("total", nil, nil, nil, nil, nil, nil, r.Total)
		for _, c := range []struct {
			kind string
			n    int64
		}{
			{"open", r.Open}, {"no_date", r.NoDate}, {"unknown_stage", r.UnknownStage},
			{"stage_unknown_then", r.StageUnknownThen},
		} {
			out = append(out, alCount(c.kind, 16, 13, c.n))
		}
		return out
	})
}

func init() {
	// R47: task, subject, owner, owner_name, created, due, days_overdue,
	// deal, deal_name, company, company_name, contact, contact_name; then
	// no_time in the task column with its count in days_overdue.
	register("R47", true, func(r alerts.OverdueReport) [][]any {
		var out [][]any
		for _, t := range r.Tasks {
			out = append(out, Row(t.Task, t.Subject, t.Owner, t.OwnerName, t.Created, t.Due,
				t.DaysOverdue, t.Deal, t.DealName, t.Company, t.CompanyName, t.Contact,
				t.ContactName))
		}
		return append(out, alCount("no_time", 13, 6, r.NoTime))
	})
}

func init() {
	// R48: kind, deal, name, owner, owner_name, pipeline, stage,
	// stage_label, value, last_activity, since, idle_days, overdue_tasks,
	// undated_tasks, untimed_tasks; then open and unknown_stage in the
	// overdue_tasks column.
	register("R48", true, func(r alerts.UnplannedReport) [][]any {
		var out [][]any
		for _, d := range r.Deals {
			out = append(out, Row("deal", d.Deal, d.Name, d.Owner, d.OwnerName, d.Pipeline,
				d.Stage, d.StageLabel, d.Value, d.LastActivity, d.Since, d.IdleDays,
				d.OverdueTasks, d.UndatedTasks, d.UntimedTasks))
		}
		out = append(out, alCount("open", 15, 12, r.Open))
		out = append(out, alCount("unknown_stage", 15, 12, r.UnknownStage))
		return out
	})
}
