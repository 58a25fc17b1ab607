package portfolio_test

import (
	"testing"
	"time"

	"github.com/salespilot/sales"
	. "github.com/salespilot/sales/internal/testkit"
	"github.com/salespilot/sales/portfolio"
)

func TestTopProducts(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	got, err := portfolio.TopProducts(ds, q1, 2)
	if err != nil {
		t.Fatalf("TopProducts: %v", err)
	}
	// Alpha: L1 800, L3 2000, L6 in GBP (no rate): 3 lines, 8 units, 2800.
	// Beta: L2 200, L5 400 EUR = 440: 2 lines, 5 units, 640.
	// Consulting: 3 × 100 = 300. Zeta (pZ): 150. Total 3890.
	tests := []struct {
		product sales.ProductID
		name    string
		lines   int64
		qty     string
		value   string
		noRate  int64
		share   string
	}{
		{"pA", "Alpha", 3, "8", "2800", 1, "0.719794"},
		{"pB", "Beta", 2, "5", "640", 0, "0.164524"},
		{"", "Consulting", 1, "3", "300", 0, "0.077121"},
		{"pZ", "Zeta", 1, "1", "150", 0, "0.038560"},
	}
	if len(got.Products) != len(tests) {
		t.Fatalf("TopProducts: %d products, want %d: %+v", len(got.Products), len(tests), got.Products)
	}
	for i, tt := range tests {
		p := got.Products[i]
		if p.Product != tt.product || p.Name != tt.name || p.Lines != tt.lines || p.NoRate != tt.noRate ||
			!p.Quantity.Decimal().Equal(D(tt.qty)) || !p.Value.Decimal().Equal(D(tt.value)) {
			t.Errorf("TopProducts: product %d = %+v, want %+v", i, p, tt)
		}
		ratioIs(t, "TopProducts: share of "+tt.name, p.Share, tt.share)
	}
	// Top 2 and other: Consulting and Zeta, 2 lines, 4 units, 450.
	if top := got.TopProducts(); len(top) != 2 || top[1].Name != "Beta" {
		t.Errorf("TopProducts: top %+v, want Alpha and Beta", top)
	}
	o := got.Other
	if o.Lines != 2 || !o.Quantity.Decimal().Equal(D("4")) || !o.Value.Decimal().Equal(D("450")) ||
		got.OtherProducts != 2 {
		t.Errorf("TopProducts: other %+v (%d products), want 2 lines, 4 units, 450, 2 products",
			o, got.OtherProducts)
	}
	EqualMoney(t, "TopProducts: total", got.Total.Value.Decimal(), D("3890"))
	if got.Total.Lines != 7 || got.Total.NoRate != 1 || got.WonDeals != 8 || got.WithoutLines != 2 {
		t.Errorf("TopProducts: %d lines (%d no rate), %d won deals, %d without lines; want 7, 1, 8, 2",
			got.Total.Lines, got.Total.NoRate, got.WonDeals, got.WithoutLines)
	}
	if got.NoCloseDate != 1 || got.UnknownStage != 1 {
		t.Errorf("TopProducts: no close date %d, unknown stage %d, want 1 and 1",
			got.NoCloseDate, got.UnknownStage)
	}
}

func TestTopProducts_topLargerThanProducts(t *testing.T) {
	got, err := portfolio.TopProducts(sales.MustDataset(smallPortal()), q1, 10)
	if err != nil {
		t.Fatalf("TopProducts: %v", err)
	}
	if len(got.TopProducts()) != 4 || got.OtherProducts != 0 || got.Other.Lines != 0 {
		t.Errorf("TopProducts(top 10) = %d top, other %+v, want all 4 and an empty other",
			len(got.TopProducts()), got.Other)
	}
	ratioIs(t, "TopProducts(top 10): other's share", got.Other.Share, "0")
}

