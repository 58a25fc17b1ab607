package activity

import (
	"fmt"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// Effort is the activities spent on a set of deals.
type Effort struct {
	Deals      int64 `json:"deals"`
	Activities int64 `json:"activities"`
	// PerDeal is Activities / Deals, the mean number of activities per
	// deal; it has no value over no deal.
	PerDeal sales.Rate `json:"per_deal"`
}

func (e *Effort) add(activities int) {
	e.Deals++
	e.Activities += int64(activities)
	e.PerDeal = sales.Rate{Num: e.Activities, Den: e.Deals}
}

func (e *Effort) merge(o Effort) {
	e.Deals += o.Deals
	e.Activities += o.Activities
	e.PerDeal = sales.Rate{Num: e.Activities, Den: e.Deals}
}

// RepEffort is one owner's row of EffortReport.
type RepEffort struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	// Won is R13: the deals won in the period and their activities.
	Won Effort `json:"won"`
	// Open is R14: the deals open at asOf and their activities so far.
	Open Effort `json:"open"`
}

func (r *RepEffort) merge(o RepEffort) {
	r.Won.merge(o.Won)
	r.Open.merge(o.Open)
}

// EffortReport is R13 and R14 of the catalogue: the mean number of
// activities per won deal and per deal still open, per owner.
type EffortReport struct {
	Period sales.Period `json:"period"`
	AsOf   time.Time    `json:"as_of"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last.
	Reps []RepEffort `json:"reps"`
	// Team adds up the rows; its means are pooled over the deals.
	Team RepEffort `json:"team"`
	// UnknownStage counts deals whose stage is not in their pipeline.
	// NoCloseDate counts won deals with no close date, which fall in no
	// period. NotYetCreated counts deals created after AsOf.
	UnknownStage  int64 `json:"unknown_stage"`
	NoCloseDate   int64 `json:"no_close_date"`
	NotYetCreated int64 `json:"not_yet_created"`
	// OpenNoTime counts the activities of the deals open at AsOf that
	// have no time, once per deal they are associated with: whether they
	// took place by AsOf cannot be told, so they are in no Open count.
	// (A won deal's count takes every activity, these included.)
	OpenNoTime int64 `json:"open_no_time"`
}

// EffortPerDeal measures the activities spent per deal, per owner: for the
// deals won in p (by close date, p half-open), the mean number of
// activities associated with each (R13 of the catalogue); for the deals
// open at asOf, the mean number of activities associated with each that
// took place at or before asOf (R14). Set side by side they show the
// effort on deals that have not converted.
//
// Unlike the other reports of this package, EffortPerDeal attributes by
// the deal's owner: a deal's activities all count for the deal's owner,
// whoever did them. Deals without an owner go to the unassigned row.
// Activities of every type count (calls, emails, meetings, tasks,
// notes); for a won deal, all its associated activities count, those
// after the close included. A deal is open at asOf when it stood in an
// open stage then, as sales.Dataset.DealAt rebuilds it from its stage
// history (a deal won since was still open; a deal with no creation date
// counts as created); won and lost come from the stage's kind. Won deals
// with no close date, deals in an unknown stage and deals created after
// asOf are counted apart, and so are the activities of open deals that
// have no time (OpenNoTime), which cannot be placed before or after asOf.
//
// Results over two halves of the deals merge with Merge. EffortPerDeal
// fails only when p is not a valid period or asOf is zero.
func EffortPerDeal(ds *sales.Dataset, p sales.Period, asOf time.Time) (EffortReport, error) {
	if err := checkPeriod(p); err != nil {
		return EffortReport{}, fmt.Errorf("activity: effort per deal: %w", err)
	}
	if err := checkAsOf(asOf); err != nil {
		return EffortReport{}, fmt.Errorf("activity: effort per deal: %w", err)
	}
	r := EffortReport{Period: p, AsOf: asOf}
	t := byowner.New[RepEffort](ds)
	c := ds.DealColumns()
	span, at := sales.SpanOf(p), sales.InstantOf(asOf)
	times := ds.ActivityColumns().Time
	for i, kind := range c.Kind {
		switch kind {
		case 0:
			r.UnknownStage++
			continue
		case sales.StageWon:
			if c.Close[i] == sales.NoInstant {
				r.NoCloseDate++
			} else if span.Contains(c.Close[i]) {
				t.Deal(i).Won.add(len(ds.DealActivities(i)))
			}
		}
		switch kind, _, existed := ds.DealAtInstant(i, at); {
		case !existed:
			r.NotYetCreated++
		case kind == sales.StageOpen:
			n, undated := activitiesUpTo(ds.DealActivities(i), times, at)
			t.Deal(i).Open.add(n)
			r.OpenNoTime += int64(undated)
		}
	}
	r.Reps = byowner.Rows(t, func(id sales.OwnerID, name string, v *RepEffort) RepEffort {
		v.Owner, v.Name = id, name
		return *v
	})
	r.Team = teamEffort(r.Reps)
	return r, nil
}

// activitiesUpTo returns how many of the activities acts (positions in
// times) took place at or before asOf, and how many have no time, which
// are not among them: NoInstant orders before every instant, so it is
// told apart first.
func activitiesUpTo(acts []int32, times []sales.Instant, asOf sales.Instant) (n, undated int) {
	for _, k := range acts {
		switch at := times[k]; {
		case at == sales.NoInstant:
			undated++
		case at <= asOf:
			n++
		}
	}
	return n, undated
}

func teamEffort(reps []RepEffort) RepEffort {
	team := RepEffort{Name: "team"}
	for i := range reps {
		team.merge(reps[i])
	}
	return team
}

// Merge adds the deals of o, computed over other deals of the same portal
// for the same period and asOf, to r. It fails when the periods or the
// instants differ.
func (r *EffortReport) Merge(o EffortReport) error {
	if !samePeriod(r.Period, o.Period) || !r.AsOf.Equal(o.AsOf) {
		return fmt.Errorf("activity: merge effort per deal: period %s as of %s and %s as of %s differ",
			r.Period, r.AsOf, o.Period, o.AsOf)
	}
	r.Reps = byowner.Merge(r.Reps, o.Reps,
		func(x *RepEffort) sales.OwnerID { return x.Owner },
		func(dst, src *RepEffort) { dst.merge(*src) })
	r.Team = teamEffort(r.Reps)
	r.UnknownStage += o.UnknownStage
	r.NoCloseDate += o.NoCloseDate
	r.NotYetCreated += o.NotYetCreated
	r.OpenNoTime += o.OpenNoTime
	return nil
}
