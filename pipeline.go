package sales

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

// Closed reports whether k is won or lost.
func (k StageKind) Closed() bool { return k == StageWon || k == StageLost }

// MarshalText encodes k by its name.
func (k StageKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

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
