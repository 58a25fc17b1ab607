package board

import (
	"fmt"
	"io"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
	"github.com/salespilot/sales/kpi"
)

// forecastSlippedShown is how many of the most slipped deals B06's text
// lists; -json has them all.
const forecastSlippedShown = 10

func init() {
	register(
		report{id: "R21", text: textR21},
		report{id: "R25", text: textR25},
		report{id: "R27", text: textR27},
		report{id: "R28", text: textR28},
		report{id: "B01", text: textB01},
		report{id: "B02", text: textB02},
		report{id: "B03", text: textB03},
		report{id: "B04", text: textB04},
		report{id: "B05", text: textB05},
		report{id: "B06", text: textB06},
	)
}

func textR21(w io.Writer, e *env, res any) {
	r := res.(forecast.WeekClosing)
	fmt.Fprintf(w, "  open deals expected to close in the week %s, values in %s\n", r.Week, r.Currency)
	t := newTable("rep", "deals", "value", "weighted")
	for _, row := range append(r.Reps, r.Team) {
		t.add(row.Name, num(row.Open.Count), total(row.Open.Value), total(row.Weighted))
	}
	t.write(w)
	tallyNotes(w, "deals", r.Team.Open)
	note(w, "open deals without an expected close date (in no week): %d", r.NoCloseDate)
	forecastStageNotes(w, r.UnknownStage, r.BadProbability)
}

// forecastStageNotes prints the deals a forecast report could not weigh.
func forecastStageNotes(w io.Writer, unknown, bad sales.Tally) {
	note(w, "deals in a stage their pipeline does not list (not counted): %d", unknown.Count)
	note(w, "deals whose stage probability is not in [0, 1] (not weighted): %d", bad.Count)
}

func textR25(w io.Writer, e *env, res any) {
	r := res.(forecast.LeadStages)
	fmt.Fprintf(w, "  contacts in a lead stage at %s: %d\n",
		r.AsOf.Format("2006-01-02 15:04 MST"), r.Total)
	t := newTable("stage", "contacts")
	for _, s := range r.Stages {
		t.add(s.Stage.String(), num(s.Count))
	}
	t.write(w)
	for _, s := range r.Stages {
		by := ""
		for _, st := range s.Statuses {
			name := st.Status
			if name == "" {
				name = "(none)"
			}
			by += fmt.Sprintf(", %s %d", name, st.Count)
		}
		if by != "" {
			fmt.Fprintf(w, "  %s by lead status: %s\n", s.Stage, by[2:])
		}
	}
	note(w, "leads without any lifecycle date, taken at their current stage: %d", r.Assumed)
}

func textR27(w io.Writer, e *env, res any) {
	r := res.(forecast.NewLeadWeek)
	fmt.Fprintf(w, "  contacts created in the week %s, beside the week before\n", r.Week)
	t := newTable("day", "this week", "last week")
	for _, d := range r.Days {
		this := num(d.Created)
		if d.Future {
			this = "-"
		}
		t.add(d.Day.Start.Format("Mon 2006-01-02"), this, num(d.LastWeek))
	}
	t.add("to date", num(r.ThisWeek), num(r.LastWeekToDate))
	t.write(w)
	fmt.Fprintf(w, "  change against last week at the same point: %s (last week in all: %d)\n",
		ratio(r.Change), r.LastWeekTotal)
	note(w, "contacts without a creation date: %d", r.NoCreated)
}

func textR28(w io.Writer, e *env, res any) {
	r := res.(forecast.CreatedByStage)
	fmt.Fprintf(w, "  contacts created per %s in %s, by lifecycle stage at asof\n", r.Unit, r.Period)
	header := []string{r.Unit.String()}
	for _, s := range r.Stages {
		header = append(header, s.String())
	}
	t := newTable(append(header, "total")...)
	for k, b := range r.Buckets.All() {
		t.add(forecastCreatedRow(e.Calendar.Label(r.Unit, b), r.Rows[k])...)
	}
	t.add(forecastCreatedRow("total", r.Total)...)
	t.write(w)
	note(w, "contacts of the period created after asof (not counted): %d", r.NotYetCreated)
	note(w, "contacts without a creation date: %d", r.NoCreated)
}

