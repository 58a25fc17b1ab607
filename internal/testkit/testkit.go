// Package testkit holds what the tests of several packages share: small
// hand-readable portals, a way to split a portal in two for merge
// properties, and money assertions that compare decimals by value.
package testkit

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// D parses a decimal literal; it panics on a malformed one, which is a bug
// in the test.
func D(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Amount returns a valid nullable amount.
func Amount(s string) decimal.NullDecimal {
	return decimal.NewNullDecimal(D(s))
}

// Date returns midnight of the given day in loc (UTC when nil).
func Date(y int, m time.Month, d int, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// EqualMoney fails the test when got and want differ in value (1 and 1.00
// are equal), printing both.
func EqualMoney(t testing.TB, call string, got, want decimal.Decimal) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %s, want %s", call, got, want)
	}
}

// SalesPipeline is a five-stage pipeline: three open stages, won, lost.
var SalesPipeline = sales.Pipeline{
	ID: "sales", Label: "Sales",
	Stages: []sales.Stage{
		{ID: "qualify", Label: "Qualify", Kind: sales.StageOpen, Probability: 0.2},
		{ID: "propose", Label: "Propose", Kind: sales.StageOpen, Probability: 0.5},
		{ID: "negotiate", Label: "Negotiate", Kind: sales.StageOpen, Probability: 0.8},
		{ID: "won", Label: "Won", Kind: sales.StageWon, Probability: 1},
		{ID: "lost", Label: "Lost", Kind: sales.StageLost, Probability: 0},
	},
}

// SplitDeals returns two portals that share every record but the deals:
// the deals for which first reports true go to a, the others to b. Line
// items follow their deal.
func SplitDeals(r sales.Records, first func(i int) bool) (a, b sales.Records) {
	a, b = r, r
	a.Deals, b.Deals = nil, nil
	inA := make(map[sales.DealID]bool)
	for i, d := range r.Deals {
		if first(i) {
			a.Deals = append(a.Deals, d)
			inA[d.ID] = true
		} else {
			b.Deals = append(b.Deals, d)
		}
	}
	a.LineItems, b.LineItems = nil, nil
	for _, li := range r.LineItems {
		if inA[li.Deal] {
			a.LineItems = append(a.LineItems, li)
		} else {
			b.LineItems = append(b.LineItems, li)
		}
	}
	return a, b
}

// SplitActivities returns two portals that share every record but the
// activities: those for which first reports true go to a.
func SplitActivities(r sales.Records, first func(i int) bool) (a, b sales.Records) {
	a, b = r, r
	a.Activities, b.Activities = nil, nil
	for i, x := range r.Activities {
		if first(i) {
			a.Activities = append(a.Activities, x)
		} else {
			b.Activities = append(b.Activities, x)
		}
	}
	return a, b
}
