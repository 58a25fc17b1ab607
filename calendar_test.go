package sales

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestUnit_String(t *testing.T) {
	tests := []struct {
		u    Unit
		want string
	}{
		{0, "unit(0)"},
		{UnitDay, "day"},
		{UnitWeek, "week"},
		{UnitMonth, "month"},
		{UnitQuarter, "quarter"},
		{UnitYear, "year"},
		{UnitFiscalQuarter, "fiscal-quarter"},
		{UnitFiscalYear, "fiscal-year"},
		{8, "unit(8)"},
	}
	for _, tt := range tests {
		if got := tt.u.String(); got != tt.want {
			t.Errorf("Unit(%d).String() = %q, want %q", uint8(tt.u), got, tt.want)
		}
	}
}

func TestParseUnit(t *testing.T) {
	for u := UnitDay; u <= UnitFiscalYear; u++ {
		if got, err := ParseUnit(u.String()); got != u || err != nil {
			t.Errorf("ParseUnit(%q) = %v, %v, want %v, nil", u.String(), got, err, u)
		}
	}
	for _, s := range []string{"", "Day", "days", "unit(0)", "fiscal_year"} {
		got, err := ParseUnit(s)
		want := fmt.Sprintf("sales: unknown unit %q", s)
		if got != 0 || err == nil || err.Error() != want {
			t.Errorf("ParseUnit(%q) = %v, %v, want unit(0), %s", s, got, err, want)
		}
	}
}

func TestUnit_MarshalText(t *testing.T) {
	type settings struct {
		Unit Unit `json:"unit"`
	}
	b, err := json.Marshal(settings{UnitFiscalQuarter})
	if want := `{"unit":"fiscal-quarter"}`; err != nil || string(b) != want {
		t.Errorf("json.Marshal(UnitFiscalQuarter) = %s, %v, want %s", b, err, want)
	}
	var s settings
	if err := json.Unmarshal([]byte(`{"unit":"week"}`), &s); err != nil || s.Unit != UnitWeek {
		t.Errorf(`json.Unmarshal("week") = %v, %v, want week`, s.Unit, err)
	}
	s.Unit = UnitDay
	if err := json.Unmarshal([]byte(`{"unit":"hour"}`), &s); err == nil || s.Unit != UnitDay {
		t.Errorf(`json.Unmarshal("hour") = %v, %v, want day unchanged and an error`, s.Unit, err)
	}
	if b, err := Unit(0).MarshalText(); err == nil || !strings.HasPrefix(err.Error(), "sales: ") {
		t.Errorf("Unit(0).MarshalText() = %q, %v, want a sales: error", b, err)
	}
}

func TestWeekStart_Weekday(t *testing.T) {
	tests := []struct {
		w    WeekStart
		want time.Weekday
	}{
		{WeekStartMonday, time.Monday},
		{WeekStartTuesday, time.Tuesday},
		{WeekStartWednesday, time.Wednesday},
		{WeekStartThursday, time.Thursday},
		{WeekStartFriday, time.Friday},
		{WeekStartSaturday, time.Saturday},
		{WeekStartSunday, time.Sunday},
		{7, time.Monday}, // invalid reads as the zero value
	}
	for _, tt := range tests {
		if got := tt.w.Weekday(); got != tt.want {
			t.Errorf("WeekStart(%d).Weekday() = %v, want %v", tt.w, got, tt.want)
		}
		if tt.w <= WeekStartSunday {
			if got := WeekStartOf(tt.want); got != tt.w {
				t.Errorf("WeekStartOf(%v) = %d, want %d", tt.want, got, tt.w)
			}
		}
	}
	if got := WeekStartOf(time.Weekday(9)); got != WeekStartTuesday {
		t.Errorf("WeekStartOf(9) = %d, want %d (Tuesday, 9 modulo 7)", got, WeekStartTuesday)
	}
	if got := WeekStartOf(time.Weekday(-1)); got != WeekStartSaturday {
		t.Errorf("WeekStartOf(-1) = %d, want %d (Saturday, -1 modulo 7)", got, WeekStartSaturday)
	}
}

