package forecast

import (
	"fmt"
	"time"

	"github.com/salespilot/sales"
)

// CreatedBucket is the contacts created in one bucket, by lifecycle stage
// at asOf.
type CreatedBucket struct {
	// ByStage is aligned with CreatedByStage.Stages.
	ByStage []int64 `json:"by_stage"`
	Total   int64   `json:"total"`
}

// CreatedByStage is R28 of the catalogue: the contacts created in each
// bucket of Period, split by the lifecycle stage they were in at AsOf.
type CreatedByStage struct {
	AsOf    time.Time     `json:"as_of"`
	Period  sales.Period  `json:"period"`
	Unit    sales.Unit    `json:"unit"`
	Buckets sales.Buckets `json:"buckets"`
	// Stages lists every lifecycle stage, unknown first, in order: the
	// columns of each bucket's ByStage.
	Stages []sales.LifecycleStage `json:"stages"`
	// Rows is aligned with Buckets; Total adds them up.
	Rows  []CreatedBucket `json:"rows"`
	Total CreatedBucket   `json:"total"`
	// Assumed counts the contacts of Rows that have no recorded lifecycle
	// date, taken at their current stage. NotYetCreated counts contacts
	// created in Period but after AsOf, NoCreated contacts without a
	// creation date: both are in no bucket.
	Assumed       int64 `json:"assumed"`
	NotYetCreated int64 `json:"not_yet_created"`
	NoCreated     int64 `json:"no_created"`
}

// LeadsCreated counts the contacts created in each bucket of p (cut by c
// into buckets of unit u, in p's location), split by the lifecycle stage
// each was in at asOf. This is R28 of the catalogue.
//
// A contact's stage at asOf is read as ActiveLeads reads it; a contact
// that had reached no stage by then, or whose stage is not one of the
// known ones, counts under LifecycleUnknown. Only
// contacts created at or before asOf count: a period that runs past asOf
// shows nothing after it. Contacts without a creation date are counted in
// NoCreated.
//
// Results over two halves of a portal's contacts merge with Merge.
// LeadsCreated fails on a zero asOf, an invalid period, unit or calendar.
func LeadsCreated(ds *sales.Dataset, asOf time.Time, p sales.Period, c sales.Calendar,
	u sales.Unit) (CreatedByStage, error) {
	if err := checkAsOf(asOf); err != nil {
		return CreatedByStage{}, fmt.Errorf("forecast: leads created: %w", err)
	}
	if err := checkPeriod(p); err != nil {
		return CreatedByStage{}, fmt.Errorf("forecast: leads created: %w", err)
	}
	if err := checkBuckets(c, u); err != nil {
		return CreatedByStage{}, fmt.Errorf("forecast: leads created: %w", err)
	}
	b := c.Buckets(u, p)
	r := CreatedByStage{AsOf: asOf, Period: p, Unit: u, Buckets: b, Stages: allLifecycles()}
	counts := make([]int64, b.Len()*sales.NumLifecycleStages)
	cols, bounds, at := ds.ContactColumns(), b.Bounds(), sales.InstantOf(asOf)
	for i, created := range cols.Created {
		k := bounds.Index(created)
		switch {
		case created == sales.NoInstant:
			r.NoCreated++
		case k < 0:
		case created > at:
			r.NotYetCreated++
		default:
			s, known := contactStageAt(ds, cols, i, at, asOf)
			if int(s) >= sales.NumLifecycleStages {
				s = sales.LifecycleUnknown
			}
			counts[k*sales.NumLifecycleStages+int(s)]++
			if !known {
				r.Assumed++
			}
		}
	}
	r.Rows = make([]CreatedBucket, b.Len())
	for k := range r.Rows {
		r.Rows[k].ByStage = counts[k*sales.NumLifecycleStages : (k+1)*sales.NumLifecycleStages]
	}
	r.sum()
	return r, nil
}

// allLifecycles returns every lifecycle stage in order.
func allLifecycles() []sales.LifecycleStage {
	out := make([]sales.LifecycleStage, sales.NumLifecycleStages)
	for s := range out {
		out[s] = sales.LifecycleStage(s)
	}
	return out
}

// sum sets each row's total and the report's Total.
func (r *CreatedByStage) sum() {
	r.Total = CreatedBucket{ByStage: make([]int64, len(r.Stages))}
	for k := range r.Rows {
		row := &r.Rows[k]
		row.Total = 0
		for s, n := range row.ByStage {
			row.Total += n
			r.Total.ByStage[s] += n
		}
		r.Total.Total += row.Total
	}
}

// Merge adds the contacts of o, counted over other contacts of the same
// portal with the same asOf and buckets, to r. It fails when asOf, the
// period or the buckets differ.
func (r *CreatedByStage) Merge(o CreatedByStage) error {
	if !r.AsOf.Equal(o.AsOf) || !samePeriod(r.Period, o.Period) ||
		!sameBuckets(r.Buckets, o.Buckets) || len(r.Stages) != len(o.Stages) {
		return fmt.Errorf("forecast: merge leads created: %s by %s as of %s and %s by %s as of %s differ",
			r.Period, r.Unit, r.AsOf, o.Period, o.Unit, o.AsOf)
	}
	rows := make([]CreatedBucket, len(r.Rows))
	for k := range rows {
		by := append([]int64(nil), r.Rows[k].ByStage...)
		for s := range by {
			by[s] += o.Rows[k].ByStage[s]
		}
		rows[k].ByStage = by
	}
	r.Rows = rows
	r.sum()
	r.Assumed += o.Assumed
	r.NotYetCreated += o.NotYetCreated
	r.NoCreated += o.NoCreated
	return nil
}
