package alerts

import (
	"fmt"
	"slices"
	"time"

	"github.com/salespilot/sales"
)

// DefaultChurnMonths is the silence after which a customer is at risk
// when ChurnOptions.Months is 0.
const DefaultChurnMonths = 6

// ChurnOptions sets R45's threshold.
type ChurnOptions struct {
	// Months lists a customer whose last won deal closed more than this
	// many calendar months before asOf. 0 means DefaultChurnMonths; a
	// negative value is an error. Any larger value is accepted: one that
	// reaches back past the year 1678, the earliest instant a Dataset
	// keeps, lists nobody.
	Months int
}

// ChurnRow is one customer at risk.
type ChurnRow struct {
	Company   sales.CompanyID `json:"company"`
	Name      string          `json:"name"`
	Owner     sales.OwnerID   `json:"owner"`
	OwnerName string          `json:"owner_name"`
	// LastOrder is the close date of the company's last won deal,
	// LastDeal.
	LastOrder time.Time    `json:"last_order"`
	LastDeal  sales.DealID `json:"last_deal"`
	// MonthsSince is the number of whole calendar months from LastOrder
	// to asOf, in asOf's location.
	MonthsSince int `json:"months_since"`
	// Lifetime tallies the company's won deals closed at or before asOf:
	// their count and their value in the home currency, with the deals
	// that add no value counted apart.
	Lifetime sales.Tally `json:"lifetime"`
}

// ChurnReport is R45 of the catalogue: customers whose last order is
// getting old, the longest silent first.
type ChurnReport struct {
	AsOf     time.Time      `json:"as_of"`
	Months   int            `json:"months"`
	Currency sales.Currency `json:"currency"`
	// Companies are the customers at risk, the longest silent first.
	Companies []ChurnRow `json:"companies"`
	// Customers counts the companies with a won deal closed at or before
	// AsOf, at risk or not.
	Customers int64 `json:"customers"`
	// NoCloseDate counts won deals with no close date, which date no
	// order. NoCompany counts won deals closed at or before AsOf with no
	// company, or one the portal does not list: they make nobody a
	// customer.
	NoCloseDate int64 `json:"no_close_date"`
	NoCompany   int64 `json:"no_company"`
}

// ChurnRisk lists the customers whose last won deal closed more than
// o.Months calendar months before asOf. This is R45 of the catalogue.
//
// A customer is a company with a won deal (by the stage's kind) closed at
// or before asOf; won deals closed later do not count yet. A customer is
// at risk when its last such close date comes, on the wall clock of
// asOf's location, before the same day and time of day o.Months months
// before asOf (the last day of the month when that month is shorter),
// whatever daylight-saving changes lie between. MonthsSince is the
// number of whole calendar months from that close date to asOf: 15
// January 10:00 to 15 July 10:00 is 6 months, 31 January to 29 February
// is 0. Lifetime adds up the company's won deals closed at or before
// asOf, in the home currency.
//
// Rows come longest silent first (earliest last order), ties by company
// id. A company's owner is the account's owner, "unassigned" when it has
// none. Won deals with no close date, or with no known company, are
// counted apart; a deal that names no company is counted so even when
// the portal lists a company with the empty id, which is never a
// customer.
//
// ChurnRisk fails when asOf is zero or o.Months is negative. A threshold
// longer than any history, such as 10,000 years, lists nobody.
func ChurnRisk(ds *sales.Dataset, asOf time.Time, o ChurnOptions) (ChurnReport, error) {
	if err := checkAsOf(asOf); err != nil {
		return ChurnReport{}, fmt.Errorf("alerts: churn risk: %w", err)
	}
	if o.Months < 0 {
		return ChurnReport{}, fmt.Errorf("alerts: churn risk: months %d is negative", o.Months)
	}
	if o.Months == 0 {
		o.Months = DefaultChurnMonths
	}
	loc := asOf.Location()
	cutoff := monthsBefore(asOf, o.Months, loc)
	r := ChurnReport{AsOf: asOf, Months: o.Months, Currency: ds.Currency(),
		Companies: []ChurnRow{}}
	c, at, none := ds.DealColumns(), sales.InstantOf(asOf), noCompany(ds)
	for i, kind := range c.Kind {
		if kind != sales.StageWon {
			continue
		}
		switch closed := c.Close[i]; {
		case closed == sales.NoInstant:
			r.NoCloseDate++
		case closed <= at && (c.Company[i] < 0 || c.Company[i] == none):
			r.NoCompany++
		}
	}
	type risk struct {
		key  sortKey // the last order's close, the company's id and position
		last int32
	}
	var risks []risk
	for co := range ds.Companies {
		if int32(co) == none {
			continue // its deals are the deals that name no company
		}
		last := lastOrder(ds, co, at)
		if last < 0 {
			continue
		}
		r.Customers++
		if cutoff.before(c.Close[last], func() time.Time { return ds.Deals[last].CloseDate }) {
			key := sortKey{at: c.Close[last], id: string(ds.Companies[co].ID), pos: int32(co)}
			risks = append(risks, risk{key, int32(last)})
		}
	}
	slices.SortFunc(risks, func(a, b risk) int { return compareKeys(a.key, b.key) })
	r.Companies = make([]ChurnRow, len(risks))
	for k, x := range risks {
		row := &r.Companies[k]
		*row = customer(ds, int(x.key.pos), int(x.last), at)
		row.MonthsSince = wholeMonths(row.LastOrder, asOf, loc)
	}
	return r, nil
}

// noCompany returns the value of the company column for a deal that names
// no company: sales.Unassigned, or the position of a company listed with
// the empty id, which the deals without a company would otherwise be
// taken for.
func noCompany(ds *sales.Dataset) int32 {
	if c, ok := ds.CompanyIndex(""); ok {
		return int32(c)
	}
	return sales.Unassigned
}

// lastOrder returns the position in Deals of the c-th company's last won
// deal closed at or before asOf (of those closed at the same instant, the
// one with the greatest id), and -1 when it has none.
func lastOrder(ds *sales.Dataset, c int, asOf sales.Instant) int {
	cols := ds.DealColumns()
	last := -1
	for _, k := range ds.CompanyDeals(c) {
		i := int(k)
		closed := cols.Close[i]
		if cols.Kind[i] != sales.StageWon || closed == sales.NoInstant || closed > asOf {
			continue
		}
		if last < 0 || closed > cols.Close[last] ||
			(closed == cols.Close[last] && ds.Deals[i].ID > ds.Deals[last].ID) {
			last = i
		}
	}
	return last
}

// customer returns the row of the c-th company, whose last order is the
// last-th deal, with its lifetime of won deals closed at or before asOf.
func customer(ds *sales.Dataset, c, last int, asOf sales.Instant) ChurnRow {
	co := &ds.Companies[c]
	row := ChurnRow{Company: co.ID, Name: co.Name, Owner: co.Owner, OwnerName: ds.OwnerName(co.Owner),
		LastOrder: ds.Deals[last].CloseDate, LastDeal: ds.Deals[last].ID}
	cols := ds.DealColumns()
	for _, k := range ds.CompanyDeals(c) {
		closed := cols.Close[k]
		if cols.Kind[k] == sales.StageWon && closed != sales.NoInstant && closed <= asOf {
			row.Lifetime.AddDeal(ds, int(k))
		}
	}
	return row
}
