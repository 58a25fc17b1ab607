package forecast

import (
	"fmt"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// WeightedPipeline is B01 of the catalogue: the deals open at AsOf, per
// owner and per bucket of their expected close date, with their value
// and their value weighted by their stage's probability.
type WeightedPipeline struct {
	AsOf time.Time `json:"as_of"`
	// Horizon is the span whose buckets the expected close dates fall
	// in, cut into Buckets by Unit.
	Horizon  sales.Period   `json:"horizon"`
	Unit     sales.Unit     `json:"unit"`
	Buckets  sales.Buckets  `json:"buckets"`
	Currency sales.Currency `json:"currency"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last. Team adds them up.
	Reps []WeightedRow `json:"reps"`
	Team WeightedRow   `json:"team"`
	// Stages breaks Team.Total down by open stage, every pipeline's in the
	// portal's order, with the probability each was weighted by.
	Stages []StageWeight `json:"stages"`
	// UnknownStage tallies the deals whose stage at AsOf cannot be told:
	// their pipeline does not list it (or the pipeline is unknown), or
	// they closed since and have no stage history. They are in no row. BadProbability tallies open deals
	// whose stage's probability is not a number in [0, 1]: they count in
	// the rows' open value and add nothing to the weighted value.
	UnknownStage   sales.Tally `json:"unknown_stage"`
	BadProbability sales.Tally `json:"bad_probability"`
	// NotYetCreated counts deals created after AsOf, left out.
	NotYetCreated int64 `json:"not_yet_created"`
}

// Weighted computes the weighted pipeline at asOf: every deal open at
// asOf, per owner and per bucket of h in which its expected close date
// falls, counted with its value and its value times its stage's
// probability. This is B01 of the catalogue.
//
// A deal is open at asOf when it stood in an open stage then, as
// sales.Dataset.DealAt rebuilds it from its stage history, and is weighted
// by that stage's probability; its expected close date is the one it had
// then (sales.Dataset.ExpectedCloseAt). At the present moment these are
// its current stage and CloseDate; for a past asOf this is the pipeline as
// it stood (B05). Deals
// expected before h.Period starts go to Earlier (with a horizon that starts
// at asOf, these are the overdue deals), deals expected at or after its
// end to Later, deals without a date to NoCloseDate; every open deal is in
// exactly one column, and Total adds them up. Weighting is exact, as the
// package documentation says; a stage of probability 0 adds 0. A deal
// whose stage then cannot be told is tallied in UnknownStage, not guessed
// at.
//
// Results over two halves of a portal's deals merge with Merge. Weighted
// fails on a zero asOf and on a horizon with an invalid period, unit or
// calendar.
func Weighted(ds *sales.Dataset, asOf time.Time, h Horizon) (WeightedPipeline, error) {
	if err := checkAsOf(asOf); err != nil {
		return WeightedPipeline{}, fmt.Errorf("forecast: weighted pipeline: %w", err)
	}
	if err := h.check(); err != nil {
		return WeightedPipeline{}, fmt.Errorf("forecast: weighted pipeline: %w", err)
	}
	g := newGrid(ds, h)
	var unknown sales.Tally
	var notYet int64
	at := sales.InstantOf(asOf)
	for i := range ds.Deals {
		switch slot, expected, st := g.st.openAt(ds, i, at); st {
		case standUnknown:
			unknown.AddDeal(ds, i)
		case standNotYet:
			notYet++
		case standOpen:
			g.add(i, slot, expected)
		}
	}
	r := g.weighted(asOf)
	r.UnknownStage, r.NotYetCreated = unknown, notYet
	return r, nil
}

// weighted builds the report from the grid.
func (g *grid) weighted(asOf time.Time) WeightedPipeline {
	r := WeightedPipeline{
		AsOf: asOf, Horizon: g.h.Period, Unit: g.h.Unit, Buckets: g.buckets,
		Currency: g.ds.Currency(),
	}
	stages := make([]slotSum, g.st.len())
	r.Reps = g.weightedRows(stages, &r.BadProbability)
	r.Team = teamRow(r.Reps, g.buckets.Len())
	r.Stages = g.openStages(stages)
	return r
}

// Merge adds the weighted pipeline o, computed over other deals of the
// same portal at the same asOf and horizon, to r. It fails when asOf, the
// horizon, the unit, the currency or the stages differ.
func (r *WeightedPipeline) Merge(o WeightedPipeline) error {
	if !r.AsOf.Equal(o.AsOf) || !samePeriod(r.Horizon, o.Horizon) || r.Unit != o.Unit ||
		!sameBuckets(r.Buckets, o.Buckets) || r.Currency != o.Currency {
		return fmt.Errorf("forecast: merge weighted pipeline: as of %s over %s by %s in %q "+
			"and as of %s over %s by %s in %q differ", r.AsOf, r.Horizon, r.Unit, r.Currency,
			o.AsOf, o.Horizon, o.Unit, o.Currency)
	}
	if err := sameStages(r.Stages, o.Stages); err != nil {
		return fmt.Errorf("forecast: merge weighted pipeline: %w", err)
	}
	r.Reps = byowner.Merge(r.Reps, o.Reps,
		func(x *WeightedRow) sales.OwnerID { return x.Owner },
		func(dst, src *WeightedRow) { dst.merge(src) })
	r.Team = teamRow(r.Reps, r.Buckets.Len())
	stages := append([]StageWeight(nil), r.Stages...)
	for i := range stages {
		stages[i].Cell.Merge(o.Stages[i].Cell)
	}
	r.Stages = stages
	r.UnknownStage.Merge(o.UnknownStage)
	r.BadProbability.Merge(o.BadProbability)
	r.NotYetCreated += o.NotYetCreated
	return nil
}