func TestNewVsExisting(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	got, err := portfolio.NewVsExisting(ds, q1, sales.Calendar{}, sales.UnitMonth)
	if err != nil {
		t.Fatalf("NewVsExisting: %v", err)
	}
	// January: p1 existing (Acme won in December); p7 new (no amount).
	// February: p2 new (Bolt's first win), p4 new by its type (440).
	// March: p3 existing, p6 existing by its type, p8 existing (no rate);
	// p5 has no company.
	tests := []struct {
		month                  string
		newN, existing, noneN  int64
		newV, existingV, noneV string
	}{
		{"January", 1, 1, 0, "0", "1000", "0"},
		{"February", 2, 0, 0, "2440", "0", "0"},
		{"March", 0, 3, 1, "0", "350", "150"},
		{"total", 3, 4, 1, "2440", "1350", "150"},
	}
	rows := append(got.Rows, got.Total)
	for i, tt := range tests {
		r := rows[i]
		if r.New.Count != tt.newN || r.Existing.Count != tt.existing || r.NoCompany.Count != tt.noneN ||
			!r.New.Value.Decimal().Equal(D(tt.newV)) || !r.Existing.Value.Decimal().Equal(D(tt.existingV)) ||
			!r.NoCompany.Value.Decimal().Equal(D(tt.noneV)) {
			t.Errorf("NewVsExisting: %s = %+v, want new %d (%s), existing %d (%s), none %d (%s)",
				tt.month, r, tt.newN, tt.newV, tt.existing, tt.existingV, tt.noneN, tt.noneV)
		}
	}
	tallyIs(t, "NewVsExisting: total", got.Total.Total, 8, "3940", 1, 1)
	if got.ByType != 2 || got.ByHistory != 5 {
		t.Errorf("NewVsExisting: by type %d, by history %d, want 2 and 5", got.ByType, got.ByHistory)
	}
	if len(got.FirstWins) != 4 || got.FirstWins[0].Company != "co1" ||
		!got.FirstWins[0].At.Equal(Date(2023, time.December, 15, nil)) {
		t.Errorf("NewVsExisting: first wins %+v, want co1 (15 December), co2, co3, co9", got.FirstWins)
	}
	if len(got.Pending) != 2 || got.Pending[0].Company != "co2" || got.Pending[1].Company != "co9" {
		t.Errorf("NewVsExisting: pending %+v, want co2 and co9", got.Pending)
	}
}

func TestNewVsExisting_merge(t *testing.T) {
	// Acme's December win (p0) in one half, its January deal (p1) in the
	// other: alone, the second half takes p1 for new business; merged, it
	// is existing business again.
	recs := smallPortal()
	a, b := SplitDeals(recs, func(i int) bool { return i == 0 })
	ra, err := portfolio.NewVsExisting(sales.MustDataset(a), q1, sales.Calendar{}, sales.UnitMonth)
	if err != nil {
		t.Fatalf("NewVsExisting: %v", err)
	}
	rb, err := portfolio.NewVsExisting(sales.MustDataset(b), q1, sales.Calendar{}, sales.UnitMonth)
	if err != nil {
		t.Fatalf("NewVsExisting: %v", err)
	}
	if rb.Rows[0].New.Count != 2 {
		t.Errorf("NewVsExisting without p0: January new %d, want 2 (p1 and p7)", rb.Rows[0].New.Count)
	}
	if err := ra.Merge(rb); err != nil {
		t.Fatalf("Merge: %v", err)
	}
	whole, _ := portfolio.NewVsExisting(sales.MustDataset(recs), q1, sales.Calendar{}, sales.UnitMonth)
	if ra.Rows[0].New.Count != 1 || ra.Rows[0].Existing.Count != 1 ||
		!ra.Rows[0].Existing.Value.Decimal().Equal(D("1000")) || len(ra.Pending) != len(whole.Pending) {
		t.Errorf("NewVsExisting merged: January %+v, pending %+v; "+
			"want 1 new, 1 existing (1000), as the whole",
			ra.Rows[0], ra.Pending)
	}
	other, _ := portfolio.NewVsExisting(sales.MustDataset(a), q1, sales.Calendar{}, sales.UnitWeek)
	if err := other.Merge(rb); err == nil {
		t.Errorf("Merge of weeks and months succeeded, want an error")
	}
}

