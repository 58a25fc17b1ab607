package demo

import "github.com/salespilot/sales"

// meetingLengths are how long meetings last, in seconds.
var meetingLengths = choose([]int64{30 * minute, 45 * minute, 60 * minute, 90 * minute},
	0.35, 0.2, 0.35, 0.1)

// meetingOutcomeWeights weighs the outcomes of past meetings, indexed by
// sales.MeetingOutcome: a few never updated from scheduled, a few with no
// outcome at all.
var meetingOutcomeWeights = cumulative(0.03, 0.04, 0.68, 0.07, 0.09, 0.09)

// meetingStart returns a start in [lo, hi] on the hour or half hour
// between 09:00 and 16:30 where it can.
func (g *generator) meetingStart(lo, hi int64) int64 {
	t := g.when(lo, hi, 9, 17)
	s := g.days.at(g.days.of(t), 9*hour+30*minute*g.rnd.Int64N(16))
	if s < lo || s > hi {
		return t
	}
	return s
}

// meeting fills in a meeting that started at t. 3% have no end; one that
// has not ended by Today is still scheduled.
func (g *generator) meeting(a *sales.Activity, t int64) {
	a.Subject = of(g.rnd, meetingSubjects)
	a.MeetingOutcome = sales.MeetingOutcome(g.rnd.pick(meetingOutcomeWeights))
	end := t + meetingLengths.draw(g.rnd)
	if g.rnd.chance(0.97) {
		a.MeetingEnd = g.days.time(end)
	}
	if end > g.days.now {
		a.MeetingOutcome = sales.MeetingScheduled
	}
}

// plannedMeeting turns a into a meeting planned on one of the next two
// weeks' working days.
func (g *generator) plannedMeeting(a *sales.Activity) {
	i := g.days.today + 1 + g.rnd.IntN(14)
	for g.days.weekend(i) {
		i++
	}
	t := g.days.at(i, 9*hour+30*minute*g.rnd.Int64N(16))
	a.Time = g.days.time(t)
	g.meeting(a, t)
	a.MeetingOutcome = sales.MeetingScheduled
}

// dueWeights weighs how many days after its creation a task is due, from
// the same day to a week.
var dueWeights = cumulative(0.1, 0.3, 0.25, 0.15, 0.08, 0.05, 0.04, 0.03)

// dueHours are the local times tasks fall due at, in seconds after
// midnight.
var dueHours = []int64{9 * hour, 12 * hour, 17 * hour}

// openStatuses are the statuses of unfinished tasks; plannedStatuses
// those of tasks just created.
var (
	openStatuses = choose([]sales.TaskStatus{
		sales.TaskNotStarted, sales.TaskInProgress, sales.TaskWaiting, sales.TaskDeferred,
	}, 0.45, 0.3, 0.12, 0.13)
	plannedStatuses = choose([]sales.TaskStatus{sales.TaskNotStarted, sales.TaskInProgress},
		0.6, 0.4)
)

// task fills in a task created at t. 5% have no due date. Most tasks due
// before Today were completed; the rest are overdue, more of them on
// stalled deals. A task completed has its completion time and status.
func (g *generator) task(a *sales.Activity, t int64, stalled bool) {
	a.Subject = of(g.rnd, taskSubjects)
	var due int64
	if g.rnd.chance(0.95) {
		due = g.days.at(g.days.of(t)+g.rnd.pick(dueWeights), of(g.rnd, dueHours))
		due = max(due, t+2*hour)
		a.TaskDue = g.days.time(due)
	}

	var open bool
	switch {
	case due == 0:
		open = g.rnd.chance(0.2)
	case due < g.days.now && stalled:
		open = g.rnd.chance(0.5)
	case due < g.days.now:
		open = g.rnd.chance(0.12)
	default:
		open = g.rnd.chance(0.7)
	}
	if open {
		a.TaskStatus = openStatuses.draw(g.rnd)
		return
	}
	limit := t + 5*day
	if due != 0 {
		limit = max(t, due+day)
	}
	a.TaskStatus = sales.TaskCompleted
	a.TaskCompleted = g.days.time(g.rnd.int64Between(t, min(limit, g.days.now)))
}

// plannedTask turns a into an open task of a deal created at lo, created
// in the last few days and due after Today, some of them later on
// Today's date.
func (g *generator) plannedTask(a *sales.Activity, lo int64) {
	t := g.rnd.int64Between(max(lo, g.days.now-4*day), g.days.now)
	a.Time = g.days.time(t)
	a.Subject = of(g.rnd, taskSubjects)
	a.TaskStatus = plannedStatuses.draw(g.rnd)
	due := g.days.at(g.days.today, 18*hour)
	if g.rnd.chance(0.88) {
		due = g.days.at(g.days.today+1+g.rnd.IntN(10), of(g.rnd, dueHours))
	}
	a.TaskDue = g.days.time(due)
}
