package board

import (
	"fmt"
	"io"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/kpi"
)

func init() {
	register(
		report{id: "R22", text: textR22},
		report{id: "R23", text: textCycle},
		report{id: "R24", text: textCycle},
		report{id: "R26", text: textR26},
		report{id: "R31", text: textR31},
		report{id: "R34", text: textR34},
		report{id: "R35", text: textR35},
		report{id: "R36", text: textR36},
		report{id: "R38", text: textR38},
	)
}

func textR22(w io.Writer, e *env, res any) {
	r := res.(kpi.WonAmounts)
	fmt.Fprintf(w, "  won in %s, values in %s\n", r.Period, r.Currency)
	t := newTable("", "won", "with a value", "mean", "median")
	t.add("team", num(r.Won.Count), num(r.Won.Valued()), optMoney(r.Mean), optMoney(r.Median))
	t.write(w)
	leftOutNotes(w, "the mean and median", r.Won)
	skippedNotes(w, r.Skipped)
}

func textCycle(w io.Writer, e *env, res any) {
	r := res.(kpi.Cycle)
	fmt.Fprintf(w, "  %s in %s, days from creation to close\n", r.Outcome, r.Period)
	t := newTable("", "deals", "mean", "median", "p90", "shortest", "longest")
	t.add("team", num(r.Deals), optDays(r.MeanDays), optDays(r.MedianDays), optDays(r.P90Days),
		optDays(r.MinDays), optDays(r.MaxDays))
	t.write(w)
	note(w, "deals without a creation date (left out): %d", r.NoCreated)
	note(w, "deals closed before they were created (left out): %d", r.Negative)
	skippedNotes(w, r.Skipped)
}

func textR26(w io.Writer, e *env, res any) {
	r := res.(kpi.OpenStages)
	fmt.Fprintf(w, "  open at %s, values in %s\n", r.AsOf.Format("2006-01-02 15:04 MST"), r.Currency)
	for _, p := range r.Pipelines {
		fmt.Fprintf(w, "  pipeline %s\n", p.Label)
		t := newTable("stage", "deals", "value")
		for _, s := range p.Stages {
			t.add(s.Label, num(s.Deals.Count), total(s.Deals.Value))
		}
		t.add("total", num(p.Total.Count), total(p.Total.Value))
		t.write(w)
		tallyNotes(w, "open deals", p.Total)
	}
	note(w, "deals in a stage their pipeline does not list: %d", r.UnknownStage)
	note(w, "deals open then whose stage then is unknown (closed since, no stage history; in no stage): %d",
		r.StageUnknownThen)
	note(w, "deals created after the as-of date (left out): %d", r.NotYetCreated)
}

func textR31(w io.Writer, e *env, res any) {
	r := res.(kpi.RegionSeries)
	fmt.Fprintf(w, "  won in %s by %s and region (deals), values in %s\n",
		r.Period, r.Unit, r.Currency)
	header := []string{r.Unit.String()}
	for _, reg := range r.Regions {
		header = append(header, orNone(reg.Region, "no region"))
	}
	t := newTable(append(header, "total", "value")...)
	for k, b := range r.Buckets.All() {
		cells := []string{e.Calendar.Label(r.Unit, b)}
		for _, reg := range r.Regions {
			cells = append(cells, num(reg.Buckets[k].Count))
		}
		t.add(append(cells, num(r.Total.Buckets[k].Count), total(r.Total.Buckets[k].Value))...)
	}
	cells := []string{"total"}
	for _, reg := range r.Regions {
		cells = append(cells, num(reg.Total.Count))
	}
	t.add(append(cells, num(r.Total.Total.Count), total(r.Total.Total.Value))...)
	t.write(w)
	tallyNotes(w, "won deals", r.Total.Total)
	skippedNotes(w, r.Skipped)
}

