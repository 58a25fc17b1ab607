package portfolio

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/salespilot/sales"
)

// SplitCounts is the deals won in one bucket (or in all), by kind of
// customer.
type SplitCounts struct {
	// New is new business; Existing is more business with a customer;
	// NoCompany the deals that say neither and have no company to tell
	// by. Total adds them up.
	New       sales.Tally `json:"new"`
	Existing  sales.Tally `json:"existing"`
	NoCompany sales.Tally `json:"no_company"`
	Total     sales.Tally `json:"total"`
}

// FirstWin is the first instant a company won a deal.
type FirstWin struct {
	Company sales.CompanyID `json:"company"`
	At      time.Time       `json:"at"`
}

// PendingNew is deals counted as new business only because no earlier win
// of their company was seen: merged with a result that holds an earlier
// win, they become existing business.
type PendingNew struct {
	Company sales.CompanyID `json:"company"`
	At      time.Time       `json:"at"`
	Bucket  int             `json:"bucket"`
	Deals   sales.Tally     `json:"deals"`
}

// CustomerSplit is R42 of the catalogue: the deals won in each bucket of
// Period, split into new business, existing customers and deals without a
// company.
type CustomerSplit struct {
	Period   sales.Period   `json:"period"`
	Unit     sales.Unit     `json:"unit"`
	Buckets  sales.Buckets  `json:"buckets"`
	Currency sales.Currency `json:"currency"`
	// Rows is aligned with Buckets; Total adds them up.
	Rows  []SplitCounts `json:"rows"`
	Total SplitCounts   `json:"total"`
	// ByType counts the deals classified by their own type; ByHistory
	// those classified by their company's earlier wins.
	ByType    int64 `json:"by_type"`
	ByHistory int64 `json:"by_history"`
	// FirstWins holds, by company id, the first win of every company that
	// won a deal before Period ends, and Pending the deals counted as new
	// for want of an earlier win: what Merge needs to classify the deals
	// of two halves as the whole would.
	FirstWins []FirstWin   `json:"first_wins"`
	Pending   []PendingNew `json:"pending"`
	Skipped
}

// NewVsExisting counts the deals won in each bucket of p (cut by c into
// buckets of unit u, in p's location), split by kind of customer. This is
// R42 of the catalogue.
//
// A deal is existing business when its type says so, and new business
// when its type says that. A deal whose type is unknown is existing
// business when its company won another deal before this one closed
// (strictly before: two deals won at the same instant are both new), else
// new business; with no company to look at, it goes to NoCompany rather
// than being taken for new business. A company the portal does not list is
// still recognised by its id.
//
// Earlier wins are looked for among every deal of the portal, whenever it
// closed. Results over two halves of a portal's deals merge with Merge,
// which reclassifies the deals of one half whose earlier win is in the
// other. NewVsExisting fails on an invalid period, unit or calendar.
func NewVsExisting(ds *sales.Dataset, p sales.Period, c sales.Calendar,
	u sales.Unit) (CustomerSplit, error) {
	if err := checkPeriod(p); err != nil {
		return CustomerSplit{}, fmt.Errorf("portfolio: new vs existing: %w", err)
	}
	if u < sales.UnitDay || u > sales.UnitFiscalYear {
		return CustomerSplit{}, fmt.Errorf("portfolio: new vs existing: unit %s is not a unit", u)
	}
	if err := c.Validate(); err != nil {
		return CustomerSplit{}, fmt.Errorf("portfolio: new vs existing: %w", err)
	}
	b := c.Buckets(u, p)
	r := CustomerSplit{Period: p, Unit: u, Buckets: b, Currency: ds.Currency(),
		Rows: make([]SplitCounts, b.Len()), Pending: []PendingNew{}}
	firsts := firstWins(ds, p.End)
	pending := map[sales.CompanyID]int{}
	cols, span, bounds := ds.DealColumns(), sales.SpanOf(p), b.Bounds()
	for i := range ds.Deals {
		if !r.won(cols, i, span) {
			continue
		}
		r.classify(ds, i, bounds.Index(cols.Close[i]), firsts, pending)
	}
	r.FirstWins = firsts.list(ds)
	slices.SortFunc(r.Pending, func(a, b PendingNew) int { return cmp.Compare(a.Company, b.Company) })
	r.sum()
	return r, nil
}

