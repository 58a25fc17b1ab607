package sales

import (
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the host's zone files
)

// The locations the period and calendar tests use. Each is there for its
// daylight-saving rules, given next to it.
var (
	zoneParis     = periodZone("Europe/Paris")        // 02:00 → 03:00, 03:00 → 02:00
	zoneNewYork   = periodZone("America/New_York")    // 02:00 → 03:00, 02:00 → 01:00
	zoneSantiago  = periodZone("America/Santiago")    // 24:00 → 01:00: midnight skipped
	zoneHavana    = periodZone("America/Havana")      // 00:00 → 01:00, 01:00 → 00:00
	zoneAmman     = periodZone("Asia/Amman")          // until 2022, 01:00 → 00:00
	zoneStJohns   = periodZone("America/St_Johns")    // until 2010, 00:01 → 23:01 the day before
	zoneApia      = periodZone("Pacific/Apia")        // skipped 2011-12-30 entirely
	zoneLordHowe  = periodZone("Australia/Lord_Howe") // 30-minute daylight saving
	zoneKathmandu = periodZone("Asia/Kathmandu")      // UTC+05:45, no daylight saving
)

// periodZone loads a location from the embedded zone database.
func periodZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// periodAt parses an RFC 3339 instant written in a test table.
func periodAt(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestNewPeriod(t *testing.T) {
	start := time.Date(2024, time.March, 1, 0, 0, 0, 0, zoneParis)
	end := time.Date(2024, time.April, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		start, end time.Time
		want       string // String() of the period, "" for an error
	}{
		// The end is moved to the start's location: 00:00 UTC is 02:00 CEST.
		{"converts end", start, end, "[2024-03-01T00:00:00+01:00, 2024-04-01T02:00:00+02:00)"},
		{"empty", start, start, "[2024-03-01T00:00:00+01:00, 2024-03-01T00:00:00+01:00)"},
		{"end before start", end, start, ""},
		{"zero start", time.Time{}, end, ""},
		{"zero end", start, time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPeriod(tt.start, tt.end)
			if tt.want == "" {
				if err == nil || !strings.HasPrefix(err.Error(), "sales: new period: ") {
					t.Errorf("NewPeriod(%v, %v) = %v, %v, want a sales: new period error",
						tt.start, tt.end, p, err)
				}
				return
			}
			if err != nil || p.String() != tt.want || p.End.Location() != tt.start.Location() {
				t.Errorf("NewPeriod(%v, %v) = %v in %v, %v, want %s in %v",
					tt.start, tt.end, p, p.End.Location(), err, tt.want, tt.start.Location())
			}
		})
	}
}

func TestPeriod_Contains(t *testing.T) {
	march := Month(2024, time.March, zoneParis)
	tests := []struct {
		p    Period
		t    time.Time
		want bool
	}{
		{march, periodAt("2024-03-01T00:00:00+01:00"), true},   // Start is in
		{march, periodAt("2024-02-29T23:59:59+01:00"), false},  // just before
		{march, periodAt("2024-03-31T23:59:59+02:00"), true},   // last second
		{march, periodAt("2024-04-01T00:00:00+02:00"), false},  // End is out
		{march, periodAt("2024-03-31T22:00:00Z"), false},       // End, in UTC
		{Period{march.Start, march.Start}, march.Start, false}, // empty
		{Period{march.End, march.Start}, march.Start, false},   // inverted literal
		{Period{}, time.Time{}, false},
	}
	for _, tt := range tests {
		if got := tt.p.Contains(tt.t); got != tt.want {
			t.Errorf("%v.Contains(%v) = %v, want %v", tt.p, tt.t, got, tt.want)
		}
	}
}

func TestPeriod_zeroValue(t *testing.T) {
	var p Period
	if !p.IsZero() || p.Location() != time.UTC || p.Duration() != 0 {
		t.Errorf("Period{}: IsZero %v, Location %v, Duration %v, want true, UTC, 0",
			p.IsZero(), p.Location(), p.Duration())
	}
	const want = "[0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z)"
	if got := p.String(); got != want {
		t.Errorf("Period{}.String() = %q, want %q", got, want)
	}
	if Day(2024, time.March, 5, nil).IsZero() {
		t.Error("Day(2024, March, 5, nil).IsZero() = true, want false")
	}
}