func TestCalendar_Validate(t *testing.T) {
	tests := []struct {
		c    Calendar
		want string // "" for valid
	}{
		{Calendar{}, ""},
		{Calendar{WeekStart: WeekStartSunday, FiscalYearStart: time.December,
			FiscalNaming: FiscalNamedByEndYear}, ""},
		{Calendar{WeekStart: 7}, "sales: invalid calendar: week start 7 out of range 0..6"},
		{Calendar{FiscalYearStart: 13},
			"sales: invalid calendar: fiscal year start 13 out of range 0..12"},
		{Calendar{FiscalYearStart: -1},
			"sales: invalid calendar: fiscal year start -1 out of range 0..12"},
		{Calendar{FiscalNaming: 3}, "sales: invalid calendar: fiscal naming 3 unknown"},
	}
	for _, tt := range tests {
		err := tt.c.Validate()
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%+v.Validate() = %v, want %q", tt.c, err, tt.want)
		}
	}
}

// bucketTests check Calendar.Bucket for each unit. The instants are in the
// location they are written in; the buckets are worked out by hand.
var bucketTests = []struct {
	cal  Calendar
	unit Unit
	t    time.Time
	want string
}{
	{Calendar{}, UnitDay, time.Date(2024, 3, 31, 12, 0, 0, 0, zoneParis),
		"[2024-03-31T00:00:00+01:00, 2024-04-01T00:00:00+02:00)"},
	// 2024-03-31 is a Sunday.
	{Calendar{}, UnitWeek, time.Date(2024, 3, 31, 12, 0, 0, 0, zoneParis),
		"[2024-03-25T00:00:00+01:00, 2024-04-01T00:00:00+02:00)"},
	{Calendar{WeekStart: WeekStartSunday}, UnitWeek, time.Date(2024, 3, 31, 12, 0, 0, 0, zoneParis),
		"[2024-03-31T00:00:00+01:00, 2024-04-07T00:00:00+02:00)"},
	// 2024-03-05 is a Tuesday; the Saturday before is the 2nd.
	{Calendar{WeekStart: WeekStartSaturday}, UnitWeek, time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC),
		"[2024-03-02T00:00:00Z, 2024-03-09T00:00:00Z)"},
	{Calendar{}, UnitMonth, time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC),
		"[2024-02-01T00:00:00Z, 2024-03-01T00:00:00Z)"},
	// The boundary instant belongs to the bucket it starts.
	{Calendar{}, UnitMonth, time.Date(2024, 4, 1, 0, 0, 0, 0, zoneParis),
		"[2024-04-01T00:00:00+02:00, 2024-05-01T00:00:00+02:00)"},
	// 02:00Z on March 1 is still February 29 in New York.
	{Calendar{}, UnitMonth, time.Date(2024, 3, 1, 2, 0, 0, 0, time.UTC).In(zoneNewYork),
		"[2024-02-01T00:00:00-05:00, 2024-03-01T00:00:00-05:00)"},
	{Calendar{}, UnitQuarter, time.Date(2024, 5, 15, 0, 0, 0, 0, time.UTC),
		"[2024-04-01T00:00:00Z, 2024-07-01T00:00:00Z)"},
	{Calendar{}, UnitYear, time.Date(2024, 12, 31, 23, 0, 0, 0, zoneKathmandu),
		"[2024-01-01T00:00:00+05:45, 2025-01-01T00:00:00+05:45)"},
	// Fiscal years from April: March 2024 is the fourth quarter of 2023/24.
	{Calendar{FiscalYearStart: time.April}, UnitFiscalQuarter,
		time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC),
		"[2024-01-01T00:00:00Z, 2024-04-01T00:00:00Z)"},
	// Fiscal quarters from February: Feb–Apr, May–Jul, Aug–Oct, Nov–Jan.
	{Calendar{FiscalYearStart: time.February}, UnitFiscalQuarter,
		time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC),
		"[2023-11-01T00:00:00Z, 2024-02-01T00:00:00Z)"},
	{Calendar{FiscalYearStart: time.April}, UnitFiscalYear,
		time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC),
		"[2023-04-01T00:00:00Z, 2024-04-01T00:00:00Z)"},
	{Calendar{FiscalYearStart: time.April}, UnitFiscalYear,
		time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC),
		"[2024-04-01T00:00:00Z, 2025-04-01T00:00:00Z)"},
	{Calendar{}, UnitFiscalYear, time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC),
		"[2024-01-01T00:00:00Z, 2025-01-01T00:00:00Z)"},
	// An invalid fiscal start reads as January.
	{Calendar{FiscalYearStart: 13}, UnitFiscalQuarter, time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
		"[2024-04-01T00:00:00Z, 2024-07-01T00:00:00Z)"},
	// 02:45Z on 2010-11-07 shows 23:15 NST on the 6th, the second time
	// round; it comes after the 7th's first midnight, so it is in the 7th.
	{Calendar{}, UnitDay, time.Date(2010, 11, 7, 2, 45, 0, 0, time.UTC).In(zoneStJohns),
		"[2010-11-07T00:00:00-02:30, 2010-11-08T00:00:00-03:30)"},
	{Calendar{}, UnitDay, time.Date(2021, 10, 29, 0, 30, 0, 0, zoneAmman),
		"[2021-10-29T00:00:00+03:00, 2021-10-30T00:00:00+02:00)"},
	{Calendar{}, 0, time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC),
		"[0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z)"},
}

