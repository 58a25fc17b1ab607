package portfolio

import (
	"cmp"
	"fmt"

	"github.com/salespilot/sales"
)

// Grouping says which field of a company RevenueByType groups by.
type Grouping uint8

// Groupings. The zero value is not one: RevenueByType rejects it.
const (
	ByCompanyType Grouping = iota + 1
	ByIndustry
)

var groupingNames = []string{"", "company_type", "industry"}

// String returns "company_type" or "industry".
func (g Grouping) String() string {
	if g == 0 || int(g) >= len(groupingNames) {
		return fmt.Sprintf("grouping(%d)", uint8(g))
	}
	return groupingNames[g]
}

// MarshalText encodes g by its name.
func (g Grouping) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// UnmarshalText decodes a name written by MarshalText: "company_type" or
// "industry".
func (g *Grouping) UnmarshalText(b []byte) error {
	for k := ByCompanyType; int(k) < len(groupingNames); k++ {
		if string(b) == groupingNames[k] {
			*g = k
			return nil
		}
	}
	return fmt.Errorf("portfolio: grouping %q is not company_type or industry", b)
}

// of returns company c's value of the field g groups by.
func (g Grouping) of(c *sales.Company) string {
	if g == ByIndustry {
		return c.Industry
	}
	return c.Type
}

// codes returns the column of the companies' key under g.
func (g Grouping) codes(c *sales.CompanyColumns) *sales.Codes {
	if g == ByIndustry {
		return &c.Industry
	}
	return &c.Type
}

// RevenueGroup is the deals won from the companies of one type or
// industry.
type RevenueGroup struct {
	// Key is the company type or industry as the CRM writes it; empty for
	// companies that have none.
	Key string      `json:"key"`
	Won sales.Tally `json:"won"`
	// Share is Won.Value ÷ the report's Total.Value.
	Share sales.Ratio `json:"share"`
}

// RevenueGroups is R43 of the catalogue: the value won in Period by
// company type or by industry.
type RevenueGroups struct {
	Period   sales.Period   `json:"period"`
	Currency sales.Currency `json:"currency"`
	By       Grouping       `json:"by"`
	// Groups lists every type (or industry) with a deal won, the most
	// value first, then by key.
	Groups []RevenueGroup `json:"groups"`
	// NoCompany is the deals won without a company; UnlistedCompany
	// those naming a company the portal does not list, whose type is not
	// known. Both have an empty Key and are in no group of Groups.
	NoCompany       RevenueGroup `json:"no_company"`
	UnlistedCompany RevenueGroup `json:"unlisted_company"`
	// Total is every deal won in Period.
	Total RevenueGroup `json:"total"`
	Skipped
}

// RevenueByType adds up the deals won in p by their company's type (by =
// ByCompanyType) or industry (ByIndustry): count and value in the home
// currency, with each group's share of the whole. This is R43 of the
// catalogue.
//
// The type and industry are the company's current ones. Companies without
// one form the group with an empty key; deals without a company, and
// deals naming a company the portal does not list, are counted apart in
// NoCompany and UnlistedCompany. The groups, NoCompany and UnlistedCompany
// add up to Total.
//
// Results over two halves of a portal's deals merge with Merge.
// RevenueByType fails on an invalid period and a grouping that is not one.
func RevenueByType(ds *sales.Dataset, p sales.Period, by Grouping) (RevenueGroups, error) {
	if err := checkPeriod(p); err != nil {
		return RevenueGroups{}, fmt.Errorf("portfolio: revenue by type: %w", err)
	}
	if by != ByCompanyType && by != ByIndustry {
		return RevenueGroups{}, fmt.Errorf("portfolio: revenue by type: %s is not a grouping", by)
	}
	r := RevenueGroups{Period: p, Currency: ds.Currency(), By: by}
	codes := by.codes(ds.CompanyColumns())
	won := make([]sales.Tally, len(codes.Dict)) // by code of type or industry
	cols, span, none := ds.DealColumns(), sales.SpanOf(p), noCompany(ds)
	for i := range ds.Deals {
		if !r.won(cols, i, span) {
			continue
		}
		switch c := cols.Company[i]; {
		case c == none:
			r.NoCompany.Won.AddDeal(ds, i)
		case c < 0:
			r.UnlistedCompany.Won.AddDeal(ds, i)
		default:
			won[codes.Code[c]].AddDeal(ds, i)
		}
	}
	for code := range won {
		if won[code].Count > 0 {
			r.Groups = append(r.Groups, RevenueGroup{Key: codes.Dict[code], Won: won[code]})
		}
	}
	r.finish()
	return r, nil
}

// finish sorts the groups and sets the total and the shares.
func (r *RevenueGroups) finish() {
	if r.Groups == nil {
		r.Groups = []RevenueGroup{}
	}
	keys := totalKeys(r.Groups, func(g *RevenueGroup) sales.Total { return g.Won.Value })
	values := sortByValue(r.Groups, keys, func(a, b *RevenueGroup) int {
		return cmp.Compare(a.Key, b.Key)
	})
	r.Total = RevenueGroup{}
	for _, g := range r.Groups {
		r.Total.Won.Merge(g.Won)
	}
	r.Total.Won.Merge(r.NoCompany.Won)
	r.Total.Won.Merge(r.UnlistedCompany.Won)
	total := r.Total.Won.Value.Decimal()
	for j := range r.Groups {
		r.Groups[j].Share = share(values[j], total)
	}
	for _, g := range []*RevenueGroup{&r.NoCompany, &r.UnlistedCompany, &r.Total} {
		g.Share = share(g.Won.Value.Decimal(), total)
	}
}

// Merge adds the deals of o, computed over other deals of the same portal
// for the same period and grouping, to r. It fails when the periods, the
// currencies or the groupings differ.
func (r *RevenueGroups) Merge(o RevenueGroups) error {
	if !samePeriod(r.Period, o.Period) || r.Currency != o.Currency || r.By != o.By {
		return fmt.Errorf("portfolio: merge revenue by type: %s in %q by %s and %s in %q by %s differ",
			r.Period, r.Currency, r.By, o.Period, o.Currency, o.By)
	}
	groups := append([]RevenueGroup(nil), r.Groups...)
	index := make(map[string]int, len(groups))
	for j := range groups {
		index[groups[j].Key] = j
	}
	for _, g := range o.Groups {
		if j, ok := index[g.Key]; ok {
			groups[j].Won.Merge(g.Won)
			continue
		}
		index[g.Key] = len(groups)
		groups = append(groups, g)
	}
	r.Groups = groups
	r.NoCompany.Won.Merge(o.NoCompany.Won)
	r.UnlistedCompany.Won.Merge(o.UnlistedCompany.Won)
	r.Skipped.merge(o.Skipped)
	r.finish()
	return nil
}