func TestPeriod_String(t *testing.T) {
	// The end is printed in the start's location, whatever its own.
	p := Period{
		Start: time.Date(2024, time.March, 1, 0, 0, 0, 0, zoneParis),
		End:   time.Date(2024, time.March, 1, 12, 30, 0, 500, time.UTC),
	}
	const want = "[2024-03-01T00:00:00+01:00, 2024-03-01T13:30:00.0000005+01:00)"
	if got := p.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// constructorTests check Day, Month, Quarter and Year. The instants are
// worked out by hand from the zones' rules named at the top of the file,
// and the durations from them.
var constructorTests = []struct {
	name string
	got  Period
	want string
	dur  time.Duration
}{
	{"Day UTC", Day(2024, time.March, 5, time.UTC),
		"[2024-03-05T00:00:00Z, 2024-03-06T00:00:00Z)", 24 * time.Hour},
	{"Day nil is UTC", Day(2024, time.March, 5, nil),
		"[2024-03-05T00:00:00Z, 2024-03-06T00:00:00Z)", 24 * time.Hour},
	{"Day Feb 30 normalised", Day(2023, time.February, 30, nil),
		"[2023-03-02T00:00:00Z, 2023-03-03T00:00:00Z)", 24 * time.Hour},
	{"Day Paris spring", Day(2024, time.March, 31, zoneParis),
		"[2024-03-31T00:00:00+01:00, 2024-04-01T00:00:00+02:00)", 23 * time.Hour},
	{"Day Paris autumn", Day(2024, time.October, 27, zoneParis),
		"[2024-10-27T00:00:00+02:00, 2024-10-28T00:00:00+01:00)", 25 * time.Hour},
	{"Day New York spring", Day(2024, time.March, 10, zoneNewYork),
		"[2024-03-10T00:00:00-05:00, 2024-03-11T00:00:00-04:00)", 23 * time.Hour},
	// Chile skips 2024-09-08 00:00: the day starts when clocks show 01:00.
	{"Day Santiago before gap", Day(2024, time.September, 7, zoneSantiago),
		"[2024-09-07T00:00:00-04:00, 2024-09-08T01:00:00-03:00)", 24 * time.Hour},
	{"Day Santiago gap", Day(2024, time.September, 8, zoneSantiago),
		"[2024-09-08T01:00:00-03:00, 2024-09-09T00:00:00-03:00)", 23 * time.Hour},
	// Cuba skips 2024-03-10 00:00 and repeats 2024-11-03 00:00–01:00.
	{"Day Havana gap", Day(2024, time.March, 10, zoneHavana),
		"[2024-03-10T01:00:00-04:00, 2024-03-11T00:00:00-04:00)", 23 * time.Hour},
	{"Day Havana repeat", Day(2024, time.November, 3, zoneHavana),
		"[2024-11-03T00:00:00-04:00, 2024-11-04T00:00:00-05:00)", 25 * time.Hour},
	// Jordan repeated midnight on Friday 2021-10-29; the first one counts.
	{"Day Amman repeat", Day(2021, time.October, 29, zoneAmman),
		"[2021-10-29T00:00:00+03:00, 2021-10-30T00:00:00+02:00)", 25 * time.Hour},
	// At 00:01 NDT on 2010-11-07 clocks went back to 23:01 NST on the 6th;
	// the 7th starts at its first midnight and keeps the repeated hour.
	{"Day St Johns before", Day(2010, time.November, 6, zoneStJohns),
		"[2010-11-06T00:00:00-02:30, 2010-11-07T00:00:00-02:30)", 24 * time.Hour},
	{"Day St Johns repeat", Day(2010, time.November, 7, zoneStJohns),
		"[2010-11-07T00:00:00-02:30, 2010-11-08T00:00:00-03:30)", 25 * time.Hour},
	// Samoa went from 2011-12-29 23:59:59 -10:00 to 2011-12-31 00:00 +14:00.
	{"Day Apia skipped", Day(2011, time.December, 30, zoneApia),
		"[2011-12-31T00:00:00+14:00, 2011-12-31T00:00:00+14:00)", 0},
	{"Day Apia before", Day(2011, time.December, 29, zoneApia),
		"[2011-12-29T00:00:00-10:00, 2011-12-31T00:00:00+14:00)", 24 * time.Hour},
	{"Month Paris", Month(2024, time.March, zoneParis),
		"[2024-03-01T00:00:00+01:00, 2024-04-01T00:00:00+02:00)", (31*24 - 1) * time.Hour},
	{"Month leap February", Month(2024, time.February, nil),
		"[2024-02-01T00:00:00Z, 2024-03-01T00:00:00Z)", 29 * 24 * time.Hour},
	{"Month 13", Month(2024, 13, nil),
		"[2025-01-01T00:00:00Z, 2025-02-01T00:00:00Z)", 31 * 24 * time.Hour},
	{"Month New York autumn", Month(2024, time.November, zoneNewYork),
		"[2024-11-01T00:00:00-04:00, 2024-12-01T00:00:00-05:00)", (30*24 + 1) * time.Hour},
	{"Quarter 1", Quarter(2024, 1, nil),
		"[2024-01-01T00:00:00Z, 2024-04-01T00:00:00Z)", 91 * 24 * time.Hour},
	{"Quarter 4 New York", Quarter(2024, 4, zoneNewYork),
		"[2024-10-01T00:00:00-04:00, 2025-01-01T00:00:00-05:00)", (92*24 + 1) * time.Hour},
	{"Year Paris", Year(2024, zoneParis),
		"[2024-01-01T00:00:00+01:00, 2025-01-01T00:00:00+01:00)", 366 * 24 * time.Hour},
	{"Year Kathmandu", Year(2023, zoneKathmandu),
		"[2023-01-01T00:00:00+05:45, 2024-01-01T00:00:00+05:45)", 365 * 24 * time.Hour},
}

func TestConstructors(t *testing.T) {
	for _, tt := range constructorTests {
		if got := tt.got.String(); got != tt.want || tt.got.Duration() != tt.dur {
			t.Errorf("%s = %s lasting %v, want %s lasting %v",
				tt.name, got, tt.got.Duration(), tt.want, tt.dur)
		}
	}
}

func TestQuarter_panics(t *testing.T) {
	for _, q := range []int{0, 5, -1} {
		func() {
			want := fmt.Sprintf("sales: quarter %d out of range 1..4", q)
			defer func() {
				if got := recover(); got != want {
					t.Errorf("Quarter(2024, %d, nil) panicked with %v, want %q", q, got, want)
				}
			}()
			Quarter(2024, q, nil)
		}()
	}
}

func TestPeriod_Previous(t *testing.T) {
	tests := []struct {
		name string
		p    Period
		want string
	}{
		{"month", Month(2024, time.March, zoneParis),
			"[2024-02-01T00:00:00+01:00, 2024-03-01T00:00:00+01:00)"},
		{"quarter", Quarter(2024, 1, zoneNewYork),
			"[2023-10-01T00:00:00-04:00, 2024-01-01T00:00:00-05:00)"},
		{"year", Year(2024, nil), "[2023-01-01T00:00:00Z, 2024-01-01T00:00:00Z)"},
		{"two months", Period{Month(2024, 1, nil).Start, Month(2024, 3, nil).Start},
			"[2023-11-01T00:00:00Z, 2024-01-01T00:00:00Z)"},
		// Mid-month to mid-month is 31 days, not a month.
		{"from the 15th", Period{Day(2024, 1, 15, nil).Start, Day(2024, 2, 15, nil).Start},
			"[2023-12-15T00:00:00Z, 2024-01-15T00:00:00Z)"},
		// The week after Paris moved its clocks forward: the week before is
		// Monday to Monday, 167 hours.
		{"week after DST",
			Period{Day(2024, 4, 1, zoneParis).Start, Day(2024, 4, 8, zoneParis).Start},
			"[2024-03-25T00:00:00+01:00, 2024-04-01T00:00:00+02:00)"},
		{"week of DST", Period{Day(2024, 3, 25, zoneParis).Start, Day(2024, 4, 1, zoneParis).Start},
			"[2024-03-18T00:00:00+01:00, 2024-03-25T00:00:00+01:00)"},
		{"day after DST", Day(2024, 4, 1, zoneParis),
			"[2024-03-31T00:00:00+01:00, 2024-04-01T00:00:00+02:00)"},
		// 7h30 of elapsed time before 09:30 EDT (13:30Z) is 06:00Z, 01:00 EST.
		{"hours", Period{periodAt("2024-03-10T09:30:00-04:00").In(zoneNewYork),
			periodAt("2024-03-10T17:00:00-04:00").In(zoneNewYork)},
			"[2024-03-10T01:00:00-05:00, 2024-03-10T09:30:00-04:00)"},
		{"Santiago day after gap", Day(2024, 9, 9, zoneSantiago),
			"[2024-09-08T01:00:00-03:00, 2024-09-09T00:00:00-03:00)"},
		{"empty", Period{Day(2024, 3, 5, nil).Start, Day(2024, 3, 5, nil).Start},
			"[2024-03-05T00:00:00Z, 2024-03-05T00:00:00Z)"},
		{"zero", Period{}, "[0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.p.Previous()
			if got.String() != tt.want || !got.End.Equal(tt.p.Start) {
				t.Errorf("%v.Previous() = %v, want %s", tt.p, got, tt.want)
			}
		})
	}
}

