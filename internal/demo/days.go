package demo

import (
	"slices"
	"time"
)

// The generator works in Unix seconds and turns them into time.Time values
// in the demo's location only when it writes a record: converting with
// time.Unix(…).In(loc) costs no zone look-up, while time.Date does.

const (
	minute = 60
	hour   = 60 * minute
	day    = 24 * hour // elapsed seconds, for durations only, never to step dates
)

// days is the demo's wall calendar: the first instant of each local day,
// from well before the history starts to well after Today.
type days struct {
	loc      *time.Location
	midnight []int64 // Unix seconds of the first instant of day i
	weekday0 time.Weekday
	start    int   // the first day of the history
	today    int   // the day of Today
	now      int64 // Today
}

// The calendar covers 2022-12-01 on, seven years of days: from two years
// before the history, for companies created earlier, to years after Today,
// for close dates that keep slipping.
const calendarDays = 7 * 366

func newDays() *days {
	first := time.Date(2022, time.December, 1, 0, 0, 0, 0, location)
	d := &days{loc: location, now: Today().Unix(), weekday0: first.Weekday()}
	d.midnight = make([]int64, calendarDays)
	for i := range d.midnight {
		d.midnight[i] = time.Date(2022, time.December, 1+i, 0, 0, 0, 0, location).Unix()
	}
	d.start = d.of(historyStart().Unix())
	d.today = d.of(d.now)
	return d
}

// historyStart is the first instant of the demo's data: two years before
// the day after Today.
func historyStart() time.Time {
	return time.Date(2024, time.December, 1, 0, 0, 0, 0, location)
}

// of returns the day that holds instant t, clamped to the calendar.
func (d *days) of(t int64) int {
	i := int((t - d.midnight[0]) / day)
	i = max(0, min(i, len(d.midnight)-1))
	for i+1 < len(d.midnight) && d.midnight[i+1] <= t {
		i++
	}
	for i > 0 && d.midnight[i] > t {
		i--
	}
	return i
}

// at returns the instant sec seconds after the start of day i. On the two
// days a year that daylight saving changes, the wall clock then reads an
// hour more or less after 02:00, which is harmless for a demo.
func (d *days) at(i int, sec int64) int64 {
	i = max(0, min(i, len(d.midnight)-1))
	return d.midnight[i] + sec
}

// weekend reports whether day i is a Saturday or a Sunday.
func (d *days) weekend(i int) bool {
	w := (int(d.weekday0) + i) % 7
	return w == int(time.Saturday) || w == int(time.Sunday)
}

// time returns t as a time.Time in the demo's location.
func (d *days) time(t int64) time.Time { return time.Unix(t, 0).In(d.loc) }

// monthEndLate returns 23:30 on the last day of the month that holds t.
func (d *days) monthEndLate(t int64) int64 {
	y, m, _ := d.time(t).Date()
	return time.Date(y, m+1, 1, 0, 0, 0, 0, d.loc).Unix() - 30*minute
}

// seasons weighs demand by month, January first: quiet in August and
// December, busy at quarter ends.
var seasons = [12]float64{0.9, 0.95, 1.1, 1.0, 1.0, 1.1, 0.85, 0.75, 1.05, 1.1, 1.15, 0.8}

// demand returns the running sums of how many records each day of the
// history gets, relative to the others: a 60% growth over the two years,
// the seasons, and quiet weekends. Today counts for the hours before
// Today's 17:00.
func (d *days) demand() []float64 {
	n := d.today - d.start + 1
	cum := make([]float64, n)
	sum := 0.0
	for k := range n {
		i := d.start + k
		w := 1 + 0.6*float64(k)/float64(n)
		w *= seasons[d.time(d.midnight[i]).Month()-1]
		if d.weekend(i) {
			w *= 0.1
		}
		if i == d.today {
			w *= 0.7
		}
		sum += w
		cum[k] = sum
	}
	return cum
}

// spread returns n instants of the history, sorted, the days drawn from
// the running sums cum (one per day from d.start) and stratified, so that
// every part of the curve gets its share even for small n.
func (g *generator) spread(n int, cum []float64) []int64 {
	out := make([]int64, n)
	total := cum[len(cum)-1]
	k := 0
	for i := range out {
		u := (float64(i) + g.rnd.Float64()) / float64(n) * total
		for k < len(cum)-1 && cum[k] <= u {
			k++
		}
		out[i] = g.workInstant(g.days.start + k)
	}
	slices.Sort(out)
	return out
}

// workInstant returns an instant of day i: mostly office hours, sometimes
// any hour (web sign-ups at night), never after Today.
func (g *generator) workInstant(i int) int64 {
	var sec int64
	if g.rnd.chance(0.8) {
		sec = g.rnd.int64Between(8*hour, 18*hour)
	} else {
		sec = g.rnd.Int64N(day)
	}
	t := g.days.at(i, sec)
	if t > g.days.now {
		t = g.days.now - g.rnd.Int64N(8*hour)
	}
	return t
}

// when returns an instant in [lo, hi], preferably on a weekday between
// the given hours; it falls back to any instant of the span when the
// span is too short for that.
func (g *generator) when(lo, hi int64, fromHour, toHour int64) int64 {
	if hi <= lo {
		return lo
	}
	d0, d1 := g.days.of(lo), g.days.of(hi)
	for try := range 3 {
		i := d0 + g.rnd.IntN(d1-d0+1)
		if try < 2 && g.days.weekend(i) && g.rnd.chance(0.85) {
			continue
		}
		t := g.days.at(i, g.rnd.int64Between(fromHour*hour, toHour*hour))
		if t >= lo && t <= hi {
			return t
		}
	}
	return g.rnd.int64Between(lo, hi)
}