func TestRevenueByType(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	got, err := portfolio.RevenueByType(ds, q1, portfolio.ByCompanyType)
	if err != nil {
		t.Fatalf("RevenueByType: %v", err)
	}
	// PROSPECT (Bolt): p2 + p3 = 2300. CUSTOMER (Acme): p1 1000. No type
	// (Core): p4 440 and p8 (no rate). No company: p5 + p6 = 200. Unlisted
	// co9: p7 (no amount). Total 3940.
	tests := []struct {
		key   string
		n     int64
		value string
		share string
	}{
		{"PROSPECT", 2, "2300", "0.583756"},
		{"CUSTOMER", 1, "1000", "0.253807"},
		{"", 2, "440", "0.111675"},
	}
	if len(got.Groups) != len(tests) {
		t.Fatalf("RevenueByType: %d groups, want %d: %+v", len(got.Groups), len(tests), got.Groups)
	}
	for i, tt := range tests {
		g := got.Groups[i]
		if g.Key != tt.key || g.Won.Count != tt.n || !g.Won.Value.Decimal().Equal(D(tt.value)) {
			t.Errorf("RevenueByType: group %d = %+v, want %q %d %s", i, g, tt.key, tt.n, tt.value)
		}
		ratioIs(t, "RevenueByType: share of "+tt.key, g.Share, tt.share)
	}
	tallyIs(t, "RevenueByType: no company", got.NoCompany.Won, 2, "200", 0, 0)
	ratioIs(t, "RevenueByType: no company's share", got.NoCompany.Share, "0.050761")
	tallyIs(t, "RevenueByType: unlisted company", got.UnlistedCompany.Won, 1, "0", 1, 0)
	tallyIs(t, "RevenueByType: total", got.Total.Won, 8, "3940", 1, 1)

	ind, err := portfolio.RevenueByType(ds, q1, portfolio.ByIndustry)
	if err != nil {
		t.Fatalf("RevenueByType(industry): %v", err)
	}
	// Retail (Bolt) 2300; Software (Acme and Core) 1000 + 440.
	if len(ind.Groups) != 2 || ind.Groups[0].Key != "Retail" || ind.Groups[1].Key != "Software" ||
		!ind.Groups[1].Won.Value.Decimal().Equal(D("1440")) || ind.Groups[1].Won.Count != 3 {
		t.Errorf("RevenueByType(industry) = %+v, want Retail 2300, Software 1440 (3 deals)", ind.Groups)
	}
	if _, err := portfolio.RevenueByType(ds, q1, 0); err == nil {
		t.Errorf("RevenueByType(grouping 0) succeeded, want an error")
	}
}

func TestTopCustomers(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	got, err := portfolio.TopCustomers(ds, q1, 2)
	if err != nil {
		t.Fatalf("TopCustomers: %v", err)
	}
	// Bolt 2300, Acme 1000, Core 440 (and p8 without rate), co9 0 (no
	// amount). Top 2: 3300 of 3940 = 0.837563; the rest: Core, co9 and
	// the 200 won without a company.
	want := []struct {
		id    sales.CompanyID
		name  string
		n     int64
		value string
	}{
		{"co2", "Bolt", 2, "2300"}, {"co1", "Acme", 1, "1000"},
		{"co3", "Core", 2, "440"}, {"co9", "co9", 1, "0"},
	}
	if len(got.Companies) != len(want) {
		t.Fatalf("TopCustomers: %d companies, want %d", len(got.Companies), len(want))
	}
	for i, w := range want {
		c := got.Companies[i]
		if c.Company != w.id || c.Name != w.name || c.Won.Count != w.n ||
			!c.Won.Value.Decimal().Equal(D(w.value)) {
			t.Errorf("TopCustomers: company %d = %+v, want %+v", i, c, w)
		}
	}
	tallyIs(t, "TopCustomers: top 2", got.TopN, 3, "3300", 0, 0)
	tallyIs(t, "TopCustomers: rest", got.Rest, 5, "640", 1, 1)
	tallyIs(t, "TopCustomers: no company", got.NoCompany, 2, "200", 0, 0)
	tallyIs(t, "TopCustomers: total", got.Total, 8, "3940", 1, 1)
	ratioIs(t, "TopCustomers: top share", got.TopShare, "0.837563")
	if got.RestCompanies != 2 {
		t.Errorf("TopCustomers: %d companies in the rest, want 2", got.RestCompanies)
	}

	none, err := portfolio.TopCustomers(ds, sales.Year(2030, nil), 3)
	if err != nil {
		t.Fatalf("TopCustomers(2030): %v", err)
	}
	if len(none.Companies) != 0 || none.Total.Count != 0 {
		t.Errorf("TopCustomers(2030) = %+v, want nothing", none)
	}
	ratioIs(t, "TopCustomers(2030): top share", none.TopShare, "")
}

