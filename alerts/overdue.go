package alerts

import (
	"fmt"
	"slices"
	"time"

	"github.com/salespilot/sales"
)

// OverdueTask is one task past its due date.
type OverdueTask struct {
	Task      sales.ActivityID `json:"task"`
	Subject   string           `json:"subject"`
	Owner     sales.OwnerID    `json:"owner"`
	OwnerName string           `json:"owner_name"`
	Created   time.Time        `json:"created"`
	Due       time.Time        `json:"due"`
	// DaysOverdue is the number of whole calendar days from Due to asOf:
	// 0 for a task due earlier the same day.
	DaysOverdue int `json:"days_overdue"`
	// What the task is about: the first deal, company and contact it is
	// associated with, by id and name; empty when it has none. A name is
	// empty when the portal does not list the record.
	Deal        sales.DealID    `json:"deal,omitempty"`
	DealName    string          `json:"deal_name,omitempty"`
	Company     sales.CompanyID `json:"company,omitempty"`
	CompanyName string          `json:"company_name,omitempty"`
	Contact     sales.ContactID `json:"contact,omitempty"`
	ContactName string          `json:"contact_name,omitempty"`
}

// OverdueReport is R47 of the catalogue: tasks overdue at an instant, the
// most overdue first.
type OverdueReport struct {
	AsOf  time.Time     `json:"as_of"`
	Tasks []OverdueTask `json:"tasks"`
}

// OverdueTasks lists the tasks overdue at asOf: tasks created at or before
// asOf, not completed at asOf, whose due date is before asOf, as
// sales.Activity.StateAt tells. So a task with no due date is never
// overdue, a completed task is never overdue whatever its due date, and a
// task due later on asOf's day is not overdue yet. This is R47 of the
// catalogue.
//
// Each row shows the task's owner (its own, "unassigned" when it has
// none), its due date, the whole calendar days from the due date to asOf
// in asOf's location, and what the task is about: its subject and the
// first deal, company and contact it names. Rows come most overdue first
// (earliest due date), ties by task id. Every count of R08 (activity
// package) is a count of these rows by owner.
//
// OverdueTasks fails only when asOf is zero.
func OverdueTasks(ds *sales.Dataset, asOf time.Time) (OverdueReport, error) {
	if err := checkAsOf(asOf); err != nil {
		return OverdueReport{}, fmt.Errorf("alerts: overdue tasks: %w", err)
	}
	loc, at := asOf.Location(), sales.InstantOf(asOf)
	c := ds.ActivityColumns()
	var overdue []sortKey
	for _, i := range c.OfType(sales.ActivityTask) {
		if ds.TaskStateAt(int(i), at) == sales.TaskStateOverdue {
			overdue = append(overdue, sortKey{at: c.TaskDue[i], id: string(ds.Activities[i].ID),
				pos: i})
		}
	}
	slices.SortFunc(overdue, compareKeys)
	r := OverdueReport{AsOf: asOf, Tasks: make([]OverdueTask, len(overdue))}
	for k, key := range overdue {
		a := &ds.Activities[key.pos]
		t := &r.Tasks[k]
		*t = OverdueTask{Task: a.ID, Subject: a.Subject, Owner: a.Owner,
			OwnerName: ds.OwnerName(a.Owner), Created: a.Time, Due: a.TaskDue,
			DaysOverdue: wholeDays(a.TaskDue, asOf, loc)}
		t.about(ds, a)
	}
	return r, nil
}

// about fills in the records task a is associated with.
func (t *OverdueTask) about(ds *sales.Dataset, a *sales.Activity) {
	if len(a.Deals) > 0 {
		t.Deal = a.Deals[0]
		if i, ok := ds.DealIndex(t.Deal); ok {
			t.DealName = ds.Deals[i].Name
		}
	}
	if len(a.Companies) > 0 {
		t.Company = a.Companies[0]
		if i, ok := ds.CompanyIndex(t.Company); ok {
			t.CompanyName = ds.Companies[i].Name
		}
	}
	if len(a.Contacts) > 0 {
		t.Contact = a.Contacts[0]
		if i, ok := ds.ContactIndex(t.Contact); ok {
			t.ContactName = ds.Contacts[i].Name
		}
	}
}