// classify counts deal i, won in bucket k.
func (r *CustomerSplit) classify(ds *sales.Dataset, i, k int, firsts *winIndex,
	pending map[sales.CompanyID]int) {
	row := &r.Rows[k]
	switch cols := ds.DealColumns(); {
	case cols.Type[i] == sales.DealTypeExistingBusiness:
		r.ByType++
		row.Existing.AddDeal(ds, i)
	case cols.Type[i] == sales.DealTypeNewBusiness:
		r.ByType++
		row.New.AddDeal(ds, i)
	case cols.Company[i] == firsts.none:
		row.NoCompany.AddDeal(ds, i)
	default:
		r.ByHistory++
		if firsts.get(ds, i) < cols.Close[i] {
			row.Existing.AddDeal(ds, i)
			return
		}
		row.New.AddDeal(ds, i)
		d := &ds.Deals[i]
		j, ok := pending[d.Company]
		if !ok {
			j = len(r.Pending)
			pending[d.Company] = j
			r.Pending = append(r.Pending, PendingNew{Company: d.Company, At: d.CloseDate, Bucket: k})
		}
		r.Pending[j].Deals.AddDeal(ds, i)
	}
}

// winIndex holds each company's first win: the companies the portal
// lists by position, then the others in the order they were met.
type winIndex struct {
	none     int32             // the company column of a deal with no company
	times    []sales.Instant   // NoInstant for a company with no win yet
	deals    []int32           // the deal each time comes from
	extra    []sales.CompanyID // the ids of the unlisted companies
	unlisted map[sales.CompanyID]int
}

// firstWins finds the first win before end of every company.
func firstWins(ds *sales.Dataset, end time.Time) *winIndex {
	w := &winIndex{times: make([]sales.Instant, len(ds.Companies)),
		deals: make([]int32, len(ds.Companies)), none: noCompany(ds)}
	for k := range w.times {
		w.times[k] = sales.NoInstant
	}
	c, before, none := ds.DealColumns(), sales.InstantOf(end), w.none
	for i, kind := range c.Kind {
		closed := c.Close[i]
		if kind != sales.StageWon || closed == sales.NoInstant || closed >= before ||
			c.Company[i] == none {
			continue
		}
		k := w.index(ds, i)
		if w.times[k] == sales.NoInstant || closed < w.times[k] {
			w.times[k], w.deals[k] = closed, int32(i)
		}
	}
	return w
}

// noCompany returns the value of the company column for a deal that names
// no company: Unassigned, or the position of a company listed with the
// empty id.
func noCompany(ds *sales.Dataset) int32 {
	if c, ok := ds.CompanyIndex(""); ok {
		return int32(c)
	}
	return sales.Unassigned
}

// index returns where deal i's company's first win is kept.
func (w *winIndex) index(ds *sales.Dataset, i int) int {
	if c := ds.DealCompany(i); c >= 0 {
		return c
	}
	id := ds.Deals[i].Company
	k, ok := w.unlisted[id]
	if !ok {
		if w.unlisted == nil {
			w.unlisted = make(map[sales.CompanyID]int)
		}
		k = len(w.times)
		w.unlisted[id] = k
		w.times, w.extra = append(w.times, sales.NoInstant), append(w.extra, id)
		w.deals = append(w.deals, -1)
	}
	return k
}

// get returns the first win of deal i's company.
func (w *winIndex) get(ds *sales.Dataset, i int) sales.Instant {
	return w.times[w.index(ds, i)]
}

// list returns the first wins by company id.
func (w *winIndex) list(ds *sales.Dataset) []FirstWin {
	out := make([]FirstWin, 0, len(w.times))
	for k, at := range w.times {
		if at == sales.NoInstant {
			continue
		}
		t := ds.Deals[w.deals[k]].CloseDate
		if k < len(ds.Companies) {
			out = append(out, FirstWin{Company: ds.Companies[k].ID, At: t})
		} else {
			out = append(out, FirstWin{Company: w.extra[k-len(ds.Companies)], At: t})
		}
	}
	slices.SortFunc(out, func(a, b FirstWin) int { return cmp.Compare(a.Company, b.Company) })
	return out
}

// sum sets each row's total and the report's Total.
func (r *CustomerSplit) sum() {
	r.Total = SplitCounts{}
	for k := range r.Rows {
		row := &r.Rows[k]
		row.Total = sales.Tally{}
		for _, t := range []sales.Tally{row.New, row.Existing, row.NoCompany} {
			row.Total.Merge(t)
		}
		r.Total.New.Merge(row.New)
		r.Total.Existing.Merge(row.Existing)
		r.Total.NoCompany.Merge(row.NoCompany)
		r.Total.Total.Merge(row.Total)
	}
}

