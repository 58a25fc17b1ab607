package kpi

import (
	"fmt"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/days"
)

// Cycle is R23 (won deals) or R24 (lost deals) of the catalogue: how long
// the deals closed in a period took, from creation to close, in days of 24
// hours.
type Cycle struct {
	Period sales.Period `json:"period"`
	// Outcome is sales.StageWon for R23, sales.StageLost for R24.
	Outcome sales.StageKind `json:"outcome"`
	// Deals counts the deals closed in the period with the outcome whose
	// cycle is measured; the figures below are over them.
	Deals int64 `json:"deals"`
	// MeanDays, MedianDays and P90Days are the mean, the median and the
	// nearest-rank 90th percentile of the cycles; MinDays and MaxDays the
	// shortest and the longest. All are null when Deals is 0.
	MeanDays   *float64 `json:"mean_days"`
	MedianDays *float64 `json:"median_days"`
	P90Days    *float64 `json:"p90_days"`
	MinDays    *float64 `json:"min_days"`
	MaxDays    *float64 `json:"max_days"`
	// NoCreated counts deals closed in the period with no creation date,
	// and Negative those that closed before they were created, as some
	// exports have it: both are left out of the figures.
	NoCreated int64 `json:"no_created"`
	Negative  int64 `json:"negative"`
	Skipped
}

// SalesCycle measures the sales cycle of the deals closed in p (by close
// date, p half-open) with the given outcome: sales.StageWon gives R23 of
// the catalogue, sales.StageLost R24.
//
// A deal's cycle is its close date less its creation date, in days of 24
// hours of elapsed time (a cycle across a daylight-saving change is an
// hour more or less than its calendar days); a deal closed the instant it
// was created has a cycle of 0. Won and lost come from the kind of the
// deal's stage. The median of an even count is the mean of the two middle
// cycles; the 90th percentile is by nearest rank, the cycle at rank
// ⌈0.9 n⌉ of n in increasing order, so it is always one of the cycles.
//
// Deals with no creation date and deals closed before they were created
// are counted in NoCreated and Negative, not measured, so that one bad
// date cannot poison the mean. Closed deals without a close date and deals
// in an unknown stage are counted in Skipped.
//
// The result does not merge: medians and percentiles are not made of the
// halves'. SalesCycle fails when p is not a valid period or outcome is
// neither won nor lost.
func SalesCycle(ds *sales.Dataset, p sales.Period, outcome sales.StageKind) (Cycle, error) {
	if err := checkPeriod(p); err != nil {
		return Cycle{}, fmt.Errorf("kpi: sales cycle: %w", err)
	}
	if !outcome.Closed() {
		return Cycle{}, fmt.Errorf("kpi: sales cycle: outcome %s is neither won nor lost", outcome)
	}
	r := Cycle{Period: p, Outcome: outcome}
	var cycles []time.Duration
	c := ds.DealColumns()
	eachClosed(ds, p, outcome, &r.Skipped, func(i int) {
		switch created, closed := c.Created[i], c.Close[i]; {
		case created == sales.NoInstant:
			r.NoCreated++
		case closed < created:
			r.Negative++
		case closed.Clamped() || created.Clamped():
			cycles = append(cycles, ds.Deals[i].CloseDate.Sub(ds.Deals[i].Created))
		default:
			cycles = append(cycles, closed.Sub(created))
		}
	})
	r.setFigures(days.Summarize(cycles))
	return r, nil
}

// setFigures copies the summary of the cycles into r.
func (r *Cycle) setFigures(s days.Summary) {
	r.Deals = int64(s.Count)
	if s.Count == 0 {
		return
	}
	r.MeanDays, r.MedianDays, r.P90Days = &s.Mean, &s.Median, &s.P90
	r.MinDays, r.MaxDays = &s.Min, &s.Max
}
