package sales

import (
	"encoding/json"
	"fmt"
	"iter"
	"strings"
	"time"
)

// Unit is the size of a bucket: a day, a week, a calendar month, quarter or
// year, or a fiscal quarter or year. Its text form is one of "day", "week",
// "month", "quarter", "year", "fiscal-quarter" and "fiscal-year". The zero
// value is not a unit: it prints as "unit(0)", MarshalText rejects it, and
// Calendar methods give nothing for it.
type Unit uint8

// The units, from the shortest to the longest of each kind.
const (
	// UnitDay is a local day, 23 or 25 hours long on a daylight-saving day.
	UnitDay Unit = iota + 1
	// UnitWeek is seven local days starting on the calendar's WeekStart.
	UnitWeek
	// UnitMonth is a calendar month.
	UnitMonth
	// UnitQuarter is a calendar quarter: January to March is the first.
	UnitQuarter
	// UnitYear is a calendar year.
	UnitYear
	// UnitFiscalQuarter is three months counted from the fiscal year start.
	UnitFiscalQuarter
	// UnitFiscalYear is twelve months from the calendar's FiscalYearStart.
	UnitFiscalYear
)

var unitNames = [...]string{
	"", "day", "week", "month", "quarter", "year", "fiscal-quarter", "fiscal-year",
}

// valid reports whether u is one of the declared units.
func (u Unit) valid() bool {
	return u >= UnitDay && u <= UnitFiscalYear
}

// String returns u's text form, such as "fiscal-quarter", or "unit(9)" for
// a value that is not a unit.
func (u Unit) String() string {
	if !u.valid() {
		return fmt.Sprintf("unit(%d)", uint8(u))
	}
	return unitNames[u]
}

// MarshalText encodes u as its text form. It returns an error for a value
// that is not a unit, the zero value included.
func (u Unit) MarshalText() ([]byte, error) {
	if !u.valid() {
		return nil, fmt.Errorf("sales: marshal unit: %s is not a unit", u)
	}
	return []byte(unitNames[u]), nil
}

