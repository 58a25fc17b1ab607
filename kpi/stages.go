package kpi

import (
	"fmt"
	"time"

	"github.com/salespilot/sales"
)

// StageTally is the open deals of one stage.
type StageTally struct {
	StageInfo
	Deals sales.Tally `json:"deals"`
}

// PipelineStages is the open deals of one pipeline, per stage.
type PipelineStages struct {
	Pipeline sales.PipelineID `json:"pipeline"`
	Label    string           `json:"label"`
	// Stages lists the pipeline's open stages in pipeline order.
	Stages []StageTally `json:"stages"`
	// Total is every open deal of the pipeline: the sum of Stages.
	Total sales.Tally `json:"total"`
}

// OpenStages is R26 of the catalogue: the deals open at an instant, per
// pipeline stage in pipeline order, count and value.
type OpenStages struct {
	AsOf      time.Time        `json:"as_of"`
	Currency  sales.Currency   `json:"currency"`
	Pipelines []PipelineStages `json:"pipelines"`
	// UnknownStage counts deals whose stage is not in their pipeline (or
	// whose pipeline is unknown); NotYetCreated counts deals created after
	// AsOf; StageUnknownThen counts deals open at AsOf whose stage then no
	// record tells. None is in a stage.
	UnknownStage     int64 `json:"unknown_stage"`
	NotYetCreated    int64 `json:"not_yet_created"`
	StageUnknownThen int64 `json:"stage_unknown_then"`
}

// OpenStageTotals tallies the deals open at asOf per pipeline and stage,
// in pipeline order, with their values in the home currency. This is R26
// of the catalogue: the per-stage totals of OpenDealsByStage (R12), whose
// documentation says which deals are open and how values are counted.
//
// Pipelines are never mixed: each has its own stages. A deal without an
// amount counts in its stage's Count and in NoAmount; one whose currency
// has no rate in NoRate. OpenStageTotals fails only on a zero asOf.
func OpenStageTotals(ds *sales.Dataset, asOf time.Time) (OpenStages, error) {
	r, err := OpenDealsByStage(ds, asOf)
	if err != nil {
		return OpenStages{}, fmt.Errorf("kpi: open stage totals: %w", err)
	}
	return r.ByStage(), nil
}

// ByStage returns the totals per stage of r, without the owners: R26 of
// the catalogue.
func (r OpenDeals) ByStage() OpenStages {
	out := OpenStages{AsOf: r.AsOf, Currency: r.Currency, UnknownStage: r.UnknownStage,
		NotYetCreated: r.NotYetCreated, StageUnknownThen: r.StageUnknownThen}
	out.Pipelines = make([]PipelineStages, len(r.Pipelines))
	for i, p := range r.Pipelines {
		ps := PipelineStages{Pipeline: p.Pipeline, Label: p.Label, Total: p.Total.Total,
			Stages: make([]StageTally, len(p.Stages))}
		for j, s := range p.Stages {
			ps.Stages[j] = StageTally{StageInfo: s, Deals: p.Total.Stages[j]}
		}
		out.Pipelines[i] = ps
	}
	return out
}

// Merge adds the open deals of o, computed over other deals of the same
// portal at the same asOf, to r. It fails when asOf, the currency or the
// pipelines differ.
func (r *OpenStages) Merge(o OpenStages) error {
	if !r.AsOf.Equal(o.AsOf) || r.Currency != o.Currency || len(r.Pipelines) != len(o.Pipelines) {
		return fmt.Errorf("kpi: merge open stages: as of %s in %q and %s in %q differ",
			r.AsOf, r.Currency, o.AsOf, o.Currency)
	}
	for i := range r.Pipelines {
		a, b := &r.Pipelines[i], &o.Pipelines[i]
		if a.Pipeline != b.Pipeline || !sameStages(stageInfos(a.Stages), stageInfos(b.Stages)) {
			return fmt.Errorf("kpi: merge open stages: pipeline %q and %q differ",
				a.Pipeline, b.Pipeline)
		}
		stages := make([]StageTally, len(a.Stages))
		copy(stages, a.Stages)
		for j := range stages {
			stages[j].Deals.Merge(b.Stages[j].Deals)
		}
		a.Stages = stages
		a.Total.Merge(b.Total)
	}
	r.UnknownStage += o.UnknownStage
	r.NotYetCreated += o.NotYetCreated
	r.StageUnknownThen += o.StageUnknownThen
	return nil
}

func stageInfos(ts []StageTally) []StageInfo {
	out := make([]StageInfo, len(ts))
	for i := range ts {
		out[i] = ts[i].StageInfo
	}
	return out
}
