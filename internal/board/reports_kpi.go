package board

import (
	"fmt"
	"io"

	"github.com/salespilot/sales/kpi"
)

func init() {
	register(
		report{id: "R09", text: textR09},
		report{id: "R10", text: textR10},
		report{id: "R11", text: textR11},
		report{id: "R12", text: textR12},
	)
}

func textR09(w io.Writer, e *env, res any) {
	r := res.(kpi.TargetReport)
	if r.Level == kpi.TargetsNone {
		fmt.Fprintf(w, "  period %s; no target lies within it\n", r.Period)
	} else {
		fmt.Fprintf(w, "  period %s; measured against the targets of the %s level\n", r.Period, r.Level)
	}
	fmt.Fprintf(w, "  won in all: %d deals for %s\n", r.AllWon.Count, total(r.AllWon.Value))
	t := newTable("", "won", "value", "value target", "attainment", "count target", "attainment")
	row := func(name string, g kpi.Goal) {
		t.add(name, num(g.Won.Count), total(g.Won.Value), optMoney(g.ValueTarget),
			ratio(g.ValueAttainment), optMoney(g.CountTarget), ratio(g.CountAttainment))
	}
	teamRow := "against " + string(r.Level) + " targets"
	if r.Level == kpi.TargetsNone {
		teamRow = "team (no targets)"
	}
	row(teamRow, r.Team)
	for _, team := range r.Teams {
		row("team "+team.Team, team.Goal)
	}
	for _, rep := range r.Reps {
		row(rep.Name, rep.Goal)
	}
	t.write(w)
	if r.NoTeam.Count > 0 {
		fmt.Fprintf(w, "  won by owners in no team (unassigned included), in no team's row: %d deals for %s\n",
			r.NoTeam.Count, total(r.NoTeam.Value))
	}
	note(w, "targets straddling the period (not counted): %d", int64(r.PartialTargets))
	note(w, "targets of no known metric (not counted): %d", int64(r.UnknownMetric))
	tallyNotes(w, "won deals", r.AllWon)
}

func textR10(w io.Writer, e *env, res any) {
	r := res.(kpi.RepResults)
	fmt.Fprintf(w, "  won in %s, values in %s\n", r.Period, r.Currency)
	t := newTable("rep", "won", "value", "average")
	for _, rep := range append(r.Reps, r.Team) {
		avg := "-"
		if a, ok := rep.Won.Average(); ok {
			avg = money(a)
		}
		t.add(rep.Name, num(rep.Won.Count), total(rep.Won.Value), avg)
	}
	t.write(w)
	tallyNotes(w, "won deals", r.Team.Won)
	note(w, "closed deals without a close date (in no period): %d", r.NoCloseDate)
	note(w, "deals in a stage their pipeline does not list: %d", r.UnknownStage)
}

func textR11(w io.Writer, e *env, res any) {
	r := res.(kpi.RepResults)
	fmt.Fprintf(w, "  closed in %s\n", r.Period)
	t := newTable("rep", "won", "lost", "win rate")
	for _, rep := range append(r.Reps, r.Team) {
		t.add(rep.Name, num(rep.Won.Count), num(rep.Lost.Count), rate(rep.WinRate))
	}
	t.write(w)
}

func textR12(w io.Writer, e *env, res any) {
	r := res.(kpi.OpenDeals)
	fmt.Fprintf(w, "  open at %s, values in %s\n", r.AsOf.Format("2006-01-02 15:04 MST"), r.Currency)
	for _, p := range r.Pipelines {
		fmt.Fprintf(w, "  pipeline %s\n", p.Label)
		header := []string{"rep"}
		for _, s := range p.Stages {
			header = append(header, s.Label)
		}
		t := newTable(append(header, "total", "value")...)
		for _, rep := range append(p.Reps, p.Total) {
			cells := []string{rep.Name}
			for _, s := range rep.Stages {
				cells = append(cells, num(s.Count))
			}
			t.add(append(cells, num(rep.Total.Count), total(rep.Total.Value))...)
		}
		t.write(w)
		tallyNotes(w, "open deals", p.Total.Total)
	}
	note(w, "deals in a stage their pipeline does not list: %d", r.UnknownStage)
	note(w, "deals open then whose stage then is unknown (no stage history): %d", r.StageUnknownThen)
	note(w, "deals created after this moment (left out): %d", r.NotYetCreated)
}