// UnmarshalText decodes a text form written by MarshalText. On error u is
// left unchanged.
func (u *Unit) UnmarshalText(text []byte) error {
	v, err := ParseUnit(string(text))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// ParseUnit returns the unit whose text form is s, exactly as String
// writes it: "day", "week", "month", "quarter", "year", "fiscal-quarter" or
// "fiscal-year". Any other text, the empty string included, is an error.
func ParseUnit(s string) (Unit, error) {
	for u := UnitDay; u <= UnitFiscalYear; u++ {
		if unitNames[u] == s {
			return u, nil
		}
	}
	return 0, fmt.Errorf("sales: unknown unit %q", s)
}

// WeekStart is the first day of a week. The zero value is Monday, as in
// ISO 8601. Values above WeekStartSunday are invalid: Calendar.Validate
// reports them and the other methods read them as Monday.
type WeekStart uint8

// The days a week can start on.
const (
	WeekStartMonday WeekStart = iota
	WeekStartTuesday
	WeekStartWednesday
	WeekStartThursday
	WeekStartFriday
	WeekStartSaturday
	WeekStartSunday
)

// Weekday returns w as a time.Weekday; an invalid w gives time.Monday.
func (w WeekStart) Weekday() time.Weekday {
	if w > WeekStartSunday {
		return time.Monday
	}
	return time.Weekday((int(w) + 1) % 7)
}

// WeekStartOf returns the WeekStart of weekday d, the inverse of
// WeekStart.Weekday. A d outside time.Sunday..time.Saturday is taken
// modulo 7.
func WeekStartOf(d time.Weekday) WeekStart {
	day := (int(d)%7 + 7) % 7
	return WeekStart((day + 6) % 7)
}

// FiscalNaming says which calendar year names a fiscal year that does not
// start in January. A fiscal year from April 2024 to March 2025 is FY2024
// by its start year and FY2025 by its end year. With the zero value,
// FiscalNamingUnset, such a year is labelled "FY2024/25" and cannot be
// looked up by a single year. A fiscal year that starts in January is the
// calendar year and is named by it under every naming.
type FiscalNaming uint8

// The fiscal namings.
const (
	// FiscalNamingUnset names no year: labels show both years.
	FiscalNamingUnset FiscalNaming = iota
	// FiscalNamedByStartYear names a fiscal year by the year it starts in.
	FiscalNamedByStartYear
	// FiscalNamedByEndYear names a fiscal year by the year it ends in.
	FiscalNamedByEndYear
)

// Calendar says how time is cut into buckets: the first day of a week and
// the month a fiscal year starts in, with the way fiscal years are named.
// The zero value has ISO weeks starting on Monday and a fiscal year equal
// to the calendar year.
//
// Every bucket starts at the first instant of a local date, as Day
// describes: local midnight, or the instant the clocks jump into the date
// when they skip midnight, or the first of two midnights. Buckets are cut
// in a location (t's for Bucket, the period's for Buckets), so a day is 23
// or 25 hours on a daylight-saving day and no instant falls between two
// buckets.
//
// Validate, FiscalYear and ParsePeriod reject a Calendar with an invalid
// field; the other methods read such a field as its zero value.
type Calendar struct {
	// WeekStart is the first day of a week.
	WeekStart WeekStart `json:"week_start"`
	// FiscalYearStart is the month a fiscal year starts in; 0 means
	// January.
	FiscalYearStart time.Month `json:"fiscal_year_start,omitempty"`
	// FiscalNaming says which year names a fiscal year that does not
	// start in January.
	FiscalNaming FiscalNaming `json:"fiscal_naming,omitempty"`
}

// Validate returns an error when WeekStart is above WeekStartSunday,
// FiscalYearStart is outside 0..12 or FiscalNaming is not one of the
// declared namings.
func (c Calendar) Validate() error {
	if why := c.problem(); why != "" {
		return fmt.Errorf("sales: invalid calendar: %s", why)
	}
	return nil
}

// problem describes what Validate rejects in c, or returns "".
func (c Calendar) problem() string {
	switch {
	case c.WeekStart > WeekStartSunday:
		return fmt.Sprintf("week start %d out of range 0..6", c.WeekStart)
	case c.FiscalYearStart < 0 || c.FiscalYearStart > time.December:
		return fmt.Sprintf("fiscal year start %d out of range 0..12", int(c.FiscalYearStart))
	case c.FiscalNaming > FiscalNamedByEndYear:
		return fmt.Sprintf("fiscal naming %d unknown", c.FiscalNaming)
	}
	return ""
}

// fiscalStart returns the month fiscal years start in, January for an
// unset or invalid FiscalYearStart.
func (c Calendar) fiscalStart() time.Month {
	if c.FiscalYearStart < time.January || c.FiscalYearStart > time.December {
		return time.January
	}
	return c.FiscalYearStart
}

// naming returns c.FiscalNaming, or FiscalNamingUnset when it is invalid.
func (c Calendar) naming() FiscalNaming {
	if c.FiscalNaming > FiscalNamedByEndYear {
		return FiscalNamingUnset
	}
	return c.FiscalNaming
}

// Bucket returns the bucket of unit u that holds t, cut in t's location:
// Bucket(u, t).Contains(t) always holds. Bucket gives the zero Period for
// an invalid u.
func (c Calendar) Bucket(u Unit, t time.Time) Period {
	_, p := c.bucketAt(u, t)
	return p
}

// Week returns the week that holds t, in t's location; it is
// Bucket(UnitWeek, t).
func (c Calendar) Week(t time.Time) Period {
	return c.Bucket(UnitWeek, t)
}

// bucketAt returns the bucket of u holding t and the date it starts on.
func (c Calendar) bucketAt(u Unit, t time.Time) (civil, Period) {
	if !u.valid() {
		return civil{}, Period{}
	}
	loc := t.Location()
	d := c.floor(u, civilOf(t))
	p := civilSpan(d, c.next(u, d), loc)

	// Where the clocks fall back across midnight (America/St_Johns until
	// 2011), the date t shows may belong to the bucket before or after.
	for range 3 {
		switch {
		case t.Before(p.Start):
			d = c.floor(u, d.addDays(-1))
		case !t.Before(p.End):
			d = c.next(u, d)
		default:
			return d, p
		}
		p = civilSpan(d, c.next(u, d), loc)
	}
	return d, p
}

// floor returns the first date of the bucket of u that holds date d.
func (c Calendar) floor(u Unit, d civil) civil {
	first := civil{year: d.year, month: d.month, day: 1}
	switch u {
	case UnitWeek:
		back := (int(d.weekday()) - int(c.WeekStart.Weekday()) + 7) % 7
		return d.addDays(-back)
	case UnitMonth:
		return first
	case UnitQuarter:
		return first.addMonths(-((int(d.month) - 1) % 3))
	case UnitYear:
		return first.addMonths(1 - int(d.month))
	case UnitFiscalQuarter:
		return first.addMonths(-(c.monthsIntoFiscalYear(d.month) % 3))
	case UnitFiscalYear:
		return first.addMonths(-c.monthsIntoFiscalYear(d.month))
	}
	return d
}

// next returns the first date of the bucket of u after the one that
// starts on date d.
func (c Calendar) next(u Unit, d civil) civil {
	switch u {
	case UnitDay:
		return d.addDays(1)
	case UnitWeek:
		return d.addDays(7)
	case UnitMonth:
		return d.addMonths(1)
	case UnitQuarter, UnitFiscalQuarter:
		return d.addMonths(3)
	}
	return d.addMonths(12)
}

// monthsIntoFiscalYear returns how many months of the fiscal year have
// passed when month m starts, 0..11.
func (c Calendar) monthsIntoFiscalYear(m time.Month) int {
	return (int(m) - int(c.fiscalStart()) + 12) % 12
}

// Buckets cuts p into consecutive buckets of unit u, in p's location. The
// first bucket starts at p.Start and the last ends at p.End, clipped from
// the whole buckets that hold them, so the buckets partition p exactly:
// each ends where the next starts and none is empty. A date the location
// skips entirely (Pacific/Apia 2011-12-30) has no day bucket.
//
// An empty p, a p whose End is before its Start, the zero Period and an
// invalid u give no buckets. The time and memory taken grow with the
// number of buckets.
func (c Calendar) Buckets(u Unit, p Period) Buckets {
	b := Buckets{unit: u, cal: c}
	loc := p.Location()
	end := p.End.In(loc)
	if !u.valid() || !p.Start.Before(end) {
		return b
	}

	d, first := c.bucketAt(u, p.Start)
	b.bounds = append(make([]time.Time, 0, estimateBuckets(u, p)+1), p.Start)
	for at := first.End; at.Before(end); {
		if at.After(b.bounds[len(b.bounds)-1]) {
			b.bounds = append(b.bounds, at)
		}
		d = c.next(u, d)
		at = dayStart(c.next(u, d), loc)
	}
	b.bounds = append(b.bounds, end)
	return b
}

// estimateBuckets guesses how many buckets of u cover p, to size the
// boundaries once; a wrong guess costs only a reallocation.
func estimateBuckets(u Unit, p Period) int {
	days := int(p.Duration()/(24*time.Hour)) + 2
	switch u {
	case UnitDay:
		return days
	case UnitWeek:
		return days/7 + 2
	case UnitMonth:
		return days/28 + 2
	case UnitQuarter, UnitFiscalQuarter:
		return days/90 + 2
	}
	return days/365 + 2
}

// FiscalYear returns the fiscal year called name, in loc (nil means UTC).
// With FiscalNamedByStartYear FY2024 starts in 2024; with
// FiscalNamedByEndYear FY2025 is the one that ends in 2025. When fiscal
// years start in January the name is the calendar year whatever the
// naming. FiscalYear returns an error when c is invalid, and when the
// naming is unset and fiscal years do not start in January, since the
// name is then ambiguous.
func (c Calendar) FiscalYear(name int, loc *time.Location) (Period, error) {
	if err := c.Validate(); err != nil {
		return Period{}, err
	}
	first, err := c.fiscalFirstYear(name)
	if err != nil {
		return Period{}, fmt.Errorf("sales: %w", err)
	}
	return c.fiscalYearFrom(first, orUTC(loc)), nil
}

// fiscalFirstYear returns the calendar year in which the fiscal year
// called name starts. Its error has no "sales: " prefix; callers add it.
func (c Calendar) fiscalFirstYear(name int) (int, error) {
	switch {
	case c.fiscalStart() == time.January, c.naming() == FiscalNamedByStartYear:
		return name, nil
	case c.naming() == FiscalNamedByEndYear:
		return name - 1, nil
	}
	const format = "fiscal year %d is ambiguous: years start in %s and fiscal naming is unset"
	return 0, fmt.Errorf(format, name, c.fiscalStart())
}

// fiscalYearFrom returns the fiscal year that starts in calendar year
// first.
func (c Calendar) fiscalYearFrom(first int, loc *time.Location) Period {
	d := civil{year: first, month: c.fiscalStart(), day: 1}
	return civilSpan(d, d.addMonths(12), loc)
}

// fiscalName returns the label of the fiscal year that starts in calendar
// year first: "FY2024", or "FY2024/25" when the naming is unset and the
// year does not start in January.
func (c Calendar) fiscalName(first int) string {
	switch {
	case c.fiscalStart() == time.January, c.naming() == FiscalNamedByStartYear:
		return fmt.Sprintf("FY%04d", first)
	case c.naming() == FiscalNamedByEndYear:
		return fmt.Sprintf("FY%04d", first+1)
	}
	return fmt.Sprintf("FY%04d/%02d", first, ((first+1)%100+100)%100)
}

// Label returns the label of the bucket of unit u that holds b.Start, in
// b's location, so a clipped first bucket is labelled as its whole
// bucket. The labels are, by unit:
//
//	day             2024-03-05
//	week            2024-W05
//	month           2024-03
//	quarter         2024-Q1
//	year            2024
//	fiscal-quarter  FY2025-Q1, or FY2024/25-Q1 when the naming is unset
//	fiscal-year     FY2025, or FY2024/25 when the naming is unset
//
// Weeks are numbered as in ISO 8601, whatever the first day of the week:
// a week belongs to the year that holds its fourth day (Thursday for weeks
// from Monday, Wednesday for weeks from Sunday), and week 1 is the week
// that holds January 4. For Monday weeks this is exactly the ISO week
// date; for other first days it is the same rule moved with the week, so
// every label names one week and every week has one label. ParsePeriod
// reads every label back. Label returns "" for an invalid u.
func (c Calendar) Label(u Unit, b Period) string {
	if !u.valid() {
		return ""
	}
	d, _ := c.bucketAt(u, b.Start)
	switch u {
	case UnitDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
	case UnitWeek:
		year, week := c.weekNumber(d)
		return fmt.Sprintf("%04d-W%02d", year, week)
	case UnitMonth:
		return fmt.Sprintf("%04d-%02d", d.year, d.month)
	case UnitQuarter:
		return fmt.Sprintf("%04d-Q%d", d.year, (d.month+2)/3)
	case UnitYear:
		return fmt.Sprintf("%04d", d.year)
	}
	into := c.monthsIntoFiscalYear(d.month)
	name := c.fiscalName(d.addMonths(-into).year)
	if u == UnitFiscalQuarter {
		return fmt.Sprintf("%s-Q%d", name, into/3+1)
	}
	return name
}

// weekNumber returns the week-numbering year and the week number of the
// week that starts on date d.
func (c Calendar) weekNumber(d civil) (year, week int) {
	year = d.addDays(3).year
	first := c.firstWeek(year)
	return year, first.daysUntil(d)/7 + 1
}

// firstWeek returns the first date of week 1 of the week-numbering year.
func (c Calendar) firstWeek(year int) civil {
	return c.floor(UnitWeek, civil{year: year, month: time.January, day: 4})
}

// Buckets is a period cut into consecutive buckets of one unit by
// Calendar.Buckets. Its buckets partition the period: the first starts at
// the period's Start, each ends where the next starts, and the last ends
// at the period's End. The zero value has no buckets.
type Buckets struct {
	unit   Unit
	cal    Calendar
	bounds []time.Time // bucket i is [bounds[i], bounds[i+1])
}

// Len returns the number of buckets.
func (b Buckets) Len() int {
	return max(len(b.bounds)-1, 0)
}

// Unit returns the unit the buckets were cut by.
func (b Buckets) Unit() Unit {
	return b.unit
}

// Period returns bucket i, or the zero Period when i is outside
// 0..Len()-1.
func (b Buckets) Period(i int) Period {
	if i < 0 || i >= b.Len() {
		return Period{}
	}
	return Period{Start: b.bounds[i], End: b.bounds[i+1]}
}

// Index returns the index of the bucket that holds t, or -1 when t is
// outside the cut period. It searches the boundaries by bisection, in
// O(log Len()) time, and allocates nothing.
func (b Buckets) Index(t time.Time) int {
	n := b.Len()
	if n == 0 || t.Before(b.bounds[0]) || !t.Before(b.bounds[n]) {
		return -1
	}
	lo, hi := 0, n // bounds[lo] <= t < bounds[hi]
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if t.Before(b.bounds[mid]) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return lo
}

// All returns an iterator over the buckets in time order, with their
// indexes.
func (b Buckets) All() iter.Seq2[int, Period] {
	return func(yield func(int, Period) bool) {
		for i := range b.Len() {
			if !yield(i, b.Period(i)) {
				return
			}
		}
	}
}

// bucketJSON is the JSON form of one bucket.
type bucketJSON struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Label string    `json:"label"`
}

