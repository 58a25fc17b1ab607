package kpi

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// Basket is one bucket of BasketSeries: the mean won amount in the bucket
// beside the one in the bucket before it.
type Basket struct {
	// Won tallies the deals won in the bucket; Mean is Won's average,
	// rounded half away from zero to two decimal places, null when no
	// won deal has a value.
	Won  sales.Tally      `json:"won"`
	Mean *decimal.Decimal `json:"mean"`
	// Previous and PreviousMean are the same for the bucket before.
	Previous     sales.Tally      `json:"previous"`
	PreviousMean *decimal.Decimal `json:"previous_mean"`
	// Change is (Mean − PreviousMean) / PreviousMean, the relative change
	// of the mean: 0.1 for a basket a tenth larger. It has no value when
	// either mean is missing or the previous one is 0.
	Change sales.Ratio `json:"change"`
}

// BasketSeries is R38 of the catalogue: the average basket (the mean
// amount of the deals won) per bucket, beside the previous bucket.
type BasketSeries struct {
	Series
	Currency sales.Currency `json:"currency"`
	// Before is the bucket before the first: the whole bucket of the unit
	// that ends where the first bucket's whole bucket starts.
	Before sales.Period `json:"before"`
	// Baskets is aligned with Buckets.
	Baskets []Basket `json:"baskets"`
	Skipped
}

// AverageBasket returns, for each bucket of unit u that cal cuts p into
// (in p's location), the mean amount of the deals won in it (by close
// date) beside the mean of the bucket before. This is R38 of the
// catalogue.
//
// The bucket before the first bucket lies outside p: it is the whole
// bucket of u before the one that holds p.Start, so that January's
// previous bucket is December even when p starts on January 15. Every
// other bucket's previous bucket is the one before it in the series.
//
// Means are in the home currency and exclude the won deals without an
// amount or whose currency has no rate (counted in the tallies' NoAmount
// and NoRate); an amount of 0 counts. A bucket without a won deal that has
// a value has no mean. Closed deals without a close date and deals in an
// unknown stage are counted in Skipped.
//
// Results over two halves of a portal merge with Merge. AverageBasket
// fails when p is not a valid period, u not a unit or cal not valid.
func AverageBasket(ds *sales.Dataset, p sales.Period, u sales.Unit,
	cal sales.Calendar) (BasketSeries, error) {
	b, err := checkSeries(p, u, cal)
	if err != nil {
		return BasketSeries{}, fmt.Errorf("kpi: average basket: %w", err)
	}
	r := BasketSeries{Series: Series{Period: p, Unit: u, Calendar: cal, Buckets: b},
		Currency: ds.Currency(), Baskets: make([]Basket, b.Len())}
	if b.Len() == 0 {
		// An empty period has no bucket and no bucket before, but the
		// deals it cannot place are still counted, as for any period.
		eachClosed(ds, p, sales.StageWon, &r.Skipped, func(int) {})
		return r, nil
	}
	r.Before = cal.Bucket(u, cal.Bucket(u, p.Start).Start.Add(-time.Nanosecond))
	var before sales.Tally
	span := sales.Period{Start: r.Before.Start, End: p.End}
	bounds, prev, closes := b.Bounds(), sales.SpanOf(r.Before), ds.DealColumns().Close
	eachClosed(ds, span, sales.StageWon, &r.Skipped, func(i int) {
		at := closes[i]
		if k := bounds.Index(at); k >= 0 {
			r.Baskets[k].Won.AddDeal(ds, i)
		} else if prev.Contains(at) {
			before.AddDeal(ds, i)
		}
	})
	r.finish(before)
	return r, nil
}

// finish sets every basket's previous tally, from before for the first,
// and the means.
func (r *BasketSeries) finish(before sales.Tally) {
	for k := range r.Baskets {
		x := &r.Baskets[k]
		x.Previous = before
		if k > 0 {
			x.Previous = r.Baskets[k-1].Won
		}
		x.Mean, x.PreviousMean = average(x.Won), average(x.Previous)
		x.Change = sales.Ratio{}
		if x.Mean != nil && x.PreviousMean != nil {
			x.Change = sales.Ratio{Num: x.Mean.Sub(*x.PreviousMean), Den: *x.PreviousMean}
		}
	}
}

// average returns the tally's average, or nil when it has none.
func average(t sales.Tally) *decimal.Decimal {
	if v, ok := t.Average(); ok {
		return &v
	}
	return nil
}

// Merge adds the won deals of o, computed over other deals of the same
// portal with the same period, unit and calendar, to r. It fails when the
// series or the currencies differ.
func (r *BasketSeries) Merge(o BasketSeries) error {
	if !sameSeries(r.Series, o.Series) || r.Currency != o.Currency ||
		len(r.Baskets) != len(o.Baskets) {
		return fmt.Errorf("kpi: merge average basket: %s, in %q and %q",
			r.mismatch(o.Series), r.Currency, o.Currency)
	}
	baskets := make([]Basket, len(r.Baskets))
	for k := range baskets {
		baskets[k].Won = r.Baskets[k].Won
		baskets[k].Won.Merge(o.Baskets[k].Won)
	}
	var before sales.Tally
	if len(baskets) > 0 {
		before = r.Baskets[0].Previous
		before.Merge(o.Baskets[0].Previous)
	}
	r.Baskets = baskets
	r.Skipped.add(o.Skipped)
	r.finish(before)
	return nil
}