func TestPeriod_LastYear(t *testing.T) {
	utc := func(s string) time.Time { return periodAt(s) }
	tests := []struct {
		name string
		p    Period
		want string
	}{
		{"month", Month(2024, time.March, zoneParis),
			"[2023-03-01T00:00:00+01:00, 2023-04-01T00:00:00+02:00)"},
		{"year", Year(2024, nil), "[2023-01-01T00:00:00Z, 2024-01-01T00:00:00Z)"},
		{"leap day", Day(2024, time.February, 29, nil),
			"[2023-02-28T00:00:00Z, 2023-03-01T00:00:00Z)"},
		// Its end, 2024-02-29, is clamped to 2023-02-28 too.
		{"day before leap day", Day(2024, time.February, 28, nil),
			"[2023-02-28T00:00:00Z, 2023-02-28T00:00:00Z)"},
		{"leap day clock", Period{utc("2024-02-29T10:00:00Z"), utc("2024-03-01T00:00:00Z")},
			"[2023-02-28T10:00:00Z, 2023-03-01T00:00:00Z)"},
		// 15:00 on the 28th and 06:00 on the 29th would cross: End = Start.
		{"crossing", Period{utc("2024-02-28T15:00:00Z"), utc("2024-02-29T06:00:00Z")},
			"[2023-02-28T15:00:00Z, 2023-02-28T15:00:00Z)"},
		// Paris moved its clocks on 2024-03-31 but on 2023-03-26.
		{"week", Period{Day(2024, 3, 25, zoneParis).Start, Day(2024, 4, 1, zoneParis).Start},
			"[2023-03-25T00:00:00+01:00, 2023-04-01T00:00:00+02:00)"},
		// New York was still on EST on 2023-03-10; clock times are kept.
		{"hours", Period{periodAt("2024-03-10T09:30:00-04:00").In(zoneNewYork),
			periodAt("2024-03-10T17:00:00-04:00").In(zoneNewYork)},
			"[2023-03-10T09:30:00-05:00, 2023-03-10T17:00:00-05:00)"},
		// Chile skipped midnight on 2024-09-08, but not on 2025-09-08.
		{"Santiago gap day", Day(2025, 9, 8, zoneSantiago),
			"[2024-09-08T01:00:00-03:00, 2024-09-09T00:00:00-03:00)"},
		{"zero", Period{}, "[0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z)"},
	}
	for _, tt := range tests {
		if got := tt.p.LastYear(); got.String() != tt.want {
			t.Errorf("%s: %v.LastYear() = %v, want %s", tt.name, tt.p, got, tt.want)
		}
	}
}

