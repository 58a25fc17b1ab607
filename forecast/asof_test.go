package forecast_test

import (
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
)

func TestPipelineAsOf(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	at := day(2, 15)
	h := forecast.Horizon{Period: sales.Period{Start: day(2, 1), End: day(4, 1)}, Unit: sales.UnitMonth}
	got, err := forecast.PipelineAsOf(ds, at, h)
	if err != nil {
		t.Fatalf("PipelineAsOf: %v", err)
	}
	// On 15 February: d3, d4, d9 and d10 did not exist yet. d20 and d21 had
	// closed; d22 and d23, without history, were open in a stage nothing
	// records. d2 was in propose by its history; d12's history starts on
	// 20 February, so it is taken in negotiate; d5, d6, d7 and d11 have no
	// history and are taken in their current stage. d8's stage is unknown.
	if got.NotYetCreated != 4 || got.NoHistory != 4 || got.BeforeHistory != 1 {
		t.Errorf("PipelineAsOf: not yet created %d, no history %d, before history %d; want 4, 4, 1",
			got.NotYetCreated, got.NoHistory, got.BeforeHistory)
	}
	tallyIs(t, "PipelineAsOf: stage unknown", got.StageUnknown, 2, "400", 1, 0)
	// B01 leaves out every deal whose stage then cannot be told: d8 and,
	// open then in a stage nothing records, d22 and d23.
	tallyIs(t, "PipelineAsOf: unknown stage", got.Weighted.UnknownStage, 3, "450", 1, 0)

	// R26: sales has qualify d1 1000; propose d2 500, d5 300, d11 600;
	// negotiate d12 250. Renewals has hold d6 800 and odd d7 100.
	tests := []struct {
		pipeline int
		stage    int
		n        int64
		value    string
	}{
		{0, 0, 1, "1000"}, {0, 1, 3, "1400"}, {0, 2, 1, "250"},
		{1, 0, 0, "0"}, {1, 1, 1, "800"}, {1, 2, 1, "100"},
	}
	for _, tt := range tests {
		p := got.Open.Pipelines[tt.pipeline]
		tallyIs(t, "PipelineAsOf: R26 "+string(p.Pipeline)+" "+string(p.Stages[tt.stage].Stage),
			p.Total.Stages[tt.stage], tt.n, tt.value, 0, 0)
	}
	// R12 rows: the sales pipeline has an unassigned row (d5), Renewals not.
	sp, rp := got.Open.Pipelines[0], got.Open.Pipelines[1]
	if len(sp.Reps) != 4 || len(rp.Reps) != 3 || sp.Reps[3].Name != "unassigned" {
		t.Errorf("PipelineAsOf: %d and %d rows, want 4 (with unassigned) and 3", len(sp.Reps), len(rp.Reps))
	}
	tallyIs(t, "PipelineAsOf: Ann in propose", sp.Reps[0].Stages[1], 1, "500", 0, 0)
	tallyIs(t, "PipelineAsOf: Bob's sales deals", sp.Reps[1].Total, 2, "850", 0, 0)

	// B01 by the close dates known then: d2 28 Feb (250) and d12 20 Feb
	// (200) in February; d1 (200), d5 30 Mar (150), d6 (0), d7 (not
	// weighted) in March; d11 without a date (300).
	w := got.Weighted.Team
	cellIs(t, "PipelineAsOf: February", w.Buckets[0].Open, w.Buckets[0].Weighted, 2, "750", "450")
	cellIs(t, "PipelineAsOf: March", w.Buckets[1].Open, w.Buckets[1].Weighted, 4, "2200", "350")
	cellIs(t, "PipelineAsOf: no date", w.NoCloseDate.Open, w.NoCloseDate.Weighted, 1, "600", "300")
	cellIs(t, "PipelineAsOf: all", w.Total.Open, w.Total.Weighted, 7, "3550", "1100")
	if !got.Open.AsOf.Equal(at) || !got.Weighted.AsOf.Equal(at) {
		t.Errorf("PipelineAsOf: as of %s and %s, want %s", got.Open.AsOf, got.Weighted.AsOf, at)
	}
}

func TestPipelineAsOf_now(t *testing.T) {
	// Long after every change, a portal whose histories end in the current
	// stage and close date gives the same tables as the direct reports.
	recs := smallPortal()
	recs.Deals = recs.Deals[:2] // d1 and d2: consistent histories
	ds := sales.MustDataset(recs)
	later := time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)
	past, err := forecast.PipelineAsOf(ds, later, marchApril)
	if err != nil {
		t.Fatalf("PipelineAsOf: %v", err)
	}
	direct, err := forecast.Weighted(ds, later, marchApril)
	if err != nil {
		t.Fatalf("Weighted: %v", err)
	}
	cellIs(t, "PipelineAsOf(later)", past.Weighted.Team.Total.Open, past.Weighted.Team.Total.Weighted,
		direct.Team.Total.Open.Count, direct.Team.Total.Open.Value.Decimal().String(),
		direct.Team.Total.Weighted.Decimal().String())
}