func TestCalendar_Bucket(t *testing.T) {
	for _, tt := range bucketTests {
		got := tt.cal.Bucket(tt.unit, tt.t)
		if got.String() != tt.want {
			t.Errorf("%+v.Bucket(%v, %v) = %v, want %s", tt.cal, tt.unit, tt.t, got, tt.want)
		}
		if tt.unit == UnitWeek {
			if week := tt.cal.Week(tt.t); week != got {
				t.Errorf("%+v.Week(%v) = %v, want %v", tt.cal, tt.t, week, got)
			}
		}
	}
}

func TestCalendar_Label(t *testing.T) {
	april := Calendar{FiscalYearStart: time.April}
	byEnd := Calendar{FiscalYearStart: time.April, FiscalNaming: FiscalNamedByEndYear}
	byStart := Calendar{FiscalYearStart: time.April, FiscalNaming: FiscalNamedByStartYear}
	sunday := Calendar{WeekStart: WeekStartSunday}
	day := func(y int, m time.Month, d int) Period { return Day(y, m, d, time.UTC) }
	tests := []struct {
		cal  Calendar
		unit Unit
		b    Period
		want string
	}{
		{Calendar{}, UnitDay, day(2024, 3, 5), "2024-03-05"},
		{Calendar{}, UnitWeek, day(2024, 1, 29), "2024-W05"},
		// ISO: Monday 2024-12-30 starts 2025-W01; Friday 2021-01-01 is in 2020-W53.
		{Calendar{}, UnitWeek, day(2024, 12, 30), "2025-W01"},
		{Calendar{}, UnitWeek, day(2021, 1, 1), "2020-W53"},
		// Sunday weeks go by their Wednesday: Sunday 2023-12-31 starts 2024-W01,
		// and Sunday 2020-12-27 (Wednesday the 30th) is week 53 of 2020,
		// whose week 1 started on Sunday 2019-12-29.
		{sunday, UnitWeek, day(2023, 12, 31), "2024-W01"},
		{sunday, UnitWeek, day(2024, 12, 29), "2025-W01"},
		{sunday, UnitWeek, day(2020, 12, 27), "2020-W53"},
		{Calendar{}, UnitMonth, day(2024, 3, 15), "2024-03"},
		{Calendar{}, UnitQuarter, Month(2024, 5, nil), "2024-Q2"},
		{Calendar{}, UnitYear, Month(2024, 12, nil), "2024"},
		{byEnd, UnitFiscalQuarter, Month(2024, 4, nil), "FY2025-Q1"},
		{byEnd, UnitFiscalQuarter, Month(2024, 3, nil), "FY2024-Q4"},
		{byStart, UnitFiscalQuarter, Month(2024, 4, nil), "FY2024-Q1"},
		{byEnd, UnitFiscalYear, Month(2024, 4, nil), "FY2025"},
		{byStart, UnitFiscalYear, Month(2025, 3, nil), "FY2024"},
		{april, UnitFiscalYear, Month(2024, 4, nil), "FY2024/25"},
		{april, UnitFiscalQuarter, Month(2025, 2, nil), "FY2024/25-Q4"},
		{Calendar{FiscalYearStart: time.July}, UnitFiscalYear, Month(2099, 7, nil), "FY2099/00"},
		{Calendar{}, UnitFiscalYear, Month(2024, 4, nil), "FY2024"},
		{Calendar{}, UnitFiscalQuarter, Month(2024, 4, nil), "FY2024-Q2"},
		// An invalid naming reads as unset.
		{Calendar{FiscalYearStart: time.April, FiscalNaming: 9}, UnitFiscalYear,
			Month(2024, 4, nil), "FY2024/25"},
		// Labels are read in b's location: 23:00Z is already the 6th in Paris.
		{Calendar{}, UnitDay,
			Period{Start: periodAt("2024-03-05T23:00:00Z").In(zoneParis)}, "2024-03-06"},
		{Calendar{}, 0, day(2024, 3, 5), ""},
	}
	for _, tt := range tests {
		if got := tt.cal.Label(tt.unit, tt.b); got != tt.want {
			t.Errorf("%+v.Label(%v, %v) = %q, want %q", tt.cal, tt.unit, tt.b, got, tt.want)
		}
	}
}

