package kpi

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// BUG(kpi): RevenueAgainstTarget places a target in a month only when the
// target's period lies within that month: quarterly and yearly targets
// count in the year's total but are not spread over their months, and
// targets that straddle the year count nowhere (both are counted in the
// result).

// MonthRevenue is one month of Revenue.
type MonthRevenue struct {
	Month sales.Period `json:"month"`
	Label string       `json:"label"`
	// Complete says the month is over by Revenue.Through: a month that is
	// not has no growth, as part of a month is no match for a whole one,
	// and one that has not begun no attainment either.
	Complete bool `json:"complete"`
	// Won tallies the deals won in the month before Revenue.Through;
	// Cumulative adds up their values from the first month of the year to
	// this one.
	Won        sales.Tally `json:"won"`
	Cumulative sales.Total `json:"cumulative"`
	// Target is the sum of the won-value targets of Level that lie within
	// the month, null when none does; CumulativeTarget adds up the months'
	// targets so far, null until a month has one.
	Target           *decimal.Decimal `json:"target"`
	Level            TargetLevel      `json:"level"`
	CumulativeTarget *decimal.Decimal `json:"cumulative_target"`
	// Attainment is Won.Value / Target.
	Attainment sales.Ratio `json:"attainment"`
	// LastYear tallies the deals won in the same month a year earlier,
	// and LastYearCumulative adds up their values as Cumulative does.
	LastYear           sales.Tally `json:"last_year"`
	LastYearCumulative sales.Total `json:"last_year_cumulative"`
	// Growth is (Won.Value − LastYear.Value) / LastYear.Value: 0.1 for a
	// tenth more than last year; no value when last year's is 0 or the
	// month is not Complete.
	Growth sales.Ratio `json:"growth"`
}

// Revenue is R34 of the catalogue: per month of a year, the won value and
// the cumulative won value, the target, and last year's same months.
type Revenue struct {
	// Year is the calendar or fiscal year shown, Label its name ("2026",
	// or "FY2026" for a fiscal year), LastYear the same span a year
	// earlier.
	Year  sales.Period `json:"year"`
	Label string       `json:"label"`
	// Through is where the year's figures stop: the end of the period
	// asked for, or the year's end when that is earlier. Deals won from
	// Through on are not counted.
	Through  time.Time      `json:"through"`
	LastYear sales.Period   `json:"last_year"`
	Currency sales.Currency `json:"currency"`
	Months   []MonthRevenue `json:"months"`
	// Total is the whole year: Won and LastYear over every month, and the
	// year's target, taken from the widest level of won-value targets
	// that lie within the year, whether monthly, quarterly or yearly. Its
	// growth has no value until the year is Complete.
	Total MonthRevenue `json:"total"`
	// ToDate compares the year so far with the same span a year earlier:
	// Won over [Year.Start, Through), LastYear over the same dates and
	// clock a year before (a Through on 29 February a year before is 1
	// March, so that the spans are as long), and their growth. It has no target (the year's is in Total, each
	// month's in Months). Once the year is complete it is Total less the
	// targets.
	ToDate MonthRevenue `json:"to_date"`
	// UnplacedTargets counts won-value targets that lie within the year
	// but within no single month (a quarter's, the year's): they count in
	// Total only. PartialTargets counts those that overlap the year
	// without lying within it: they count nowhere.
	UnplacedTargets int `json:"unplaced_targets"`
	PartialTargets  int `json:"partial_targets"`
	Skipped
}

