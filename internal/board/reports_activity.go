package board

import (
	"fmt"
	"io"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/activity"
)

// activityRecentBuckets is how many of the last buckets (days for R04, units for
// R03) the text tables show; -json has them all.
const activityRecentBuckets = 7

func init() {
	register(
		report{id: "R01", text: textR01},
		report{id: "R02", text: textR02},
		report{id: "R03", text: textR03},
		report{id: "R04", text: textR04},
		report{id: "R05", text: textR05},
		report{id: "R06", text: textR06},
		report{id: "R07", text: textR07},
		report{id: "R08", text: textR08},
		report{id: "R13", text: textR13},
		report{id: "R14", text: textR14},
		report{id: "R18", text: textR18},
		report{id: "R19", text: textR19},
		report{id: "R40", text: textR40},
	)
}

func textR01(w io.Writer, e *env, res any) {
	r := res.(activity.TypeReport)
	fmt.Fprintf(w, "  activities in %s, by their own owner\n", r.Period)
	t := newTable("rep", "calls", "emails", "meetings", "tasks", "notes", "total")
	row := func(name string, c activity.TypeCounts) {
		t.add(name, num(c.Calls), num(c.Emails), num(c.Meetings), num(c.Tasks), num(c.Notes),
			num(c.Total))
	}
	for _, rep := range r.Reps {
		row(rep.Name, rep.Counts)
	}
	row("total", r.Total)
	t.write(w)
	note(w, "activities of an unknown type (in no row): %d", r.UnknownType)
	note(w, "activities with no time (in no period): %d", r.NoTime)
}

func textR02(w io.Writer, e *env, res any) {
	r := res.(activity.CallReport)
	fmt.Fprintf(w, "  calls in %s, by their own owner\n", r.Period)
	t := newTable("rep", "connected", "voicemail", "live msg", "no answer", "busy", "wrong no.",
		"unknown", "total", "connect rate")
	for _, rep := range append(r.Reps, r.Team) {
		c := rep.Calls
		t.add(rep.Name, num(c.Connected), num(c.LeftVoicemail), num(c.LeftLiveMessage),
			num(c.NoAnswer), num(c.Busy), num(c.WrongNumber), num(c.Unknown), num(c.Total),
			rate(rep.ConnectRate))
	}
	t.write(w)
	note(w, "calls with no time (in no period): %d", r.NoTime)
}

func textR03(w io.Writer, e *env, res any) {
	r := res.(activity.EmailReport)
	from, to := activityWindow(r.Buckets, e)
	fmt.Fprintf(w, "  emails sent/received per %s in %s; %d buckets up to %s shown\n",
		r.Buckets.Unit(), r.Period, to-from, activityStamp(e.AsOf))
	header := []string{"rep"}
	for k := from; k < to; k++ {
		header = append(header, e.Calendar.Label(r.Buckets.Unit(), r.Buckets.Period(k)))
	}
	t := newTable(append(header, "period")...)
	cell := func(c activity.EmailCount) string { return fmt.Sprintf("%d/%d", c.Sent, c.Received) }
	for _, rep := range append(r.Reps, r.Team) {
		cells := []string{rep.Name}
		for k := from; k < to; k++ {
			cells = append(cells, cell(rep.Buckets[k]))
		}
		t.add(append(cells, cell(rep.Total))...)
	}
	t.write(w)
	note(w, "emails with no direction (neither sent nor received): %d", r.Team.Total.Unknown)
	note(w, "emails with no time (in no period): %d", r.NoTime)
}