func TestCalendar_FiscalYear(t *testing.T) {
	tests := []struct {
		cal  Calendar
		name int
		loc  *time.Location
		want string // String() of the year, or part of the error
	}{
		{Calendar{FiscalYearStart: time.April, FiscalNaming: FiscalNamedByStartYear}, 2024, nil,
			"[2024-04-01T00:00:00Z, 2025-04-01T00:00:00Z)"},
		{Calendar{FiscalYearStart: time.April, FiscalNaming: FiscalNamedByEndYear}, 2025, nil,
			"[2024-04-01T00:00:00Z, 2025-04-01T00:00:00Z)"},
		// Australia's FY2024 runs from July 2023 to June 2024.
		{Calendar{FiscalYearStart: time.July, FiscalNaming: FiscalNamedByEndYear}, 2024, nil,
			"[2023-07-01T00:00:00Z, 2024-07-01T00:00:00Z)"},
		// The US federal FY2025 starts on 2024-10-01.
		{Calendar{FiscalYearStart: time.October, FiscalNaming: FiscalNamedByEndYear},
			2025, zoneNewYork,
			"[2024-10-01T00:00:00-04:00, 2025-10-01T00:00:00-04:00)"},
		{Calendar{}, 2024, zoneParis, "[2024-01-01T00:00:00+01:00, 2025-01-01T00:00:00+01:00)"},
		{Calendar{FiscalYearStart: time.January, FiscalNaming: FiscalNamedByEndYear}, 2024, nil,
			"[2024-01-01T00:00:00Z, 2025-01-01T00:00:00Z)"},
		{Calendar{FiscalYearStart: time.April}, 2025, nil,
			"sales: fiscal year 2025 is ambiguous: years start in April"},
		{Calendar{FiscalNaming: 9}, 2025, nil, "sales: invalid calendar: fiscal naming 9 unknown"},
	}
	for _, tt := range tests {
		p, err := tt.cal.FiscalYear(tt.name, tt.loc)
		got := p.String()
		if err != nil {
			got = err.Error()
		}
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("%+v.FiscalYear(%d, %v) = %v, %v, want %s",
				tt.cal, tt.name, tt.loc, p, err, tt.want)
		}
	}
}

