package funnel

import (
	"fmt"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/days"
)

// lifecycleSteps are the steps of the lifecycle funnel, in order.
var lifecycleSteps = [...]sales.LifecycleStage{
	sales.LifecycleMarketingQualified, sales.LifecycleSalesQualified,
	sales.LifecycleOpportunity, sales.LifecycleCustomer,
}

// LifecycleStep is one step of the lifecycle funnel.
type LifecycleStep struct {
	Stage sales.LifecycleStage `json:"stage"`
	// Reached counts the contacts of the cohort that reached the stage or
	// a later one. Step is Reached over the previous step's, Cumulative
	// over the first step's (the cohort).
	Reached    int64      `json:"reached"`
	Step       sales.Rate `json:"step"`
	Cumulative sales.Rate `json:"cumulative"`
	// Timed counts the contacts whose time to this step is known: those
	// with a date for it and for an earlier step. MedianDays and MeanDays
	// describe that time, from the date of the latest earlier step that
	// has one, in days of 24 hours; null when Timed is 0 and always for
	// the first step.
	Timed      int64    `json:"timed"`
	MedianDays *float64 `json:"median_days"`
	MeanDays   *float64 `json:"mean_days"`
	// OutOfOrder counts the contacts whose date for this step is before
	// the earlier step's date: they are not timed.
	OutOfOrder int64 `json:"out_of_order"`
}

// LifecycleFunnel is R39 of the catalogue: of the contacts that became
// marketing-qualified in a period, how many then reached sales-qualified,
// opportunity and customer, the conversions, and the median time between
// steps.
type LifecycleFunnel struct {
	Period sales.Period `json:"period"`
	// Steps are marketing-qualified, sales-qualified, opportunity and
	// customer, in that order. The first step's Reached is the cohort.
	Steps []LifecycleStep `json:"steps"`
}

// MQLToCustomer follows the contacts that became marketing-qualified in p
// (their first marketing-qualified date, sales.Contact.Reached, in p,
// half-open) and counts how many reached each later step: sales-qualified,
// opportunity, customer. This is R39 of the catalogue.
//
// A contact reached a step when it has a date for that step or a later
// one, or its current lifecycle stage is at or past the step (an
// evangelist is past customer; "other" is past nothing): a contact that
// skipped a step has passed it. The time to a step runs from the date of
// the latest earlier step that has one, so a skipped step adds no time of
// its own. Contacts are followed as far as their records go, whenever
// that was.
//
// Contacts without a marketing-qualified date are in no cohort, even when
// a later date puts them past it. A date before the earlier step's is
// counted in OutOfOrder, not timed. The result does not merge: medians are
// not made of the halves'. MQLToCustomer fails only when p is not a valid
// period.
func MQLToCustomer(ds *sales.Dataset, p sales.Period) (LifecycleFunnel, error) {
	if err := checkPeriod(p); err != nil {
		return LifecycleFunnel{}, fmt.Errorf("funnel: mql to customer: %w", err)
	}
	r := LifecycleFunnel{Period: p, Steps: make([]LifecycleStep, len(lifecycleSteps))}
	var furthest [len(lifecycleSteps)]int64
	c := ds.ContactColumns()
	span := sales.SpanOf(p)
	times := stepTimes(c.Reached[sales.LifecycleMarketingQualified], span)
	for i, mql := range c.Reached[sales.LifecycleMarketingQualified] {
		if !span.Contains(mql) {
			continue
		}
		furthest[lifecycleFurthest(c, i)]++
		var dates [len(lifecycleSteps)]sales.Instant
		for k, s := range lifecycleSteps {
			dates[k] = c.Reached[s][i]
		}
		for k := 1; k < len(dates); k++ {
			r.timeStep(k, dates[:k+1], &times[k], &ds.Contacts[i])
		}
	}
	var run int64
	for k := len(r.Steps) - 1; k >= 0; k-- {
		run += furthest[k]
		r.Steps[k].Stage, r.Steps[k].Reached = lifecycleSteps[k], run
	}
	r.finish(times[:])
	return r, nil
}

// stepTimes returns a slice for each step's times, each with room for one
// time per contact who became marketing-qualified in p (mqls holds when
// each did), all in one allocation.
func stepTimes(mqls []sales.Instant, p sales.Span) [len(lifecycleSteps)][]time.Duration {
	n := 0
	for _, at := range mqls {
		if p.Contains(at) {
			n++
		}
	}
	var times [len(lifecycleSteps)][]time.Duration
	all := make([]time.Duration, n*(len(lifecycleSteps)-1))
	for k := 1; k < len(times); k++ {
		times[k] = all[(k-1)*n : (k-1)*n : k*n]
	}
	return times
}

// lifecycleFurthest returns the furthest step the i-th contact reached, by
// its dates and its current stage; at least the first.
func lifecycleFurthest(c *sales.ContactColumns, i int) int {
	f := 0
	for k, s := range lifecycleSteps {
		if c.Reached[s][i] != sales.NoInstant {
			f = k
		}
	}
	if c.Reached[sales.LifecycleEvangelist][i] != sales.NoInstant {
		f = len(lifecycleSteps) - 1
	}
	cur := c.Lifecycle[i]
	for k, s := range lifecycleSteps {
		if cur >= s && cur <= sales.LifecycleEvangelist {
			f = max(f, k)
		}
	}
	return f
}

// timeStep adds the time to the last of dates, from the latest earlier
// one that is set, to out; it counts a time that runs backwards.
func (r *LifecycleFunnel) timeStep(k int, dates []sales.Instant, out *[]time.Duration,
	c *sales.Contact) {
	to := dates[k]
	if to == sales.NoInstant {
		return
	}
	for j := k - 1; j >= 0; j-- {
		from := dates[j]
		switch {
		case from == sales.NoInstant:
			continue
		case to < from:
			r.Steps[k].OutOfOrder++
		case to.Clamped() || from.Clamped():
			*out = append(*out, c.Reached.Get(lifecycleSteps[k]).Sub(c.Reached.Get(lifecycleSteps[j])))
		default:
			*out = append(*out, to.Sub(from))
		}
		return
	}
}

// finish sets the conversions and the times of every step.
func (r *LifecycleFunnel) finish(times [][]time.Duration) {
	for k := range r.Steps {
		s := &r.Steps[k]
		prev := r.Steps[0].Reached
		if k > 0 {
			prev = r.Steps[k-1].Reached
		}
		s.Step = sales.Rate{Num: s.Reached, Den: prev}
		s.Cumulative = sales.Rate{Num: s.Reached, Den: r.Steps[0].Reached}
		sum := days.Summarize(times[k])
		s.Timed = int64(sum.Count)
		if sum.Count > 0 {
			s.MedianDays, s.MeanDays = &sum.Median, &sum.Mean
		}
	}
}
