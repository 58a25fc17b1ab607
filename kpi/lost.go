package kpi

import (
	"fmt"
	"slices"
	"strings"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/keyed"
)

// ReasonSlice is one slice of LostReasons: the deals lost for one reason.
type ReasonSlice struct {
	// Reason is the lost reason as the records write it, spaces around it
	// trimmed; empty for the deals lost without a reason.
	Reason string      `json:"reason"`
	Deals  sales.Tally `json:"deals"`
	// CountShare is Deals.Count over all deals lost in the period;
	// ValueShare is Deals.Value over the value of all of them.
	CountShare sales.Rate  `json:"count_share"`
	ValueShare sales.Ratio `json:"value_share"`
}

// LostReasons is R35 of the catalogue: the deals lost in a period by lost
// reason, with shares.
type LostReasons struct {
	Period   sales.Period   `json:"period"`
	Currency sales.Currency `json:"currency"`
	// Reasons has one slice per reason, the most frequent first (equal
	// counts by reason), the deals without a reason last.
	Reasons []ReasonSlice `json:"reasons"`
	// Lost tallies every deal lost in the period.
	Lost sales.Tally `json:"lost"`
	Skipped
}

// LostByReason tallies the deals lost in p (by close date, p half-open)
// by their lost reason. This is R35 of the catalogue.
//
// A deal lost without a reason (empty or blank) is a slice of its own,
// never dropped. Reasons are compared as written once trimmed: "Price"
// and "price" are two slices. Lost comes from the kind of the deal's
// stage. Values are in the home currency; lost deals without an amount,
// or whose currency has no rate, count in Count and are counted apart in
// NoAmount and NoRate. The count shares of all slices add up to exactly
// one (their numerators add up to Lost.Count); a share over no lost deal
// has no value. Closed deals without a close date and deals in an unknown
// stage are counted in Skipped.
//
// Results over two halves of a portal merge with Merge. LostByReason fails
// only when p is not a valid period.
func LostByReason(ds *sales.Dataset, p sales.Period) (LostReasons, error) {
	if err := checkPeriod(p); err != nil {
		return LostReasons{}, fmt.Errorf("kpi: lost by reason: %w", err)
	}
	r := LostReasons{Period: p, Currency: ds.Currency()}
	codes := &ds.DealColumns().LostReason
	byCode := make([]sales.Tally, len(codes.Dict))
	eachClosed(ds, p, sales.StageLost, &r.Skipped, func(i int) {
		byCode[codes.Code[i]].AddDeal(ds, i)
	})
	var reasons keyed.Table[sales.Tally]
	for code := range byCode {
		if byCode[code].Count > 0 {
			reasons.At(strings.TrimSpace(codes.Dict[code])).Merge(byCode[code])
		}
	}
	r.Reasons = keyed.Rows(&reasons, func(reason string, t *sales.Tally) ReasonSlice {
		return ReasonSlice{Reason: reason, Deals: *t}
	})
	r.finish()
	return r, nil
}

// finish orders the slices, adds up Lost and sets the shares.
func (r *LostReasons) finish() {
	slices.SortFunc(r.Reasons, func(a, b ReasonSlice) int {
		return keyed.CompareSlices(a.Reason, b.Reason, a.Deals.Count, b.Deals.Count)
	})
	r.Lost = sales.Tally{}
	for _, s := range r.Reasons {
		r.Lost.Merge(s.Deals)
	}
	value := r.Lost.Value.Decimal()
	for i := range r.Reasons {
		s := &r.Reasons[i]
		s.CountShare = sales.Rate{Num: s.Deals.Count, Den: r.Lost.Count}
		s.ValueShare = sales.Ratio{Num: s.Deals.Value.Decimal(), Den: value}
	}
}

// Merge adds the lost deals of o, computed over other deals of the same
// portal for the same period, to r. It fails when the periods or the
// currencies differ.
func (r *LostReasons) Merge(o LostReasons) error {
	if !samePeriod(r.Period, o.Period) || r.Currency != o.Currency {
		return fmt.Errorf("kpi: merge lost by reason: period %s in %q and %s in %q differ",
			r.Period, r.Currency, o.Period, o.Currency)
	}
	r.Reasons = keyed.Combine(r.Reasons, o.Reasons,
		func(x *ReasonSlice) string { return x.Reason },
		func(dst, src *ReasonSlice) { dst.Deals.Merge(src.Deals) })
	r.Skipped.add(o.Skipped)
	r.finish()
	return nil
}
