package forecast

import (
	"fmt"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/kpi"
)

// BUG(forecast): PipelineAsOf rebuilds stages and expected close dates
// from their histories, but a deal's owner and amount are today's: the
// model keeps no history of them, so a deal handed to another rep, or
// re-priced, since the instant asked about shows under today's owner and
// at today's value.

// PastPipeline is B05 of the catalogue: the open pipeline as it stood at
// At, rebuilt from the deals' histories.
type PastPipeline struct {
	At time.Time `json:"at"`
	// Open is R12 (and R17) as it stood at At: the open deals per
	// pipeline, owner and stage. Each pipeline's Total.Stages is R26.
	Open kpi.OpenDeals `json:"open"`
	// Weighted is B01 as it stood at At, bucketed by each deal's expected
	// close date at At.
	Weighted WeightedPipeline `json:"weighted"`
	// NotYetCreated counts deals created after At: they did not exist.
	NotYetCreated int64 `json:"not_yet_created"`
	// NoHistory counts the deals open at At that have no stage history:
	// they were taken to have been in their current stage since their
	// creation. BeforeHistory counts the deals open at At whose history
	// starts after it: they were taken to be in the first stage it
	// records.
	NoHistory     int64 `json:"no_history"`
	BeforeHistory int64 `json:"before_history"`
	// StageUnknown tallies deals without a stage history that closed
	// after At: they were open then, in a stage nothing records, and are
	// in no table.
	StageUnknown sales.Tally `json:"stage_unknown"`
}

// PipelineAsOf rebuilds the open pipeline as it stood at the instant at:
// R12 and R26 (the open deals per pipeline, owner and stage, count and
// value, from kpi.OpenDealsByStage) and B01 (the weighted pipeline over
// horizon h, from Weighted), both seen from at. This is B05 of the
// catalogue.
//
// Both reports place each deal as sales.Dataset.DealAt rebuilds it from its
// stage history: a deal created after at did not exist then; a deal won
// since was still open, in the stage it was in. Its expected close date is
// the one its close date history held at at (sales.Dataset.ExpectedCloseAt).
// Where the histories do not tell, PipelineAsOf counts what was assumed:
//
//   - a deal without a stage history open at at is taken to have been in
//     its current stage since its creation (NoHistory);
//   - a deal whose history starts after at is taken to be in the first
//     stage it records (BeforeHistory);
//   - a deal without a stage history that closed after at was open then,
//     in a stage nothing records: it is tallied in StageUnknown and in no
//     table.
//
// The owner and the amount are today's: the model keeps no history of
// them. At the present moment the result equals kpi.OpenDealsByStage and
// Weighted computed directly. Results over two halves of a portal's deals
// merge with Merge. PipelineAsOf fails on a zero at and an invalid horizon.
func PipelineAsOf(ds *sales.Dataset, at time.Time, h Horizon) (PastPipeline, error) {
	if err := checkAsOf(at); err != nil {
		return PastPipeline{}, fmt.Errorf("forecast: pipeline as of: %w", err)
	}
	open, err := kpi.OpenDealsByStage(ds, at)
	if err != nil {
		return PastPipeline{}, fmt.Errorf("forecast: pipeline as of: %w", err)
	}
	weighted, err := Weighted(ds, at, h)
	if err != nil {
		return PastPipeline{}, fmt.Errorf("forecast: pipeline as of: %w", err)
	}
	r := PastPipeline{At: at, Open: open, Weighted: weighted, NotYetCreated: open.NotYetCreated}
	t := sales.InstantOf(at)
	for i := range ds.Deals {
		r.assumed(ds, i, t)
	}
	return r, nil
}

// assumed counts what placing deal i at r.At, given as at, had to assume.
func (r *PastPipeline) assumed(ds *sales.Dataset, i int, at sales.Instant) {
	kind, stage, existed := ds.DealAtInstant(i, at)
	if !existed || kind != sales.StageOpen {
		return
	}
	v := ds.DealVisits(i)
	switch {
	case stage < 0:
		r.StageUnknown.AddDeal(ds, i)
	case v.Len() == 0:
		r.NoHistory++
	case v.Entered[0] > at:
		r.BeforeHistory++
	}
}

// Merge adds the pipeline of o, rebuilt from other deals of the same
// portal at the same instant and horizon, to r. It fails when they differ.
func (r *PastPipeline) Merge(o PastPipeline) error {
	if !r.At.Equal(o.At) {
		return fmt.Errorf("forecast: merge pipeline as of: %s and %s differ", r.At, o.At)
	}
	open := r.Open // merged on a copy, so that r is unchanged on error
	open.Pipelines = append([]kpi.OpenPipeline(nil), r.Open.Pipelines...)
	if err := open.Merge(o.Open); err != nil {
		return fmt.Errorf("forecast: merge pipeline as of: %w", err)
	}
	weighted := r.Weighted
	if err := weighted.Merge(o.Weighted); err != nil {
		return fmt.Errorf("forecast: merge pipeline as of: %w", err)
	}
	r.Open, r.Weighted = open, weighted
	r.NotYetCreated += o.NotYetCreated
	r.NoHistory += o.NoHistory
	r.BeforeHistory += o.BeforeHistory
	r.StageUnknown.Merge(o.StageUnknown)
	return nil
}
