package kpi

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// The targets of R09 and R34 are read whole by every part of a portal:
// the parts split the deals, never the targets. The won deals add up, and
// the attainments are computed again from the sums, so the results over
// the parts merge into the result over the whole.

// errTargets is the error of a merge of results measured against
// different targets.
var errTargets = errors.New("the targets differ")

// Merge adds the deals won in o, computed over other deals of the same
// portal for the same period and against the same targets, to r, and
// measures the sums against the targets again. It fails when the periods,
// the currencies or the targets differ.
func (r *TargetReport) Merge(o TargetReport) error {
	if err := r.mergeable(o); err != nil {
		return fmt.Errorf("kpi: merge won against target: %w", err)
	}
	team := r.Team
	if err := team.merge(o.Team); err != nil {
		return fmt.Errorf("kpi: merge won against target: team: %w", err)
	}
	teams, err := mergeTeamGoals(r.Teams, o.Teams)
	if err != nil {
		return fmt.Errorf("kpi: merge won against target: %w", err)
	}
	var bad error
	reps := byowner.Merge(r.Reps, o.Reps,
		func(x *RepGoal) sales.OwnerID { return x.Owner },
		func(dst, src *RepGoal) {
			if err := dst.merge(src.Goal); err != nil && bad == nil {
				bad = fmt.Errorf("rep %q: %w", dst.Owner, err)
			}
		})
	if bad != nil {
		return fmt.Errorf("kpi: merge won against target: %w", bad)
	}
	r.Team, r.Teams, r.Reps = team, teams, reps
	r.AllWon.Merge(o.AllWon)
	r.NoTeam.Merge(o.NoTeam)
	r.NoCloseDate += o.NoCloseDate
	r.UnknownStage += o.UnknownStage
	return nil
}

// mergeable reports why r and o cannot merge, or nil.
func (r *TargetReport) mergeable(o TargetReport) error {
	switch {
	case !samePeriod(r.Period, o.Period) || r.Currency != o.Currency:
		return fmt.Errorf("period %s in %q and %s in %q differ",
			r.Period, r.Currency, o.Period, o.Currency)
	case r.Level != o.Level || r.PartialTargets != o.PartialTargets ||
		r.UnknownMetric != o.UnknownMetric:
		return fmt.Errorf("%w: level %s (%d partial, %d unknown) and %s (%d partial, %d unknown)",
			errTargets, r.Level, r.PartialTargets, r.UnknownMetric,
			o.Level, o.PartialTargets, o.UnknownMetric)
	}
	return nil
}

// mergeTeamGoals merges two lists of team rows, both sorted by name, into
// a new list.
func mergeTeamGoals(a, b []TeamGoal) ([]TeamGoal, error) {
	out := make([]TeamGoal, 0, max(len(a), len(b)))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i].Team < b[j].Team):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j].Team < a[i].Team:
			out = append(out, b[j])
			j++
		default:
			row := a[i]
			if err := row.merge(b[j].Goal); err != nil {
				return nil, fmt.Errorf("team %q: %w", row.Team, err)
			}
			out = append(out, row)
			i, j = i+1, j+1
		}
	}
	return out, nil
}

// merge adds the wins of o, measured against the same targets, to g and
// measures them again.
func (g *Goal) merge(o Goal) error {
	if !sameTarget(g.ValueTarget, o.ValueTarget) || !sameTarget(g.CountTarget, o.CountTarget) {
		return errTargets
	}
	g.Won.Merge(o.Won)
	if g.ValueTarget != nil {
		g.ValueAttainment = sales.Ratio{Num: g.Won.Value.Decimal(), Den: *g.ValueTarget}
	}
	if g.CountTarget != nil {
		g.CountAttainment = sales.Ratio{Num: decimal.NewFromInt(g.Won.Count), Den: *g.CountTarget}
	}
	return nil
}

// sameTarget reports whether two targets are both missing or equal.
func sameTarget(a, b *decimal.Decimal) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// Merge adds the deals won in o, computed over other deals of the same
// portal for the same year and against the same targets, to r, and adds
// up the cumulative figures and the ratios again. It fails when the
// years, where they stop (Through), the currencies or the targets differ.
func (r *Revenue) Merge(o Revenue) error {
	if err := r.mergeable(o); err != nil {
		return fmt.Errorf("kpi: merge revenue against target: %w", err)
	}
	months := append([]MonthRevenue(nil), r.Months...)
	for k := range months {
		months[k].Won.Merge(o.Months[k].Won)
		months[k].LastYear.Merge(o.Months[k].LastYear)
	}
	r.Months = months
	r.Total.Won, r.Total.LastYear = sales.Tally{}, sales.Tally{}
	r.ToDate.LastYear.Merge(o.ToDate.LastYear)
	r.Skipped.add(o.Skipped)
	r.finish()
	return nil
}

// mergeable reports why r and o cannot merge, or nil.
func (r *Revenue) mergeable(o Revenue) error {
	if !samePeriod(r.Year, o.Year) || !samePeriod(r.LastYear, o.LastYear) ||
		r.Currency != o.Currency || len(r.Months) != len(o.Months) {
		return fmt.Errorf("year %s in %q and %s in %q differ", r.Year, r.Currency, o.Year, o.Currency)
	}
	if !r.Through.Equal(o.Through) {
		return fmt.Errorf("years through %s and through %s differ", r.Through, o.Through)
	}
	if r.UnplacedTargets != o.UnplacedTargets || r.PartialTargets != o.PartialTargets ||
		!sameMonthTarget(&r.Total, &o.Total) {
		return fmt.Errorf("%w: of the year", errTargets)
	}
	for k := range r.Months {
		a, b := &r.Months[k], &o.Months[k]
		if !samePeriod(a.Month, b.Month) || !sameMonthTarget(a, b) {
			return fmt.Errorf("%w: of month %s", errTargets, a.Label)
		}
	}
	return nil
}

// sameMonthTarget reports whether two months have the same target.
func sameMonthTarget(a, b *MonthRevenue) bool {
	return a.Level == b.Level && sameTarget(a.Target, b.Target)
}
