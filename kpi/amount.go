package kpi

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/order"
)

// WonAmounts is R22 of the catalogue: the mean and median amount of the
// deals won in a period.
type WonAmounts struct {
	Period   sales.Period   `json:"period"`
	Currency sales.Currency `json:"currency"`
	// Won tallies the deals won in the period. Won.NoAmount and
	// Won.NoRate count the deals left out of the mean and the median.
	Won sales.Tally `json:"won"`
	// Mean and Median are over the won deals that have a value in the
	// home currency, rounded half away from zero to two decimal places;
	// null when no won deal has one. The median of an even count is the
	// mean of the two middle amounts.
	Mean   *decimal.Decimal `json:"mean"`
	Median *decimal.Decimal `json:"median"`
	Skipped
}

// AverageWonAmount returns the mean and median amount, in the home
// currency, of the deals won in p (by close date, p half-open). This is
// R22 of the catalogue.
//
// Won comes from the kind of the deal's stage. A won deal without an
// amount counts in Won.Count and is left out of the mean and the median
// (Won.NoAmount), as is one whose currency has no rate (Won.NoRate); an
// amount of 0 is an amount and counts. Closed deals without a close date
// and deals in an unknown stage are counted in Skipped.
//
// The result does not merge: a median is not made of the medians of two
// halves. AverageWonAmount fails only when p is not a valid period. It
// keeps the n won amounts to find their median, in O(n) time, by
// selection (in O(n log n) when an amount is not a whole number of
// millionths, which it sorts as decimals).
func AverageWonAmount(ds *sales.Dataset, p sales.Period) (WonAmounts, error) {
	if err := checkPeriod(p); err != nil {
		return WonAmounts{}, fmt.Errorf("kpi: average won amount: %w", err)
	}
	r := WonAmounts{Period: p, Currency: ds.Currency()}
	c := ds.DealColumns()
	var micros []int64 // the values in millionths, while every one has that form
	var values []decimal.Decimal
	eachClosed(ds, p, sales.StageWon, &r.Skipped, func(i int) {
		r.Won.AddDeal(ds, i)
		switch {
		case c.Value[i] != sales.ValueOK:
		case c.Micros[i] != sales.NoMicros && values == nil:
			micros = append(micros, c.Micros[i])
		default:
			values = append(values, decimals(micros)...)
			micros = micros[:0]
			v, _ := ds.DealValue(i)
			values = append(values, v)
		}
	})
	if mean, ok := r.Won.Average(); ok {
		r.Mean = &mean
		var med decimal.Decimal
		if values != nil {
			med = medianAmount(values)
		} else {
			med = medianMicros(micros)
		}
		r.Median = &med
	}
	return r, nil
}

// decimals returns amounts in millionths as decimals.
func decimals(micros []int64) []decimal.Decimal {
	out := make([]decimal.Decimal, len(micros), len(micros)+1)
	for k, m := range micros {
		out[k] = decimal.New(m, -6)
	}
	return out
}

// medianMicros is medianAmount for amounts in millionths, which must not
// be empty: it selects the middle ones as integers, in linear time, which
// gives the median medianAmount gives for the decimals they stand for.
func medianMicros(micros []int64) decimal.Decimal {
	lo, hi := order.Middle(micros)
	if len(micros)%2 == 1 {
		return decimal.New(hi, -6).Round(2)
	}
	sum := decimal.New(lo, -6).Add(decimal.New(hi, -6))
	return sum.DivRound(decimal.NewFromInt(2), 2)
}

// medianAmount sorts values, which must not be empty, and returns their
// median rounded half away from zero to two decimal places.
func medianAmount(values []decimal.Decimal) decimal.Decimal {
	sortAmounts(values)
	n := len(values)
	if n%2 == 1 {
		return values[n/2].Round(2)
	}
	return values[n/2-1].Add(values[n/2]).DivRound(decimal.NewFromInt(2), 2)
}

// sortAmounts sorts values in increasing order. Amounts with at most six
// decimal places that fit in int64 millionths, nearly all of them, are
// compared as integers, so that sorting does not allocate.
func sortAmounts(values []decimal.Decimal) {
	slices.SortFunc(values, func(a, b decimal.Decimal) int {
		x, okx := micros(a)
		y, oky := micros(b)
		if okx && oky {
			return cmp.Compare(x, y)
		}
		return a.Cmp(b)
	})
}

// micros returns d in millionths when that is exact and fits in an int64,
// without allocating.
func micros(d decimal.Decimal) (int64, bool) {
	if d.Sign() == 0 {
		return 0, true
	}
	exp := d.Exponent()
	if exp < -6 || d.NumDigits()+int(exp)+6 > 18 {
		return 0, false
	}
	c := d.CoefficientInt64()
	for ; exp > -6; exp-- {
		c *= 10
	}
	return c, true
}
