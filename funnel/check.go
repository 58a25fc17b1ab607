package funnel

import (
	"errors"
	"time"

	"github.com/salespilot/sales"
)

// checkPeriod rejects a period no report can cover.
func checkPeriod(p sales.Period) error {
	switch {
	case p.Start.IsZero() || p.End.IsZero():
		return errors.New("period has a zero start or end")
	case p.End.Before(p.Start):
		return errors.New("period " + p.String() + " ends before it starts")
	}
	return nil
}

// samePeriod reports whether p and q cover the same instants.
func samePeriod(p, q sales.Period) bool {
	return p.Start.Equal(q.Start) && p.End.Equal(q.End)
}

// checkAsOf rejects a zero asOf.
func checkAsOf(asOf time.Time) error {
	if asOf.IsZero() {
		return errors.New("asOf is the zero time")
	}
	return nil
}