func TestBadArguments(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	backwards := sales.Period{Start: day(4, 1), End: day(1, 1)}
	for _, p := range []sales.Period{{}, backwards} {
		if _, err := portfolio.TopProducts(ds, p, 3); err == nil {
			t.Errorf("TopProducts(%v) succeeded, want an error", p)
		}
		if _, err := portfolio.NewVsExisting(ds, p, sales.Calendar{}, sales.UnitMonth); err == nil {
			t.Errorf("NewVsExisting(%v) succeeded, want an error", p)
		}
		if _, err := portfolio.RevenueByType(ds, p, portfolio.ByIndustry); err == nil {
			t.Errorf("RevenueByType(%v) succeeded, want an error", p)
		}
		if _, err := portfolio.TopCustomers(ds, p, 3); err == nil {
			t.Errorf("TopCustomers(%v) succeeded, want an error", p)
		}
	}
	if _, err := portfolio.TopProducts(ds, q1, -1); err == nil {
		t.Errorf("TopProducts(top -1) succeeded, want an error")
	}
	if _, err := portfolio.TopCustomers(ds, q1, -1); err == nil {
		t.Errorf("TopCustomers(top -1) succeeded, want an error")
	}
	if _, err := portfolio.NewVsExisting(ds, q1, sales.Calendar{}, 0); err == nil {
		t.Errorf("NewVsExisting(unit 0) succeeded, want an error")
	}
	badCal := sales.Calendar{FiscalYearStart: 13}
	if _, err := portfolio.NewVsExisting(ds, q1, badCal, sales.UnitMonth); err == nil {
		t.Errorf("NewVsExisting(bad calendar) succeeded, want an error")
	}
}

// A top N of 0 is no error: every product is "other", every customer in
// the rest, and the top N's share is zero.
func TestTopZero(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	ps, err := portfolio.TopProducts(ds, q1, 0)
	if err != nil {
		t.Fatalf("TopProducts(top 0): %v", err)
	}
	// The four products of TestTopProducts, all in Other: 7 lines, 3890.
	if len(ps.TopProducts()) != 0 || ps.OtherProducts != 4 || ps.Other.Lines != 7 ||
		!ps.Other.Value.Decimal().Equal(D("3890")) {
		t.Errorf("TopProducts(top 0) = top %d, other %+v (%d products); want none, 7 lines, 3890, 4",
			len(ps.TopProducts()), ps.Other, ps.OtherProducts)
	}
	ratioIs(t, "TopProducts(top 0): other's share", ps.Other.Share, "1")
	cs, err := portfolio.TopCustomers(ds, q1, 0)
	if err != nil {
		t.Fatalf("TopCustomers(top 0): %v", err)
	}
	tallyIs(t, "TopCustomers(top 0): top", cs.TopN, 0, "0", 0, 0)
	tallyIs(t, "TopCustomers(top 0): rest", cs.Rest, 8, "3940", 1, 1)
	ratioIs(t, "TopCustomers(top 0): top share", cs.TopShare, "0")
	if cs.RestCompanies != 4 {
		t.Errorf("TopCustomers(top 0): %d companies in the rest, want 4", cs.RestCompanies)
	}
}
