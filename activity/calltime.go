package activity

import (
	"fmt"
	"math"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// CallDay is the calls of one owner (or of the team) over one day or
// more: how many, and how long they lasted in all.
type CallDay struct {
	Calls int64 `json:"calls"`
	// Time is the calls' total duration. It stops at the largest
	// Duration, about 292 years, and never wraps around to a negative
	// time; R05's means (CallTimeReport.Average) are exact beyond it.
	Time time.Duration `json:"time"`
}

func (c *CallDay) merge(o CallDay) {
	c.Calls += o.Calls
	c.Time = addDurations(c.Time, o.Time)
}

// addDurations returns a + b, two durations of no negative time, or the
// largest Duration when the sum is beyond it. Sums that stop there stay
// the same in any order, so merged halves still equal the whole.
func addDurations(a, b time.Duration) time.Duration {
	if s := a + b; s >= a {
		return s
	}
	return math.MaxInt64
}

// RepCallTime is one owner's row of CallTimeReport.
type RepCallTime struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	// Days is aligned with CallTimeReport.Days.
	Days []CallDay `json:"days"`
	// Total adds up Days.
	Total CallDay `json:"total"`
}

// CallTimeReport is R04 of the catalogue: the time each owner spent on
// calls, day by day. Its Average is R05.
type CallTimeReport struct {
	Period sales.Period `json:"period"`
	// Days cuts Period into local days of its location.
	Days sales.Buckets `json:"days"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last.
	Reps []RepCallTime `json:"reps"`
	// Team adds up the rows, day by day.
	Team RepCallTime `json:"team"`
	// NoTime counts calls with no time. NegativeDuration counts calls in
	// the period whose duration is negative: they count in Calls and add
	// nothing to Time.
	NoTime           int64 `json:"no_time"`
	NegativeDuration int64 `json:"negative_duration"`
}

// CallTimePerDay adds up, per owner and per local day of p, the duration
// of the calls made or received that day. This is R04 of the catalogue.
//
// Days are cut in p's location, as sales.Calendar cuts them: a call at
// 23:30 local time belongs to that local day whatever its UTC date, and a
// daylight-saving day lasts 23 or 25 hours. The first and last days are
// clipped to p. A call counts for its own owner, whoever owns the deal it
// is about; calls without an owner go to the unassigned row.
//
// A call's Duration is taken as it is: 1,800,000 ms is 30 minutes, and a
// call logged without a duration lasted 0. Calls with a negative duration
// count as calls, add no time and are counted in NegativeDuration; calls
// with no time are counted in NoTime. A total beyond the largest Duration
// (about 292 years of calls) stops there and never wraps around; R05's
// means stay exact past it.
//
// Results over two halves of the activities merge with Merge; take R05,
// Average, after merging. The result holds one cell per owner and day, so
// its size grows with the length of p. CallTimePerDay fails only when p is
// not a valid period.
func CallTimePerDay(ds *sales.Dataset, p sales.Period) (CallTimeReport, error) {
	if err := checkPeriod(p); err != nil {
		return CallTimeReport{}, fmt.Errorf("activity: call time per day: %w", err)
	}
	days := sales.Calendar{}.Buckets(sales.UnitDay, p)
	r := CallTimeReport{Period: p, Days: days}
	n := days.Len()
	t := byowner.New[[]CallDay](ds)
	c := ds.ActivityColumns()
	listed := t.ListedRows()
	bounds := days.Bounds()
	for _, i := range c.OfType(sales.ActivityCall) {
		if c.Time[i] == sales.NoInstant {
			r.NoTime++
			continue
		}
		d := bounds.Index(c.Time[i])
		if d < 0 {
			continue
		}
		var row *[]CallDay
		if o := c.Owner[i]; o >= 0 {
			row = &listed[o]
		} else {
			row = t.Activity(int(i))
		}
		if *row == nil {
			*row = make([]CallDay, n)
		}
		day := &(*row)[d]
		day.Calls++
		if dur := c.Duration[i]; dur < 0 {
			r.NegativeDuration++
		} else {
			day.Time = addDurations(day.Time, dur)
		}
	}
	r.Reps = byowner.Rows(t, func(id sales.OwnerID, name string, v *[]CallDay) RepCallTime {
		return repCallTime(id, name, *v, n)
	})
	r.Team = teamCallTime(r.Reps, n)
	return r, nil
}

// repCallTime builds a row over days, which may be nil for an owner with
// no call.
func repCallTime(id sales.OwnerID, name string, days []CallDay, n int) RepCallTime {
	if days == nil {
		days = make([]CallDay, n)
	}
	row := RepCallTime{Owner: id, Name: name, Days: days}
	for _, d := range days {
		row.Total.merge(d)
	}
	return row
}

func teamCallTime(reps []RepCallTime, n int) RepCallTime {
	days := make([]CallDay, n)
	for i := range reps {
		for d := range reps[i].Days {
			days[d].merge(reps[i].Days[d])
		}
	}
	return repCallTime("", "team", days, n)
}

// Merge adds the calls of o, computed over other activities of the same
// portal for the same period, to r. It fails when the periods or their
// days differ.
func (r *CallTimeReport) Merge(o CallTimeReport) error {
	if !samePeriod(r.Period, o.Period) || !sameBuckets(r.Days, o.Days) {
		return mergeError("call time per day", r.Period, o.Period)
	}
	n := r.Days.Len()
	r.Reps = byowner.Merge(r.Reps, o.Reps,
		func(x *RepCallTime) sales.OwnerID { return x.Owner },
		func(dst, src *RepCallTime) {
			days := make([]CallDay, n)
			copy(days, dst.Days)
			for d := range days {
				days[d].merge(src.Days[d])
			}
			*dst = repCallTime(dst.Owner, dst.Name, days, n)
		})
	r.Team = teamCallTime(r.Reps, n)
	r.NoTime += o.NoTime
	r.NegativeDuration += o.NegativeDuration
	return nil
}

// RepCallAverage is one owner's row of CallAverage.
type RepCallAverage struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	// PerDay is the mean of the owner's daily call time over the days
	// they made at least one call: Sum is their call time in the period,
	// N the number of such days. It has no value for an owner with no
	// call.
	PerDay MeanDuration `json:"per_day"`
}

// CallAverage is R05 of the catalogue: the average call time per day.
type CallAverage struct {
	Period sales.Period `json:"period"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last.
	Reps []RepCallAverage `json:"reps"`
	// Team is the mean over every (owner, day) pair with at least one
	// call of that day's total call time: the reps' sums over the sum of
	// their days, never the mean of their means.
	Team MeanDuration `json:"team"`
	// NoTime and NegativeDuration are those of the CallTimeReport.
	NoTime           int64 `json:"no_time"`
	NegativeDuration int64 `json:"negative_duration"`
}