// Merge adds the deals of o, computed over other deals of the same portal
// with the same period and buckets, to r. A deal either half counted as
// new business for want of an earlier win of its company becomes existing
// business when the other half holds one. Merge fails when the periods,
// buckets or currencies differ, and when either result is malformed (rows
// that do not match its buckets, pending deals in no bucket), as one read
// from damaged JSON may be.
func (r *CustomerSplit) Merge(o CustomerSplit) error {
	if !samePeriod(r.Period, o.Period) || r.Unit != o.Unit || r.Currency != o.Currency ||
		!sameBuckets(r.Buckets, o.Buckets) {
		return fmt.Errorf("portfolio: merge new vs existing: %s by %s in %q and %s by %s in %q differ",
			r.Period, r.Unit, r.Currency, o.Period, o.Unit, o.Currency)
	}
	// A result read back from JSON may be malformed: check what the merge
	// indexes by, so that it fails rather than panics.
	for _, x := range []*CustomerSplit{r, &o} {
		if len(x.Rows) != x.Buckets.Len() {
			return fmt.Errorf("portfolio: merge new vs existing: %d rows for %d buckets",
				len(x.Rows), x.Buckets.Len())
		}
		for _, p := range x.Pending {
			if p.Bucket < 0 || p.Bucket >= len(x.Rows) {
				return fmt.Errorf("portfolio: merge new vs existing: pending deals of %q in bucket %d "+
					"of %d", p.Company, p.Bucket, len(x.Rows))
			}
		}
	}
	rows := append([]SplitCounts(nil), r.Rows...)
	for k := range rows {
		rows[k].New.Merge(o.Rows[k].New)
		rows[k].Existing.Merge(o.Rows[k].Existing)
		rows[k].NoCompany.Merge(o.Rows[k].NoCompany)
	}
	r.Rows = rows
	r.FirstWins = mergeFirsts(r.FirstWins, o.FirstWins)
	r.Pending = r.settle(append(append([]PendingNew(nil), r.Pending...), o.Pending...))
	r.ByType += o.ByType
	r.ByHistory += o.ByHistory
	r.Skipped.merge(o.Skipped)
	r.sum()
	return nil
}

// mergeFirsts merges two lists of first wins by company id, keeping the
// earlier of two wins of one company.
func mergeFirsts(a, b []FirstWin) []FirstWin {
	out := make([]FirstWin, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := cmp.Compare(a[i].Company, b[j].Company); {
		case c < 0:
			out = append(out, a[i])
			i++
		case c > 0:
			out = append(out, b[j])
			j++
		default:
			w := a[i]
			if b[j].At.Before(w.At) {
				w.At = b[j].At
			}
			out = append(out, w)
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// settle moves the pending deals whose company won earlier, by the merged
// first wins, to existing business, and returns the others, one entry per
// company, by company id.
func (r *CustomerSplit) settle(pending []PendingNew) []PendingNew {
	slices.SortStableFunc(pending, func(a, b PendingNew) int {
		return cmp.Compare(a.Company, b.Company)
	})
	out := []PendingNew{}
	for _, p := range pending {
		first, ok := findFirst(r.FirstWins, p.Company)
		if ok && first.Before(p.At) {
			row := &r.Rows[p.Bucket]
			subTally(&row.New, p.Deals)
			row.Existing.Merge(p.Deals)
			continue
		}
		if n := len(out); n > 0 && out[n-1].Company == p.Company {
			out[n-1].Deals.Merge(p.Deals)
			continue
		}
		out = append(out, p)
	}
	return out
}

// findFirst returns the first win of the company in the sorted list.
func findFirst(firsts []FirstWin, id sales.CompanyID) (time.Time, bool) {
	i, ok := slices.BinarySearchFunc(firsts, id, func(w FirstWin, id sales.CompanyID) int {
		return cmp.Compare(w.Company, id)
	})
	if !ok {
		return time.Time{}, false
	}
	return firsts[i].At, true
}

// sameBuckets reports whether a and b cut the same buckets.
func sameBuckets(a, b sales.Buckets) bool {
	if a.Len() != b.Len() || a.Unit() != b.Unit() {
		return false
	}
	for i := range a.Len() {
		if !samePeriod(a.Period(i), b.Period(i)) {
			return false
		}
	}
	return true
}
