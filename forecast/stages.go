package forecast

import (
	"encoding/json"
	"math"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// stageTable numbers every stage of every pipeline, in the portal's order,
// so that reports can keep one accumulator per stage in a flat slice. The
// stage at position s of pipeline p has slot first[p]+s.
type stageTable struct {
	first []int // pipeline p's slots are first[p] … first[p+1]-1
	kind  []sales.StageKind
	prob  []decimal.Decimal // the probability as an exact decimal
	valid []bool            // whether the probability lies in [0, 1]
	ppm   []int64           // the probability in millionths, or -1 when not exact
}

func newStageTable(ds *sales.Dataset) stageTable {
	t := stageTable{first: make([]int, len(ds.Pipelines)+1)}
	for p := range ds.Pipelines {
		t.first[p+1] = t.first[p] + len(ds.Pipelines[p].Stages)
	}
	n := t.first[len(ds.Pipelines)]
	t.kind = make([]sales.StageKind, 0, n)
	t.prob = make([]decimal.Decimal, 0, n)
	t.valid = make([]bool, 0, n)
	t.ppm = make([]int64, 0, n)
	for p := range ds.Pipelines {
		for _, s := range ds.Pipelines[p].Stages {
			d, ok := probability(s.Probability)
			t.kind = append(t.kind, s.Kind)
			t.prob = append(t.prob, d)
			t.valid = append(t.valid, ok)
			t.ppm = append(t.ppm, millionths(d, ok))
		}
	}
	return t
}

// millionths returns the probability d in millionths, or -1 when it has
// more than six decimal places or is not valid.
func millionths(d decimal.Decimal, ok bool) int64 {
	if !ok || d.Exponent() < -6 {
		return -1
	}
	m, ok := toMicros(d)
	if !ok {
		return -1
	}
	return m
}

// probability returns p as the shortest decimal that reads back as p, and
// false for NaN, infinities and values outside [0, 1].
func probability(p float64) (decimal.Decimal, bool) {
	if math.IsNaN(p) || p < 0 || p > 1 {
		return decimal.Decimal{}, false
	}
	return decimal.NewFromFloat(p), true
}

// len returns the number of slots.
func (t *stageTable) len() int { return len(t.kind) }

// standing says where a deal stood at an instant, for the forecasts.
type standing uint8

const (
	standClosed  standing = iota // closed then: not forecast
	standOpen                    // open, in a known stage
	standNotYet                  // created after the instant
	standUnknown                 // in a stage that cannot be told
)

// openAt places deal i at instant at, as sales.Dataset.DealAt rebuilds it
// from the deal's histories: whether it was open then and, if so, the slot
// of its stage then and its expected close date then. A deal whose stage
// then cannot be told (its pipeline does not list it, or it closed since
// and has no stage history) is standUnknown.
func (t *stageTable) openAt(ds *sales.Dataset, i int, at sales.Instant) (int, sales.Instant,
	standing) {
	kind, s, existed := ds.DealAtInstant(i, at)
	switch {
	case !existed:
		return -1, sales.NoInstant, standNotYet
	case kind == 0 || (kind == sales.StageOpen && s < 0):
		return -1, sales.NoInstant, standUnknown
	case kind != sales.StageOpen:
		return -1, sales.NoInstant, standClosed
	}
	return t.first[ds.DealPipelineIndex(i)] + s, ds.ExpectedCloseAtInstant(i, at), standOpen
}

// slotOf returns the slot of the stage with the given id in pipeline p,
// and false when the pipeline has no such stage.
func (t *stageTable) slotOf(ds *sales.Dataset, p int, id sales.StageID) (int, bool) {
	s, ok := ds.Pipelines[p].StageIndex(id)
	if !ok {
		return -1, false
	}
	return t.first[p] + s, true
}

// pipelineOf returns the pipeline whose slots hold slot.
func (t *stageTable) pipelineOf(slot int) int {
	p := 0
	for t.first[p+1] <= slot {
		p++
	}
	return p
}

// stage returns the stage of slot.
func (t *stageTable) stage(ds *sales.Dataset, slot int) *sales.Stage {
	p := t.pipelineOf(slot)
	return &ds.Pipelines[p].Stages[slot-t.first[p]]
}

// Probability is a stage's chance of being won, a fraction in [0, 1]
// (0.25, not 25). It marshals to JSON as a number, or as null when it is
// not a finite number, which JSON cannot hold.
type Probability float64

// MarshalJSON encodes p as a number, or null when it is NaN or infinite.
func (p Probability) MarshalJSON() ([]byte, error) {
	f := float64(p)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

// UnmarshalJSON decodes what MarshalJSON wrote: null reads as NaN, a
// probability that is not a number, so that a result read back from JSON
// still says its stage's probability is unknown rather than 0.
func (p *Probability) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*p = Probability(math.NaN())
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*p = Probability(f)
	return nil
}
