package board

import (
	"fmt"
	"io"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/funnel"
)

func init() {
	register(
		report{id: "R15", text: textR15},
		report{id: "R29", text: textR29},
		report{id: "R30", text: textR30},
		report{id: "R32", text: textR32},
		report{id: "R33", text: textR33},
		report{id: "R37", text: textR37},
		report{id: "R39", text: textR39},
	)
}

func textR15(w io.Writer, e *env, res any) {
	r := res.(funnel.RepConversion)
	fmt.Fprintf(w, "  deals created in %s: how many reached each stage, per rep\n", r.Period)
	for _, p := range r.Pipelines {
		fmt.Fprintf(w, "  pipeline %s\n", p.Label)
		header := []string{"rep", "created"}
		for _, s := range p.Team.Steps {
			header = append(header, s.Label)
		}
		t := newTable(append(header, "lost", "open", "win rate", "created→won")...)
		for _, rep := range p.Reps {
			addFunnelRow(t, rep.Name, rep.Counts)
		}
		addFunnelRow(t, "team", p.Team)
		t.write(w)
	}
	apartNotes(w, r.Apart)
}

func addFunnelRow(t *table, name string, c funnel.Counts) {
	cells := []string{name, num(c.Created)}
	for _, s := range c.Steps {
		cells = append(cells, num(s.Reached))
	}
	won := c.Steps[len(c.Steps)-1]
	t.add(append(cells, num(c.Lost), num(c.Open), rate(c.WinRate),
		rate(sales.Rate{Num: won.Reached, Den: c.Created}))...)
}

func textR30(w io.Writer, e *env, res any) {
	r := res.(funnel.Funnel)
	fmt.Fprintf(w, "  deals created in %s, followed to their current stage\n", r.Period)
	for _, p := range r.Pipelines {
		fmt.Fprintf(w, "  pipeline %s: %d created, %d open, %d won, %d lost, win rate %s\n",
			p.Label, p.Created, p.Open, p.Won, p.Lost, rate(p.WinRate))
		t := newTable("stage", "reached", "step", "cumulative")
		for _, s := range p.Steps {
			t.add(s.Label, num(s.Reached), rate(s.Step), rate(s.Cumulative))
		}
		t.write(w)
	}
	apartNotes(w, r.Apart)
}

func apartNotes(w io.Writer, a funnel.Apart) {
	note(w, "deals without a creation date (in no cohort): %d", a.NoCreated)
	note(w, "deals created in the period in a stage their pipeline does not list: %d",
		a.UnknownStage)
	note(w, "history visits to stages their pipeline does not have (ignored): %d",
		a.UnknownVisits)
	note(w, "lost deals without stage history, taken to have reached the first stage only: %d",
		a.LostWithoutHistory)
}

func textR29(w io.Writer, e *env, res any) {
	r := res.(funnel.StageTimes)
	open := "not counted"
	if r.Options.CountOpen {
		open = "counted up to then"
	}
	fmt.Fprintf(w, "  deals created in %s, as of %s; days of 24 hours; stays still open %s\n",
		r.Period, r.AsOf.Format("2006-01-02 15:04 MST"), open)
	for _, p := range r.Pipelines {
		fmt.Fprintf(w, "  pipeline %s\n", p.Label)
		t := newTable("stage", "deals", "visits", "mean days", "still in it")
		for _, s := range p.Stages {
			t.add(s.Label, num(s.Deals), num(s.Visits), optDays(s.MeanDays), num(s.Open))
		}
		t.write(w)
	}
	note(w, "deals without a creation date: %d", r.NoCreated)
	note(w, "deals created after the as-of date: %d", r.NotYetCreated)
	note(w, "deals whose pipeline is not listed: %d", r.UnknownPipeline)
	note(w, "deals without stage history (no time known): %d", r.NoHistory)
	note(w, "visits that cannot be timed: %d", r.BadVisits)
}

func textR32(w io.Writer, e *env, res any) {
	r := res.(funnel.LeadSources)
	fmt.Fprintf(w, "  contacts created in %s by original source\n", r.Period)
	t := newTable("source", "leads", "share")
	for _, s := range r.Sources {
		t.add(orNone(s.Source, "no source"), num(s.Leads), rate(s.Share))
	}
	t.add("total", num(r.Leads), "")
	t.write(w)
	note(w, "contacts without a creation date: %d", r.NoCreated)
}

func textR33(w io.Writer, e *env, res any) {
	r := res.(funnel.DealSources)
	fmt.Fprintf(w, "  deals created in %s by source, values in %s\n", r.Period, r.Currency)
	t := newTable("source", "deals", "share", "value", "value share")
	for _, s := range r.Sources {
		t.add(orNone(s.Source, "no source"), num(s.Deals.Count), rate(s.CountShare),
			total(s.Deals.Value), ratio(s.ValueShare))
	}
	t.add("total", num(r.Deals.Count), "", total(r.Deals.Value), "")
	t.write(w)
	tallyNotes(w, "new deals", r.Deals)
	note(w, "deals without a creation date: %d", r.NoCreated)
}

func textR37(w io.Writer, e *env, res any) {
	r := res.(funnel.ProposalReport)
	fmt.Fprintf(w, "  deals that entered stage %q in %s, beside %s\n", r.Stage, r.Period, r.Previous)
	t := newTable("rep", "proposals", "value", "previous", "value", "change")
	for _, row := range append(r.Reps, r.Team) {
		t.add(row.Name, num(row.Current.Count), total(row.Current.Value),
			num(row.Previous.Count), total(row.Previous.Value), rate(row.Change))
	}
	t.write(w)
	tallyNotes(w, "proposals", r.Team.Current)
	note(w, "deals of those pipelines without stage history: %d", r.NoHistory)
	note(w, "visits to the stage without an entry time: %d", r.BadVisits)
	note(w, "deals of a pipeline the portal does not list: %d", int64(r.UnknownPipeline))
}

func textR39(w io.Writer, e *env, res any) {
	r := res.(funnel.LifecycleFunnel)
	fmt.Fprintf(w, "  contacts that became marketing-qualified in %s\n", r.Period)
	t := newTable("stage", "reached", "step", "cumulative", "timed", "median days", "mean days")
	for _, s := range r.Steps {
		t.add(s.Stage.String(), num(s.Reached), rate(s.Step), rate(s.Cumulative),
			num(s.Timed), optDays(s.MedianDays), optDays(s.MeanDays))
	}
	t.write(w)
	for _, s := range r.Steps {
		note(w, s.Stage.String()+" dates before the previous step's (not timed): %d", s.OutOfOrder)
	}
}
