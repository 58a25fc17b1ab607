package portfolio_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	. "github.com/salespilot/sales/internal/testkit"
)

// day returns midnight UTC of a day of 2024.
func day(m time.Month, d int) time.Time { return Date(2024, m, d, nil) }

// q1 is the period the hand-worked tests cover.
var q1 = sales.Quarter(2024, 1, nil)

// smallPortal is the portal the hand-worked tests share; each deal's part
// in the expected values is said next to it. EUR converts at 1.1; GBP has
// no rate.
func smallPortal() sales.Records {
	won := func(id sales.DealID, co sales.CompanyID, t sales.DealType, closed time.Time,
		amount string) sales.Deal {
		d := sales.Deal{ID: id, Pipeline: "sales", Stage: "won", Company: co, Type: t,
			Created: day(1, 1).AddDate(0, -3, 0), CloseDate: closed}
		if amount != "" {
			d.Amount = Amount(amount)
		}
		return d
	}
	line := func(id sales.LineItemID, deal sales.DealID, product sales.ProductID, name, qty, amount string,
		cur sales.Currency) sales.LineItem {
		li := sales.LineItem{ID: id, Deal: deal, Product: product, Name: name, Quantity: D(qty),
			UnitPrice: D("100"), Currency: cur}
		if amount != "" {
			li.Amount = Amount(amount)
		}
		return li
	}
	unknown := sales.DealTypeUnknown
	eur := won("p4", "co3", sales.DealTypeNewBusiness, day(2, 20), "400")
	eur.Currency = "EUR"
	gbp := won("p8", "co3", unknown, day(3, 20), "600")
	gbp.Currency = "GBP"
	return sales.Records{
		Currency:  "USD",
		Rates:     sales.Rates{Base: "USD", ToBase: map[sales.Currency]decimal.Decimal{"EUR": D("1.1")}},
		Pipelines: []sales.Pipeline{SalesPipeline},
		Companies: []sales.Company{
			{ID: "co1", Name: "Acme", Type: "CUSTOMER", Industry: "Software"},
			{ID: "co2", Name: "Bolt", Type: "PROSPECT", Industry: "Retail"},
			{ID: "co3", Name: "Core", Industry: "Software"},
		},
		Products: []sales.Product{{ID: "pA", Name: "Alpha"}, {ID: "pB", Name: "Beta"}},
		Deals: []sales.Deal{
			// p0: Acme's first win, in December: before the quarter.
			won("p0", "co1", unknown, Date(2023, time.December, 15, nil), "500"),
			// p1: Acme again in January, untyped: existing by its history.
			won("p1", "co1", unknown, day(1, 10), "1000"),
			// p2: Bolt's first win, untyped: new business.
			won("p2", "co2", unknown, day(2, 5), "2000"),
			// p3: Bolt again: existing.
			won("p3", "co2", unknown, day(3, 1), "300"),
			// p4: Core, typed new business, 400 EUR = 440 USD.
			eur,
			// p5: no company, untyped: its own group.
			won("p5", "", unknown, day(3, 10), "150"),
			// p6: no company, but typed existing business.
			won("p6", "", sales.DealTypeExistingBusiness, day(3, 12), "50"),
			// p7: a company the portal does not list, won without an amount:
			// its first win, so new business.
			won("p7", "co9", unknown, day(1, 20), ""),
			// p8: Core again, untyped, in GBP (no rate): existing.
			gbp,
			// p9: lost; p10: won without a close date; p11: an unknown stage.
			{ID: "p9", Pipeline: "sales", Stage: "lost", Company: "co1", Amount: Amount("700"),
				Created: day(1, 1), CloseDate: day(2, 1)},
			{ID: "p10", Pipeline: "sales", Stage: "won", Company: "co1", Amount: Amount("90"),
				Created: day(1, 1)},
			{ID: "p11", Pipeline: "sales", Stage: "ghost", Company: "co1", Created: day(1, 1)},
			// p12: Bolt in April, after the quarter.
			won("p12", "co2", unknown, day(4, 2), "900"),
		},
		LineItems: []sales.LineItem{
			line("L1", "p1", "pA", "", "2", "800", ""),
			line("L2", "p1", "pB", "", "1", "200", ""),
			line("L3", "p2", "pA", "", "5", "2000", ""),
			// No product and no amount: 3 × 100 = 300, grouped by its name.
			line("L4", "p3", "", "Consulting", "3", "", ""),
			line("L5", "p4", "pB", "", "4", "400", "EUR"),
			line("L6", "p8", "pA", "", "1", "600", "GBP"),
			// A product the catalogue lacks, named by the line.
			line("L7", "p5", "pZ", "Zeta", "1", "150", ""),
			// The lost deal's line does not count.
			line("L8", "p9", "pA", "", "1", "700", ""),
		},
	}
}

// tallyIs fails the test unless got counts n deals worth value, with the
// given numbers without amount and without rate.
func tallyIs(t *testing.T, call string, got sales.Tally, n int64, value string,
	noAmount, noRate int64) {
	t.Helper()
	if got.Count != n || got.NoAmount != noAmount || got.NoRate != noRate ||
		!got.Value.Decimal().Equal(D(value)) {
		t.Errorf("%s = %d deals worth %s (%d without amount, %d without rate), "+
			"want %d worth %s (%d, %d)", call, got.Count, got.Value.Decimal(), got.NoAmount,
			got.NoRate, n, value, noAmount, noRate)
	}
}

// ratioIs fails the test unless r's value is want ("" for no value).
func ratioIs(t *testing.T, call string, r sales.Ratio, want string) {
	t.Helper()
	v, ok := r.Value()
	switch {
	case want == "" && ok:
		t.Errorf("%s = %s, want no value", call, v)
	case want != "" && (!ok || !v.Equal(D(want))):
		t.Errorf("%s = %s (%v), want %s", call, v, ok, want)
	}
}