func forecastCreatedRow(label string, b forecast.CreatedBucket) []string {
	cells := []string{label}
	for _, n := range b.ByStage {
		cells = append(cells, num(n))
	}
	return append(cells, num(b.Total))
}

func textB01(w io.Writer, e *env, res any) {
	r := res.(forecast.WeightedPipeline)
	forecastWeightedText(w, e, r)
}

// forecastWeightedText prints a weighted pipeline: the weighted value per
// rep and bucket of expected close date, then per stage.
func forecastWeightedText(w io.Writer, e *env, r forecast.WeightedPipeline) {
	fmt.Fprintf(w, "  open at %s, weighted by stage probability, by expected close; values in %s\n",
		r.AsOf.Format("2006-01-02 15:04 MST"), r.Currency)
	header := []string{"rep", "earlier"}
	for _, b := range r.Buckets.All() {
		header = append(header, e.Calendar.Label(r.Unit, b))
	}
	t := newTable(append(header, "later", "no date", "weighted", "open value")...)
	for _, row := range append(r.Reps, r.Team) {
		cells := []string{row.Name, total(row.Earlier.Weighted)}
		for _, c := range row.Buckets {
			cells = append(cells, total(c.Weighted))
		}
		t.add(append(cells, total(row.Later.Weighted), total(row.NoCloseDate.Weighted),
			total(row.Total.Weighted), total(row.Total.Open.Value))...)
	}
	t.write(w)
	s := newTable("stage", "probability", "deals", "open value", "weighted")
	for _, st := range r.Stages {
		s.add(st.Label, fmt.Sprintf("%.2f", st.Probability), num(st.Open.Count),
			total(st.Open.Value), total(st.Weighted))
	}
	s.write(w)
	tallyNotes(w, "open deals", r.Team.Total.Open)
	forecastStageNotes(w, r.UnknownStage, r.BadProbability)
}

func textB02(w io.Writer, e *env, res any) {
	r := res.(forecast.Simulation)
	fmt.Fprintf(w, "  value the %s open deals expected in %s may bring, %d trials (seed %d), in %s\n",
		num(r.Deals.Count), r.Period, r.Trials, r.Seed, r.Currency)
	t := newTable("", "P10", "P50", "P90", "mean", "expected")
	t.add("won from open deals", money(r.P10), money(r.P50), money(r.P90), money(r.Mean),
		money(r.Expected))
	t.write(w)
	if r.Target == nil {
		fmt.Fprintf(w, "  won so far: %s; no won-value target lies within the period\n",
			total(r.WonSoFar.Value))
	} else {
		fmt.Fprintf(w, "  won so far: %s; target (%s level): %s; remaining: %s; chance to reach it: %s\n",
			total(r.WonSoFar.Value), r.Level, optMoney(r.Target), optMoney(r.Remaining), rate(r.Reach))
	}
	s := newTable("stage", "configured", "history", "used", "deals")
	for _, st := range r.Stages {
		used := fmt.Sprintf("%.3f", st.Used)
		if st.FellBack {
			used += " (configured)"
		}
		s.add(st.Label, fmt.Sprintf("%.2f", st.Configured),
			fmt.Sprintf("%d/%d", st.History.Num, st.History.Den), used, num(st.Deals.Count))
	}
	s.write(w)
	fmt.Fprintf(w, "  stages below %d closed deals use their configured probability: %d\n",
		r.MinSample, len(r.FellBack))
	tallyNotes(w, "deals forecast", r.Deals)
	note(w, "open deals expected before the period (not forecast): %d", r.ExpectedBefore)
	note(w, "open deals expected after the period (not forecast): %d", r.ExpectedAfter)
	note(w, "open deals without an expected close date (not forecast): %d", r.NoCloseDate)
	note(w, "deals in a stage their pipeline does not list: %d", r.UnknownStage)
	note(w, "closed deals without stage history (nothing learned from them): %d", r.NoHistory)
}

