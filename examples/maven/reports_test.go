package maven_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/examples/maven"
	"github.com/salespilot/sales/funnel"
	"github.com/salespilot/sales/kpi"
)

// TestResultsPerRep_realData runs R10 and R11 over the data set's whole
// span (every close date lies in 2017). The expected figures are the ones
// SOURCE.md gives for the published files.
func TestResultsPerRep_realData(t *testing.T) {
	recs, _, err := maven.Load(realDir(t))
	noError(t, "Load(real)", err)
	ds := sales.MustDataset(recs)
	span := sales.Period{
		Start: time.Date(2016, time.January, 1, 0, 0, 0, 0, time.UTC),
		End:   time.Date(2018, time.January, 1, 0, 0, 0, 0, time.UTC),
	}
	res, err := kpi.ResultsPerRep(ds, span)
	noError(t, "ResultsPerRep(whole span)", err)

	team := res.Team
	if team.Won.Count != 4238 || team.Lost.Count != 2473 {
		t.Errorf("ResultsPerRep team won %d, lost %d, want 4238 and 2473", team.Won.Count, team.Lost.Count)
	}
	if got := team.Won.Value.Decimal(); !got.Equal(decimal.NewFromInt(10005534)) {
		t.Errorf("ResultsPerRep team won value = %s, want 10005534", got)
	}
	if team.WinRate != (sales.Rate{Num: 4238, Den: 6711}) {
		t.Errorf("ResultsPerRep team win rate = %+v, want 4238 / 6711", team.WinRate)
	}
	// Lost deals' 0 is read as no amount: they add nothing and say so.
	if team.Lost.NoAmount != 2473 || team.Won.NoAmount != 0 {
		t.Errorf("ResultsPerRep no amount: lost %d, won %d, want 2473 and 0",
			team.Lost.NoAmount, team.Won.NoAmount)
	}

	idle := map[sales.OwnerID]bool{"Carl Lin": true, "Mei-Mei Johns": true,
		"Natalya Ivanova": true, "Carol Thompson": true, "Elizabeth Anderson": true}
	var seen int
	for _, rep := range res.Reps {
		_, hasRate := rep.WinRate.Value()
		switch {
		case idle[rep.Owner]:
			seen++
			if hasRate || rep.Won.Count != 0 || rep.Lost.Count != 0 {
				t.Errorf("ResultsPerRep row of %s = %+v, want no deals and no win rate", rep.Owner, rep)
			}
		case !hasRate:
			t.Errorf("ResultsPerRep row of %s has no win rate, want one", rep.Owner)
		}
	}
	if seen != len(idle) || len(res.Reps) != 35 {
		t.Errorf("ResultsPerRep: %d rows, %d of the 5 reps without deals, want 35 rows and all 5",
			len(res.Reps), seen)
	}
	if res.NoCloseDate != 0 || res.UnknownStage != 0 {
		t.Errorf("ResultsPerRep: no close date %d, unknown stage %d, want 0 and 0",
			res.NoCloseDate, res.UnknownStage)
	}
}

// TestConversion_realData runs R30 over 2017, the year of every engage
// date but a few. The data dictionary says engage_date is when a deal
// entered Engaging, so every deal of the cohort reached it; the figures
// were counted on sales_pipeline.csv with awk (engage_date in 2017, by
// deal_stage).
func TestConversion_realData(t *testing.T) {
	recs, _, err := maven.Load(realDir(t))
	noError(t, "Load(real)", err)
	ds := sales.MustDataset(recs)
	f, err := funnel.Conversion(ds, sales.Year(2017, time.UTC))
	noError(t, "Conversion(2017)", err)
	if len(f.Pipelines) != 1 {
		t.Fatalf("Conversion(2017) has %d pipelines, want 1", len(f.Pipelines))
	}
	c := f.Pipelines[0].Counts
	var reached []int64
	for _, s := range c.Steps {
		reached = append(reached, s.Reached)
	}
	// Prospecting, Engaging, Won.
	equal(t, "Conversion(2017) reached", reached, []int64{7942, 7942, 3988})
	equal(t, "Conversion(2017) created, open, won, lost",
		[]int64{c.Created, c.Open, c.Won, c.Lost}, []int64{7942, 1536, 3988, 2418})
	if got := c.Steps[2].Step; got != (sales.Rate{Num: 3988, Den: 7942}) {
		t.Errorf("Conversion(2017) step to won = %+v, want 3988 / 7942", got)
	}
}
