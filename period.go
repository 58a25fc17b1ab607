package sales

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Period is a half-open span of time [Start, End): it holds Start and every
// instant before End, but not End. An empty period has End equal to Start.
//
// A period is read in Start's location: its days, months and labels are
// those of Start.Location(), and End is compared as an instant whatever its
// own location. NewPeriod converts End to that location; a Period written
// as a literal may skip NewPeriod, and then one whose End is before its
// Start holds no instant and cuts into no buckets.
//
// The zero Period is empty, in UTC, and IsZero reports it.
type Period struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// NewPeriod returns the period [start, end) read in start's location: End
// is end.In(start.Location()). An end equal to start gives an empty period.
// NewPeriod returns an error when either instant is zero or when end is
// before start.
func NewPeriod(start, end time.Time) (Period, error) {
	switch {
	case start.IsZero():
		return Period{}, errors.New("sales: new period: start is the zero time")
	case end.IsZero():
		return Period{}, errors.New("sales: new period: end is the zero time")
	case end.Before(start):
		return Period{}, fmt.Errorf("sales: new period: end %s is before start %s",
			end.Format(time.RFC3339Nano), start.Format(time.RFC3339Nano))
	}
	return Period{Start: start, End: end.In(start.Location())}, nil
}

// Contains reports whether t is in p: Start <= t < End. An empty period
// contains nothing.
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.Start) && t.Before(p.End)
}

// Location returns the location p is read in, Start.Location(). It is UTC
// for the zero Period.
func (p Period) Location() *time.Location {
	return p.Start.Location()
}

// IsZero reports whether both Start and End are the zero time.
func (p Period) IsZero() bool {
	return p.Start.IsZero() && p.End.IsZero()
}

// Duration returns End minus Start as elapsed time, so a month holding a
// daylight-saving change lasts an hour more or less than its days times
// 24 hours. Like time.Time.Sub, it saturates for spans over about 292
// years.
func (p Period) Duration() time.Duration {
	return p.End.Sub(p.Start)
}

// String formats p as "[start, end)" with both ends in RFC 3339 in p's
// location, for example
// "[2024-03-01T00:00:00+01:00, 2024-04-01T00:00:00+02:00)".
func (p Period) String() string {
	loc := p.Location()
	return "[" + p.Start.Format(time.RFC3339Nano) + ", " +
		p.End.In(loc).Format(time.RFC3339Nano) + ")"
}

// Previous returns the span of equal calendar length that ends where p
// starts, so Previous().End is p.Start. Its start is found by the first
// rule that applies, in p's location:
//
//   - Start and End both begin the first day of a month: Start moves back
//     by the number of whole months between them (the previous month,
//     quarter or year, whatever the months' lengths).
//   - Start and End both begin a day: Start moves back by the number of
//     calendar days between them, so the week before a week still starts
//     at midnight when either holds a daylight-saving change (that week
//     lasts 167 or 169 hours).
//   - Otherwise Start moves back by p.Duration() of elapsed time.
//
// A day begins at its first instant, as Day builds it. The Previous of an
// empty period is itself.
func (p Period) Previous() Period {
	loc := p.Location()
	start, end := p.Start, p.End.In(loc)
	from, to := civilOf(start), civilOf(end)
	if !isDayStart(start, loc) || !isDayStart(end, loc) {
		return Period{Start: start.Add(-p.Duration()), End: start}
	}
	if from.day == 1 && to.day == 1 {
		months := from.monthsUntil(to)
		return Period{Start: dayStart(from.addMonths(-months), loc), End: start}
	}
	days := from.daysUntil(to)
	return Period{Start: dayStart(from.addDays(-days), loc), End: start}
}

// LastYear returns p moved back one calendar year: each end keeps its
// local date and clock time, one year earlier, in p's location. February 29
// becomes February 28 rather than March 1, so LastYear of the day
// 2024-02-29 is the day 2023-02-28, while the day 2024-02-28, which ends
// where February 29 starts, becomes an empty period on 2023-02-28. Every
// instant moves by the same rule, so when p's ends begin days, the
// LastYears of its buckets still partition LastYear(p) and nothing is
// counted twice.
//
// An end at the first instant of a day moves to the first instant of the
// matching day; any other clock time that does not exist a year earlier
// (a daylight-saving gap) is normalised as time.Date does. Should this put
// End before Start, which only a span inside February 28–29 or inside a
// daylight-saving change can do, End is set to Start. The zero Period
// gives the zero Period.
func (p Period) LastYear() Period {
	if p.IsZero() {
		return p
	}
	loc := p.Location()
	start := yearBefore(p.Start, loc)
	end := yearBefore(p.End.In(loc), loc)
	if end.Before(start) {
		end = start
	}
	return Period{Start: start, End: end}
}