// RevenueAgainstTarget shows, for each month of the year that holds
// p.Start, the value won against the target and against the same month a
// year earlier. This is R34 of the catalogue.
//
// The year is the fiscal year of cal that holds p.Start, in p's location:
// the calendar year when cal's fiscal years start in January (the zero
// Calendar). Last year is the same span a year earlier (Period.LastYear):
// the previous fiscal year for a fiscal year, and each month is compared
// with the same month of it.
//
// The year's figures stop at p.End (Through), or at the year's end when
// that comes first; pass a period ending at the instant the report is
// seen from to show a year in progress. Deals won from Through on are
// not counted. A month that Through cuts, or that comes after it, is not
// Complete and has no growth, and a month that has not begun has no
// attainment; the year's total has no growth until the year is over.
// ToDate compares the year up to Through with the same span a year
// earlier, so that a year in progress has a growth of like with like.
//
// A month's target is the sum of the won-value targets that lie within the
// month, taken, as WonAgainstTarget does, from the widest level that has
// one there: the portal's (no owner, no team), else the teams', else the
// owners'; levels are never mixed within a month, so nothing counts twice.
// The year's target in Total follows the same rule over the targets that
// lie within the year. Targets on the count of deals won are not revenue
// and are not shown.
//
// Values are in the home currency; won deals without an amount, or whose
// currency has no rate, count in Count and are counted apart in NoAmount
// and NoRate. Closed deals without a close date and deals in an unknown
// stage are counted in Skipped. Results over parts of a portal's deals,
// each part with every target, merge with Merge. RevenueAgainstTarget
// fails when p is not a valid period or cal not valid.
func RevenueAgainstTarget(ds *sales.Dataset, p sales.Period, cal sales.Calendar) (Revenue, error) {
	if err := checkPeriod(p); err != nil {
		return Revenue{}, fmt.Errorf("kpi: revenue against target: %w", err)
	}
	if err := cal.Validate(); err != nil {
		return Revenue{}, fmt.Errorf("kpi: revenue against target: %w", err)
	}
	year := cal.Bucket(sales.UnitFiscalYear, p.Start)
	through := year.End
	if p.End.Before(through) {
		through = p.End
	}
	r := Revenue{Year: year, Label: yearLabel(cal, year), Through: through,
		LastYear: year.LastYear(), Currency: ds.Currency()}
	months := cal.Buckets(sales.UnitMonth, year)
	before := cal.Buckets(sales.UnitMonth, r.LastYear)
	r.Months = make([]MonthRevenue, months.Len())
	for k, m := range months.All() {
		r.Months[k].Month, r.Months[k].Label = m, cal.Label(sales.UnitMonth, m)
	}
	r.ToDate.Month = sales.Period{Start: year.Start, End: through}
	r.ToDate.Label, r.ToDate.Level = r.Label+" to date", TargetsNone

	span := sales.Period{Start: r.LastYear.Start, End: through}
	now, then, closes := months.Bounds(), before.Bounds(), ds.DealColumns().Close
	lastToDate := sales.InstantOf(yearBeforeEnd(through, year.Location()))
	eachClosed(ds, span, sales.StageWon, &r.Skipped, func(i int) {
		at := closes[i]
		if k := now.Index(at); k >= 0 {
			r.Months[k].Won.AddDeal(ds, i)
		} else if k := then.Index(at); k >= 0 && k < len(r.Months) {
			r.Months[k].LastYear.AddDeal(ds, i)
			if at < lastToDate {
				r.ToDate.LastYear.AddDeal(ds, i)
			}
		}
	})
	r.placeTargets(ds, months)
	r.finish()
	return r, nil
}

// yearBeforeEnd returns where the span a year before one ending at t
// ends: t's local date and clock a year earlier, except that 29 February
// becomes 1 March, so that the year so far up to 29 February is set
// beside the whole of last year's February, as long as it is.
func yearBeforeEnd(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	if l.Month() == time.February && l.Day() == 29 {
		h, m, s := l.Clock()
		return time.Date(l.Year()-1, time.March, 1, h, m, s, l.Nanosecond(), loc)
	}
	return sales.Period{Start: t, End: t}.LastYear().End
}

// yearLabel names the year: by its calendar year unless cal's fiscal
// years start after January.
func yearLabel(cal sales.Calendar, year sales.Period) string {
	if cal.FiscalYearStart > time.January {
		return cal.Label(sales.UnitFiscalYear, year)
	}
	return cal.Label(sales.UnitYear, year)
}