// parsePeriodTests are the inputs ParsePeriod accepts, with the periods
// worked out by hand. ISO 2024-W01 starts on Monday 2024-01-01, and 2020 has
// 53 ISO weeks.
var parsePeriodTests = []struct {
	in   string
	cal  Calendar
	loc  *time.Location
	want string
}{
	{"2024", Calendar{}, nil, "[2024-01-01T00:00:00Z, 2025-01-01T00:00:00Z)"},
	{"2024-Q1", Calendar{}, zoneNewYork, "[2024-01-01T00:00:00-05:00, 2024-04-01T00:00:00-04:00)"},
	{"2024-03", Calendar{}, zoneParis, "[2024-03-01T00:00:00+01:00, 2024-04-01T00:00:00+02:00)"},
	{"2024-03-31", Calendar{}, zoneParis, "[2024-03-31T00:00:00+01:00, 2024-04-01T00:00:00+02:00)"},
	{"2024-02-29", Calendar{}, nil, "[2024-02-29T00:00:00Z, 2024-03-01T00:00:00Z)"},
	{"2024-W05", Calendar{}, nil, "[2024-01-29T00:00:00Z, 2024-02-05T00:00:00Z)"},
	{"2020-W53", Calendar{}, nil, "[2020-12-28T00:00:00Z, 2021-01-04T00:00:00Z)"},
	// Sunday weeks: week 1 holds Thursday 2024-01-04, so it starts 2023-12-31.
	{"2024-W01", Calendar{WeekStart: WeekStartSunday}, nil,
		"[2023-12-31T00:00:00Z, 2024-01-07T00:00:00Z)"},
	{"FY2024", Calendar{}, nil, "[2024-01-01T00:00:00Z, 2025-01-01T00:00:00Z)"},
	{"FY2025", Calendar{FiscalYearStart: time.April, FiscalNaming: FiscalNamedByEndYear}, nil,
		"[2024-04-01T00:00:00Z, 2025-04-01T00:00:00Z)"},
	{"FY2025", Calendar{FiscalYearStart: time.April, FiscalNaming: FiscalNamedByStartYear}, nil,
		"[2025-04-01T00:00:00Z, 2026-04-01T00:00:00Z)"},
	{"FY2025-Q1", Calendar{FiscalYearStart: time.April, FiscalNaming: FiscalNamedByEndYear}, nil,
		"[2024-04-01T00:00:00Z, 2024-07-01T00:00:00Z)"},
	{"FY2024/25", Calendar{FiscalYearStart: time.April}, nil,
		"[2024-04-01T00:00:00Z, 2025-04-01T00:00:00Z)"},
	{"FY2024/25-Q4", Calendar{FiscalYearStart: time.April}, nil,
		"[2025-01-01T00:00:00Z, 2025-04-01T00:00:00Z)"},
	{"FY2099/00", Calendar{FiscalYearStart: time.July}, nil,
		"[2099-07-01T00:00:00Z, 2100-07-01T00:00:00Z)"},
	// The range ends at the start of its second date: March 31 is the last day.
	{"2024-01-01..2024-04-01", Calendar{}, zoneParis,
		"[2024-01-01T00:00:00+01:00, 2024-04-01T00:00:00+02:00)"},
	{"2024-01-01..2024-01-01", Calendar{}, nil, "[2024-01-01T00:00:00Z, 2024-01-01T00:00:00Z)"},
}

