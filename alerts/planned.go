package alerts

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// UnplannedDeal is one open deal with no task planned.
type UnplannedDeal struct {
	DealRef
	// Value is the deal's amount in the home currency; null when it has
	// none or its currency has no rate.
	Value decimal.NullDecimal `json:"value"`
	// LastActivity is the time of the deal's last activity at or before
	// asOf; zero (left out of JSON) when it has none. Since is
	// LastActivity, else the deal's creation; zero when the deal has
	// neither.
	LastActivity time.Time `json:"last_activity,omitzero"`
	Since        time.Time `json:"since,omitzero"`
	// IdleDays is the number of whole calendar days from Since to asOf;
	// null when Since is zero.
	IdleDays *int `json:"idle_days"`
	// OverdueTasks counts the deal's tasks overdue at asOf, and
	// UndatedTasks its open tasks with no due date: neither is a plan.
	// UntimedTasks counts its tasks with no creation time, of which no
	// state at asOf can be told, so that none is taken for a plan.
	OverdueTasks int64 `json:"overdue_tasks"`
	UndatedTasks int64 `json:"undated_tasks"`
	UntimedTasks int64 `json:"untimed_tasks"`
}

// UnplannedReport is R48 of the catalogue: open deals with no next step
// planned.
type UnplannedReport struct {
	AsOf     time.Time      `json:"as_of"`
	Currency sales.Currency `json:"currency"`
	// Deals are the deals without a planned task, the longest idle first.
	Deals []UnplannedDeal `json:"deals"`
	// Open counts the deals open at AsOf, planned or not. UnknownStage
	// counts deals whose stage is not in their pipeline.
	Open         int64 `json:"open"`
	UnknownStage int64 `json:"unknown_stage"`
}

// DealsWithoutPlannedTask lists the deals open at asOf that have no task
// planned: no associated task, created at or before asOf and not completed
// at asOf, whose due date is at or after asOf. This is R48 of the
// catalogue.
//
// A task with no due date plans nothing and an overdue task is no plan;
// the rows count both, as UndatedTasks and OverdueTasks, for the person
// who acts on them. A task with no creation time is in no state at asOf
// and no plan either, whatever its due date; the rows count it in
// UntimedTasks. A task due later on asOf's day is a plan. A task counts
// whoever owns it.
//
// Rows come longest idle first: by the time of the deal's last activity at
// or before asOf, else its creation, the earliest first; ties by deal id.
// A deal with neither comes last, with no IdleDays. Values are in the home
// currency. Deals in a stage their pipeline does not list are counted in
// UnknownStage.
//
// DealsWithoutPlannedTask fails only when asOf is zero.
func DealsWithoutPlannedTask(ds *sales.Dataset, asOf time.Time) (UnplannedReport, error) {
	if err := checkAsOf(asOf); err != nil {
		return UnplannedReport{}, fmt.Errorf("alerts: deals without a planned task: %w", err)
	}
	r := UnplannedReport{AsOf: asOf, Currency: ds.Currency()}
	loc, at := asOf.Location(), sales.InstantOf(asOf)
	c := ds.DealColumns()
	var found []unplannedDeal
	for i, kind := range c.Kind {
		if kind == 0 {
			r.UnknownStage++
			continue
		}
		stage, open := openAt(ds, i, at)
		if !open {
			continue
		}
		r.Open++
		x, planned := unplanned(ds, i, stage, at)
		if planned {
			continue
		}
		x.since, x.id = c.Created[i], string(ds.Deals[i].ID)
		if x.last >= 0 {
			x.since = ds.ActivityColumns().Time[x.last]
		}
		found = append(found, x)
	}
	slices.SortFunc(found, func(a, b unplannedDeal) int {
		return cmp.Or(compareSince(a.since, b.since), cmp.Compare(a.id, b.id),
			cmp.Compare(a.deal, b.deal))
	})
	r.Deals = unplannedRows(ds, found)
	r.countDays(loc)
	return r, nil
}

// unplannedDeal is a deal without a planned task before it becomes a row
// of the report: its position, the position of its stage and of its last
// activity (-1 for none), since when it has been idle (NoInstant when it
// cannot be told) and its overdue, undated and untimed tasks.
type unplannedDeal struct {
	deal, stage, last              int32
	since                          sales.Instant
	id                             string // the deal's, to sort by
	overdueTasks, undated, untimed int64
}

// unplannedRows returns the rows of the deals found.
func unplannedRows(ds *sales.Dataset, found []unplannedDeal) []UnplannedDeal {
	rows := make([]UnplannedDeal, len(found))
	for k, x := range found {
		i := int(x.deal)
		d := &rows[k]
		d.DealRef, d.Value = dealRef(ds, i, int(x.stage)), dealValue(ds, i)
		d.LastActivity = touchTime(ds, int(x.last))
		d.Since = d.LastActivity
		if x.last < 0 {
			d.Since = ds.Deals[i].Created
		}
		d.OverdueTasks, d.UndatedTasks, d.UntimedTasks = x.overdueTasks, x.undated, x.untimed
	}
	return rows
}

// countDays sets the IdleDays of every row with a date, from one block of
// memory.
func (r *UnplannedReport) countDays(loc *time.Location) {
	days := make([]int, len(r.Deals))
	for k := range r.Deals {
		d := &r.Deals[k]
		if !d.Since.IsZero() {
			days[k] = wholeDays(d.Since, r.AsOf, loc)
			d.IdleDays = &days[k]
		}
	}
}

// unplanned looks at the i-th deal's activities up to asOf. It returns
// what the deal's row needs and whether the deal has a task planned, in
// which case what it returns is left unfinished.
func unplanned(ds *sales.Dataset, i, stage int, asOf sales.Instant) (unplannedDeal, bool) {
	d := unplannedDeal{deal: int32(i), stage: int32(stage), last: -1}
	c := ds.ActivityColumns()
	lastAt := sales.NoInstant
	for _, k := range ds.DealActivities(i) {
		t := c.Time[k]
		if t <= asOf && t > lastAt {
			d.last, lastAt = k, t
		}
		if t == sales.NoInstant && c.Type[k] == sales.ActivityTask {
			d.untimed++
			continue
		}
		switch ds.TaskStateAt(int(k), asOf) {
		case sales.TaskStateOverdue:
			d.overdueTasks++
		case sales.TaskStateInProgress:
			if c.TaskDue[k] == sales.NoInstant {
				d.undated++
			} else {
				return d, true
			}
		}
	}
	return d, false
}

// compareSince orders times, the zero time last.
func compareSince(a, b sales.Instant) int {
	switch {
	case a == sales.NoInstant && b == sales.NoInstant:
		return 0
	case a == sales.NoInstant:
		return 1
	case b == sales.NoInstant:
		return -1
	}
	return cmp.Compare(a, b)
}
