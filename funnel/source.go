package funnel

import (
	"fmt"
	"slices"
	"strings"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/keyed"
)

// LeadSource is one slice of LeadSources.
type LeadSource struct {
	// Source is the contacts' original source as the records write it,
	// spaces around it trimmed; empty for contacts with none.
	Source string `json:"source"`
	Leads  int64  `json:"leads"`
	// Share is Leads over all the contacts created in the period.
	Share sales.Rate `json:"share"`
}

// LeadSources is R32 of the catalogue: the contacts created in a period by
// original source, with shares.
type LeadSources struct {
	Period sales.Period `json:"period"`
	// Sources has one slice per source, the largest first (equal counts
	// by source), the contacts without a source last.
	Sources []LeadSource `json:"sources"`
	// Leads counts every contact created in the period.
	Leads int64 `json:"leads"`
	// NoCreated counts contacts with no creation date, in no period.
	NoCreated int64 `json:"no_created"`
}

// LeadsBySource counts the contacts created in p (p half-open) by their
// original source. This is R32 of the catalogue.
//
// Every contact created in the period counts, whatever its lifecycle
// stage. A contact without a source (empty or blank) is in a slice of its
// own, never dropped; sources are compared as written once trimmed. The
// shares add up to exactly one: their numerators add up to Leads. A share
// over no contact has no value. Contacts with no creation date are counted
// in NoCreated.
//
// Results over two halves of the contacts merge with Merge. LeadsBySource
// fails only when p is not a valid period.
func LeadsBySource(ds *sales.Dataset, p sales.Period) (LeadSources, error) {
	if err := checkPeriod(p); err != nil {
		return LeadSources{}, fmt.Errorf("funnel: leads by source: %w", err)
	}
	r := LeadSources{Period: p}
	c := ds.ContactColumns()
	span := sales.SpanOf(p)
	counts := make([]int64, len(c.Source.Dict)) // by source code
	for i, created := range c.Created {
		switch {
		case created == sales.NoInstant:
			r.NoCreated++
		case span.Contains(created):
			counts[c.Source.Code[i]]++
		}
	}
	var t keyed.Table[int64]
	for code, n := range counts {
		if n > 0 {
			*t.At(strings.TrimSpace(c.Source.Dict[code])) += n
		}
	}
	r.Sources = keyed.Rows(&t, func(src string, n *int64) LeadSource {
		return LeadSource{Source: src, Leads: *n}
	})
	r.finish()
	return r, nil
}

// finish orders the slices and sets the total and the shares.
func (r *LeadSources) finish() {
	slices.SortFunc(r.Sources, func(a, b LeadSource) int {
		return keyed.CompareSlices(a.Source, b.Source, a.Leads, b.Leads)
	})
	r.Leads = 0
	for _, s := range r.Sources {
		r.Leads += s.Leads
	}
	for i := range r.Sources {
		r.Sources[i].Share = sales.Rate{Num: r.Sources[i].Leads, Den: r.Leads}
	}
}

// Merge adds the contacts of o, counted over other contacts of the same
// portal for the same period, to r. It fails when the periods differ.
func (r *LeadSources) Merge(o LeadSources) error {
	if !samePeriod(r.Period, o.Period) {
		return fmt.Errorf("funnel: merge leads by source: period %s and %s differ",
			r.Period, o.Period)
	}
	r.Sources = keyed.Combine(r.Sources, o.Sources,
		func(x *LeadSource) string { return x.Source },
		func(dst, src *LeadSource) { dst.Leads += src.Leads })
	r.NoCreated += o.NoCreated
	r.finish()
	return nil
}

// DealSource is one slice of DealSources.
type DealSource struct {
	// Source is the deals' source as the records write it, spaces around
	// it trimmed; empty for deals with none.
	Source string      `json:"source"`
	Deals  sales.Tally `json:"deals"`
	// CountShare is Deals.Count over all the deals created in the period;
	// ValueShare is Deals.Value over their value.
	CountShare sales.Rate  `json:"count_share"`
	ValueShare sales.Ratio `json:"value_share"`
}

