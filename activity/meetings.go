package activity

import (
	"fmt"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// RepMeetingTime is one owner's row of MeetingTimeReport.
type RepMeetingTime struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	// Held counts meetings held (outcome completed) in the period:
	// Duration.N + NoEnd + EndBeforeStart.
	Held int64 `json:"held"`
	// Duration is the mean of end − start over the meetings held that
	// have a usable end; it has no value when there is none.
	Duration MeanDuration `json:"duration"`
	// NoEnd counts meetings held with no end time; EndBeforeStart those
	// whose end is before their start. Neither is in Duration.
	NoEnd          int64 `json:"no_end"`
	EndBeforeStart int64 `json:"end_before_start"`
}

func (r *RepMeetingTime) merge(o RepMeetingTime) {
	r.Held += o.Held
	r.Duration.Merge(o.Duration)
	r.NoEnd += o.NoEnd
	r.EndBeforeStart += o.EndBeforeStart
}

// MeetingTimeReport is R18 of the catalogue: the average duration of the
// meetings each owner held.
type MeetingTimeReport struct {
	Period sales.Period `json:"period"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last.
	Reps []RepMeetingTime `json:"reps"`
	// Team adds up the rows; its mean is pooled over the meetings.
	Team RepMeetingTime `json:"team"`
	// NoTime counts meetings with no start time, which fall in no period.
	NoTime int64 `json:"no_time"`
}

// MeetingDurations averages, per owner, end − start over the meetings
// held in p: meetings whose outcome is completed and whose start (Time)
// falls in p, half-open and read in its location. This is R18 of the
// catalogue.
//
// A meeting counts for its own owner, whoever owns the deal it is about;
// meetings without an owner go to the unassigned row. Meetings with any
// other outcome, no outcome included, were not held and are left out (R19
// counts them). A meeting held with no end time is counted in NoEnd and
// one whose end is before its start in EndBeforeStart; both count in Held
// and neither in the mean. An owner who held no meeting with an end has
// no mean duration, never 0.
//
// Results over two halves of the activities merge with Merge.
// MeetingDurations fails only when p is not a valid period.
func MeetingDurations(ds *sales.Dataset, p sales.Period) (MeetingTimeReport, error) {
	if err := checkPeriod(p); err != nil {
		return MeetingTimeReport{}, fmt.Errorf("activity: meeting durations: %w", err)
	}
	r := MeetingTimeReport{Period: p}
	t := byowner.New[RepMeetingTime](ds)
	c := ds.ActivityColumns()
	span := sales.SpanOf(p)
	for _, i := range c.OfType(sales.ActivityMeeting) {
		switch at := c.Time[i]; {
		case at == sales.NoInstant:
			r.NoTime++
			continue
		case c.MeetingOutcome[i] != sales.MeetingCompleted || !span.Contains(at):
			continue
		}
		at, row := c.Time[i], t.Activity(int(i))
		row.Held++
		switch end := c.MeetingEnd[i]; {
		case end == sales.NoInstant:
			row.NoEnd++
		case end < at:
			row.EndBeforeStart++
		case end.Clamped() || at.Clamped():
			a := &ds.Activities[i]
			row.Duration.Add(a.MeetingEnd.Sub(a.Time))
		default:
			row.Duration.Add(end.Sub(at))
		}
	}
	r.Reps = byowner.Rows(t, func(id sales.OwnerID, name string, v *RepMeetingTime) RepMeetingTime {
		v.Owner, v.Name = id, name
		return *v
	})
	r.Team = teamMeetingTime(r.Reps)
	return r, nil
}

func teamMeetingTime(reps []RepMeetingTime) RepMeetingTime {
	team := RepMeetingTime{Name: "team"}
	for i := range reps {
		team.merge(reps[i])
	}
	return team
}

// Merge adds the meetings of o, computed over other activities of the
// same portal for the same period, to r. It fails when the periods differ.
func (r *MeetingTimeReport) Merge(o MeetingTimeReport) error {
	if !samePeriod(r.Period, o.Period) {
		return mergeError("meeting durations", r.Period, o.Period)
	}
	r.Reps = byowner.Merge(r.Reps, o.Reps,
		func(x *RepMeetingTime) sales.OwnerID { return x.Owner },
		func(dst, src *RepMeetingTime) { dst.merge(*src) })
	r.Team = teamMeetingTime(r.Reps)
	r.NoTime += o.NoTime
	return nil
}

// MeetingCounts counts meetings by outcome. Unknown holds meetings with no
// outcome logged, or one the library does not know; Total is the sum of
// the six.
type MeetingCounts struct {
	Completed   int64 `json:"completed"`
	NoShow      int64 `json:"no_show"`
	Canceled    int64 `json:"canceled"`
	Rescheduled int64 `json:"rescheduled"`
	Scheduled   int64 `json:"scheduled"`
	Unknown     int64 `json:"unknown"`
	Total       int64 `json:"total"`
}

func (c *MeetingCounts) add(o sales.MeetingOutcome) {
	switch o {
	case sales.MeetingCompleted:
		c.Completed++
	case sales.MeetingNoShow:
		c.NoShow++
	case sales.MeetingCanceled:
		c.Canceled++
	case sales.MeetingRescheduled:
		c.Rescheduled++
	case sales.MeetingScheduled:
		c.Scheduled++
	default:
		c.Unknown++
	}
	c.Total++
}

func (c *MeetingCounts) merge(o MeetingCounts) {
	c.Completed += o.Completed
	c.NoShow += o.NoShow
	c.Canceled += o.Canceled
	c.Rescheduled += o.Rescheduled
	c.Scheduled += o.Scheduled
	c.Unknown += o.Unknown
	c.Total += o.Total
}

// MeetingShares is each outcome's share of the meetings: a Rate whose Num
// is the outcome's count and whose Den is the number of meetings. The
// shares of a row add up to one; over no meeting none has a value.
type MeetingShares struct {
	Completed   sales.Rate `json:"completed"`
	NoShow      sales.Rate `json:"no_show"`
	Canceled    sales.Rate `json:"canceled"`
	Rescheduled sales.Rate `json:"rescheduled"`
	Scheduled   sales.Rate `json:"scheduled"`
	Unknown     sales.Rate `json:"unknown"`
}

func sharesOf(c MeetingCounts) MeetingShares {
	share := func(n int64) sales.Rate { return sales.Rate{Num: n, Den: c.Total} }
	return MeetingShares{
		Completed: share(c.Completed), NoShow: share(c.NoShow), Canceled: share(c.Canceled),
		Rescheduled: share(c.Rescheduled), Scheduled: share(c.Scheduled),
		Unknown: share(c.Unknown),
	}
}

// RepMeetings is one owner's row of MeetingReport.
type RepMeetings struct {
	Owner  sales.OwnerID `json:"owner"`
	Name   string        `json:"name"`
	Counts MeetingCounts `json:"counts"`
	Shares MeetingShares `json:"shares"`
}

// MeetingReport is R19 of the catalogue: meetings held, no-shows,
// cancellations and the other outcomes, per owner, with shares.
type MeetingReport struct {
	Period sales.Period `json:"period"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last.
	Reps []RepMeetings `json:"reps"`
	// Team adds up the rows.
	Team RepMeetings `json:"team"`
	// NoTime counts meetings with no start time, which fall in no period.
	NoTime int64 `json:"no_time"`
}