func TestParsePeriod(t *testing.T) {
	for _, tt := range parsePeriodTests {
		got, err := ParsePeriod(tt.in, tt.cal, tt.loc)
		if err != nil || got.String() != tt.want {
			t.Errorf("ParsePeriod(%q, %+v, %v) = %v, %v, want %s",
				tt.in, tt.cal, tt.loc, got, err, tt.want)
		}
	}
}

func TestParsePeriod_errors(t *testing.T) {
	april := Calendar{FiscalYearStart: time.April}
	tests := []struct {
		in   string
		cal  Calendar
		want string // part of the message after the quoted input
	}{
		{"", Calendar{}, "want a form such as"},
		{"24", Calendar{}, "want a form such as"},
		{"+024", Calendar{}, "want a form such as"},
		{"2024-3", Calendar{}, "want a form such as"},
		{"2024-03-05T00:00", Calendar{}, "want a form such as"},
		{"2024-13", Calendar{}, `month "13" out of range`},
		{"2024-00", Calendar{}, `month "00" out of range`},
		{"2024-Q5", Calendar{}, `quarter "5" out of range 1..4`},
		{"2024-Q0", Calendar{}, `quarter "0" out of range 1..4`},
		{"2024-W00", Calendar{}, `week "00" out of range 01..52 for 2024`},
		{"2024-W53", Calendar{}, `week "53" out of range 01..52 for 2024`},
		{"2024-Wxx", Calendar{}, `week "XX" out of range`},
		{"2023-02-29", Calendar{}, `date "2023-02-29" does not exist`},
		{"2024-03x05", Calendar{}, `date "2024-03X05" is not written 2024-03-05`},
		{"2024-04-01..2024-01-01", Calendar{}, "range end 2024-01-01 is before start 2024-04-01"},
		{"2024-01-01..", Calendar{}, `date "" is not written`},
		{"2024-01-01..2024-1-1", Calendar{}, `date "2024-1-1" is not written`},
		{"FY2025", april, "fiscal year 2025 is ambiguous"},
		{"FY2024/25", Calendar{}, "spans two years, but fiscal years start in January"},
		{"FY2024/26", april, "does not end the year after it starts"},
		{"FY25", april, `fiscal year "25" is not written`},
		{"FY2024/25-Q5", april, `fiscal quarter "5" out of range 1..4`},
		{"2024", Calendar{WeekStart: 7}, "invalid calendar: week start 7 out of range 0..6"},
	}
	for _, tt := range tests {
		_, err := ParsePeriod(tt.in, tt.cal, nil)
		prefix := fmt.Sprintf("sales: parse period %q: ", tt.in)
		if err == nil || !strings.HasPrefix(err.Error(), prefix) ||
			!strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParsePeriod(%q, %+v, nil) error = %v, want %s...%s",
				tt.in, tt.cal, err, prefix, tt.want)
		}
	}
}

