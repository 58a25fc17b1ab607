package sales

import (
	"encoding/json"
	"math"
)

// StageKind says whether a deal in a stage is still open, won or lost.
// Won and lost come from this metadata, never from a stage's label.
type StageKind uint8

// Stage kinds. The zero value is not a kind: Validate reports a stage
// that has none.
const (
	StageOpen StageKind = iota + 1
	StageWon
	StageLost
)

var stageKindNames = []string{"", "open", "won", "lost"}

// String returns "open", "won" or "lost".
func (k StageKind) String() string { return enumName(stageKindNames, k, "stage_kind") }

// valid reports whether k is one of the three kinds.
func (k StageKind) valid() bool { return k >= StageOpen && k <= StageLost }

// Closed reports whether k is won or lost.
func (k StageKind) Closed() bool { return k == StageWon || k == StageLost }

// MarshalText encodes k by its name; see String.
func (k StageKind) MarshalText() ([]byte, error) {
	return enumText(stageKindNames, k, "stage_kind"), nil
}

// UnmarshalText decodes a name written by MarshalText.
func (k *StageKind) UnmarshalText(b []byte) error {
	v, err := enumParse[StageKind](stageKindNames, b, "stage kind")
	*k = v
	return err
}

// Stage is one step of a pipeline.
type Stage struct {
	ID    StageID   `json:"id"`
	Label string    `json:"label"`
	Kind  StageKind `json:"kind"`
	// Probability is the chance, in [0, 1], that a deal in this stage is
	// won, as configured in the CRM. A won stage normally has 1 and a
	// lost stage 0.
	Probability float64 `json:"probability"`
}

// ProbabilityOK returns the stage's probability and whether it is one: a
// number in [0, 1]. Reports treat a stage whose probability is NaN, infinite
// or out of range as one whose probability is unknown; Validate reports it.
func (s *Stage) ProbabilityOK() (float64, bool) {
	p := s.Probability
	return p, p >= 0 && p <= 1 // false for NaN too
}

// stageWire is Stage as JSON writes it: a probability that is not a finite
// number is null, as JSON has no NaN.
type stageWire struct {
	ID          StageID   `json:"id"`
	Label       string    `json:"label"`
	Kind        StageKind `json:"kind"`
	Probability *float64  `json:"probability"`
}

// MarshalJSON encodes s, with a probability that is NaN or infinite as
// null.
func (s Stage) MarshalJSON() ([]byte, error) {
	w := stageWire{ID: s.ID, Label: s.Label, Kind: s.Kind}
	if !math.IsNaN(s.Probability) && !math.IsInf(s.Probability, 0) {
		w.Probability = &s.Probability
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes a stage written by MarshalJSON; a null or missing
// probability reads as NaN, which Validate reports.
func (s *Stage) UnmarshalJSON(b []byte) error {
	var w stageWire
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*s = Stage{ID: w.ID, Label: w.Label, Kind: w.Kind, Probability: math.NaN()}
	if w.Probability != nil {
		s.Probability = *w.Probability
	}
	return nil
}

// Pipeline is an ordered list of deal stages. The order of Stages is the
// pipeline's order: funnels and stage reports follow it.
type Pipeline struct {
	ID     PipelineID `json:"id"`
	Label  string     `json:"label"`
	Stages []Stage    `json:"stages"`
}

// StageIndex returns the position of the stage with the given id in
// p.Stages, or -1 and false when p has no such stage.
func (p *Pipeline) StageIndex(id StageID) (int, bool) {
	for i := range p.Stages {
		if p.Stages[i].ID == id {
			return i, true
		}
	}
	return -1, false
}
