package main

import (
	"math/big"
	"time"

	"github.com/salespilot/sales/activity"
)

// The rows of the activity reports, in the columns of their queries.

func init() {
	register("R01", false, func(r activity.TypeReport) [][]any {
		var out [][]any
		for _, rep := range r.Reps {
			c := rep.Counts
			out = append(out, Row(rep.Owner, c.Calls, c.Emails, c.Meetings, c.Tasks, c.Notes, c.Total))
		}
		return out
	})
	register("R02", false, func(r activity.CallReport) [][]any {
		row := func(kind string, owner any, x activity.RepCalls) []any {
			c := x.Calls
			return Row(kind, owner, c.Connected, c.LeftVoicemail, c.LeftLiveMessage, c.NoAnswer,
				c.Busy, c.WrongNumber, c.Unknown, c.Total, x.ConnectRate)
		}
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, row("rep", rep.Owner, rep))
		}
		out = append(out, row("team", nil, r.Team))
		out = append(out, Row("no_time", nil, r.NoTime, nil, nil, nil, nil, nil, nil, nil, nil))
		return out
	})
	register("R03", false, func(r activity.EmailReport) [][]any {
		var out [][]any
		add := func(owner any, x activity.RepEmails) {
			for k, c := range x.Buckets {
				out = append(out, Row("bucket", owner, r.Buckets.Period(k).Start, c.Sent, c.Received,
					c.Unknown))
			}
			out = append(out, Row("total", owner, nil, x.Total.Sent, x.Total.Received,
				x.Total.Unknown))
		}
		for _, rep := range r.Reps {
			add(rep.Owner, rep)
		}
		add(nil, r.Team)
		return append(out, Row("no_time", nil, nil, r.NoTime, nil, nil))
	})
	register("R04", false, func(r activity.CallTimeReport) [][]any {
		var out [][]any
		add := func(owner any, x activity.RepCallTime) {
			for k, d := range x.Days {
				out = append(out, Row("day", owner, r.Days.Period(k).Start, d.Calls, d.Time))
			}
			out = append(out, Row("total", owner, nil, x.Total.Calls, x.Total.Time))
		}
		for _, rep := range r.Reps {
			add(rep.Owner, rep)
		}
		add(nil, r.Team)
		return append(out, Row("no_time", nil, nil, r.NoTime, nil),
			Row("negative_duration", nil, nil, r.NegativeDuration, nil))
	})
	register("R05", false, func(r activity.CallAverage) [][]any {
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, meanRow("rep", rep.Owner, rep.PerDay))
		}
		return append(out, meanRow("team", nil, r.Team),
			Row("no_time", nil, r.NoTime, nil, nil),
			Row("negative_duration", nil, r.NegativeDuration, nil, nil))
	})
	register("R06", false, func(r activity.TaskReport) [][]any {
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, Row("rep", rep.Owner, rep.Tasks.Completed, rep.Tasks.Done))
		}
		return append(out, Row("team", nil, r.Team.Tasks.Completed, r.Team.Tasks.Done),
			Row("completed_undated", nil, r.CompletedUndated, nil))
	})
	// R07 and R08 show one count each of the same TaskReport.
	taskState := func(count func(activity.TaskCounts) int64) func(activity.TaskReport) [][]any {
		return func(r activity.TaskReport) [][]any {
			var out [][]any
			for _, rep := range r.Reps {
				out = append(out, Row("rep", rep.Owner, count(rep.Tasks)))
			}
			return append(out, Row("team", nil, count(r.Team.Tasks)),
				Row("no_time", nil, r.NoTime), Row("created_after", nil, r.CreatedAfter))
		}
	}
	register("R07", false, taskState(func(c activity.TaskCounts) int64 { return c.InProgress }))
	register("R08", false, taskState(func(c activity.TaskCounts) int64 { return c.Overdue }))
	// R13 and R14 show the won and the open half of the same EffortReport.
	register("R13", false, func(r activity.EffortReport) [][]any {
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, effortRow("rep", rep.Owner, rep.Won))
		}
		return append(out, effortRow("team", nil, r.Team.Won),
			Row("unknown_stage", nil, r.UnknownStage, nil, nil),
			Row("no_close_date", nil, r.NoCloseDate, nil, nil))
	})
	register("R14", false, func(r activity.EffortReport) [][]any {
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, effortRow("rep", rep.Owner, rep.Open))
		}
		return append(out, effortRow("team", nil, r.Team.Open),
			Row("unknown_stage", nil, r.UnknownStage, nil, nil),
			Row("not_yet_created", nil, r.NotYetCreated, nil, nil),
			Row("open_no_time", nil, nil, r.OpenNoTime, nil))
	})
	register("R18", false, func(r activity.MeetingTimeReport) [][]any {
		row := func(kind string, owner any, x activity.RepMeetingTime) []any {
			d := x.Duration
			return Row(kind, owner, x.Held, sumSeconds(d), d.N, meanValue(d), x.NoEnd, x.EndBeforeStart)
		}
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, row("rep", rep.Owner, rep))
		}
		return append(out, row("team", nil, r.Team),
			Row("no_time", nil, r.NoTime, nil, nil, nil, nil, nil))
	})
	register("R19", false, func(r activity.MeetingReport) [][]any {
		row := func(kind string, owner any, x activity.RepMeetings) []any {
			c, s := x.Counts, x.Shares
			return Row(kind, owner, c.Completed, c.NoShow, c.Canceled, c.Rescheduled, c.Scheduled,
				c.Unknown, c.Total, s.Completed, s.NoShow, s.Canceled, s.Rescheduled, s.Scheduled,
				s.Unknown)
		}
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, row("rep", rep.Owner, rep))
		}
		return append(out, row("team", nil, r.Team),
			Row("no_time", nil, r.NoTime, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil))
	})
	register("R40", false, func(r activity.ResponseReport) [][]any {
		row := func(kind string, owner any, x activity.RepResponse) []any {
			m, b := x.Mean, x.Bands
			return Row(kind, owner, x.Contacts, x.Reached, x.NeverReached, sumSeconds(m), m.N, meanValue(m),
				durationOrNil(x.Median), b.Within1h, b.Within4h, b.Within1d, b.Within3d, b.Within7d,
				b.Later)
		}
		count := func(kind string, n int64) []any {
			return Row(kind, nil, n, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil)
		}
		var out [][]any
		for _, rep := range r.Reps {
			out = append(out, row("rep", rep.Owner, rep))
		}
		return append(out, row("team", nil, r.Team), count("no_created", r.NoCreated),
			count("created_after", r.CreatedAfter), count("other_source", r.OtherSource),
			count("unowned", r.Unowned))
	})
}

// durationOrNil returns *d, or nil for a nil d: canon would call String
// on a nil *time.Duration, which has the method by its value.
func durationOrNil(d *time.Duration) any {
	if d == nil {
		return nil
	}
	return *d
}

// effortRow lays out the effort on a set of deals after a kind and an
// owner.
func effortRow(kind string, owner any, e activity.Effort) []any {
	return Row(kind, owner, e.Deals, e.Activities, e.PerDeal)
}

// meanRow lays out a mean of durations as its sum, its count and its
// value, NULL over nothing, after a kind and an owner.
func meanRow(kind string, owner any, m activity.MeanDuration) []any {
	return Row(kind, owner, sumSeconds(m), m.N, meanValue(m))
}

// sumSeconds returns the exact sum of m's durations in seconds: where it
// is beyond what a Duration holds, Sum shows a bound, the query the sum.
func sumSeconds(m activity.MeanDuration) float64 {
	f, _ := new(big.Float).SetInt(m.ExactSum()).Float64()
	return f / 1e9
}

// meanValue returns the value of m, or nil over nothing.
func meanValue(m activity.MeanDuration) any {
	if v, ok := m.Value(); ok {
		return v
	}
	return nil
}