// bucketsJSON is the JSON form of Buckets.
type bucketsJSON struct {
	Unit     Unit         `json:"unit"`
	Calendar Calendar     `json:"calendar"`
	Periods  []bucketJSON `json:"periods"`
}

// MarshalJSON encodes b as an object with its "unit", its "calendar" and
// its "periods": an array of objects with each bucket's "start" and "end"
// in RFC 3339 and its "label" from Calendar.Label, in time order, [] when
// there are none. For example, the first month of 2024 in UTC is
//
//	{"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z","label":"2024-01"}
func (b Buckets) MarshalJSON() ([]byte, error) {
	out := bucketsJSON{Unit: b.unit, Calendar: b.cal, Periods: make([]bucketJSON, 0, b.Len())}
	if b.Len() == 0 {
		out.Unit = UnitDay // the zero Buckets has no unit, which does not marshal
	}
	for _, p := range b.All() {
		out.Periods = append(out.Periods,
			bucketJSON{Start: p.Start, End: p.End, Label: b.cal.Label(b.unit, p)})
	}
	return json.Marshal(out)
}

// UnmarshalJSON decodes buckets written by MarshalJSON. It fails when the
// periods do not follow one another without a gap, or the calendar or
// unit is invalid.
func (b *Buckets) UnmarshalJSON(data []byte) error {
	var in bucketsJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	if err := in.Calendar.Validate(); err != nil {
		return err
	}
	out := Buckets{unit: in.Unit, cal: in.Calendar}
	for i, p := range in.Periods {
		switch {
		case !p.Start.Before(p.End):
			return fmt.Errorf("sales: buckets: period %d is empty or reversed", i)
		case i > 0 && !p.Start.Equal(in.Periods[i-1].End):
			return fmt.Errorf("sales: buckets: period %d does not start where %d ends", i, i-1)
		case i == 0:
			out.bounds = append(out.bounds, p.Start)
		}
		out.bounds = append(out.bounds, p.End)
	}
	*b = out
	return nil
}