// Until returns the part of p before t: p with its end moved back to t
// when t falls inside p, the empty period at p's start when t is at or
// before it, and p whole when t is at or after its end. It is how a
// report over a period still in progress is asked to stop at the instant
// it is seen from.
func (p Period) Until(t time.Time) Period {
	switch {
	case !t.After(p.Start):
		p.End = p.Start
	case t.Before(p.End):
		p.End = t
	}
	return p
}

// yearBefore returns t's local date and clock one year earlier, with
// February 29 clamped to February 28.
func yearBefore(t time.Time, loc *time.Location) time.Time {
	c := civilOf(t)
	prev := civil{year: c.year - 1, month: c.month, day: c.day}
	if c.month == time.February && c.day == 29 {
		prev.day = 28
	}
	if isDayStart(t, loc) {
		return dayStart(prev, loc)
	}
	h, m, s := t.Clock()
	return time.Date(prev.year, prev.month, prev.day, h, m, s, t.Nanosecond(), loc)
}

// Day returns the local day year-month-day in loc, from its first instant
// to the first instant of the next day: 24 hours on most days, 23 or 25 on
// a daylight-saving day. A nil loc means UTC. Out-of-range values are
// normalised as time.Date does, so February 30 is March 1 or 2.
//
// A day starts at local midnight or, where the clocks skip midnight
// (America/Santiago, America/Havana), at the instant they jump into the
// day; where midnight happens twice, at the first. A date the location
// skips entirely, such as 2011-12-30 in Pacific/Apia, gives an empty
// period.
func Day(year int, month time.Month, day int, loc *time.Location) Period {
	d := makeCivil(year, month, day)
	return civilSpan(d, d.addDays(1), orUTC(loc))
}

// Month returns the calendar month in loc, from the start of its first day
// to the start of the next month's first day. A nil loc means UTC; a month
// outside 1..12 is normalised as time.Date does (month 13 is January of
// the next year).
func Month(year int, month time.Month, loc *time.Location) Period {
	d := makeCivil(year, month, 1)
	return civilSpan(d, d.addMonths(1), orUTC(loc))
}

// Quarter returns the calendar quarter in loc: quarter 1 is January to
// March, 2 April to June, 3 July to September and 4 October to December.
// A nil loc means UTC.
//
// Quarter panics with "sales: quarter 5 out of range 1..4" (with the
// number given) for a quarter outside 1..4, a contradictory argument that
// no data can cause. ParsePeriod returns an error for the same mistake.
func Quarter(year, quarter int, loc *time.Location) Period {
	if quarter < 1 || quarter > 4 {
		panic(fmt.Sprintf("sales: quarter %d out of range 1..4", quarter))
	}
	d := civil{year: year, month: time.Month(3*quarter - 2), day: 1}
	return civilSpan(d, d.addMonths(3), orUTC(loc))
}

// Year returns the calendar year in loc, from the start of January 1 to
// the start of the next January 1. A nil loc means UTC.
func Year(year int, loc *time.Location) Period {
	d := civil{year: year, month: time.January, day: 1}
	return civilSpan(d, d.addMonths(12), orUTC(loc))
}

// orUTC returns loc, or UTC when loc is nil.
func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// civil is a date on a wall calendar, with no location.
type civil struct {
	year  int
	month time.Month
	day   int
}

// civilOf returns the date t shows in its own location.
func civilOf(t time.Time) civil {
	y, m, d := t.Date()
	return civil{year: y, month: m, day: d}
}

// makeCivil returns the date of the given fields, normalised as time.Date
// does. UTC serves only as a calendar here: it has no daylight saving.
func makeCivil(year int, month time.Month, day int) civil {
	return civilOf(time.Date(year, month, day, 12, 0, 0, 0, time.UTC))
}

// addDays returns the date n days after c (before it for a negative n).
func (c civil) addDays(n int) civil {
	return makeCivil(c.year, c.month, c.day+n)
}

// addMonths returns the date n months after c. It is only used on the
// first day of a month, where no month-end normalisation can happen.
func (c civil) addMonths(n int) civil {
	return makeCivil(c.year, c.month+time.Month(n), c.day)
}

