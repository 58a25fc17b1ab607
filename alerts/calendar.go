package alerts

import (
	"cmp"
	"errors"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// checkAsOf rejects a zero asOf.
func checkAsOf(asOf time.Time) error {
	if asOf.IsZero() {
		return errors.New("asOf is the zero time")
	}
	return nil
}

// sinceClock returns the local date and the time of day of t in loc, the
// time of day as elapsed from the date's midnight on the wall clock.
func sinceClock(t time.Time, loc *time.Location) (y int, m time.Month, d int, clock time.Duration) {
	t = t.In(loc)
	y, m, d = t.Date()
	h, mi, s := t.Clock()
	clock = time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute +
		time.Duration(s)*time.Second + time.Duration(t.Nanosecond())
	return y, m, d, clock
}

// wholeDays returns the number of whole calendar days from from to to, in
// loc: the difference of their local dates, less one when to's time of
// day is earlier than from's. It is negative when to is before from.
func wholeDays(from, to time.Time, loc *time.Location) int {
	y1, m1, d1, c1 := sinceClock(from, loc)
	y2, m2, d2, c2 := sinceClock(to, loc)
	a := time.Date(y1, m1, d1, 12, 0, 0, 0, time.UTC).Unix()
	b := time.Date(y2, m2, d2, 12, 0, 0, 0, time.UTC).Unix()
	days := int((b - a) / 86400)
	switch {
	case days > 0 && c2 < c1:
		days--
	case days < 0 && c2 > c1:
		days++
	}
	return days
}

// wholeMonths returns the number of whole calendar months from from to to,
// in loc: the difference of their months, less one when to's day of the
// month and time of day come before from's. So 31 January to 29 February
// is 0 months and to 31 March 2; 15 January 10:00 to 15 July 10:00 is 6.
// It is negative when to is before from.
func wholeMonths(from, to time.Time, loc *time.Location) int {
	y1, m1, d1, c1 := sinceClock(from, loc)
	y2, m2, d2, c2 := sinceClock(to, loc)
	months := (y2-y1)*12 + int(m2) - int(m1)
	earlier := d2 < d1 || (d2 == d1 && c2 < c1)
	later := d2 > d1 || (d2 == d1 && c2 > c1)
	switch {
	case months > 0 && earlier:
		months--
	case months < 0 && later:
		months++
	}
	return months
}

// The most days and months a threshold reaches back: about five million
// years, long before the earliest instant a Dataset keeps (the year 1678),
// and small enough that the calendar arithmetic below cannot overflow. A
// longer threshold is taken as this one, which lists the same records:
// none.
const (
	maxDaysBack   = 366 * 5_000_000
	maxMonthsBack = 12 * 5_000_000
)

// cutoff is a moment on the wall clock of a location: a local date and a
// time of day. Whether a time comes before it is decided on the wall
// clock, so that "more than 14 days ago" is the same whatever
// daylight-saving changes lie between, even where a change skips or
// repeats the cutoff's time of day.
type cutoff struct {
	loc   *time.Location
	date  int64         // the local date, in days from 1970-01-01
	clock time.Duration // the time of day, elapsed on the wall clock
	// Every instant before early comes before the cutoff, and none at or
	// after late does; only the instants between need the wall clock.
	early, late sales.Instant
}

// cutoffSlack is how far the instants early and late lie from the cutoff
// read as an instant: more than any change of a zone's offset between two
// dates, a whole skipped day included.
const cutoffSlack = 72 * time.Hour

// newCutoff returns the cutoff at the date y-m-d (normalised as time.Date
// does) and the time of day clock, in loc.
func newCutoff(y int, m time.Month, d int, clock time.Duration, loc *time.Location) cutoff {
	day := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	near := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc).Add(clock)
	return cutoff{loc: loc, date: day.Unix() / 86400, clock: clock,
		early: sales.InstantOf(near.Add(-cutoffSlack)), late: sales.InstantOf(near.Add(cutoffSlack))}
}

