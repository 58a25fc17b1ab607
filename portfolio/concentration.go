package portfolio

import (
	"cmp"
	"fmt"

	"github.com/salespilot/sales"
)

// CustomerValue is the deals won from one company.
type CustomerValue struct {
	Company sales.CompanyID `json:"company"`
	// Name is the company's name, or its id when the portal does not list
	// it.
	Name string      `json:"name"`
	Won  sales.Tally `json:"won"`
	// Share is Won.Value ÷ the report's Total.Value.
	Share sales.Ratio `json:"share"`
}

// Concentration is R44 of the catalogue: how much of the value won in
// Period came from the best customers.
type Concentration struct {
	Period   sales.Period   `json:"period"`
	Currency sales.Currency `json:"currency"`
	// Top is the N of "top N".
	Top int `json:"top"`
	// Companies lists every company with a deal won in Period, the most
	// value first, then by id: the top N are Companies[:Top].
	Companies []CustomerValue `json:"companies"`
	// TopN adds up the first Top companies; Rest everything else won in
	// Period: the other companies (RestCompanies of them) and the deals
	// without a company. TopN and Rest add up to Total.
	TopN          sales.Tally `json:"top_n"`
	Rest          sales.Tally `json:"rest"`
	RestCompanies int         `json:"rest_companies"`
	// NoCompany is the deals won without a company, its own row, not
	// ranked among the companies; it is part of Rest.
	NoCompany sales.Tally `json:"no_company"`
	Total     sales.Tally `json:"total"`
	// TopShare is TopN.Value ÷ Total.Value: the share of the best
	// customers.
	TopShare sales.Ratio `json:"top_share"`
	Skipped
}

// TopCustomers adds up the value won in p by company and says how much
// the n best customers brought. This is R44 of the catalogue; p is
// usually a year.
//
// Companies are ranked by won value in the home currency, the largest
// first, ties by company id; a deal without an amount counts in its
// company's Won.Count and adds no value. A company the portal does not
// list is ranked by its id. Deals without a company are not a customer:
// they form the NoCompany row and count in Rest, so that TopN and Rest add
// up to the whole value won in p. With n = 0, TopN is empty and TopShare
// zero; with n at least the number of companies, Rest is NoCompany.
//
// Results over two halves of a portal's deals merge with Merge.
// TopCustomers fails on an invalid period and a negative n.
func TopCustomers(ds *sales.Dataset, p sales.Period, n int) (Concentration, error) {
	if err := checkPeriod(p); err != nil {
		return Concentration{}, fmt.Errorf("portfolio: top customers: %w", err)
	}
	if err := checkTop(n); err != nil {
		return Concentration{}, fmt.Errorf("portfolio: top customers: %w", err)
	}
	r := Concentration{Period: p, Currency: ds.Currency(), Top: n}
	listed := make([]customerSum, len(ds.Companies))
	unlisted := map[sales.CompanyID]*customerSum{}
	cols, span, none := ds.DealColumns(), sales.SpanOf(p), noCompany(ds)
	for i := range ds.Deals {
		if !r.won(cols, i, span) {
			continue
		}
		switch c := ds.DealCompany(i); {
		case cols.Company[i] == none:
			r.NoCompany.AddDeal(ds, i)
		case c >= 0:
			listed[c].add(ds, i)
		default:
			id := ds.Deals[i].Company
			s, ok := unlisted[id]
			if !ok {
				s = new(customerSum)
				unlisted[id] = s
			}
			s.add(ds, i)
		}
	}
	won := len(unlisted) // companies with a deal won in p
	for c := range listed {
		if listed[c].t.Count > 0 {
			won++
		}
	}
	keys := make([]valueKey, 0, won)
	r.Companies = make([]CustomerValue, 0, won)
	for c := range listed {
		if listed[c].t.Count > 0 {
			co := &ds.Companies[c]
			r.Companies = append(r.Companies, CustomerValue{Company: co.ID, Name: co.Name,
				Won: listed[c].t})
			keys = append(keys, listed[c].key())
		}
	}
	for id, s := range unlisted {
		r.Companies = append(r.Companies, CustomerValue{Company: id, Name: string(id), Won: s.t})
		keys = append(keys, s.key())
	}
	r.finish(keys)
	return r, nil
}

// customerSum is one company's won deals, with their value in millionths
// while that is exact, so that ranking needs no decimal arithmetic.
type customerSum struct {
	t       sales.Tally
	micros  int64
	inexact bool
}

// add counts deal i.
func (s *customerSum) add(ds *sales.Dataset, i int) {
	s.t.AddDeal(ds, i)
	c := ds.DealColumns()
	if c.Value[i] != sales.ValueOK || s.inexact {
		return
	}
	m, ok := c.Micros[i], c.Micros[i] != sales.NoMicros
	if !ok {
		v, _ := ds.DealValue(i)
		m, ok = exactMicros(v)
	}
	if ok {
		s.micros, ok = addInt64(s.micros, m)
	}
	s.inexact = !ok
}

// key returns the sum's sort key.
func (s *customerSum) key() valueKey {
	if s.inexact {
		return keyOf(s.t.Value)
	}
	return valueKey{micros: s.micros, exact: true}
}

// finish ranks the companies by their keys (nil to compute them) and sets
// the sums and shares.
func (r *Concentration) finish(keys []valueKey) {
	if r.Companies == nil {
		r.Companies = []CustomerValue{}
	}
	if keys == nil {
		keys = totalKeys(r.Companies, func(c *CustomerValue) sales.Total { return c.Won.Value })
	}
	values := sortByValue(r.Companies, keys,
		func(a, b *CustomerValue) int { return cmp.Compare(a.Company, b.Company) })
	r.TopN, r.Rest, r.Total = sales.Tally{}, r.NoCompany, r.NoCompany
	r.RestCompanies = max(0, len(r.Companies)-r.Top)
	for j, c := range r.Companies {
		if j < r.Top {
			r.TopN.Merge(c.Won)
		} else {
			r.Rest.Merge(c.Won)
		}
		r.Total.Merge(c.Won)
	}
	total := r.Total.Value.Decimal()
	for j := range r.Companies {
		r.Companies[j].Share = share(values[j], total)
	}
	r.TopShare = share(r.TopN.Value.Decimal(), total)
}

// Merge adds the deals of o, computed over other deals of the same portal
// for the same period, to r. It fails when the periods, the currencies or
// the top N differ.
func (r *Concentration) Merge(o Concentration) error {
	if !samePeriod(r.Period, o.Period) || r.Currency != o.Currency || r.Top != o.Top {
		return fmt.Errorf("portfolio: merge top customers: "+
			"%s in %q (top %d) and %s in %q (top %d) differ",
			r.Period, r.Currency, r.Top, o.Period, o.Currency, o.Top)
	}
	companies := append([]CustomerValue(nil), r.Companies...)
	index := make(map[sales.CompanyID]int, len(companies))
	for j := range companies {
		index[companies[j].Company] = j
	}
	for _, c := range o.Companies {
		if j, ok := index[c.Company]; ok {
			companies[j].Won.Merge(c.Won)
			continue
		}
		index[c.Company] = len(companies)
		companies = append(companies, c)
	}
	r.Companies = companies
	r.NoCompany.Merge(o.NoCompany)
	r.Skipped.merge(o.Skipped)
	r.finish(nil)
	return nil
}
