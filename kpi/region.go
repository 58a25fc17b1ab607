package kpi

import (
	"fmt"
	"slices"
	"strings"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/keyed"
)

// RegionRow is one region's won deals, per bucket.
type RegionRow struct {
	// Region is the region's name as the records write it, spaces around
	// it trimmed; empty for the deals that have no region, neither their
	// own nor their company's.
	Region string `json:"region"`
	// Buckets is aligned with the report's Buckets.
	Buckets []sales.Tally `json:"buckets"`
	Total   sales.Tally   `json:"total"`
}

// RegionSeries is R31 of the catalogue: the deals won per bucket and
// region, count and value.
type RegionSeries struct {
	Series
	Currency sales.Currency `json:"currency"`
	// Regions has a row per region, by name, the deals without a region
	// in a last row of their own.
	Regions []RegionRow `json:"regions"`
	// Total adds up the regions: Total.Buckets is every won deal per
	// bucket, Total.Total every won deal of the period.
	Total RegionRow `json:"total"`
	Skipped
}

// WonByRegion tallies the deals won in p (by close date, p half-open) per
// bucket of unit u, cut by cal in p's location, and per region: the deal's
// own region, else its company's, else none. This is R31 of the catalogue.
//
// Regions are compared as written once trimmed: "EMEA" and " EMEA " are
// one region, "EMEA" and "emea" two. A blank region is no region, so a
// deal whose own region is blank counts in its company's. Deals without a
// region form a row of their own, never dropped. Values are in the home
// currency; won deals without an amount, or whose currency has no rate,
// count in Count and are counted apart in NoAmount and NoRate. Closed
// deals without a close date and deals in an unknown stage are counted in
// Skipped.
//
// Results over two halves of a portal merge with Merge. WonByRegion fails
// when p is not a valid period, u not a unit or cal not valid. Its time is
// linear in the deals, with a bisection per won deal to find its bucket.
func WonByRegion(ds *sales.Dataset, p sales.Period, u sales.Unit,
	cal sales.Calendar) (RegionSeries, error) {
	b, err := checkSeries(p, u, cal)
	if err != nil {
		return RegionSeries{}, fmt.Errorf("kpi: won by region: %w", err)
	}
	r := RegionSeries{Series: Series{Period: p, Unit: u, Calendar: cal, Buckets: b},
		Currency: ds.Currency()}
	bounds, closes := b.Bounds(), ds.DealColumns().Close
	rows := newRegionRows(ds)
	eachClosed(ds, p, sales.StageWon, &r.Skipped, func(i int) {
		k := bounds.Index(closes[i]) // the buckets partition p: k >= 0
		if k < 0 {
			return
		}
		row := rows.of(ds, i)
		if *row == nil {
			*row = make([]sales.Tally, b.Len())
		}
		(*row)[k].AddDeal(ds, i)
	})
	regions := rows.byRegion(b.Len())
	r.Regions = keyed.Rows(&regions, func(region string, v *[]sales.Tally) RegionRow {
		return regionRow(region, *v)
	})
	r.finish()
	return r, nil
}

// regionRows holds the won deals' tallies by the code of the region they
// count in: the deal's own region, else its company's, else none.
type regionRows struct {
	deals, companies *sales.Codes
	byDeal           [][]sales.Tally // by code of the deal's region
	byCompany        [][]sales.Tally // by code of the company's region
	none             []sales.Tally
}

func newRegionRows(ds *sales.Dataset) *regionRows {
	r := &regionRows{deals: &ds.DealColumns().Region, companies: &ds.CompanyColumns().Region}
	r.byDeal = make([][]sales.Tally, len(r.deals.Dict))
	r.byCompany = make([][]sales.Tally, len(r.companies.Dict))
	return r
}

// of returns the tallies of the region the i-th deal counts in.
func (r *regionRows) of(ds *sales.Dataset, i int) *[]sales.Tally {
	if code := r.deals.Code[i]; !blank(r.deals.Dict[code]) {
		return &r.byDeal[code]
	}
	if c := ds.DealCompany(i); c >= 0 {
		return &r.byCompany[r.companies.Code[c]]
	}
	return &r.none
}

// blank reports whether a region is empty or only spaces. It allocates
// nothing.
func blank(region string) bool { return strings.TrimSpace(region) == "" }

// byRegion merges the tallies by region name, trimmed, in buckets of n.
func (r *regionRows) byRegion(n int) keyed.Table[[]sales.Tally] {
	var t keyed.Table[[]sales.Tally]
	add := func(region string, tallies []sales.Tally) {
		if tallies == nil {
			return
		}
		row := t.At(strings.TrimSpace(region))
		if *row == nil {
			*row = make([]sales.Tally, n)
		}
		for k := range tallies {
			(*row)[k].Merge(tallies[k])
		}
	}
	for code, tallies := range r.byDeal {
		add(r.deals.Dict[code], tallies)
	}
	for code, region := range r.companies.Dict {
		add(region, r.byCompany[code])
	}
	add("", r.none)
	return t
}

// regionRow builds a row from its buckets, adding up its total.
func regionRow(region string, buckets []sales.Tally) RegionRow {
	row := RegionRow{Region: region, Buckets: buckets}
	for _, t := range buckets {
		row.Total.Merge(t)
	}
	return row
}

// finish sorts the rows and adds up the total row.
func (r *RegionSeries) finish() {
	slices.SortFunc(r.Regions, func(a, b RegionRow) int {
		return keyed.CompareKeys(a.Region, b.Region)
	})
	total := make([]sales.Tally, r.Buckets.Len())
	for _, row := range r.Regions {
		for j, t := range row.Buckets {
			total[j].Merge(t)
		}
	}
	r.Total = regionRow("", total)
}

// Merge adds the won deals of o, computed over other deals of the same
// portal with the same period, unit and calendar, to r. It fails when the
// series or the currencies differ.
func (r *RegionSeries) Merge(o RegionSeries) error {
	if !sameSeries(r.Series, o.Series) || r.Currency != o.Currency {
		return fmt.Errorf("kpi: merge won by region: %s, in %q and %q",
			r.mismatch(o.Series), r.Currency, o.Currency)
	}
	r.Regions = keyed.Combine(r.Regions, o.Regions,
		func(x *RegionRow) string { return x.Region },
		func(dst, src *RegionRow) {
			buckets := slices.Clone(dst.Buckets)
			for j := range buckets {
				buckets[j].Merge(src.Buckets[j])
			}
			*dst = regionRow(dst.Region, buckets)
		})
	r.Skipped.add(o.Skipped)
	r.finish()
	return nil
}
