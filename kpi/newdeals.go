package kpi

import (
	"fmt"
	"slices"

	"github.com/salespilot/sales"
)

// NewDealSeries is R36 of the catalogue: the deals created per bucket,
// count and value.
type NewDealSeries struct {
	Series
	Currency sales.Currency `json:"currency"`
	// Deals is aligned with Buckets: the deals created in each, whatever
	// their pipeline or stage now.
	Deals []sales.Tally `json:"deals"`
	// Total is every deal created in the period.
	Total sales.Tally `json:"total"`
	// NoCreated counts deals with no creation date, which fall in no
	// bucket.
	NoCreated int64 `json:"no_created"`
}

// NewDeals tallies the deals created in p (p half-open) per bucket of
// unit u, cut by cal in p's location. This is R36 of the catalogue.
//
// Every deal created in the period counts, open, won, lost or in a stage
// its pipeline does not list. Values are in the home currency; deals
// without an amount, or whose currency has no rate, count in Count and
// are counted apart in NoAmount and NoRate. Deals with no creation date
// are counted in NoCreated.
//
// Results over two halves of a portal merge with Merge. NewDeals fails
// when p is not a valid period, u not a unit or cal not valid.
func NewDeals(ds *sales.Dataset, p sales.Period, u sales.Unit,
	cal sales.Calendar) (NewDealSeries, error) {
	b, err := checkSeries(p, u, cal)
	if err != nil {
		return NewDealSeries{}, fmt.Errorf("kpi: new deals: %w", err)
	}
	r := NewDealSeries{Series: Series{Period: p, Unit: u, Calendar: cal, Buckets: b},
		Currency: ds.Currency(), Deals: make([]sales.Tally, b.Len())}
	bounds := b.Bounds()
	for i, created := range ds.DealColumns().Created {
		if created == sales.NoInstant {
			r.NoCreated++
			continue
		}
		if k := bounds.Index(created); k >= 0 {
			r.Deals[k].AddDeal(ds, i)
			r.Total.AddDeal(ds, i)
		}
	}
	return r, nil
}

// Merge adds the deals of o, computed over other deals of the same portal
// with the same period, unit and calendar, to r. It fails when the series
// or the currencies differ.
func (r *NewDealSeries) Merge(o NewDealSeries) error {
	if !sameSeries(r.Series, o.Series) || r.Currency != o.Currency || len(r.Deals) != len(o.Deals) {
		return fmt.Errorf("kpi: merge new deals: %s, in %q and %q",
			r.mismatch(o.Series), r.Currency, o.Currency)
	}
	r.Deals = slices.Clone(r.Deals)
	for k := range r.Deals {
		r.Deals[k].Merge(o.Deals[k])
	}
	r.Total.Merge(o.Total)
	r.NoCreated += o.NoCreated
	return nil
}