func textR04(w io.Writer, e *env, res any) {
	r := res.(activity.CallTimeReport)
	from, to := activityWindow(r.Days, e)
	fmt.Fprintf(w, "  call time per day in %s; %d days up to %s shown\n",
		r.Period, to-from, activityStamp(e.AsOf))
	header := []string{"rep"}
	for k := from; k < to; k++ {
		header = append(header, r.Days.Period(k).Start.Format("Mon 01-02"))
	}
	t := newTable(append(header, "period", "calls")...)
	for _, rep := range append(r.Reps, r.Team) {
		cells := []string{rep.Name}
		for k := from; k < to; k++ {
			cells = append(cells, activityDur(rep.Days[k].Time))
		}
		t.add(append(cells, activityDur(rep.Total.Time), num(rep.Total.Calls))...)
	}
	t.write(w)
	note(w, "calls with a negative duration (counted, no time): %d", r.NegativeDuration)
	note(w, "calls with no time (in no period): %d", r.NoTime)
}

func textR05(w io.Writer, e *env, res any) {
	r := res.(activity.CallAverage)
	fmt.Fprintf(w, "  mean call time per (rep, day) with at least one call, in %s\n", r.Period)
	t := newTable("rep", "days with calls", "call time", "per day")
	for _, rep := range r.Reps {
		t.add(rep.Name, num(rep.PerDay.N), activityDur(rep.PerDay.Sum), activityMean(rep.PerDay))
	}
	t.add("team", num(r.Team.N), activityDur(r.Team.Sum), activityMean(r.Team))
	t.write(w)
}

func textR06(w io.Writer, e *env, res any) {
	r := res.(activity.TaskReport)
	fmt.Fprintf(w, "  tasks completed in %s, by their own owner\n", r.Period)
	activityTaskTable(w, r, "completed", func(c activity.TaskCounts) int64 { return c.Completed })
	note(w, "tasks marked completed with no completion time (in no period): %d", r.CompletedUndated)
}

func textR07(w io.Writer, e *env, res any) {
	r := res.(activity.TaskReport)
	fmt.Fprintf(w, "  tasks in progress at %s (due at or after then, or undated)\n",
		activityStamp(r.AsOf))
	activityTaskTable(w, r, "in progress", func(c activity.TaskCounts) int64 { return c.InProgress })
}

func textR08(w io.Writer, e *env, res any) {
	r := res.(activity.TaskReport)
	fmt.Fprintf(w, "  tasks overdue at %s (not completed, due before then)\n", activityStamp(r.AsOf))
	activityTaskTable(w, r, "overdue", func(c activity.TaskCounts) int64 { return c.Overdue })
	note(w, "tasks with no creation time (in no state): %d", r.NoTime)
}

func activityTaskTable(w io.Writer, r activity.TaskReport, what string,
	f func(activity.TaskCounts) int64) {
	t := newTable("rep", what, "done by then", "open then")
	for _, rep := range append(r.Reps, r.Team) {
		t.add(rep.Name, num(f(rep.Tasks)), num(rep.Tasks.Done), num(rep.Tasks.Open()))
	}
	t.write(w)
}

func textR13(w io.Writer, e *env, res any) {
	r := res.(activity.EffortReport)
	fmt.Fprintf(w, "  deals won in %s and their activities, by deal owner\n", r.Period)
	activityEffortTable(w, r, func(x activity.RepEffort) activity.Effort { return x.Won })
	note(w, "won deals with no close date (in no period): %d", r.NoCloseDate)
}

func textR14(w io.Writer, e *env, res any) {
	r := res.(activity.EffortReport)
	fmt.Fprintf(w, "  deals open at %s and their activities so far, by deal owner\n",
		activityStamp(r.AsOf))
	activityEffortTable(w, r, func(x activity.RepEffort) activity.Effort { return x.Open })
	note(w, "deals in a stage their pipeline does not list: %d", r.UnknownStage)
	note(w, "activities of those deals with no time (not counted): %d", r.OpenNoTime)
}

func activityEffortTable(w io.Writer, r activity.EffortReport,
	f func(activity.RepEffort) activity.Effort) {
	t := newTable("rep", "deals", "activities", "per deal")
	for _, rep := range append(r.Reps, r.Team) {
		x := f(rep)
		t.add(rep.Name, num(x.Deals), num(x.Activities), activityPerDeal(x.PerDeal))
	}
	t.write(w)
}

