package maven

import "github.com/salespilot/sales"

// PipelineID is the id of the data set's one pipeline.
const PipelineID sales.PipelineID = "maven"

// The ids of the pipeline's stages.
const (
	StageProspecting sales.StageID = "prospecting"
	StageEngaging    sales.StageID = "engaging"
	StageWon         sales.StageID = "won"
	StageLost        sales.StageID = "lost"
)

// stageOf maps deal_stage, in lower case, to a stage id.
var stageOf = map[string]sales.StageID{
	"prospecting": StageProspecting,
	"engaging":    StageEngaging,
	"won":         StageWon,
	"lost":        StageLost,
}

// pipeline returns the data set's pipeline. The probabilities of the open
// stages are this package's assumption: the data has none.
func pipeline() sales.Pipeline {
	return sales.Pipeline{
		ID:    PipelineID,
		Label: "MavenTech sales",
		Stages: []sales.Stage{
			{ID: StageProspecting, Label: "Prospecting", Kind: sales.StageOpen, Probability: 0.1},
			{ID: StageEngaging, Label: "Engaging", Kind: sales.StageOpen, Probability: 0.5},
			{ID: StageWon, Label: "Won", Kind: sales.StageWon, Probability: 1},
			{ID: StageLost, Label: "Lost", Kind: sales.StageLost, Probability: 0},
		},
	}
}