// levels adds up won-value targets by level, without allocating.
type levels struct{ portal, teams, owners valueSum }

// valueSum adds up the won-value targets of one level.
type valueSum struct {
	sum sales.Total
	any bool
}

func (l *levels) add(t *sales.Target) {
	s := &l.portal
	switch {
	case t.Owner != "":
		s = &l.owners
	case t.Team != "":
		s = &l.teams
	}
	s.sum.Add(t.Value)
	s.any = true
}

// widest returns the sum of the widest level that has a won-value target,
// or nil and TargetsNone.
func (l *levels) widest() (*decimal.Decimal, TargetLevel) {
	for _, x := range []struct {
		level TargetLevel
		sum   *valueSum
	}{{TargetsPortal, &l.portal}, {TargetsTeams, &l.teams}, {TargetsOwners, &l.owners}} {
		if x.sum.any {
			v := x.sum.sum.Decimal()
			return &v, x.level
		}
	}
	return nil, TargetsNone
}

// placeTargets puts each won-value target in the month it lies within,
// and every one that lies within the year in the year's total.
func (r *Revenue) placeTargets(ds *sales.Dataset, months sales.Buckets) {
	month := make([]levels, len(r.Months))
	var year levels
	for i := range ds.Targets {
		t := &ds.Targets[i]
		if t.Metric != sales.TargetWonValue {
			continue
		}
		if !within(t.Period, r.Year) {
			if overlaps(t.Period, r.Year) {
				r.PartialTargets++
			}
			continue
		}
		year.add(t)
		if k := months.Index(t.Period.Start); k >= 0 && within(t.Period, months.Period(k)) {
			month[k].add(t)
		} else {
			r.UnplacedTargets++
		}
	}
	for k := range r.Months {
		r.Months[k].Target, r.Months[k].Level = month[k].widest()
	}
	r.Total.Target, r.Total.Level = year.widest()
}

// finish adds up the cumulative figures, the total and the ratios.
func (r *Revenue) finish() {
	t := &r.Total
	t.Month, t.Label = r.Year, r.Label
	t.Complete = !r.Through.Before(r.Year.End)
	r.ToDate.Won = sales.Tally{}
	for k := range r.Months {
		m := &r.Months[k]
		m.Complete = !r.Through.Before(m.Month.End)
		r.ToDate.Won.Merge(m.Won)
		t.Won.Merge(m.Won)
		t.LastYear.Merge(m.LastYear)
		m.Cumulative, m.LastYearCumulative = t.Won.Value, t.LastYear.Value
		if m.Target != nil {
			sum := *m.Target
			if k > 0 && r.Months[k-1].CumulativeTarget != nil {
				sum = sum.Add(*r.Months[k-1].CumulativeTarget)
			}
			m.CumulativeTarget = &sum
		} else if k > 0 {
			m.CumulativeTarget = r.Months[k-1].CumulativeTarget
		}
		m.ratios(m.Month.Start.Before(r.Through))
	}
	t.Cumulative, t.LastYearCumulative = t.Won.Value, t.LastYear.Value
	t.CumulativeTarget = t.Target
	t.ratios(true)
	d := &r.ToDate
	d.Complete = true
	d.Cumulative, d.LastYearCumulative = d.Won.Value, d.LastYear.Value
	d.ratios(true)
}

// ratios sets the attainment and the growth of m: no growth unless m is
// Complete, and no attainment for a month that has not begun.
func (m *MonthRevenue) ratios(begun bool) {
	m.Attainment, m.Growth = sales.Ratio{}, sales.Ratio{}
	won := m.Won.Value.Decimal()
	if m.Target != nil && begun {
		m.Attainment = sales.Ratio{Num: won, Den: *m.Target}
	}
	if !m.Complete {
		return
	}
	last := m.LastYear.Value.Decimal()
	m.Growth = sales.Ratio{Num: won.Sub(last), Den: last}
}