// MarshalText encodes w as its weekday's name in lower case, "monday" to
// "sunday".
func (w WeekStart) MarshalText() ([]byte, error) {
	if w > WeekStartSunday {
		return nil, fmt.Errorf("sales: week start %d out of range", uint8(w))
	}
	return []byte(strings.ToLower(w.Weekday().String())), nil
}

// UnmarshalText decodes a weekday's name, in any case.
func (w *WeekStart) UnmarshalText(b []byte) error {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(d.String(), string(b)) {
			*w = WeekStartOf(d)
			return nil
		}
	}
	return fmt.Errorf("sales: week start %q is not a weekday", b)
}

var fiscalNamingNames = []string{"unset", "start_year", "end_year"}

// MarshalText encodes n as "unset", "start_year" or "end_year".
func (n FiscalNaming) MarshalText() ([]byte, error) {
	if int(n) >= len(fiscalNamingNames) {
		return nil, fmt.Errorf("sales: fiscal naming %d out of range", uint8(n))
	}
	return []byte(fiscalNamingNames[n]), nil
}

// UnmarshalText decodes a name written by MarshalText; the empty text is
// FiscalNamingUnset.
func (n *FiscalNaming) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*n = FiscalNamingUnset
		return nil
	}
	for i, name := range fiscalNamingNames {
		if name == string(b) {
			*n = FiscalNaming(i)
			return nil
		}
	}
	return fmt.Errorf("sales: fiscal naming %q is not one of %v", b, fiscalNamingNames)
}