func TestParsePeriod_caseAndSpaces(t *testing.T) {
	for _, s := range []string{"2024-q2", " 2024-Q2 ", "2024-Q2"} {
		p, err := ParsePeriod(s, Calendar{}, nil)
		if err != nil || !p.Start.Equal(time.Date(2024, time.April, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("ParsePeriod(%q) = %v, %v, want the second quarter of 2024", s, p, err)
		}
	}
}

func TestPeriod_Until(t *testing.T) {
	year := Year(2026, time.UTC)
	mid := time.Date(2026, time.November, 30, 17, 0, 0, 0, time.UTC)
	tests := []struct {
		t    time.Time
		want Period
	}{
		{mid, Period{Start: year.Start, End: mid}},
		{year.Start, Period{Start: year.Start, End: year.Start}},                 // nothing before it
		{year.Start.Add(-time.Hour), Period{Start: year.Start, End: year.Start}}, // before p
		{year.End, year}, // at its end: nothing to cut
		{year.End.Add(time.Hour), year},
	}
	for _, tt := range tests {
		if got := year.Until(tt.t); !got.Start.Equal(tt.want.Start) || !got.End.Equal(tt.want.End) {
			t.Errorf("%s.Until(%s) = %s, want %s", year, tt.t, got, tt.want)
		}
	}
}

func TestParseInstant(t *testing.T) {
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip(err)
	}
	tests := []struct {
		s    string
		loc  *time.Location
		want time.Time
		err  string
	}{
		{"2024-09-08", time.UTC, time.Date(2024, 9, 8, 0, 0, 0, 0, time.UTC), ""},
		// Santiago's clocks skip from 00:00 to 01:00 on 2024-09-08.
		{"2024-09-08", santiago, time.Date(2024, 9, 8, 4, 0, 0, 0, time.UTC), ""},
		{" 2024-09-07T10:00:00-04:00 ", santiago, time.Date(2024, 9, 7, 14, 0, 0, 0, time.UTC), ""},
		{"2023-02-29", time.UTC, time.Time{}, "no such date"},
		{"yesterday", time.UTC, time.Time{}, "neither"},
		{"0001-01-01T00:00:00Z", time.UTC, time.Time{}, "zero time"},
		{"0001-01-01", time.UTC, time.Time{}, "zero time"},
	}
	for _, tt := range tests {
		got, err := ParseInstant(tt.s, tt.loc)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) ||
				!strings.HasPrefix(err.Error(), "sales: parse instant") {
				t.Errorf("ParseInstant(%q) = %v, %v; want an error with %q", tt.s, got, err, tt.err)
			}
		case err != nil || !got.Equal(tt.want) || got.Location() != tt.loc:
			t.Errorf("ParseInstant(%q, %s) = %v, %v; want %v", tt.s, tt.loc, got, err, tt.want)
		}
	}
}
