package kpi

import (
	"fmt"

	"github.com/salespilot/sales"
)

// Skipped counts the deals a report over closed deals cannot place in
// time, as ResultsPerRep does: closed deals with no close date, which fall
// in no period, and deals whose stage is not in their pipeline, which are
// neither open, won nor lost. Both are counted over the whole portal,
// whatever the period.
type Skipped struct {
	NoCloseDate  int64 `json:"no_close_date"`
	UnknownStage int64 `json:"unknown_stage"`
}

// add adds the counts of o to s.
func (s *Skipped) add(o Skipped) {
	s.NoCloseDate += o.NoCloseDate
	s.UnknownStage += o.UnknownStage
}

// eachClosed calls f with the position of every deal of kind want (won or
// lost) whose close date is in p, counting in s the deals it cannot
// place. It allocates nothing.
func eachClosed(ds *sales.Dataset, p sales.Period, want sales.StageKind, s *Skipped,
	f func(i int)) {
	c := ds.DealColumns()
	span := sales.SpanOf(p)
	for i, kind := range c.Kind {
		switch {
		case kind == 0:
			s.UnknownStage++
		case !kind.Closed():
		case c.Close[i] == sales.NoInstant:
			s.NoCloseDate++
		case kind == want && span.Contains(c.Close[i]):
			f(i)
		}
	}
}

// checkSeries rejects a period, a unit or a calendar a report over time
// cannot cut, and returns the buckets of p.
func checkSeries(p sales.Period, u sales.Unit, cal sales.Calendar) (sales.Buckets, error) {
	if err := checkPeriod(p); err != nil {
		return sales.Buckets{}, err
	}
	if _, err := u.MarshalText(); err != nil {
		return sales.Buckets{}, fmt.Errorf("unit %s is not a unit", u)
	}
	if err := cal.Validate(); err != nil {
		return sales.Buckets{}, err
	}
	return cal.Buckets(u, p), nil
}

// Series says how a report over time cut its period: the period, the unit
// and the calendar of its buckets. Results over time merge only when their
// Series are equal.
type Series struct {
	Period   sales.Period   `json:"period"`
	Unit     sales.Unit     `json:"unit"`
	Calendar sales.Calendar `json:"calendar"`
	// Buckets lists the buckets, each with its start, end and label.
	Buckets sales.Buckets `json:"buckets"`
}

// sameSeries reports whether a and b cut the same period the same way.
func sameSeries(a, b Series) bool {
	return samePeriod(a.Period, b.Period) && a.Unit == b.Unit && a.Calendar == b.Calendar
}

// mismatch describes two series that do not merge.
func (s Series) mismatch(o Series) string {
	return fmt.Sprintf("%s by %s and %s by %s differ", s.Period, s.Unit, o.Period, o.Unit)
}