// bucketStrings returns the String of every bucket of b.
func bucketStrings(b Buckets) []string {
	var out []string
	for _, p := range b.All() {
		out = append(out, p.String())
	}
	return out
}

func TestCalendar_Buckets(t *testing.T) {
	march5 := Day(2024, 3, 5, nil)
	tests := []struct {
		name string
		cal  Calendar
		unit Unit
		p    Period
		want []string
	}{
		{"weeks clipped", Calendar{}, UnitWeek,
			Period{Day(2024, 3, 13, zoneParis).Start, Day(2024, 4, 10, zoneParis).Start},
			[]string{
				"[2024-03-13T00:00:00+01:00, 2024-03-18T00:00:00+01:00)",
				"[2024-03-18T00:00:00+01:00, 2024-03-25T00:00:00+01:00)",
				"[2024-03-25T00:00:00+01:00, 2024-04-01T00:00:00+02:00)", // 167 hours
				"[2024-04-01T00:00:00+02:00, 2024-04-08T00:00:00+02:00)",
				"[2024-04-08T00:00:00+02:00, 2024-04-10T00:00:00+02:00)",
			}},
		{"days across the New York gap", Calendar{}, UnitDay,
			Period{
				time.Date(2024, 3, 9, 18, 0, 0, 0, zoneNewYork),
				time.Date(2024, 3, 11, 6, 0, 0, 0, zoneNewYork),
			},
			[]string{
				"[2024-03-09T18:00:00-05:00, 2024-03-10T00:00:00-05:00)",
				"[2024-03-10T00:00:00-05:00, 2024-03-11T00:00:00-04:00)", // 23 hours
				"[2024-03-11T00:00:00-04:00, 2024-03-11T06:00:00-04:00)",
			}},
		{"days across the Santiago gap", Calendar{}, UnitDay,
			Period{Day(2024, 9, 7, zoneSantiago).Start, Day(2024, 9, 10, zoneSantiago).Start},
			[]string{
				"[2024-09-07T00:00:00-04:00, 2024-09-08T01:00:00-03:00)",
				"[2024-09-08T01:00:00-03:00, 2024-09-09T00:00:00-03:00)",
				"[2024-09-09T00:00:00-03:00, 2024-09-10T00:00:00-03:00)",
			}},
		// Samoa skipped 2011-12-30: no bucket for it, nothing empty.
		{"days across the Apia skip", Calendar{}, UnitDay,
			Period{Day(2011, 12, 29, zoneApia).Start, Day(2012, 1, 1, zoneApia).Start},
			[]string{
				"[2011-12-29T00:00:00-10:00, 2011-12-31T00:00:00+14:00)",
				"[2011-12-31T00:00:00+14:00, 2012-01-01T00:00:00+14:00)",
			}},
		{"end in another location", Calendar{}, UnitMonth,
			Period{Month(2024, 1, zoneParis).Start, time.Date(2024, 2, 15, 0, 0, 0, 0, time.UTC)},
			[]string{
				"[2024-01-01T00:00:00+01:00, 2024-02-01T00:00:00+01:00)",
				"[2024-02-01T00:00:00+01:00, 2024-02-15T01:00:00+01:00)",
			}},
		{"fiscal quarters clipped", Calendar{FiscalYearStart: time.February}, UnitFiscalQuarter,
			Period{Day(2024, 1, 15, nil).Start, Day(2024, 6, 1, nil).Start},
			[]string{
				"[2024-01-15T00:00:00Z, 2024-02-01T00:00:00Z)",
				"[2024-02-01T00:00:00Z, 2024-05-01T00:00:00Z)",
				"[2024-05-01T00:00:00Z, 2024-06-01T00:00:00Z)",
			}},
		{"inside one bucket", Calendar{}, UnitYear,
			Period{Day(2024, 3, 5, nil).Start, Day(2024, 3, 6, nil).Start},
			[]string{"[2024-03-05T00:00:00Z, 2024-03-06T00:00:00Z)"}},
		{"empty", Calendar{}, UnitDay, Period{march5.Start, march5.Start}, nil},
		{"inverted", Calendar{}, UnitDay, Period{march5.End, march5.Start}, nil},
		{"zero", Calendar{}, UnitDay, Period{}, nil},
		{"invalid unit", Calendar{}, 0, Month(2024, 3, nil), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.cal.Buckets(tt.unit, tt.p)
			got := bucketStrings(b)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") || b.Len() != len(tt.want) {
				t.Errorf("%+v.Buckets(%v, %v) = %d buckets\n%s\nwant\n%s", tt.cal, tt.unit, tt.p,
					b.Len(), strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if b.Unit() != tt.unit {
				t.Errorf("Buckets(%v, ...).Unit() = %v, want %v", tt.unit, b.Unit(), tt.unit)
			}
		})
	}
}

