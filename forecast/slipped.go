package forecast

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// SlippedDeal is one deal whose expected close date slipped past the end
// of the bucket its first expected close date fell in.
type SlippedDeal struct {
	Deal  sales.DealID  `json:"deal"`
	Name  string        `json:"name"`
	Owner sales.OwnerID `json:"owner"`
	// Stage is where the deal is now: "open", "won", "lost", or "unknown"
	// for a stage its pipeline does not list.
	Stage string `json:"stage"`
	// Value is the deal's value in the home currency, null when it has
	// none.
	Value *decimal.Decimal `json:"value"`
	// First is the first expected close date; Latest the last one known
	// at asOf, which for a deal closed since is when it closed.
	First  time.Time `json:"first"`
	Latest time.Time `json:"latest"`
	// Moves counts the times the expected close date was moved later;
	// Days is the number of calendar days from First to Latest.
	Moves int `json:"moves"`
	Days  int `json:"days"`
}

// SlipCount is the deals whose first expected close date fell in one
// bucket (or one owner's, or all), and how many of them slipped.
type SlipCount struct {
	Deals   sales.Tally `json:"deals"`
	Slipped sales.Tally `json:"slipped"`
	// Rate is Slipped.Count ÷ Deals.Count.
	Rate sales.Rate `json:"rate"`
	// Moves adds up the slipped deals' moves, Days their days slipped;
	// MeanDays is Days ÷ Slipped.Count.
	Moves    int64       `json:"moves"`
	Days     int64       `json:"days"`
	MeanDays sales.Ratio `json:"mean_days"`
}

// SlipRep is one owner's slipped deals.
type SlipRep struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	SlipCount
}

