package kpi

import (
	"fmt"
	"slices"
	"sort"

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
	// Won tallies the deals won in the period by the owners the goal
	// covers.
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

// TeamGoal is one team's row of TargetReport: its members' wins against
// the team's own targets.
type TeamGoal struct {
	Team string `json:"team"`
	Goal
}

// TargetReport is R09 of the catalogue: the deals won in a period against
// the period's target, with attainment, for the whole team and for each
// team and rep.
type TargetReport struct {
	Period   sales.Period   `json:"period"`
	Currency sales.Currency `json:"currency"`
	// Level is the widest level of targets the period holds, and Team
	// measures against it: at the portal level every deal won counts; at
	// the teams level, the deals of the members of teams that have a
	// target; at the owners level, the deals of owners who have one.
	Level TargetLevel `json:"level"`
	Team  Goal        `json:"team"`
	// AllWon tallies every deal won in the period, whoever owns it.
	AllWon sales.Tally `json:"all_won"`
	// Teams has a row per team named by an owner or a target, sorted by
	// name; Reps a row per owner, in the order of owner ids, unassigned
	// deals last.
	Teams []TeamGoal `json:"teams"`
	Reps  []RepGoal  `json:"reps"`
	// NoTeam tallies the deals won in the period whose owner is in no
	// team (unassigned deals included): with the Teams rows' Won, it adds
	// up to AllWon.
	NoTeam sales.Tally `json:"no_team"`
	// PartialTargets counts targets that overlap the period without lying
	// within it. They are not prorated and not counted: ask for a period
	// that holds them whole.
	PartialTargets int `json:"partial_targets"`
	// UnknownMetric counts targets that overlap the period with a metric
	// that is neither won value nor won count: they measure nothing, and
	// give their owner or team no target.
	UnknownMetric int `json:"unknown_metric"`
	// NoCloseDate counts closed deals with no close date, UnknownStage
	// deals whose stage is not in their pipeline, as in RepResults.
	NoCloseDate  int64 `json:"no_close_date"`
	UnknownStage int64 `json:"unknown_stage"`
}

// WonAgainstTarget measures the deals won in p (by close date) against the
// targets that lie within p. This is R09 of the catalogue.
//
// A target counts when its period lies within p; monthly targets thus add
// up to a quarter's. A target names an owner, else a team, else the whole
// portal. The team figure uses the widest level p holds: the portal's
// targets if any, else the teams', else the owners'. Levels are never
// mixed, so nothing is counted twice, and the wins set against a level's
// targets are those of the owners it covers: a rep without a target adds
// nothing to the attainment of the reps who have one. Each team and each
// rep is measured against their own targets. An owner the portal does
// not list has a row once a target within p or a deal closed in p names
// them, so that the team's target adds up the rows' at the owners level.
// A target whose metric is neither won value nor won count is counted in
// UnknownMetric and nowhere else.
//
// Values are in the home currency; won deals without an amount, or whose
// currency has no rate, count in Won.Count and are counted apart in
// Won.NoAmount and Won.NoRate. Results over parts of a portal's deals,
// each part with every target, merge with Merge. WonAgainstTarget fails
// only when p is not a valid period.
func WonAgainstTarget(ds *sales.Dataset, p sales.Period) (TargetReport, error) {
	res, err := ResultsPerRep(ds, p)
	if err != nil {
		return TargetReport{}, fmt.Errorf("kpi: won against target: %w", err)
	}
	r := TargetReport{
		Period: p, Currency: ds.Currency(), AllWon: res.Team.Won,
		NoCloseDate: res.NoCloseDate, UnknownStage: res.UnknownStage,
		Reps: make([]RepGoal, 0, len(res.Reps)),
	}
	sums := targetSums{owners: map[sales.OwnerID]*goalSums{}, teams: map[string]*goalSums{}}
	for i := range ds.Targets {
		t := &ds.Targets[i]
		switch {
		case !overlaps(t.Period, p):
		case !knownMetric(t.Metric):
			r.UnknownMetric++
		case within(t.Period, p):
			sums.add(t)
		default:
			r.PartialTargets++
		}
	}
	teamOf := func(id sales.OwnerID) string {
		if o := ds.Owner(id); o != nil {
			return o.Team
		}
		return ""
	}
	teamWon := map[string]*sales.Tally{}
	var ownersWon, teamsWon sales.Tally
	for _, rep := range res.Reps {
		g := sums.owners[rep.Owner]
		r.Reps = append(r.Reps, RepGoal{Owner: rep.Owner, Name: rep.Name, Goal: goal(rep.Won, g)})
		if g != nil {
			ownersWon.Merge(rep.Won)
		}
		if team := teamOf(rep.Owner); team != "" {
			tallyOf(teamWon, team).Merge(rep.Won)
			if sums.teams[team] != nil {
				teamsWon.Merge(rep.Won)
			}
		} else {
			r.NoTeam.Merge(rep.Won)
		}
	}
	r.Reps = addTargetOwners(ds, r.Reps, sums.owners)
	r.Teams = teamGoals(teamWon, sums.teams)

	switch {
	case sums.portal.any():
		r.Level, r.Team = TargetsPortal, goal(res.Team.Won, &sums.portal)
	case len(sums.teams) > 0:
		r.Level, r.Team = TargetsTeams, goal(teamsWon, sumOf(sums.teams))
	case len(sums.owners) > 0:
		r.Level, r.Team = TargetsOwners, goal(ownersWon, sumOf(sums.owners))
	default:
		r.Level, r.Team = TargetsNone, goal(res.Team.Won, nil)
	}
	return r, nil
}

// knownMetric reports whether m is a metric a target can measure.
func knownMetric(m sales.TargetMetric) bool {
	return m == sales.TargetWonValue || m == sales.TargetWonCount
}

// addTargetOwners adds a row, with nothing won, for every owner that has
// targets but no row in reps, and returns the rows in the order of owner
// ids, unassigned last.
func addTargetOwners(ds *sales.Dataset, reps []RepGoal, owners map[sales.OwnerID]*goalSums) []RepGoal {
	n := len(reps)
	for id, g := range owners {
		if _, listed := ds.OwnerIndex(id); listed || slices.ContainsFunc(reps[:n],
			func(r RepGoal) bool { return r.Owner == id }) {
			continue
		}
		reps = append(reps, RepGoal{Owner: id, Name: ds.OwnerName(id), Goal: goal(sales.Tally{}, g)})
	}
	if len(reps) > n {
		slices.SortFunc(reps, func(a, b RepGoal) int { return byowner.Compare(a.Owner, b.Owner) })
	}
	return reps
}

// targetSums adds up the targets of a period, by level and by scope.
type targetSums struct {
	portal goalSums
	teams  map[string]*goalSums
	owners map[sales.OwnerID]*goalSums
}

func (s *targetSums) add(t *sales.Target) {
	switch {
	case t.Owner != "":
		sumsOf(s.owners, t.Owner).add(t)
	case t.Team != "":
		sumsOf(s.teams, t.Team).add(t)
	default:
		s.portal.add(t)
	}
}

func sumsOf[K comparable](m map[K]*goalSums, k K) *goalSums {
	g := m[k]
	if g == nil {
		g = &goalSums{}
		m[k] = g
	}
	return g
}

func tallyOf(m map[string]*sales.Tally, k string) *sales.Tally {
	t := m[k]
	if t == nil {
		t = &sales.Tally{}
		m[k] = t
	}
	return t
}

// sumOf adds up the goals of every scope of a level.
func sumOf[K comparable](m map[K]*goalSums) *goalSums {
	var all goalSums
	for _, g := range m {
		all.merge(g)
	}
	return &all
}

// teamGoals returns a row per team that has members or targets, by name.
func teamGoals(won map[string]*sales.Tally, targets map[string]*goalSums) []TeamGoal {
	names := make([]string, 0, len(won)+len(targets))
	for n := range won {
		names = append(names, n)
	}
	for n := range targets {
		if won[n] == nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	rows := make([]TeamGoal, len(names))
	for i, n := range names {
		var w sales.Tally
		if t := won[n]; t != nil {
			w = *t
		}
		rows[i] = TeamGoal{Team: n, Goal: goal(w, targets[n])}
	}
	return rows
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

func (g *goalSums) merge(h *goalSums) {
	if h.hasValue {
		g.value, g.hasValue = g.value.Add(h.value), true
	}
	if h.hasCount {
		g.count, g.hasCount = g.count.Add(h.count), true
	}
}

func (g *goalSums) any() bool { return g != nil && (g.hasValue || g.hasCount) }

// goal measures won against the targets g; a nil g means no target.
func goal(won sales.Tally, g *goalSums) Goal {
	out := Goal{Won: won}
	if g == nil {
		return out
	}
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

// within reports whether q lies inside p and holds an instant.
func within(q, p sales.Period) bool {
	return !q.Start.Before(p.Start) && !q.End.After(p.End) && q.Start.Before(q.End)
}

// overlaps reports whether q and p share an instant.
func overlaps(q, p sales.Period) bool {
	return q.Start.Before(p.End) && p.Start.Before(q.End)
}