func TestBuckets_Index(t *testing.T) {
	b := Calendar{}.Buckets(UnitDay, Month(2024, time.March, zoneParis))
	tests := []struct {
		t    time.Time
		want int
	}{
		{periodAt("2024-03-01T00:00:00+01:00"), 0},
		{periodAt("2024-02-29T23:59:59.999999999+01:00"), -1},
		{periodAt("2024-03-05T23:59:59+01:00"), 4},
		{periodAt("2024-03-06T00:00:00+01:00"), 5},
		{periodAt("2024-03-31T01:59:59+01:00"), 30},
		{periodAt("2024-03-31T03:00:00+02:00"), 30}, // one second later
		{periodAt("2024-03-31T23:59:59.999999999+02:00"), 30},
		{periodAt("2024-04-01T00:00:00+02:00"), -1},
		{periodAt("2024-03-15T12:00:00Z"), 14}, // 13:00 in Paris
		{time.Time{}, -1},
	}
	if b.Len() != 31 {
		t.Fatalf("Buckets(day, March 2024).Len() = %d, want 31", b.Len())
	}
	for _, tt := range tests {
		if got := b.Index(tt.t); got != tt.want {
			t.Errorf("Index(%v) = %d, want %d", tt.t, got, tt.want)
		}
	}
	if got := (Buckets{}).Index(tests[0].t); got != -1 {
		t.Errorf("Buckets{}.Index(%v) = %d, want -1", tests[0].t, got)
	}
}

func TestBuckets_Period(t *testing.T) {
	b := Calendar{}.Buckets(UnitMonth, Quarter(2024, 1, nil))
	for _, i := range []int{-1, 3, 100} {
		if got := b.Period(i); !got.IsZero() {
			t.Errorf("Period(%d) = %v, want the zero Period", i, got)
		}
	}
	if got, want := b.Period(2), Month(2024, time.March, nil); got != want {
		t.Errorf("Period(2) = %v, want %v", got, want)
	}
	var zero Buckets
	if zero.Len() != 0 || !zero.Period(0).IsZero() || zero.Unit() != 0 {
		t.Errorf("Buckets{}: Len %d, Period(0) %v, Unit %v, want 0, zero, unit(0)",
			zero.Len(), zero.Period(0), zero.Unit())
	}
}

func TestBuckets_All(t *testing.T) {
	b := Calendar{}.Buckets(UnitMonth, Year(2024, nil))
	var seen []int
	for i, p := range b.All() {
		if p != b.Period(i) {
			t.Errorf("All() gave %d, %v, want %d, %v", i, p, i, b.Period(i))
		}
		seen = append(seen, i)
		if i == 2 {
			break
		}
	}
	if fmt.Sprint(seen) != "[0 1 2]" {
		t.Errorf("All() with a break after 2 gave %v, want [0 1 2]", seen)
	}
	for range (Buckets{}).All() {
		t.Error("Buckets{}.All() yielded a bucket, want none")
	}
}