// weekday returns the day of the week of c.
func (c civil) weekday() time.Weekday {
	return time.Date(c.year, c.month, c.day, 12, 0, 0, 0, time.UTC).Weekday()
}

// daysUntil returns the number of calendar days from c to o, negative when
// o is before c. It counts in Unix seconds of UTC noons, which are exactly
// 86,400 apart, so it neither overflows nor meets daylight saving.
func (c civil) daysUntil(o civil) int {
	a := time.Date(c.year, c.month, c.day, 12, 0, 0, 0, time.UTC).Unix()
	b := time.Date(o.year, o.month, o.day, 12, 0, 0, 0, time.UTC).Unix()
	return int((b - a) / 86400)
}

// monthsUntil returns the number of months from c's month to o's month.
func (c civil) monthsUntil(o civil) int {
	return (o.year-c.year)*12 + int(o.month) - int(c.month)
}

// civilSpan returns the period from the first instant of date from to the
// first instant of date to, in loc.
func civilSpan(from, to civil, loc *time.Location) Period {
	return Period{Start: dayStart(from, loc), End: dayStart(to, loc)}
}

// isDayStart reports whether t is the first instant of its local day in
// loc.
func isDayStart(t time.Time, loc *time.Location) bool {
	t = t.In(loc)
	return t.Equal(dayStart(civilOf(t), loc))
}

// dayStart returns the first instant of date c in loc: the first instant
// the wall clock reads midnight of c or, when the clocks skip that
// midnight, the instant they jump into c. Every bucket boundary comes from
// here, so that no instant falls between two buckets.
//
// time.Date alone is not enough: for a skipped midnight it may return an
// instant of the day before (America/Santiago) or one after the jump, and
// for a midnight that happens twice it may return the second
// (Asia/Amman).
func dayStart(c civil, loc *time.Location) time.Time {
	t := time.Date(c.year, c.month, c.day, 0, 0, 0, 0, loc)
	if !isMidnightOf(t, c) {
		// Midnight was skipped: the day starts at the jump, after t when t
		// shows the day before, else at or before t.
		edge := offsetChangeUpTo(t)
		if civilOf(t).before(c) {
			edge = offsetChangeAfter(t)
		}
		if edge.IsZero() {
			return t
		}
		return edge
	}

	// When the clocks fell back across midnight, the offset before the
	// last change may have read midnight first.
	change := offsetChangeUpTo(t)
	if change.IsZero() {
		return t
	}
	_, offset := change.Add(-time.Nanosecond).Zone()
	wall := time.Date(c.year, c.month, c.day, 0, 0, 0, 0, time.UTC)
	earlier := wall.Add(-time.Duration(offset) * time.Second).In(loc)
	if earlier.Before(t) && isMidnightOf(earlier, c) {
		return earlier
	}
	return t
}

// offsetSearch bounds the search for a change of UTC offset around a day
// boundary: no day has ever been shifted by more than this.
const offsetSearch = 48 * time.Hour

// offsetChangeUpTo returns the last instant at or before t at which the
// UTC offset of t's location changed, or the zero Time if it did not
// change within offsetSearch. It steps over zone boundaries that keep the
// offset, such as a new zone abbreviation or the yearly bounds that
// time.Time.ZoneBounds reports past the end of the zone tables.
func offsetChangeUpTo(t time.Time) time.Time {
	_, offset := t.Zone()
	at := t
	for range 8 {
		start, _ := at.ZoneBounds()
		if start.IsZero() || t.Sub(start) > offsetSearch {
			return time.Time{}
		}
		before := start.Add(-time.Nanosecond)
		if _, o := before.Zone(); o != offset {
			return start
		}
		at = before
	}
	return time.Time{}
}

// offsetChangeAfter returns the first instant after t at which the UTC
// offset of t's location changes, or the zero Time if it does not change
// within offsetSearch. Like offsetChangeUpTo it steps over boundaries that
// keep the offset, including a reported end equal to the instant asked
// about.
func offsetChangeAfter(t time.Time) time.Time {
	_, offset := t.Zone()
	at := t
	for range 8 {
		_, end := at.ZoneBounds()
		if end.IsZero() || end.Sub(t) > offsetSearch {
			return time.Time{}
		}
		if !end.After(at) {
			end = at.Add(time.Nanosecond)
		}
		if _, o := end.Zone(); o != offset {
			return end
		}
		at = end
	}
	return time.Time{}
}

// isMidnightOf reports whether t's wall clock reads 00:00:00 on date c.
func isMidnightOf(t time.Time, c civil) bool {
	h, m, s := t.Clock()
	return civilOf(t) == c && h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0
}

