package sales_test

import (
	"encoding/json"
	"fmt"
	"time"
	_ "time/tzdata" // the examples must not depend on the host's zone files

	"github.com/salespilot/sales"
)

func ExampleCalendar_Buckets() {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	var c sales.Calendar // ISO weeks, fiscal year = calendar year
	months := c.Buckets(sales.UnitMonth, sales.Quarter(2024, 1, paris))
	for i, p := range months.All() {
		fmt.Println(i, c.Label(sales.UnitMonth, p), p, p.Duration())
	}
	// Output:
	// 0 2024-01 [2024-01-01T00:00:00+01:00, 2024-02-01T00:00:00+01:00) 744h0m0s
	// 1 2024-02 [2024-02-01T00:00:00+01:00, 2024-03-01T00:00:00+01:00) 696h0m0s
	// 2 2024-03 [2024-03-01T00:00:00+01:00, 2024-04-01T00:00:00+02:00) 743h0m0s
}

func ExampleCalendar_Buckets_json() {
	c := sales.Calendar{FiscalYearStart: time.April, FiscalNaming: sales.FiscalNamedByEndYear}
	p, err := sales.ParsePeriod("2024-02-15..2024-05-01", c, nil)
	if err != nil {
		panic(err)
	}
	b, err := json.MarshalIndent(c.Buckets(sales.UnitFiscalQuarter, p), "", "  ")
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))
	// Output:
	// {
	//   "unit": "fiscal-quarter",
	//   "calendar": {
	//     "week_start": "monday",
	//     "fiscal_year_start": 4,
	//     "fiscal_naming": "end_year"
	//   },
	//   "periods": [
	//     {
	//       "start": "2024-02-15T00:00:00Z",
	//       "end": "2024-04-01T00:00:00Z",
	//       "label": "FY2024-Q4"
	//     },
	//     {
	//       "start": "2024-04-01T00:00:00Z",
	//       "end": "2024-05-01T00:00:00Z",
	//       "label": "FY2025-Q1"
	//     }
	//   ]
	// }
}

func ExampleCalendar_Buckets_index() {
	var c sales.Calendar
	days := c.Buckets(sales.UnitDay, sales.Month(2024, time.March, nil))
	counts := make([]int, days.Len())
	for _, closed := range []time.Time{
		time.Date(2024, time.March, 4, 9, 30, 0, 0, time.UTC),
		time.Date(2024, time.March, 4, 17, 0, 0, 0, time.UTC),
		time.Date(2024, time.March, 31, 23, 59, 0, 0, time.UTC),
		time.Date(2024, time.April, 1, 0, 0, 0, 0, time.UTC), // outside: Index is -1
	} {
		if i := days.Index(closed); i >= 0 {
			counts[i]++
		}
	}
	fmt.Println(counts[3], counts[30])
	// Output: 2 1
}

func ExampleCalendar_Bucket_dst() {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	// Clocks in Paris went from 02:00 to 03:00 on 2024-03-31.
	noon := time.Date(2024, time.March, 31, 12, 0, 0, 0, paris)
	day := sales.Calendar{}.Bucket(sales.UnitDay, noon)
	fmt.Println(day)
	fmt.Println(day.Duration())
	// Output:
	// [2024-03-31T00:00:00+01:00, 2024-04-01T00:00:00+02:00)
	// 23h0m0s
}

func ExampleCalendar_Week() {
	sunday := sales.Calendar{WeekStart: sales.WeekStartOf(time.Sunday)}
	wednesday := time.Date(2024, time.January, 3, 15, 0, 0, 0, time.UTC)
	week := sunday.Week(wednesday)
	fmt.Println(week, sunday.Label(sales.UnitWeek, week))
	// Output: [2023-12-31T00:00:00Z, 2024-01-07T00:00:00Z) 2024-W01
}

func ExampleCalendar_FiscalYear() {
	c := sales.Calendar{FiscalYearStart: time.July, FiscalNaming: sales.FiscalNamedByEndYear}
	fy, err := c.FiscalYear(2024, nil)
	fmt.Println(fy, err)

	c.FiscalNaming = sales.FiscalNamingUnset
	_, err = c.FiscalYear(2024, nil)
	fmt.Println(err)
	// Output:
	// [2023-07-01T00:00:00Z, 2024-07-01T00:00:00Z) <nil>
	// sales: fiscal year 2024 is ambiguous: years start in July and fiscal naming is unset
}

func ExamplePeriod_Previous() {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	march := sales.Month(2024, time.March, newYork)
	fmt.Println(march.Previous())

	// The week before this one holds the change to daylight saving time
	// (Sunday, March 10): it still starts on a Monday at midnight, and
	// lasts 167 hours.
	week := sales.Calendar{}.Week(time.Date(2024, time.March, 12, 0, 0, 0, 0, newYork))
	fmt.Println(week.Previous(), week.Previous().Duration())

	// A span that does not start and end at midnight moves by its duration.
	shift := sales.Period{
		Start: time.Date(2024, time.March, 4, 9, 0, 0, 0, newYork),
		End:   time.Date(2024, time.March, 4, 17, 0, 0, 0, newYork),
	}
	fmt.Println(shift.Previous())
	// Output:
	// [2024-02-01T00:00:00-05:00, 2024-03-01T00:00:00-05:00)
	// [2024-03-04T00:00:00-05:00, 2024-03-11T00:00:00-04:00) 167h0m0s
	// [2024-03-04T01:00:00-05:00, 2024-03-04T09:00:00-05:00)
}

func ExamplePeriod_LastYear() {
	leap := sales.Day(2024, time.February, 29, nil)
	fmt.Println(leap.LastYear())
	// Output: [2023-02-28T00:00:00Z, 2023-03-01T00:00:00Z)
}

func ExampleParsePeriod() {
	c := sales.Calendar{FiscalYearStart: time.April, FiscalNaming: sales.FiscalNamedByEndYear}
	inputs := []string{"2024-Q2", "2024-W05", "FY2025", "2024-01-01..2024-01-08", "2024-13"}
	for _, s := range inputs {
		p, err := sales.ParsePeriod(s, c, nil)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(s, p)
	}
	// Output:
	// 2024-Q2 [2024-04-01T00:00:00Z, 2024-07-01T00:00:00Z)
	// 2024-W05 [2024-01-29T00:00:00Z, 2024-02-05T00:00:00Z)
	// FY2025 [2024-04-01T00:00:00Z, 2025-04-01T00:00:00Z)
	// 2024-01-01..2024-01-08 [2024-01-01T00:00:00Z, 2024-01-08T00:00:00Z)
	// sales: parse period "2024-13": month "13" out of range 01..12
}

func ExampleParseUnit() {
	u, err := sales.ParseUnit("fiscal-quarter")
	fmt.Println(u, err)
	_, err = sales.ParseUnit("fortnight")
	fmt.Println(err)
	// Output:
	// fiscal-quarter <nil>
	// sales: unknown unit "fortnight"
}

func ExampleNewPeriod() {
	start := time.Date(2024, time.March, 1, 0, 0, 0, 0, time.UTC)
	p, err := sales.NewPeriod(start, start.AddDate(0, 1, 0))
	fmt.Println(p, err)
	fmt.Println(p.Contains(start), p.Contains(p.End))

	_, err = sales.NewPeriod(p.End, p.Start)
	fmt.Println(err)
	// Output:
	// [2024-03-01T00:00:00Z, 2024-04-01T00:00:00Z) <nil>
	// true false
	// sales: new period: end 2024-03-01T00:00:00Z is before start 2024-04-01T00:00:00Z
}