func TestBuckets_MarshalJSON(t *testing.T) {
	tests := []struct {
		b    Buckets
		want string
	}{
		{Calendar{FiscalYearStart: time.April}.Buckets(UnitFiscalQuarter,
			Period{Month(2024, 3, nil).Start, Month(2024, 5, nil).Start}),
			`{"unit":"fiscal-quarter","calendar":{"week_start":"monday","fiscal_year_start":4},` +
				`"periods":[{"start":"2024-03-01T00:00:00Z","end":"2024-04-01T00:00:00Z",` +
				`"label":"FY2023/24-Q4"},` +
				`{"start":"2024-04-01T00:00:00Z","end":"2024-05-01T00:00:00Z",` +
				`"label":"FY2024/25-Q1"}]}`},
		{Calendar{}.Buckets(UnitDay, Period{}),
			`{"unit":"day","calendar":{"week_start":"monday"},"periods":[]}`},
		{Buckets{}, `{"unit":"day","calendar":{"week_start":"monday"},"periods":[]}`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.b)
		if err != nil || string(got) != tt.want {
			t.Errorf("json.Marshal(%v) = %s, %v, want %s", bucketStrings(tt.b), got, err, tt.want)
		}
	}
}

// TestBuckets_JSONRoundTrip: buckets read back from their JSON are the
// same buckets, labels included.
func TestBuckets_JSONRoundTrip(t *testing.T) {
	c := Calendar{WeekStart: WeekStartSunday, FiscalYearStart: time.July, FiscalNaming: FiscalNamedByEndYear}
	for _, u := range []Unit{UnitDay, UnitWeek, UnitMonth, UnitFiscalQuarter, UnitFiscalYear} {
		b := c.Buckets(u, Period{Day(2024, 3, 10, zoneNewYork).Start, Day(2025, 9, 2, zoneNewYork).Start})
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("json.Marshal(%s buckets): %v", u, err)
		}
		var back Buckets
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("json.Unmarshal(%s buckets): %v", u, err)
		}
		again, _ := json.Marshal(back)
		if string(again) != string(data) || back.Len() != b.Len() || back.Unit() != u {
			t.Errorf("%s buckets changed in a JSON round trip:\n%s\n%s", u, data, again)
		}
	}
	for _, bad := range []string{
		`{"unit":"day","calendar":{},"periods":[{"start":"2024-01-02T00:00:00Z","end":"2024-01-01T00:00:00Z"}]}`,
		`{"unit":"day","calendar":{},"periods":[{"start":"2024-01-01T00:00:00Z","end":"2024-01-02T00:00:00Z"},` +
			`{"start":"2024-01-03T00:00:00Z","end":"2024-01-04T00:00:00Z"}]}`,
		`{"unit":"day","calendar":{"week_start":"someday"},"periods":[]}`,
	} {
		var b Buckets
		if err := json.Unmarshal([]byte(bad), &b); err == nil {
			t.Errorf("json.Unmarshal(%s) succeeded, want an error", bad)
		}
	}
}

func BenchmarkBuckets_Index(b *testing.B) {
	for _, years := range []int{1, 10} {
		p := Period{Year(2020, zoneParis).Start, Year(2020+years, zoneParis).Start}
		buckets := Calendar{}.Buckets(UnitDay, p)
		// Probe instants spread over the period, 7h13m apart.
		var probes []time.Time
		for t := p.Start; t.Before(p.End); t = t.Add(7*time.Hour + 13*time.Minute) {
			probes = append(probes, t)
		}
		b.Run(fmt.Sprintf("Size%d", buckets.Len()), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if buckets.Index(probes[i%len(probes)]) < 0 {
					b.Fatal("probe outside the period")
				}
			}
		})
	}
}
