package kpi

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// TargetLevel says which targets a team figure was measured against.
type TargetLevel string

// Target levels, from the widest to the narrowest.
const (
	// TargetsPortal: targets with neither an owner nor a team.
	TargetsPortal TargetLevel = "portal"
	// TargetsTeams: the sum of the teams' targets.
	TargetsTeams TargetLevel = "teams"
	// TargetsOwners: the sum of the owners' targets.
	TargetsOwners TargetLevel = "owners"
	// TargetsNone: no target lies within the period.
	TargetsNone TargetLevel = "none"
)

// Goal is what was won against a target of each metric. A missing target
// is null; attainment over a missing or zero target has no value.
type Goal struct {
	Won         sales.Tally      `json:"won"`
	ValueTarget *decimal.Decimal `json:"value_target"`
	CountTarget *decimal.Decimal `json:"count_target"`
	// ValueAttainment is Won.Value / ValueTarget; CountAttainment is
	// Won.Count / CountTarget. Both are fractions: 1 means the target
	// was met exactly.
	ValueAttainment sales.Ratio `json:"value_attainment"`
	CountAttainment sales.Ratio `json:"count_attainment"`
}

// RepGoal is one owner's row of TargetReport.
type RepGoal struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	Goal
}

// TargetReport is R09 of the catalogue: the deals won in a period against
// the period's target, with attainment, for the team and for each rep.
type TargetReport struct {
	Period   sales.Period   `json:"period"`
	Currency sales.Currency `json:"currency"`
	// Team is the whole portal against its target, taken from the widest
	// level of targets the period has (see Level).
	Team  Goal        `json:"team"`
	Level TargetLevel `json:"level"`
	// Reps holds every owner against their own targets.
	Reps []RepGoal `json:"reps"`
	// PartialTargets counts targets that overlap the period without lying
	// within it. They are not prorated and not counted: ask for a period
	// that holds them whole.
	PartialTargets int   `json:"partial_targets"`
	NoCloseDate    int64 `json:"no_close_date"`
	UnknownStage   int64 `json:"unknown_stage"`
}

// WonAgainstTarget measures the deals won in p (by close date) against the
// targets that lie within p. This is R09 of the catalogue.
//
// A target counts when its period lies within p; monthly targets thus add
// up to a quarter's. The team's target is the sum of the portal-wide
// targets (no owner, no team) if p holds any, else of the teams' targets,
// else of the owners': levels are never mixed, so nothing is counted
// twice. Each rep is measured against their own targets.
//
// Values are in the home currency; won deals without an amount, or whose
// currency has no rate, count in Won.Count and are counted apart in
// Won.NoAmount and Won.NoRate. WonAgainstTarget fails only when p is not a
// valid period. Its result does not merge: targets are not additive over
// halves of the deals.
func WonAgainstTarget(ds *sales.Dataset, p sales.Period) (TargetReport, error) {
	res, err := ResultsPerRep(ds, p)
	if err != nil {
		return TargetReport{}, fmt.Errorf("kpi: won against target: %w", err)
	}
	r := TargetReport{
		Period: p, Currency: ds.Currency(),
		NoCloseDate: res.NoCloseDate, UnknownStage: res.UnknownStage,
	}
	var portal, teams, owners goalSums
	reps := byowner.New[goalSums](ds)
	for i := range ds.Targets {
		t := &ds.Targets[i]
		switch {
		case !within(t.Period, p):
			if overlaps(t.Period, p) {
				r.PartialTargets++
			}
			continue
		case t.Owner != "":
			owners.add(t)
			reps.Of(t.Owner).add(t)
		case t.Team != "":
			teams.add(t)
		default:
			portal.add(t)
		}
	}
	r.Level, r.Team = TargetsNone, goal(res.Team.Won, goalSums{})
	for _, l := range []struct {
		level TargetLevel
		sums  goalSums
	}{{TargetsPortal, portal}, {TargetsTeams, teams}, {TargetsOwners, owners}} {
		if l.sums.any() {
			r.Level, r.Team = l.level, goal(res.Team.Won, l.sums)
			break
		}
	}
	r.Reps = byowner.Rows(reps, func(id sales.OwnerID, name string, g *goalSums) RepGoal {
		return RepGoal{Owner: id, Name: name, Goal: goal(wonOf(res.Reps, id), *g)}
	})
	return r, nil
}

// goalSums adds up the targets of one scope, by metric.
type goalSums struct {
	value, count       decimal.Decimal
	hasValue, hasCount bool
}

func (g *goalSums) add(t *sales.Target) {
	switch t.Metric {
	case sales.TargetWonValue:
		g.value, g.hasValue = g.value.Add(t.Value), true
	case sales.TargetWonCount:
		g.count, g.hasCount = g.count.Add(t.Value), true
	}
}

func (g goalSums) any() bool { return g.hasValue || g.hasCount }

func goal(won sales.Tally, g goalSums) Goal {
	out := Goal{Won: won}
	if g.hasValue {
		v := g.value
		out.ValueTarget = &v
		out.ValueAttainment = sales.Ratio{Num: won.Value.Decimal(), Den: v}
	}
	if g.hasCount {
		c := g.count
		out.CountTarget = &c
		out.CountAttainment = sales.Ratio{Num: decimal.NewFromInt(won.Count), Den: c}
	}
	return out
}

// wonOf returns the won tally of the owner's row.
func wonOf(reps []RepResult, id sales.OwnerID) sales.Tally {
	for i := range reps {
		if reps[i].Owner == id {
			return reps[i].Won
		}
	}
	return sales.Tally{}
}

// within reports whether q lies inside p.
func within(q, p sales.Period) bool {
	return !q.Start.Before(p.Start) && !q.End.After(p.End) && q.Start.Before(q.End)
}

// overlaps reports whether q and p share an instant.
func overlaps(q, p sales.Period) bool {
	return q.Start.Before(p.End) && p.Start.Before(q.End)
}