// before reports whether c is an earlier date than o.
func (c civil) before(o civil) bool {
	if c.year != o.year {
		return c.year < o.year
	}
	if c.month != o.month {
		return c.month < o.month
	}
	return c.day < o.day
}

// ParsePeriod parses s as a period in loc (nil means UTC), with weeks and
// fiscal years cut by c. It accepts these forms, which include every label
// Calendar.Label writes:
//
//	2024                    the calendar year
//	2024-Q1                 the calendar quarter, Q1 to Q4
//	2024-03                 the month
//	2024-03-05              the day
//	2024-W05                the week, numbered as Calendar.Label describes
//	FY2025, FY2025-Q1       the fiscal year called 2025 by c's naming, or
//	                        its fiscal quarter
//	FY2024/25, FY2024/25-Q1 the fiscal year that starts in 2024 and ends in
//	                        2025, or its fiscal quarter
//	2024-01-01..2024-04-01  from the start of the first date to the start
//	                        of the second: March 31 is the last day held
//
// Letters may be written in either case (2024-q1, fy2025), and spaces
// around s are ignored. Years have four digits, and months, days and weeks
// two. A date that does
// not exist, such as 2023-02-29, is an error rather than being normalised.
// "FY2025" is an error when c's naming is unset and its fiscal years do
// not start in January, as is "FY2024/25" when they do. A range whose end
// is before its start is an error; equal dates give an empty period.
//
// Errors start with "sales: parse period" and quote s. An invalid c is an
// error whatever s is.
func ParsePeriod(s string, c Calendar, loc *time.Location) (Period, error) {
	p, err := parsePeriod(strings.ToUpper(strings.TrimSpace(s)), c, orUTC(loc))
	if err != nil {
		return Period{}, fmt.Errorf("sales: parse period %q: %w", s, err)
	}
	return p, nil
}

// ParseInstant reads s as a date, YYYY-MM-DD, meaning the start of that
// day in loc (midnight, or the instant the clocks jump into the day where
// they skip midnight), or as an RFC 3339 instant, returned in loc. A date
// that does not exist, such as 2023-02-29, is an error, as is the zero
// time. Errors start with "sales: parse instant" and quote s.
func ParseInstant(s string, loc *time.Location) (time.Time, error) {
	loc = orUTC(loc)
	s = strings.TrimSpace(s)
	if d, err := time.Parse(time.DateOnly, s); err == nil && !d.IsZero() {
		return Day(d.Year(), d.Month(), d.Day(), loc).Start, nil
	} else if err == nil {
		return time.Time{}, fmt.Errorf("sales: parse instant %q: the zero time", s)
	} else if len(s) == len(time.DateOnly) && !strings.ContainsAny(s, "T:") {
		return time.Time{}, fmt.Errorf("sales: parse instant %q: no such date", s)
	}
	t, err := time.Parse(time.RFC3339, s)
	switch {
	case err != nil:
		return time.Time{}, fmt.Errorf("sales: parse instant %q: neither YYYY-MM-DD nor RFC 3339", s)
	case t.IsZero():
		return time.Time{}, fmt.Errorf("sales: parse instant %q: the zero time", s)
	}
	return t.In(loc), nil
}

// parsePeriod does the work of ParsePeriod; its errors say what is wrong
// without the prefix and the input.
func parsePeriod(s string, c Calendar, loc *time.Location) (Period, error) {
	if why := c.problem(); why != "" {
		return Period{}, errors.New("invalid calendar: " + why)
	}
	if from, to, ok := strings.Cut(s, ".."); ok {
		return parseRange(from, to, loc)
	}
	if name, ok := strings.CutPrefix(s, "FY"); ok {
		return parseFiscal(name, c, loc)
	}
	year, ok := digits(s[:min(len(s), 4)], 4)
	switch {
	case !ok:
	case len(s) == 4:
		return Year(year, loc), nil
	case len(s) == 7 && s[4:6] == "-Q":
		return parseQuarter(year, s[6:], loc)
	case len(s) == 8 && s[4:6] == "-W":
		return c.parseWeek(year, s[6:], loc)
	case len(s) == 7 && s[4] == '-':
		return parseMonth(year, s[5:], loc)
	case len(s) == 10:
		d, err := parseDate(s)
		return civilSpan(d, d.addDays(1), loc), err
	}
	return Period{}, errors.New("want a form such as 2024, 2024-Q1, 2024-03, 2024-03-05, " +
		"2024-W05, FY2025 or 2024-01-01..2024-04-01")
}