func textR34(w io.Writer, e *env, res any) {
	r := res.(kpi.Revenue)
	fmt.Fprintf(w, "  %s: won value per month in %s, against the target and the same month "+
		"a year earlier\n", r.Label, r.Currency)
	t := newTable("month", "won", "value", "cumulative", "target", "cum. target", "attainment",
		"last year", "ly cumulative", "growth")
	rows := append(r.Months, r.Total)
	if !r.Total.Complete {
		rows = append(rows, r.ToDate)
	}
	for _, m := range rows {
		won, value, cum := num(m.Won.Count), total(m.Won.Value), total(m.Cumulative)
		if !m.Month.Start.Before(r.Through) {
			won, value, cum = "-", "-", "-" // not begun by then: nothing counted yet
		}
		t.add(m.Label, won, value, cum, optMoney(m.Target), optMoney(m.CumulativeTarget),
			ratio(m.Attainment), total(m.LastYear.Value), total(m.LastYearCumulative), ratio(m.Growth))
	}
	t.write(w)
	if !r.Total.Complete {
		fmt.Fprintf(w, "  counted up to %s: a month not over by then, and the year, have no growth; "+
			"%q compares the year so far with the same span a year earlier\n",
			r.Through.Format("2006-01-02 15:04 MST"), r.ToDate.Label)
	}
	if r.Total.Target == nil {
		fmt.Fprintf(w, "  no won-value target lies within %s\n", r.Label)
	} else {
		fmt.Fprintf(w, "  the year's target is at the %s level\n", r.Total.Level)
	}
	note(w, "targets within the year but no single month (in the total only): %d",
		int64(r.UnplacedTargets))
	note(w, "targets straddling the year (not counted): %d", int64(r.PartialTargets))
	tallyNotes(w, "won deals this year", r.Total.Won)
	tallyNotes(w, "won deals last year", r.Total.LastYear)
	skippedNotes(w, r.Skipped)
}

func textR35(w io.Writer, e *env, res any) {
	r := res.(kpi.LostReasons)
	fmt.Fprintf(w, "  lost in %s, values in %s\n", r.Period, r.Currency)
	t := newTable("reason", "deals", "share", "value", "value share")
	for _, s := range r.Reasons {
		t.add(orNone(s.Reason, "no reason"), num(s.Deals.Count), rate(s.CountShare),
			total(s.Deals.Value), ratio(s.ValueShare))
	}
	t.add("total", num(r.Lost.Count), "", total(r.Lost.Value), "")
	t.write(w)
	tallyNotes(w, "lost deals", r.Lost)
	skippedNotes(w, r.Skipped)
}

func textR36(w io.Writer, e *env, res any) {
	r := res.(kpi.NewDealSeries)
	fmt.Fprintf(w, "  deals created in %s by %s, values in %s\n", r.Period, r.Unit, r.Currency)
	t := newTable(r.Unit.String(), "deals", "value")
	for k, b := range r.Buckets.All() {
		t.add(e.Calendar.Label(r.Unit, b), num(r.Deals[k].Count), total(r.Deals[k].Value))
	}
	t.add("total", num(r.Total.Count), total(r.Total.Value))
	t.write(w)
	tallyNotes(w, "new deals", r.Total)
	note(w, "deals without a creation date: %d", r.NoCreated)
}

func textR38(w io.Writer, e *env, res any) {
	r := res.(kpi.BasketSeries)
	fmt.Fprintf(w, "  mean won amount in %s by %s, values in %s\n", r.Period, r.Unit, r.Currency)
	t := newTable(r.Unit.String(), "won", "mean", "previous", "change")
	for k, b := range r.Buckets.All() {
		x := r.Baskets[k]
		t.add(e.Calendar.Label(r.Unit, b), num(x.Won.Count), optMoney(x.Mean),
			optMoney(x.PreviousMean), ratio(x.Change))
	}
	t.write(w)
	var won sales.Tally
	for _, x := range r.Baskets {
		won.Merge(x.Won)
	}
	leftOutNotes(w, "the means", won)
	skippedNotes(w, r.Skipped)
}

// Formatting shared by the reports of this file and reports_funnel.go.

// optDays formats a number of days, "-" for none.
func optDays(d *float64) string {
	if d == nil {
		return "-"
	}
	return fmt.Sprintf("%.1f", *d)
}

// orNone returns s, or the placeholder for the empty slice of a pie.
func orNone(s, none string) string {
	if s == "" {
		return "(" + none + ")"
	}
	return s
}

// leftOutNotes prints the won deals left out of averages.
func leftOutNotes(w io.Writer, what string, t sales.Tally) {
	note(w, "won deals without an amount, left out of "+what+": %d", t.NoAmount)
	note(w, "won deals in a currency with no rate, left out of "+what+": %d", t.NoRate)
}

// skippedNotes prints the deals a report over closed deals could not
// place.
func skippedNotes(w io.Writer, s kpi.Skipped) {
	note(w, "closed deals without a close date (in no period): %d", s.NoCloseDate)
	note(w, "deals in a stage their pipeline does not list: %d", s.UnknownStage)
}