func textB03(w io.Writer, e *env, res any) {
	r := res.(forecast.VelocityReport)
	fmt.Fprintf(w, "  open deals at asof; win rate, average won and cycle over %s; in %s per day\n",
		r.Lookback, r.Currency)
	t := newTable("rep", "open", "win rate", "average won", "cycle days", "per day")
	for _, row := range append(r.Reps, r.Team) {
		cycle := "-"
		if row.Cycle.Mean != nil {
			cycle = fmt.Sprintf("%.1f", *row.Cycle.Mean)
		}
		t.add(row.Name, num(row.Open), rate(row.WinRate), optMoney(row.AverageWon), cycle,
			optMoney(row.PerDay))
	}
	t.write(w)
	tallyNotes(w, "won deals", r.Team.Won)
	note(w, "won deals without a measurable cycle: %d", r.Team.Cycle.Unmeasured)
}

func textB04(w io.Writer, e *env, res any) {
	r := res.(forecast.CoverageReport)
	if r.Level == kpi.TargetsNone {
		fmt.Fprintf(w, "  weighted open value due in %s; no target lies within it\n", r.Period)
	} else {
		fmt.Fprintf(w, "  weighted open value due in %s against the target left; "+
			"team targets of the %s level\n", r.Period, r.Level)
	}
	t := newTable("", "due", "weighted", "won so far", "target", "remaining", "coverage")
	for _, row := range append([]forecast.CoverageRow{r.Team}, r.Reps...) {
		cov := ratio(row.Coverage)
		if row.TargetMet {
			cov = "met"
		}
		t.add(row.Name, num(row.Due.Open.Count), total(row.Due.Weighted), total(row.WonSoFar.Value),
			optMoney(row.Target), optMoney(row.Remaining), cov)
	}
	t.write(w)
	forecastStageNotes(w, r.UnknownStage, r.BadProbability)
}

func textB05(w io.Writer, e *env, res any) {
	r := res.(forecast.PastPipeline)
	fmt.Fprintf(w, "  the pipeline as it stood at %s, rebuilt from stage histories\n",
		r.At.Format("2006-01-02 15:04 MST"))
	for _, p := range r.Open.Pipelines {
		t := newTable("stage ("+p.Label+")", "open deals", "value")
		for j, s := range p.Stages {
			t.add(s.Label, num(p.Total.Stages[j].Count), total(p.Total.Stages[j].Value))
		}
		t.add("total", num(p.Total.Total.Count), total(p.Total.Total.Value))
		t.write(w)
	}
	forecastWeightedText(w, e, r.Weighted)
	note(w, "deals created after that instant: %d", r.NotYetCreated)
	note(w, "open deals without stage history, taken in their current stage: %d", r.NoHistory)
	note(w, "open deals whose history starts later, taken in its first stage: %d", r.BeforeHistory)
	note(w, "deals without history closed since (stage then unknown, not counted): %d",
		r.StageUnknown.Count)
}

func textB06(w io.Writer, e *env, res any) {
	r := res.(forecast.Slippage)
	fmt.Fprintf(w, "  deals first expected to close in %s, by %s, and how many slipped past it\n",
		r.Period, r.Unit)
	t := newTable(r.Unit.String(), "deals", "slipped", "rate", "moves", "mean days")
	for k, b := range r.Buckets.All() {
		forecastSlipRow(t, e.Calendar.Label(r.Unit, b), r.Rows[k])
	}
	forecastSlipRow(t, "total", r.Total)
	t.write(w)
	d := newTable("most slipped", "owner", "stage", "first", "latest", "moves", "days")
	for _, s := range r.Deals[:min(forecastSlippedShown, len(r.Deals))] {
		d.add(string(s.Deal)+" "+s.Name, e.ds.OwnerName(s.Owner), s.Stage, day(s.First),
			day(s.Latest), num(int64(s.Moves)), num(int64(s.Days)))
	}
	d.write(w)
	note(w, "deals without a close date history (not judged): %d", r.NoHistory)
}

func forecastSlipRow(t *table, label string, c forecast.SlipCount) {
	mean := "-"
	if v, ok := c.MeanDays.Value(); ok {
		mean = v.StringFixed(1)
	}
	t.add(label, num(c.Deals.Count), num(c.Slipped.Count), rate(c.Rate), num(c.Moves), mean)
}