// Slippage is B06 of the catalogue: the deals whose expected close date
// was moved past the end of the bucket it first fell in, with how often
// and by how many days.
type Slippage struct {
	AsOf     time.Time      `json:"as_of"`
	Period   sales.Period   `json:"period"`
	Unit     sales.Unit     `json:"unit"`
	Buckets  sales.Buckets  `json:"buckets"`
	Currency sales.Currency `json:"currency"`
	// Rows is aligned with Buckets: the deals whose first expected close
	// date fell in each. Total adds them up.
	Rows  []SlipCount `json:"rows"`
	Total SlipCount   `json:"total"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last.
	Reps []SlipRep `json:"reps"`
	// Deals lists every slipped deal, the most days slipped first (then
	// the most moves, then by deal id).
	Deals []SlippedDeal `json:"deals"`
	// NoHistory counts deals without a close date history whose close
	// date lies in Period: whether they slipped is not known.
	NoHistory int64 `json:"no_history"`
}

// SlippedDeals finds the deals whose expected close date slipped. This is
// B06 of the catalogue.
//
// A deal's first expected close date is the first non-zero value of its
// close date history; the deals reported are those whose first date lies
// in p, grouped by the bucket of unit u (cut by c in p's location) it
// falls in. A deal slipped when its latest expected close date known at
// asOf lies at or after the end of the whole bucket of u that holds its
// first date. Only changes made at or before asOf count: the history is
// read in order up to the first change made after asOf (a change without
// a time counts as made before), so the report can be replayed for a past
// asOf. A closed deal's history ends with its close,
// so a deal won or lost after the end of its first bucket slipped too; a
// date moved out and back in did not. Moves counts every change that
// moved the date later, Days the calendar days (in p's location) from the
// first date to the latest. A cleared date (zero) is skipped.
//
// Deals without a close date history cannot be judged: those whose close
// date lies in p are counted in NoHistory. Results over two halves of a
// portal's deals merge with Merge. SlippedDeals fails on a zero asOf and an
// invalid period, unit or calendar.
func SlippedDeals(ds *sales.Dataset, asOf time.Time, p sales.Period, c sales.Calendar,
	u sales.Unit) (Slippage, error) {
	if err := checkAsOf(asOf); err != nil {
		return Slippage{}, fmt.Errorf("forecast: slipped deals: %w", err)
	}
	if err := checkPeriod(p); err != nil {
		return Slippage{}, fmt.Errorf("forecast: slipped deals: %w", err)
	}
	if err := checkBuckets(c, u); err != nil {
		return Slippage{}, fmt.Errorf("forecast: slipped deals: %w", err)
	}
	b := c.Buckets(u, p)
	r := Slippage{AsOf: asOf, Period: p, Unit: u, Buckets: b, Currency: ds.Currency(),
		Rows: make([]SlipCount, b.Len()), Deals: []SlippedDeal{}}
	reps := byowner.New[SlipCount](ds)
	ends := bucketEnds(b, c, u)
	bounds, span, at := b.Bounds(), sales.SpanOf(p), sales.InstantOf(asOf)
	closes := ds.DealColumns().Close
	var found []slipping
	for i := range ds.Deals {
		h := ds.DealCloseChanges(i)
		if h.Len() == 0 {
			if span.Contains(closes[i]) {
				r.NoHistory++
			}
			continue
		}
		first, latest, moves, ok := slipIn(h, at)
		if !ok || !span.Contains(h.CloseDate[first]) {
			continue
		}
		k := bounds.Index(h.CloseDate[first])
		rep := reps.Deal(i)
		r.Rows[k].Deals.AddDeal(ds, i)
		rep.Deals.AddDeal(ds, i)
		if h.CloseDate[latest] < ends[k] {
			continue // not slipped
		}
		s := slipping{deal: int32(i), first: int32(first), latest: int32(latest),
			moves: int32(moves), id: ds.Deals[i].ID}
		s.days = int32(slipDays(ds, i, h, first, latest, p.Location()))
		r.Rows[k].slip(ds, i, s)
		rep.slip(ds, i, s)
		found = append(found, s)
	}
	r.Deals = r.slippedRows(ds, found)
	r.Reps = byowner.Rows(reps, func(id sales.OwnerID, name string, v *SlipCount) SlipRep {
		v.finish()
		return SlipRep{Owner: id, Name: name, SlipCount: *v}
	})
	r.sum()
	return r, nil
}

// bucketEnds returns the end of the whole bucket of u that holds each of
// b's buckets. Only the last can differ from the bucket's own end: b clips
// it at the period's end.
func bucketEnds(b sales.Buckets, c sales.Calendar, u sales.Unit) []sales.Instant {
	ends := make([]sales.Instant, b.Len())
	for k, p := range b.All() {
		ends[k] = sales.InstantOf(p.End)
	}
	if n := b.Len(); n > 0 {
		ends[n-1] = sales.InstantOf(c.Bucket(u, b.Period(n-1).Start).End)
	}
	return ends
}

// slipping is what a slipped deal's close date history says up to asOf:
// the deal's position, the positions in its history of the first date and
// of the latest, how many times the date moved later and by how many days
// in all, and the deal's id, to sort by.
type slipping struct {
	deal, first, latest int32
	moves, days         int32
	id                  sales.DealID
}

// slipIn reads a deal's close date history h up to asOf: the positions of
// the first date it held and of the latest, and how many times the date
// moved later; false when it holds no date by then.
func slipIn(h sales.CloseChanges, asOf sales.Instant) (first, latest, moves int, ok bool) {
	first, latest = -1, -1
	for j, at := range h.At {
		date := h.CloseDate[j]
		switch {
		case at > asOf:
			return first, latest, moves, first >= 0
		case date == sales.NoInstant:
		case first < 0:
			first, latest = j, j
		default:
			if date > h.CloseDate[latest] {
				moves++
			}
			latest = j
		}
	}
	return first, latest, moves, first >= 0
}

// slip counts a deal that slipped, s telling how, in c, whose Deals
// already count it.
func (c *SlipCount) slip(ds *sales.Dataset, i int, s slipping) {
	c.Slipped.AddDeal(ds, i)
	c.Moves += int64(s.moves)
	c.Days += int64(s.days)
}

// merge adds the counts of o to c.
func (c *SlipCount) merge(o SlipCount) {
	c.Deals.Merge(o.Deals)
	c.Slipped.Merge(o.Slipped)
	c.Moves += o.Moves
	c.Days += o.Days
	c.finish()
}

// finish sets the rate and the mean from the counts.
func (c *SlipCount) finish() {
	c.Rate = sales.Rate{Num: c.Slipped.Count, Den: c.Deals.Count}
	c.MeanDays = sales.Ratio{Num: decimal.NewFromInt(c.Days),
		Den: decimal.NewFromInt(c.Slipped.Count)}
}

// slippedRows sorts the slipped deals found as compareSlipped does and
// returns their rows, with one allocation for the rows and one for their
// values.
func (r *Slippage) slippedRows(ds *sales.Dataset, found []slipping) []SlippedDeal {
	slices.SortFunc(found, func(a, b slipping) int {
		return cmp.Or(cmp.Compare(b.days, a.days), cmp.Compare(b.moves, a.moves),
			cmp.Compare(a.id, b.id), cmp.Compare(a.deal, b.deal))
	})
	rows := make([]SlippedDeal, len(found))
	values := make([]decimal.Decimal, len(found))
	for k, s := range found {
		d := &ds.Deals[s.deal]
		hist := d.CloseDateHistory
		rows[k] = SlippedDeal{Deal: d.ID, Name: d.Name, Owner: d.Owner, Stage: "unknown",
			First: hist[s.first].CloseDate, Latest: hist[s.latest].CloseDate, Moves: int(s.moves),
			Days: int(s.days)}
		if kind := ds.DealKind(int(s.deal)); kind != 0 {
			rows[k].Stage = kind.String()
		}
		if v, state := ds.DealValue(int(s.deal)); state == sales.ValueOK {
			values[k] = v
			rows[k].Value = &values[k]
		}
	}
	return rows
}

// slipDays returns the calendar days from the first date of deal i's
// close date history h to the latest, read in loc: from the instants,
// or from the record when one of them is clamped.
func slipDays(ds *sales.Dataset, i int, h sales.CloseChanges, first, latest int,
	loc *time.Location) int {
	a, b := h.CloseDate[first], h.CloseDate[latest]
	if a.Clamped() || b.Clamped() {
		hist := ds.Deals[i].CloseDateHistory
		return days(hist[first].CloseDate, hist[latest].CloseDate, loc)
	}
	return days(a.Time(), b.Time(), loc)
}

// days returns the number of calendar days from a's date to b's, both
// read in loc.
func days(a, b time.Time, loc *time.Location) int {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	x := time.Date(ay, am, ad, 12, 0, 0, 0, time.UTC)
	y := time.Date(by, bm, bd, 12, 0, 0, 0, time.UTC)
	return int(y.Sub(x) / (24 * time.Hour))
}

// compareSlipped orders the list: most days first, then most moves, then
// by deal id.
func compareSlipped(a, b SlippedDeal) int {
	if c := cmp.Compare(b.Days, a.Days); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Moves, a.Moves); c != 0 {
		return c
	}
	return cmp.Compare(a.Deal, b.Deal)
}

// sum finishes the rows and sets Total.
func (r *Slippage) sum() {
	r.Total = SlipCount{}
	for k := range r.Rows {
		r.Rows[k].finish()
		r.Total.merge(r.Rows[k])
	}
	r.Total.finish()
}

// Merge adds the deals of o, computed over other deals of the same portal
// with the same asOf, period and buckets, to r. It fails when they differ.
func (r *Slippage) Merge(o Slippage) error {
	if !r.AsOf.Equal(o.AsOf) || !samePeriod(r.Period, o.Period) || r.Unit != o.Unit ||
		!sameBuckets(r.Buckets, o.Buckets) || r.Currency != o.Currency {
		return fmt.Errorf("forecast: merge slipped deals: %s by %s as of %s and %s by %s as of %s differ",
			r.Period, r.Unit, r.AsOf, o.Period, o.Unit, o.AsOf)
	}
	rows := append([]SlipCount(nil), r.Rows...)
	for k := range rows {
		rows[k].merge(o.Rows[k])
	}
	r.Rows = rows
	r.Reps = byowner.Merge(r.Reps, o.Reps,
		func(x *SlipRep) sales.OwnerID { return x.Owner },
		func(dst, src *SlipRep) { dst.merge(src.SlipCount) })
	r.Deals = append(append(make([]SlippedDeal, 0, len(r.Deals)+len(o.Deals)), r.Deals...),
		o.Deals...)
	slices.SortFunc(r.Deals, compareSlipped)
	r.NoHistory += o.NoHistory
	r.sum()
	return nil
}
