package activity

import (
	"errors"
	"fmt"
	"time"

	"github.com/salespilot/sales"
)

// checkPeriod rejects a period no report can cover.
func checkPeriod(p sales.Period) error {
	switch {
	case p.Start.IsZero() || p.End.IsZero():
		return fmt.Errorf("period %s has a zero start or end", p)
	case p.End.Before(p.Start):
		return fmt.Errorf("period %s ends before it starts", p)
	}
	return nil
}

// checkAsOf rejects a zero asOf.
func checkAsOf(asOf time.Time) error {
	if asOf.IsZero() {
		return errors.New("asOf is the zero time")
	}
	return nil
}

// samePeriod reports whether p and q cover the same instants.
func samePeriod(p, q sales.Period) bool {
	return p.Start.Equal(q.Start) && p.End.Equal(q.End)
}

// sameBuckets reports whether a and b cut time at the same instants.
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

// mergeError says that two results cannot merge.
func mergeError(report string, p, q sales.Period) error {
	return fmt.Errorf("activity: merge %s: periods %s and %s differ", report, p, q)
}
