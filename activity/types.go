package activity

import (
	"fmt"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// TypeCounts counts activities by type. Total is the sum of the five
// types.
type TypeCounts struct {
	Calls    int64 `json:"calls"`
	Emails   int64 `json:"emails"`
	Meetings int64 `json:"meetings"`
	Tasks    int64 `json:"tasks"`
	Notes    int64 `json:"notes"`
	Total    int64 `json:"total"`
}

// Of returns the count of type t, and 0 for a value that is not a type.
func (c TypeCounts) Of(t sales.ActivityType) int64 {
	switch t {
	case sales.ActivityCall:
		return c.Calls
	case sales.ActivityEmail:
		return c.Emails
	case sales.ActivityMeeting:
		return c.Meetings
	case sales.ActivityTask:
		return c.Tasks
	case sales.ActivityNote:
		return c.Notes
	}
	return 0
}

// add counts one activity of type t, and reports false, counting
// nothing, when t is not a type.
func (c *TypeCounts) add(t sales.ActivityType) bool {
	switch t {
	case sales.ActivityCall:
		c.Calls++
	case sales.ActivityEmail:
		c.Emails++
	case sales.ActivityMeeting:
		c.Meetings++
	case sales.ActivityTask:
		c.Tasks++
	case sales.ActivityNote:
		c.Notes++
	default:
		return false
	}
	c.Total++
	return true
}

// addN counts n activities of type t, one of the five.
func (c *TypeCounts) addN(t sales.ActivityType, n int64) {
	switch t {
	case sales.ActivityCall:
		c.Calls += n
	case sales.ActivityEmail:
		c.Emails += n
	case sales.ActivityMeeting:
		c.Meetings += n
	case sales.ActivityTask:
		c.Tasks += n
	case sales.ActivityNote:
		c.Notes += n
	}
	c.Total += n
}

// Merge adds the counts of o to c.
func (c *TypeCounts) Merge(o TypeCounts) {
	c.Calls += o.Calls
	c.Emails += o.Emails
	c.Meetings += o.Meetings
	c.Tasks += o.Tasks
	c.Notes += o.Notes
	c.Total += o.Total
}

// RepTypes is one owner's row of TypeReport.
type RepTypes struct {
	Owner  sales.OwnerID `json:"owner"`
	Name   string        `json:"name"`
	Counts TypeCounts    `json:"counts"`
}

// TypeReport is R01 of the catalogue: the activities of a period counted
// by type, per owner and in total.
type TypeReport struct {
	Period sales.Period `json:"period"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last.
	Reps []RepTypes `json:"reps"`
	// Total adds up the rows.
	Total TypeCounts `json:"total"`
	// UnknownType counts activities in the period whose type the library
	// does not know; they are in no row. NoTime counts activities with
	// no time, which fall in no period.
	UnknownType int64 `json:"unknown_type"`
	NoTime      int64 `json:"no_time"`
}

// ActivitiesByType counts the activities whose Time falls in p (half-open,
// read in p's location) by type: calls, emails, meetings, tasks and notes,
// per owner and in total. This is R01 of the catalogue.
//
// An activity counts for its own owner, whoever owns the records it is
// about; activities without an owner go to the unassigned row. A task
// counts when it was created, a meeting when it starts, whatever its
// outcome. Activities of an unknown type are counted in UnknownType, those
// with no time in NoTime; neither is in a row, so the rows add up to
// Total.
//
// Results over two halves of the activities merge into the result over
// the whole with Merge. ActivitiesByType fails only when p is not a valid
// period.
func ActivitiesByType(ds *sales.Dataset, p sales.Period) (TypeReport, error) {
	if err := checkPeriod(p); err != nil {
		return TypeReport{}, fmt.Errorf("activity: activities by type: %w", err)
	}
	r := TypeReport{Period: p}
	t := byowner.New[TypeCounts](ds)
	c := ds.ActivityColumns()
	types, owners := c.Type[:len(c.Time)], c.Owner[:len(c.Time)]
	var byType [][sales.NumActivityTypes]int64 // by listed owner, then type
	if len(ds.Owners) > 0 {
		byType = make([][sales.NumActivityTypes]int64, len(ds.Owners))
	}
	span := sales.SpanOf(p)
	for i, at := range c.Time {
		if at < span.Start || at >= span.End {
			if at == sales.NoInstant {
				r.NoTime++
			}
			continue
		}
		switch typ, o := types[i], owners[i]; {
		case !knownType(typ):
			r.UnknownType++
		case o >= 0:
			byType[o][typ]++
		default:
			t.Activity(i).add(typ)
		}
	}
	listed := t.ListedRows()
	for o := range byType {
		for typ := sales.ActivityCall; typ <= sales.ActivityNote; typ++ {
			listed[o].addN(typ, byType[o][typ])
		}
	}
	r.Reps = byowner.Rows(t, func(id sales.OwnerID, name string, c *TypeCounts) RepTypes {
		return RepTypes{Owner: id, Name: name, Counts: *c}
	})
	r.Total = sumTypes(r.Reps)
	return r, nil
}

// knownType reports whether t is one of the five activity types.
func knownType(t sales.ActivityType) bool {
	return t >= sales.ActivityCall && t <= sales.ActivityNote
}

// Merge adds the counts of o, computed over other activities of the same
// portal for the same period, to r. It fails when the periods differ.
func (r *TypeReport) Merge(o TypeReport) error {
	if !samePeriod(r.Period, o.Period) {
		return mergeError("activities by type", r.Period, o.Period)
	}
	r.Reps = byowner.Merge(r.Reps, o.Reps,
		func(x *RepTypes) sales.OwnerID { return x.Owner },
		func(dst, src *RepTypes) { dst.Counts.Merge(src.Counts) })
	r.Total = sumTypes(r.Reps)
	r.UnknownType += o.UnknownType
	r.NoTime += o.NoTime
	return nil
}

func sumTypes(reps []RepTypes) TypeCounts {
	var total TypeCounts
	for i := range reps {
		total.Merge(reps[i].Counts)
	}
	return total
}