// Average returns R05 of the catalogue from R04: per owner, the mean
// call time over the days of the period on which the owner made at least
// one call, and for the team the mean over all such (owner, day) pairs. A
// day with only calls of no duration counts, with 0; a day with no call
// does not. An owner with no call has no average, never 0.
//
// Days with calls do not add up over halves of the activities (a day may
// have calls in both), so merge CallTimeReports and take the Average of
// the merged report.
func (r CallTimeReport) Average() CallAverage {
	out := CallAverage{Period: r.Period, NoTime: r.NoTime, NegativeDuration: r.NegativeDuration}
	out.Reps = make([]RepCallAverage, len(r.Reps))
	for i, rep := range r.Reps {
		row := RepCallAverage{Owner: rep.Owner, Name: rep.Name}
		for _, d := range rep.Days {
			if d.Calls > 0 {
				row.PerDay.Add(d.Time)
			}
		}
		out.Reps[i] = row
		out.Team.Merge(row.PerDay)
	}
	return out
}

// AverageCallTimePerDay returns R05 of the catalogue over p: it is
// CallTimePerDay(ds, p).Average(). See both for the rules.
// AverageCallTimePerDay fails only when p is not a valid period.
func AverageCallTimePerDay(ds *sales.Dataset, p sales.Period) (CallAverage, error) {
	if err := checkPeriod(p); err != nil {
		return CallAverage{}, fmt.Errorf("activity: average call time per day: %w", err)
	}
	r, _ := CallTimePerDay(ds, p)
	return r.Average(), nil
}
