package kpi

import (
	"fmt"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// StageInfo names a stage in a report. Probability is the stage's
// configured chance of winning, null when the pipeline gives no valid one.
type StageInfo struct {
	Stage       sales.StageID `json:"stage"`
	Label       string        `json:"label"`
	Probability *float64      `json:"probability"`
}

// stageInfo describes the stage s.
func stageInfo(s *sales.Stage) StageInfo {
	info := StageInfo{Stage: s.ID, Label: s.Label}
	if p, ok := s.ProbabilityOK(); ok {
		info.Probability = &p
	}
	return info
}

// RepStages is one owner's open deals, one tally per open stage.
type RepStages struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	// Stages is aligned with OpenPipeline.Stages.
	Stages []sales.Tally `json:"stages"`
	Total  sales.Tally   `json:"total"`
}

// OpenPipeline is the open deals of one pipeline, per owner and stage.
type OpenPipeline struct {
	Pipeline sales.PipelineID `json:"pipeline"`
	Label    string           `json:"label"`
	// Stages lists the pipeline's open stages in pipeline order.
	Stages []StageInfo `json:"stages"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last.
	Reps []RepStages `json:"reps"`
	// Total adds up the rows: Total.Stages is the open deals by stage
	// (R26), Total.Total every open deal of the pipeline.
	Total RepStages `json:"total"`
}

// OpenDeals is R12 of the catalogue (also R17): the deals open at asOf, by
// owner and stage, count and value.
type OpenDeals struct {
	AsOf     time.Time      `json:"as_of"`
	Currency sales.Currency `json:"currency"`
	// Pipelines holds one table per pipeline, in the portal's order: two
	// pipelines' stages are never mixed.
	Pipelines []OpenPipeline `json:"pipelines"`
	// UnknownStage counts deals whose stage is not in their pipeline (or
	// whose pipeline is unknown): they are in no table.
	UnknownStage int64 `json:"unknown_stage"`
	// NotYetCreated counts deals created after asOf, left out.
	NotYetCreated int64 `json:"not_yet_created"`
	// StageUnknownThen counts deals that were open at asOf but whose stage
	// then no record tells: closed since, with no stage history.
	StageUnknownThen int64 `json:"stage_unknown_then"`
}

// OpenDealsByStage tallies the deals open at asOf per pipeline, owner and
// stage, with their values in the home currency. This is R12 and R17 of
// the catalogue; its totals per stage are R26.
//
// A deal is open at asOf when it existed then and stood in an open stage,
// as sales.Dataset.DealAt tells from its stage history: at the present
// moment that is its current stage; at a past one, a deal won since was
// still open, and a deal created since did not exist (NotYetCreated). A
// deal open then whose stage then is unknown (closed since, without a
// stage history) is counted in StageUnknownThen. Values are the deals'
// amounts today. Deals without an amount count in Count and are counted
// apart in NoAmount, as are deals whose currency has no rate (NoRate).
//
// Results over two halves of a portal merge with Merge. OpenDealsByStage
// fails only on a zero asOf.
func OpenDealsByStage(ds *sales.Dataset, asOf time.Time) (OpenDeals, error) {
	if err := checkAsOf(asOf); err != nil {
		return OpenDeals{}, fmt.Errorf("kpi: open deals by stage: %w", err)
	}
	r := OpenDeals{AsOf: asOf, Currency: ds.Currency(), Pipelines: []OpenPipeline{}}
	tables := make([]*byowner.Table[[]sales.Tally], len(ds.Pipelines))
	slots := make([][]int, len(ds.Pipelines)) // stage position -> column
	for i := range ds.Pipelines {
		tables[i] = byowner.New[[]sales.Tally](ds)
		slots[i] = openColumns(&ds.Pipelines[i])
	}
	at := sales.InstantOf(asOf)
	for i := range ds.Deals {
		kind, s, existed := ds.DealAtInstant(i, at)
		switch {
		case !existed:
			r.NotYetCreated++
			continue
		case kind == 0:
			r.UnknownStage++
			continue
		case kind != sales.StageOpen:
			continue
		case s < 0:
			r.StageUnknownThen++
			continue
		}
		p := ds.DealPipelineIndex(i)
		row := tables[p].Deal(i)
		if *row == nil {
			*row = make([]sales.Tally, countOpen(slots[p]))
		}
		(*row)[slots[p][s]].AddDeal(ds, i)
	}
	for i := range ds.Pipelines {
		r.Pipelines = append(r.Pipelines, openPipeline(&ds.Pipelines[i], tables[i]))
	}
	return r, nil
}

// openColumns maps each stage's position to its column among the open
// stages, -1 for closed stages.
func openColumns(p *sales.Pipeline) []int {
	cols := make([]int, len(p.Stages))
	n := 0
	for i, s := range p.Stages {
		cols[i] = -1
		if s.Kind == sales.StageOpen {
			cols[i] = n
			n++
		}
	}
	return cols
}

func countOpen(cols []int) int {
	n := 0
	for _, c := range cols {
		if c >= 0 {
			n++
		}
	}
	return n
}

func openPipeline(p *sales.Pipeline, t *byowner.Table[[]sales.Tally]) OpenPipeline {
	out := OpenPipeline{Pipeline: p.ID, Label: p.Label}
	for i := range p.Stages {
		if p.Stages[i].Kind == sales.StageOpen {
			out.Stages = append(out.Stages, stageInfo(&p.Stages[i]))
		}
	}
	n := len(out.Stages)
	out.Reps = byowner.Rows(t, func(id sales.OwnerID, name string, v *[]sales.Tally) RepStages {
		row := RepStages{Owner: id, Name: name, Stages: *v}
		if row.Stages == nil {
			row.Stages = make([]sales.Tally, n)
		}
		for _, c := range row.Stages {
			row.Total.Merge(c)
		}
		return row
	})
	out.Total = sumStages(out.Reps, n)
	return out
}

func sumStages(reps []RepStages, n int) RepStages {
	total := RepStages{Name: "total", Stages: make([]sales.Tally, n)}
	for _, r := range reps {
		for j := range r.Stages {
			total.Stages[j].Merge(r.Stages[j])
		}
		total.Total.Merge(r.Total)
	}
	return total
}

// Merge adds the open deals of o, computed over other deals of the same
// portal at the same asOf, to r. It fails when asOf, the currency or the
// pipelines differ.
func (r *OpenDeals) Merge(o OpenDeals) error {
	if !r.AsOf.Equal(o.AsOf) || r.Currency != o.Currency || len(r.Pipelines) != len(o.Pipelines) {
		return fmt.Errorf("kpi: merge open deals: as of %s in %q and %s in %q differ",
			r.AsOf, r.Currency, o.AsOf, o.Currency)
	}
	for i := range r.Pipelines {
		a, b := &r.Pipelines[i], &o.Pipelines[i]
		if a.Pipeline != b.Pipeline || !sameStages(a.Stages, b.Stages) {
			return fmt.Errorf("kpi: merge open deals: pipeline %q and %q differ",
				a.Pipeline, b.Pipeline)
		}
		a.Reps = byowner.Merge(a.Reps, b.Reps,
			func(x *RepStages) sales.OwnerID { return x.Owner },
			func(dst, src *RepStages) {
				stages := make([]sales.Tally, len(dst.Stages))
				copy(stages, dst.Stages)
				for j := range stages {
					stages[j].Merge(src.Stages[j])
				}
				dst.Stages = stages
				dst.Total.Merge(src.Total)
			})
		a.Total = sumStages(a.Reps, len(a.Stages))
	}
	r.UnknownStage += o.UnknownStage
	r.NotYetCreated += o.NotYetCreated
	r.StageUnknownThen += o.StageUnknownThen
	return nil
}

// sameStages reports whether two reports list the same stages in the same
// order.
func sameStages(a, b []StageInfo) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Stage != b[i].Stage {
			return false
		}
	}
	return true
}
