package forecast

import (
	"errors"
	"fmt"
	"time"

	"github.com/salespilot/sales"
)

// checkAsOf rejects a zero instant.
func checkAsOf(asOf time.Time) error {
	if asOf.IsZero() {
		return errors.New("asOf is the zero time")
	}
	return nil
}

// checkPeriod rejects a period no report can cover.
func checkPeriod(p sales.Period) error {
	switch {
	case p.Start.IsZero() || p.End.IsZero():
		return errors.New("period has a zero start or end")
	case p.End.Before(p.Start):
		return fmt.Errorf("period %s ends before it starts", p)
	}
	return nil
}

// checkBuckets rejects a unit that is not one and a calendar that is not
// valid.
func checkBuckets(c sales.Calendar, u sales.Unit) error {
	if u < sales.UnitDay || u > sales.UnitFiscalYear {
		return fmt.Errorf("unit %s is not a unit", u)
	}
	return c.Validate()
}

// samePeriod reports whether p and q cover the same instants.
func samePeriod(p, q sales.Period) bool {
	return p.Start.Equal(q.Start) && p.End.Equal(q.End)
}

// sameBuckets reports whether a and b cut the same buckets.
func sameBuckets(a, b sales.Buckets) bool {
	if a.Len() != b.Len() || a.Unit() != b.Unit() {
		return false
	}
	for i := range a.Len() {
		if !samePeriod(a.Period(i), b.Period(i)) {
			return false
		}
	}
	return true
}
