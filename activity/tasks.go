package activity

import (
	"fmt"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// TaskCounts is one owner's tasks: those completed in a period, and where
// every task created by an instant asOf stood then.
type TaskCounts struct {
	// Completed counts tasks whose completion time falls in the period
	// (R06).
	Completed int64 `json:"completed"`
	// Done counts tasks completed at or before asOf, whenever that was:
	// R06 over all time up to asOf.
	Done int64 `json:"done"`
	// InProgress counts tasks not completed at asOf that are due at or
	// after asOf, or have no due date (R07).
	InProgress int64 `json:"in_progress"`
	// Overdue counts tasks not completed at asOf that were due before it
	// (R08).
	Overdue int64 `json:"overdue"`
}

// Open returns InProgress + Overdue, the tasks not completed at asOf.
func (c TaskCounts) Open() int64 { return c.InProgress + c.Overdue }

func (c *TaskCounts) merge(o TaskCounts) {
	c.Completed += o.Completed
	c.Done += o.Done
	c.InProgress += o.InProgress
	c.Overdue += o.Overdue
}

// RepTasks is one owner's row of TaskReport.
type RepTasks struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	Tasks TaskCounts    `json:"tasks"`
}

// TaskReport is R06, R07 and R08 of the catalogue: tasks completed in a
// period, and tasks in progress and overdue at an instant, per owner.
type TaskReport struct {
	Period sales.Period `json:"period"`
	AsOf   time.Time    `json:"as_of"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last.
	Reps []RepTasks `json:"reps"`
	// Team adds up the rows. Team.Tasks.Done + InProgress + Overdue is
	// the number of tasks created at or before AsOf.
	Team RepTasks `json:"team"`
	// CompletedUndated counts tasks whose status is completed but whose
	// completion time was not recorded: they count in Done, and in no
	// period's Completed.
	CompletedUndated int64 `json:"completed_undated"`
	// NoTime counts tasks with no creation time, which are in no state.
	// CreatedAfter counts tasks created after AsOf, in no state either;
	// their completion still counts in Completed when it falls in the
	// period.
	NoTime       int64 `json:"no_time"`
	CreatedAfter int64 `json:"created_after"`
}

// TasksPerRep counts, per owner, the tasks completed in p, and the tasks
// in progress and overdue at asOf. This is R06, R07 and R08 of the
// catalogue.
//
// R06 (Completed) counts tasks whose TaskCompleted time falls in p,
// half-open and read in its location. R07 and R08 take each task as it
// stood at asOf, by sales.Activity.StateAt: a task is completed once its
// completion time is at or before asOf (or, when that time was not
// recorded, once its status says completed); a task not completed is
// overdue when its due date is before asOf, and in progress otherwise. So
// a task with no due date is never overdue, a completed task is never
// overdue whatever its due date, and a task due later on asOf's day is in
// progress. Every task created at or before asOf is exactly one of Done,
// InProgress and Overdue.
//
// A task counts for its own owner, whoever owns the deal it is about;
// tasks without an owner go to the unassigned row. Tasks with no creation
// time are counted in NoTime, tasks created after asOf in CreatedAfter.
//
// Results over two halves of the activities merge with Merge. TasksPerRep
// fails only when p is not a valid period or asOf is zero.
func TasksPerRep(ds *sales.Dataset, p sales.Period, asOf time.Time) (TaskReport, error) {
	if err := checkPeriod(p); err != nil {
		return TaskReport{}, fmt.Errorf("activity: tasks per rep: %w", err)
	}
	if err := checkAsOf(asOf); err != nil {
		return TaskReport{}, fmt.Errorf("activity: tasks per rep: %w", err)
	}
	r := TaskReport{Period: p, AsOf: asOf}
	t := byowner.New[TaskCounts](ds)
	c := ds.ActivityColumns()
	span, at := sales.SpanOf(p), sales.InstantOf(asOf)
	for _, k := range c.OfType(sales.ActivityTask) {
		i := int(k)
		if done := c.TaskCompleted[i]; done != sales.NoInstant && span.Contains(done) {
			t.Activity(i).Completed++
		}
		r.place(ds, i, at, t)
	}
	r.Reps = byowner.Rows(t, func(id sales.OwnerID, name string, c *TaskCounts) RepTasks {
		return RepTasks{Owner: id, Name: name, Tasks: *c}
	})
	r.Team = teamTasks(r.Reps)
	return r, nil
}

// place counts the i-th activity, a task, in the state it had at asOf.
func (r *TaskReport) place(ds *sales.Dataset, i int, asOf sales.Instant,
	t *byowner.Table[TaskCounts]) {
	c := ds.ActivityColumns()
	switch ds.TaskStateAt(i, asOf) {
	case sales.TaskStateCompleted:
		t.Activity(i).Done++
		if c.TaskCompleted[i] == sales.NoInstant {
			r.CompletedUndated++
		}
	case sales.TaskStateInProgress:
		t.Activity(i).InProgress++
	case sales.TaskStateOverdue:
		t.Activity(i).Overdue++
	default:
		if c.Time[i] == sales.NoInstant {
			r.NoTime++
		} else {
			r.CreatedAfter++
		}
	}
}

func teamTasks(reps []RepTasks) RepTasks {
	team := RepTasks{Name: "team"}
	for i := range reps {
		team.Tasks.merge(reps[i].Tasks)
	}
	return team
}

// Merge adds the tasks of o, computed over other activities of the same
// portal for the same period and asOf, to r. It fails when the periods or
// the instants differ.
func (r *TaskReport) Merge(o TaskReport) error {
	if !samePeriod(r.Period, o.Period) || !r.AsOf.Equal(o.AsOf) {
		return fmt.Errorf("activity: merge tasks per rep: period %s as of %s and %s as of %s differ",
			r.Period, r.AsOf, o.Period, o.AsOf)
	}
	r.Reps = byowner.Merge(r.Reps, o.Reps,
		func(x *RepTasks) sales.OwnerID { return x.Owner },
		func(dst, src *RepTasks) { dst.Tasks.merge(src.Tasks) })
	r.Team = teamTasks(r.Reps)
	r.CompletedUndated += o.CompletedUndated
	r.NoTime += o.NoTime
	r.CreatedAfter += o.CreatedAfter
	return nil
}