// digits returns the number written by s when s is exactly n ASCII
// digits.
func digits(s string, n int) (int, bool) {
	if len(s) != n {
		return 0, false
	}
	v := 0
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		v = 10*v + int(s[i]-'0')
	}
	return v, true
}

// parseQuarter reads the quarter number q of "2024-Q1".
func parseQuarter(year int, q string, loc *time.Location) (Period, error) {
	n, ok := digits(q, 1)
	if !ok || n < 1 || n > 4 {
		return Period{}, fmt.Errorf("quarter %q out of range 1..4", q)
	}
	return Quarter(year, n, loc), nil
}

// parseMonth reads the month mm of "2024-03".
func parseMonth(year int, mm string, loc *time.Location) (Period, error) {
	n, ok := digits(mm, 2)
	if !ok || n < 1 || n > 12 {
		return Period{}, fmt.Errorf("month %q out of range 01..12", mm)
	}
	return Month(year, time.Month(n), loc), nil
}

// parseWeek reads the week number ww of "2024-W05".
func (c Calendar) parseWeek(year int, ww string, loc *time.Location) (Period, error) {
	first := c.firstWeek(year)
	weeks := first.daysUntil(c.firstWeek(year+1)) / 7
	n, ok := digits(ww, 2)
	if !ok || n < 1 || n > weeks {
		return Period{}, fmt.Errorf("week %q out of range 01..%d for %04d", ww, weeks, year)
	}
	d := first.addDays(7 * (n - 1))
	return civilSpan(d, d.addDays(7), loc), nil
}

// parseDate reads a date written "2024-03-05" and checks that it exists.
func parseDate(s string) (civil, error) {
	y, okY := digits(s[:min(len(s), 4)], 4)
	m, okM := digits(s[min(len(s), 5):min(len(s), 7)], 2)
	d, okD := digits(s[min(len(s), 8):], 2)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !okY || !okM || !okD {
		return civil{}, fmt.Errorf("date %q is not written 2024-03-05", s)
	}
	c := civil{year: y, month: time.Month(m), day: d}
	if makeCivil(y, time.Month(m), d) != c {
		return civil{}, fmt.Errorf("date %q does not exist", s)
	}
	return c, nil
}

// parseRange reads the two dates of "2024-01-01..2024-04-01".
func parseRange(from, to string, loc *time.Location) (Period, error) {
	start, err := parseDate(from)
	if err != nil {
		return Period{}, err
	}
	end, err := parseDate(to)
	if err != nil {
		return Period{}, err
	}
	if end.before(start) {
		return Period{}, fmt.Errorf("range end %s is before start %s", to, from)
	}
	return civilSpan(start, end, loc), nil
}

// parseFiscal reads what follows "FY": "2025", "2024/25", and either with
// a quarter suffix "-Q1".
func parseFiscal(s string, c Calendar, loc *time.Location) (Period, error) {
	name, quarter, hasQuarter := strings.Cut(s, "-Q")
	first, err := c.parseFiscalName(name)
	if err != nil {
		return Period{}, err
	}
	if !hasQuarter {
		return c.fiscalYearFrom(first, loc), nil
	}
	n, ok := digits(quarter, 1)
	if !ok || n < 1 || n > 4 {
		return Period{}, fmt.Errorf("fiscal quarter %q out of range 1..4", quarter)
	}
	d := civil{year: first, month: c.fiscalStart(), day: 1}.addMonths(3 * (n - 1))
	return civilSpan(d, d.addMonths(3), loc), nil
}

// parseFiscalName returns the calendar year in which the fiscal year
// called "2025" or "2024/25" starts.
func (c Calendar) parseFiscalName(s string) (int, error) {
	if year, ok := digits(s, 4); ok {
		return c.fiscalFirstYear(year)
	}
	first, okFirst := digits(s[:min(len(s), 4)], 4)
	second, okSecond := digits(s[min(len(s), 5):], 2)
	switch {
	case len(s) != 7 || s[4] != '/' || !okFirst || !okSecond:
		return 0, fmt.Errorf("fiscal year %q is not written 2025 or 2024/25", s)
	case c.fiscalStart() == time.January:
		return 0, fmt.Errorf("fiscal year %q spans two years, but fiscal years start in January", s)
	case second != (first+1)%100:
		return 0, fmt.Errorf("fiscal year %q does not end the year after it starts", s)
	}
	return first, nil
}