func textR18(w io.Writer, e *env, res any) {
	r := res.(activity.MeetingTimeReport)
	fmt.Fprintf(w, "  meetings held in %s, by their own owner\n", r.Period)
	t := newTable("rep", "held", "with an end", "mean duration", "no end", "end < start")
	for _, rep := range append(r.Reps, r.Team) {
		t.add(rep.Name, num(rep.Held), num(rep.Duration.N), activityMean(rep.Duration), num(rep.NoEnd),
			num(rep.EndBeforeStart))
	}
	t.write(w)
	note(w, "meetings with no start time (in no period): %d", r.NoTime)
}

func textR19(w io.Writer, e *env, res any) {
	r := res.(activity.MeetingReport)
	fmt.Fprintf(w, "  meetings starting in %s by outcome (share of the rep's meetings)\n", r.Period)
	t := newTable("rep", "completed", "no-show", "canceled", "rescheduled", "scheduled", "unknown",
		"total")
	for _, rep := range append(r.Reps, r.Team) {
		c, s := rep.Counts, rep.Shares
		t.add(rep.Name, activityShare(c.Completed, s.Completed), activityShare(c.NoShow, s.NoShow),
			activityShare(c.Canceled, s.Canceled), activityShare(c.Rescheduled, s.Rescheduled),
			activityShare(c.Scheduled, s.Scheduled), activityShare(c.Unknown, s.Unknown), num(c.Total))
	}
	t.write(w)
	note(w, "meetings with no start time (in no period): %d", r.NoTime)
}

func textR40(w io.Writer, e *env, res any) {
	r := res.(activity.ResponseReport)
	fmt.Fprintf(w, "  contacts created in %s: time to a first call, outgoing email or meeting "+
		"by a rep, by contact owner\n", r.Period)
	t := newTable("owner", "contacts", "reached", "never", "mean", "median", "<1h", "1-4h",
		"4h-1d", "1-3d", "3-7d", ">=7d")
	for _, rep := range append(r.Reps, r.Team) {
		b := rep.Bands
		med := "-"
		if rep.Median != nil {
			med = activityDur(*rep.Median)
		}
		t.add(rep.Name, num(rep.Contacts), num(rep.Reached), num(rep.NeverReached),
			activityMean(rep.Mean), med, num(b.Within1h), num(b.Within4h), num(b.Within1d),
			num(b.Within3d), num(b.Within7d), num(b.Later))
	}
	t.write(w)
	note(w, "contacts with no creation time (in no period): %d", r.NoCreated)
	note(w, "contacts created after the as-of moment (left out): %d", r.CreatedAfter)
	note(w, "calls, outgoing emails and meetings with no owner (no rep's response): %d", r.Unowned)
}

// activityWindow returns the buckets [from, to) the text shows: the last
// activityRecentBuckets of b that start before asOf.
func activityWindow(b sales.Buckets, e *env) (from, to int) {
	to = b.Len()
	for to > 0 && !b.Period(to-1).Start.Before(e.AsOf) {
		to--
	}
	return max(0, to-activityRecentBuckets), to
}

// Formatting of activity cells.

func activityDur(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	return d.Round(time.Second).String()
}

func activityMean(m activity.MeanDuration) string {
	v, ok := m.Value()
	if !ok {
		return "-"
	}
	return activityDur(v)
}

func activityPerDeal(r sales.Rate) string {
	v, ok := r.Value()
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.1f", v)
}

func activityShare(n int64, r sales.Rate) string {
	v, ok := r.Value()
	if !ok {
		return num(n)
	}
	return fmt.Sprintf("%d (%.0f%%)", n, v*100)
}

func activityStamp(t time.Time) string { return t.Format("2006-01-02 15:04 MST") }
