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
	// NoTime counts the tasks with no creation time, of which no state at
	// AsOf can be told: none is listed, whatever its due date. R08 counts
	// them alike.
	NoTime int64 `json:"no_time"`
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
// package) is a count of these rows by owner. Tasks with no creation time
// are not listed and are counted in NoTime.
//
// OverdueTasks fails only when asOf is zero.
func OverdueTasks(ds *sales.Dataset, asOf time.Time) (OverdueReport, error) {
	if err := checkAsOf(asOf); err != nil {
		return OverdueReport{}, fmt.Errorf("alerts: overdue tasks: %w", err)
	}
	loc, at := asOf.Location(), sales.InstantOf(asOf)
	c := ds.ActivityColumns()
	var overdue []sortKey
	var noTime int64
	for _, i := range c.OfType(sales.ActivityTask) {
		if c.Time[i] == sales.NoInstant {
			noTime++
			continue
		}
		if ds.TaskStateAt(int(i), at) == sales.TaskStateOverdue {
			overdue = append(overdue, sortKey{at: c.TaskDue[i], id: string(ds.Activities[i].ID),
				pos: i})
		}
	}
	// Sort, then fill the rows in the order of Activities, where tasks of
	// one deal and one company are often neighbours.
	slot := sortedSlots(overdue)
	r := OverdueReport{AsOf: asOf, Tasks: make([]OverdueTask, len(overdue)), NoTime: noTime}
	var names recordNames
	for j, pos := range slot.positions {
		a := &ds.Activities[pos]
		t := &r.Tasks[slot.of[j]]
		*t = OverdueTask{Task: a.ID, Subject: a.Subject, Owner: a.Owner,
			OwnerName: ds.OwnerName(a.Owner), Created: a.Time, Due: a.TaskDue,
			DaysOverdue: wholeDays(a.TaskDue, asOf, loc)}
		names.about(ds, t, a)
	}
	return r, nil
}

// slots says where, in sorted order, each of some keys goes: the key
// with position positions[j], j-th in the order they came, is of[j]-th
// once sorted.
type slots struct {
	positions []int32
	of        []int32
}

// sortedSlots sorts keys by compareKeys and returns where each went.
func sortedSlots(keys []sortKey) slots {
	s := slots{positions: make([]int32, len(keys)), of: make([]int32, len(keys))}
	for j := range keys {
		s.positions[j] = keys[j].pos
		keys[j].pos = int32(j) // keys come in the order of positions
	}
	slices.SortFunc(keys, compareKeys)
	for k := range keys {
		s.of[keys[k].pos] = int32(k)
	}
	return s
}

// recordNames finds the names of the records tasks are about, remembering
// the last of each kind it looked up.
type recordNames struct {
	deal    sales.DealID
	company sales.CompanyID
	contact sales.ContactID
	names   [3]string // of the deal, the company and the contact
	found   [3]bool   // whether each has been looked up
}

// about fills in the records task a is associated with.
func (n *recordNames) about(ds *sales.Dataset, t *OverdueTask, a *sales.Activity) {
	if len(a.Deals) > 0 {
		t.Deal = a.Deals[0]
		if !n.found[0] || n.deal != t.Deal {
			n.deal, n.names[0], n.found[0] = t.Deal, "", true
			if i, ok := ds.DealIndex(t.Deal); ok {
				n.names[0] = ds.Deals[i].Name
			}
		}
		t.DealName = n.names[0]
	}
	if len(a.Companies) > 0 {
		t.Company = a.Companies[0]
		if !n.found[1] || n.company != t.Company {
			n.company, n.names[1], n.found[1] = t.Company, "", true
			if i, ok := ds.CompanyIndex(t.Company); ok {
				n.names[1] = ds.Companies[i].Name
			}
		}
		t.CompanyName = n.names[1]
	}
	if len(a.Contacts) > 0 {
		t.Contact = a.Contacts[0]
		if !n.found[2] || n.contact != t.Contact {
			n.contact, n.names[2], n.found[2] = t.Contact, "", true
			if i, ok := ds.ContactIndex(t.Contact); ok {
				n.names[2] = ds.Contacts[i].Name
			}
		}
		t.ContactName = n.names[2]
	}
}