// MeetingOutcomes counts, per owner, the meetings whose start (Time) falls
// in p, half-open and read in its location, by outcome: completed (held),
// no-show, canceled, rescheduled, scheduled, and unknown for a meeting
// with no outcome or one the library does not know, never completed. Each
// outcome's share of the owner's meetings comes with it. This is R19 of
// the catalogue.
//
// A meeting counts for its own owner, whoever owns the deal it is about;
// meetings without an owner go to the unassigned row. Meetings with no
// start time are counted in NoTime.
//
// Results over two halves of the activities merge with Merge.
// MeetingOutcomes fails only when p is not a valid period.
func MeetingOutcomes(ds *sales.Dataset, p sales.Period) (MeetingReport, error) {
	if err := checkPeriod(p); err != nil {
		return MeetingReport{}, fmt.Errorf("activity: meeting outcomes: %w", err)
	}
	r := MeetingReport{Period: p}
	t := byowner.New[MeetingCounts](ds)
	c := ds.ActivityColumns()
	span := sales.SpanOf(p)
	for _, i := range c.OfType(sales.ActivityMeeting) {
		switch at := c.Time[i]; {
		case at == sales.NoInstant:
			r.NoTime++
		case span.Contains(at):
			t.Activity(int(i)).add(c.MeetingOutcome[i])
		}
	}
	r.Reps = byowner.Rows(t, func(id sales.OwnerID, name string, c *MeetingCounts) RepMeetings {
		return RepMeetings{Owner: id, Name: name, Counts: *c, Shares: sharesOf(*c)}
	})
	r.Team = teamMeetings(r.Reps)
	return r, nil
}

func teamMeetings(reps []RepMeetings) RepMeetings {
	var c MeetingCounts
	for i := range reps {
		c.merge(reps[i].Counts)
	}
	return RepMeetings{Name: "team", Counts: c, Shares: sharesOf(c)}
}

// Merge adds the meetings of o, computed over other activities of the
// same portal for the same period, to r. It fails when the periods differ.
func (r *MeetingReport) Merge(o MeetingReport) error {
	if !samePeriod(r.Period, o.Period) {
		return mergeError("meeting outcomes", r.Period, o.Period)
	}
	r.Reps = byowner.Merge(r.Reps, o.Reps,
		func(x *RepMeetings) sales.OwnerID { return x.Owner },
		func(dst, src *RepMeetings) {
			dst.Counts.merge(src.Counts)
			dst.Shares = sharesOf(dst.Counts)
		})
	r.Team = teamMeetings(r.Reps)
	r.NoTime += o.NoTime
	return nil
}
