package forecast

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// LeadDay is one day of this week beside the same weekday of last week.
type LeadDay struct {
	Day sales.Period `json:"day"`
	// Weekday names the day, such as "Monday", in the week's location.
	Weekday string `json:"weekday"`
	// Created counts the contacts created that day, up to asOf;
	// LastWeek those created on the same weekday of last week, the whole
	// day.
	Created  int64 `json:"created"`
	LastWeek int64 `json:"last_week"`
	// Future marks a day that starts after asOf: nothing is known of it
	// yet.
	Future bool `json:"future"`
}

// NewLeadWeek is R27 of the catalogue: the contacts created each day of
// the week of AsOf, beside the same weekday of the week before, with the
// totals' change.
type NewLeadWeek struct {
	AsOf     time.Time    `json:"as_of"`
	Week     sales.Period `json:"week"`
	LastWeek sales.Period `json:"last_week"`
	// Days holds the days of Week in order.
	Days []LeadDay `json:"days"`
	// ThisWeek counts the contacts created in Week up to AsOf;
	// LastWeekToDate those created in LastWeek up to the same point of
	// the week (AsOf seven calendar days earlier, same clock time);
	// LastWeekTotal those created in the whole of LastWeek.
	ThisWeek       int64 `json:"this_week"`
	LastWeekToDate int64 `json:"last_week_to_date"`
	LastWeekTotal  int64 `json:"last_week_total"`
	// Change is (ThisWeek − LastWeekToDate) ÷ LastWeekToDate: 0.25 is a
	// quarter more than last week at the same point. It has no value
	// when last week had no contact by then.
	Change sales.Ratio `json:"change"`
	// NoCreated counts contacts without a creation date, in no day.
	NoCreated int64 `json:"no_created"`
}

// NewLeads counts the contacts created each day of the week that holds
// asOf, beside the same weekdays of the week before, with the change of
// the totals. This is R27 of the catalogue.
//
// The week is c.Week(asOf), cut in asOf's location; last week is the seven
// calendar days before it, whatever daylight saving does to their hours.
// Contacts created after asOf do not count: the days after asOf show 0
// and are marked Future. The change compares like with like: this week up
// to asOf against last week up to the same weekday and clock time.
// Contacts without a creation date are counted in NoCreated.
//
// Results over two halves of a portal's contacts merge with Merge.
// NewLeads fails on a zero asOf and on an invalid calendar.
func NewLeads(ds *sales.Dataset, asOf time.Time, c sales.Calendar) (NewLeadWeek, error) {
	if err := checkAsOf(asOf); err != nil {
		return NewLeadWeek{}, fmt.Errorf("forecast: new leads: %w", err)
	}
	if err := c.Validate(); err != nil {
		return NewLeadWeek{}, fmt.Errorf("forecast: new leads: %w", err)
	}
	week := c.Week(asOf)
	r := NewLeadWeek{AsOf: asOf, Week: week, LastWeek: week.Previous()}
	days := c.Buckets(sales.UnitDay, week)
	before := c.Buckets(sales.UnitDay, r.LastWeek)
	lastAsOf := asOf.AddDate(0, 0, -7)
	var byWeekday [7]int64
	r.Days = make([]LeadDay, days.Len())
	now, then := days.Bounds(), before.Bounds()
	at, lastAt := sales.InstantOf(asOf), sales.InstantOf(lastAsOf)
	for i, t := range ds.ContactColumns().Created {
		switch {
		case t == sales.NoInstant:
			r.NoCreated++
		case t <= at && now.Index(t) >= 0:
			r.Days[now.Index(t)].Created++
			r.ThisWeek++
		case then.Index(t) >= 0:
			byWeekday[ds.Contacts[i].Created.In(week.Location()).Weekday()]++
			r.LastWeekTotal++
			if t <= lastAt {
				r.LastWeekToDate++
			}
		}
	}
	for k, d := range days.All() {
		wd := d.Start.Weekday()
		r.Days[k].Day, r.Days[k].Weekday = d, wd.String()
		r.Days[k].LastWeek, r.Days[k].Future = byWeekday[wd], d.Start.After(asOf)
	}
	r.Change = change(r.ThisWeek, r.LastWeekToDate)
	return r, nil
}

// change returns (now − before) ÷ before.
func change(now, before int64) sales.Ratio {
	return sales.Ratio{Num: decimal.NewFromInt(now - before), Den: decimal.NewFromInt(before)}
}

// Merge adds the contacts of o, counted over other contacts of the same
// portal at the same asOf, to r. It fails when asOf or the weeks differ.
func (r *NewLeadWeek) Merge(o NewLeadWeek) error {
	if !r.AsOf.Equal(o.AsOf) || !samePeriod(r.Week, o.Week) || len(r.Days) != len(o.Days) {
		return fmt.Errorf("forecast: merge new leads: weeks %s and %s differ", r.Week, o.Week)
	}
	days := append([]LeadDay(nil), r.Days...)
	for k := range days {
		days[k].Created += o.Days[k].Created
		days[k].LastWeek += o.Days[k].LastWeek
	}
	r.Days = days
	r.ThisWeek += o.ThisWeek
	r.LastWeekToDate += o.LastWeekToDate
	r.LastWeekTotal += o.LastWeekTotal
	r.NoCreated += o.NoCreated
	r.Change = change(r.ThisWeek, r.LastWeekToDate)
	return nil
}