// before reports whether t, at the instant at, comes before the cutoff on
// the wall clock.
func (c cutoff) before(at sales.Instant, t func() time.Time) bool {
	switch {
	case at.Clamped():
	case at < c.early:
		return true
	case at >= c.late:
		return false
	}
	y, m, d, clock := sinceClock(t(), c.loc)
	date := time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Unix() / 86400
	return date < c.date || (date == c.date && clock < c.clock)
}

// daysBefore returns the cutoff n calendar days before t, at the same
// time of day on the wall clock in loc. n is capped at maxDaysBack.
func daysBefore(t time.Time, n int, loc *time.Location) cutoff {
	y, m, d, clock := sinceClock(t, loc)
	return newCutoff(y, m, d-min(n, maxDaysBack), clock, loc)
}

// monthsBefore returns the cutoff n calendar months before t, at the same
// day of the month and time of day on the wall clock in loc; a day the
// earlier month does not have becomes its last day (31 March less one
// month is 29 or 28 February). n is capped at maxMonthsBack.
func monthsBefore(t time.Time, n int, loc *time.Location) cutoff {
	y, m, d, clock := sinceClock(t, loc)
	first := time.Date(y, m-time.Month(min(n, maxMonthsBack)), 1, 12, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return newCutoff(first.Year(), first.Month(), min(d, last), clock, loc)
}

// openAt reports whether the i-th deal was open at asOf, as
// sales.Dataset.DealAt tells from its stage history, and the position of
// its stage then in its pipeline (-1 when no record tells).
func openAt(ds *sales.Dataset, i int, asOf sales.Instant) (stage int, open bool) {
	kind, stage, existed := ds.DealAtInstant(i, asOf)
	return stage, existed && kind == sales.StageOpen
}

// lastTouch returns the position in Activities of the i-th deal's latest
// activity at or before asOf (the first of equal times), or -1 when it has
// none.
func lastTouch(ds *sales.Dataset, i int, asOf sales.Instant) int {
	times := ds.ActivityColumns().Time
	last, at := -1, sales.NoInstant
	for _, k := range ds.DealActivities(i) {
		if t := times[k]; t <= asOf && t > at {
			last, at = int(k), t
		}
	}
	return last
}

// touchTime returns the time of the k-th activity, the zero time for a
// negative k.
func touchTime(ds *sales.Dataset, k int) time.Time {
	if k < 0 {
		return time.Time{}
	}
	return ds.Activities[k].Time
}

// DealRef names a deal in a row of an alert: the deal, its owner and the
// stage it is in. OwnerName is "unassigned" for a deal with no owner, and
// the owner's id for an owner the portal does not list.
type DealRef struct {
	Deal       sales.DealID     `json:"deal"`
	Name       string           `json:"name"`
	Owner      sales.OwnerID    `json:"owner"`
	OwnerName  string           `json:"owner_name"`
	Pipeline   sales.PipelineID `json:"pipeline"`
	Stage      sales.StageID    `json:"stage"`
	StageLabel string           `json:"stage_label"`
}

// dealRef returns the DealRef of the i-th deal, standing in the stage at
// the given position of its pipeline (none when stage is -1).
func dealRef(ds *sales.Dataset, i, stage int) DealRef {
	x := &ds.Deals[i]
	ref := DealRef{Deal: x.ID, Name: x.Name, Owner: x.Owner, OwnerName: ds.OwnerName(x.Owner),
		Pipeline: x.Pipeline}
	if stage >= 0 {
		st := &ds.DealPipeline(i).Stages[stage]
		ref.Stage, ref.StageLabel = st.ID, st.Label
	}
	return ref
}

// dealValue returns the i-th deal's value in the home currency, invalid
// (null) when it has none.
func dealValue(ds *sales.Dataset, i int) decimal.NullDecimal {
	v, state := ds.DealValue(i)
	return decimal.NullDecimal{Decimal: v, Valid: state == sales.ValueOK}
}

// sortKey is what a table of records is sorted by: an instant, then a
// record's id, then its position (so that the sort is stable), gathered
// in one small value so that sorting reads no record.
type sortKey struct {
	at  sales.Instant
	id  string
	pos int32
}

// compareKeys orders keys by instant, id and position.
func compareKeys(a, b sortKey) int {
	return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.id, b.id), cmp.Compare(a.pos, b.pos))
}
