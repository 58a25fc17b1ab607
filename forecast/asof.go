package forecast

import (
	"fmt"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
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
// value) and B01 (the weighted pipeline over horizon h). This is B05 of
// the catalogue.
//
// A deal created after at did not exist then. Every other deal's stage at
// at is the stage of the last visit of its stage history entered at or
// before at, so a deal won since was still open then, in the stage it was
// in. Where the history does not tell, PipelineAsOf assumes and counts:
//
//   - a deal without a stage history is taken to have been in its current
//     stage since its creation when that stage is open (NoHistory), and
//     to have been open in an unknown stage when it closed after at
//     (StageUnknown, in no table); one closed by at, or with no close
//     date, was closed;
//   - a deal whose history starts after at is taken to be in the first
//     stage it records (BeforeHistory).
//
// A deal's expected close date at at is the last value of its close date
// history set at or before at, or the first value when the history starts
// after at. A deal without that history keeps its CloseDate if it is still
// open, and has no expected close date at at if it has closed since (a
// closed deal's CloseDate is when it closed, not what was expected). The
// owner and the amount are today's: the model keeps no history of them.
//
// For an at at or after every change the histories record, such as the
// data's "now", the result equals kpi.OpenDealsByStage and Weighted at
// that instant, as long as each deal's last visit and last close date are
// its current ones. Results over two halves of a portal's deals merge with
// Merge. PipelineAsOf fails on a zero at and an invalid horizon.
func PipelineAsOf(ds *sales.Dataset, at time.Time, h Horizon) (PastPipeline, error) {
	if err := checkAsOf(at); err != nil {
		return PastPipeline{}, fmt.Errorf("forecast: pipeline as of: %w", err)
	}
	if err := h.check(); err != nil {
		return PastPipeline{}, fmt.Errorf("forecast: pipeline as of: %w", err)
	}
	r := PastPipeline{At: at}
	g := newGrid(ds, h)
	var unknown sales.Tally
	for i := range ds.Deals {
		if slot, ok := r.stageAt(ds, &g.st, i, &unknown); ok {
			g.add(i, slot, closeDateAt(ds, i, at))
		}
	}
	r.Weighted = g.weighted(at)
	r.Weighted.UnknownStage, r.Weighted.NotYetCreated = unknown, r.NotYetCreated
	r.Open = g.openDeals(at)
	r.Open.UnknownStage, r.Open.NotYetCreated = unknown.Count, r.NotYetCreated
	return r, nil
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

// stageAt returns the slot of the open stage deal i was in at r.At, and
// false when it did not exist, was closed or its stage is unknown. It
// counts what it had to assume.
func (r *PastPipeline) stageAt(ds *sales.Dataset, st *stageTable, i int,
	unknown *sales.Tally) (int, bool) {
	d := &ds.Deals[i]
	if d.Created.After(r.At) {
		r.NotYetCreated++
		return -1, false
	}
	p, ok := ds.PipelineIndex(d.Pipeline)
	if !ok {
		unknown.AddDeal(ds, i)
		return -1, false
	}
	id, source, ok := r.stageID(ds, i)
	if !ok {
		return -1, false
	}
	slot, ok := st.slotOf(ds, p, id)
	switch {
	case !ok:
		unknown.AddDeal(ds, i)
		return -1, false
	case st.kind[slot] != sales.StageOpen:
		return -1, false
	}
	switch source {
	case fromCurrent:
		r.NoHistory++
	case fromFirstVisit:
		r.BeforeHistory++
	}
	return slot, true
}

// Where stageID found a deal's stage.
const (
	fromHistory    = iota // the visit the deal was in
	fromCurrent           // the current stage: there is no history
	fromFirstVisit        // the first visit: the history starts later
)

// stageID returns the id of the stage deal i was in at r.At and where it
// was found; false when the deal has no history and closed after r.At, so
// that its stage then is unknown (it is tallied in StageUnknown).
func (r *PastPipeline) stageID(ds *sales.Dataset, i int) (sales.StageID, int, bool) {
	d := &ds.Deals[i]
	if len(d.StageHistory) == 0 {
		if ds.DealKind(i).Closed() && d.CloseDate.After(r.At) {
			r.StageUnknown.AddDeal(ds, i)
			return "", 0, false
		}
		return d.Stage, fromCurrent, true
	}
	last := -1
	for j := range d.StageHistory {
		if !d.StageHistory[j].Entered.After(r.At) {
			last = j
		}
	}
	if last < 0 {
		return d.StageHistory[0].Stage, fromFirstVisit, true
	}
	return d.StageHistory[last].Stage, fromHistory, true
}

// closeDateAt returns deal i's expected close date at t.
func closeDateAt(ds *sales.Dataset, i int, t time.Time) time.Time {
	d := &ds.Deals[i]
	h := d.CloseDateHistory
	if len(h) == 0 {
		if ds.DealKind(i) == sales.StageOpen {
			return d.CloseDate
		}
		return time.Time{}
	}
	last := 0
	for j := range h {
		if !h[j].At.After(t) {
			last = j
		}
	}
	return h[last].CloseDate
}

// openDeals builds R12's tables from the grid: per pipeline, each owner's
// open deals per open stage, all columns added up.
func (g *grid) openDeals(at time.Time) kpi.OpenDeals {
	r := kpi.OpenDeals{AsOf: at, Currency: g.ds.Currency(), Pipelines: []kpi.OpenPipeline{}}
	for p := range g.ds.Pipelines {
		r.Pipelines = append(r.Pipelines, g.openPipeline(p))
	}
	return r
}

// openPipeline builds pipeline p's table. Every listed owner has a row;
// an unlisted owner, or the unassigned bucket, only when it has an open
// deal in the pipeline, as kpi.OpenDealsByStage does.
func (g *grid) openPipeline(p int) kpi.OpenPipeline {
	pl := &g.ds.Pipelines[p]
	out := kpi.OpenPipeline{Pipeline: pl.ID, Label: pl.Label, Stages: []kpi.StageInfo{},
		Reps: []kpi.RepStages{}}
	var slots []int
	for k, s := range pl.Stages {
		if s.Kind == sales.StageOpen {
			out.Stages = append(out.Stages, kpi.StageInfo{Stage: s.ID, Label: s.Label,
				Probability: s.Probability})
			slots = append(slots, g.st.first[p]+k)
		}
	}
	rows := byowner.Rows(g.rows, func(id sales.OwnerID, name string, v *[]slotSum) kpi.RepStages {
		row := kpi.RepStages{Owner: id, Name: name, Stages: make([]sales.Tally, len(slots))}
		for j, s := range slots {
			for c := 0; *v != nil && c < g.cols; c++ {
				row.Stages[j].Merge((*v)[c*g.st.len()+s].t)
			}
			row.Total.Merge(row.Stages[j])
		}
		return row
	})
	out.Total = kpi.RepStages{Name: "total", Stages: make([]sales.Tally, len(slots))}
	for _, row := range rows {
		if _, listed := g.ds.OwnerIndex(row.Owner); !listed && row.Total.Count == 0 {
			continue
		}
		out.Reps = append(out.Reps, row)
		for j := range row.Stages {
			out.Total.Stages[j].Merge(row.Stages[j])
		}
		out.Total.Total.Merge(row.Total)
	}
	return out
}