// DealSources is R33 of the catalogue: the deals created in a period by
// source, count and value, with shares.
type DealSources struct {
	Period   sales.Period   `json:"period"`
	Currency sales.Currency `json:"currency"`
	// Sources has one slice per source, the largest count first (equal
	// counts by source), the deals without a source last.
	Sources []DealSource `json:"sources"`
	// Deals tallies every deal created in the period.
	Deals sales.Tally `json:"deals"`
	// NoCreated counts deals with no creation date, in no period.
	NoCreated int64 `json:"no_created"`
}

// DealsBySource tallies the deals created in p (p half-open) by source,
// with their values in the home currency. This is R33 of the catalogue.
//
// Every deal created in the period counts, open, won, lost or in a stage
// its pipeline does not list. A deal without a source (empty or blank) is
// in a slice of its own, never dropped; sources are compared as written
// once trimmed. Deals without an amount, or whose currency has no rate,
// count in Count and are counted apart in NoAmount and NoRate. The count
// shares add up to exactly one (their numerators add up to Deals.Count),
// as do the value shares' numerators to Deals.Value; a share over nothing
// has no value. Deals with no creation date are counted in NoCreated.
//
// Results over two halves of a portal merge with Merge. DealsBySource
// fails only when p is not a valid period.
func DealsBySource(ds *sales.Dataset, p sales.Period) (DealSources, error) {
	if err := checkPeriod(p); err != nil {
		return DealSources{}, fmt.Errorf("funnel: deals by source: %w", err)
	}
	r := DealSources{Period: p, Currency: ds.Currency()}
	c := ds.DealColumns()
	span := sales.SpanOf(p)
	tallies := make([]sales.Tally, len(c.Source.Dict)) // by source code
	for i, created := range c.Created {
		switch {
		case created == sales.NoInstant:
			r.NoCreated++
		case span.Contains(created):
			tallies[c.Source.Code[i]].AddDeal(ds, i)
		}
	}
	var t keyed.Table[sales.Tally]
	for code := range tallies {
		if tallies[code].Count > 0 {
			t.At(strings.TrimSpace(c.Source.Dict[code])).Merge(tallies[code])
		}
	}
	r.Sources = keyed.Rows(&t, func(src string, v *sales.Tally) DealSource {
		return DealSource{Source: src, Deals: *v}
	})
	r.finish()
	return r, nil
}

// finish orders the slices and sets the total and the shares.
func (r *DealSources) finish() {
	slices.SortFunc(r.Sources, func(a, b DealSource) int {
		return keyed.CompareSlices(a.Source, b.Source, a.Deals.Count, b.Deals.Count)
	})
	r.Deals = sales.Tally{}
	for _, s := range r.Sources {
		r.Deals.Merge(s.Deals)
	}
	value := r.Deals.Value.Decimal()
	for i := range r.Sources {
		s := &r.Sources[i]
		s.CountShare = sales.Rate{Num: s.Deals.Count, Den: r.Deals.Count}
		s.ValueShare = sales.Ratio{Num: s.Deals.Value.Decimal(), Den: value}
	}
}

// Merge adds the deals of o, computed over other deals of the same portal
// for the same period, to r. It fails when the periods or the currencies
// differ.
func (r *DealSources) Merge(o DealSources) error {
	if !samePeriod(r.Period, o.Period) || r.Currency != o.Currency {
		return fmt.Errorf("funnel: merge deals by source: period %s in %q and %s in %q differ",
			r.Period, r.Currency, o.Period, o.Currency)
	}
	r.Sources = keyed.Combine(r.Sources, o.Sources,
		func(x *DealSource) string { return x.Source },
		func(dst, src *DealSource) { dst.Deals.Merge(src.Deals) })
	r.NoCreated += o.NoCreated
	r.finish()
	return nil
}
