package forecast_test

import (
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
	. "github.com/salespilot/sales/internal/testkit"
)

// marchApril buckets expected close dates by month over March and April
// 2024.
var marchApril = forecast.Horizon{
	Period: sales.Period{Start: day(3, 1), End: day(5, 1)}, Unit: sales.UnitMonth,
}

func TestWeighted(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	got, err := forecast.Weighted(ds, asOf, marchApril)
	if err != nil {
		t.Fatalf("Weighted: %v", err)
	}
	if got.Buckets.Len() != 2 || len(got.Reps) != 4 {
		t.Fatalf("Weighted: %d buckets and %d rows, want 2 and 4 (Ann, Bob, Cy, unassigned)",
			got.Buckets.Len(), len(got.Reps))
	}
	ann, bob, cy, none := got.Reps[0], got.Reps[1], got.Reps[2], got.Reps[3]
	// Ann in March: d1 1000 (200), d2 500 (400), d6 800 (0), d9 no rate.
	cellIs(t, "Weighted: Ann in March", ann.Buckets[0].Open, ann.Buckets[0].Weighted, 4, "2300", "600")
	tallyIs(t, "Weighted: Ann's total", ann.Total.Open, 4, "2300", 0, 1)
	// Bob: d3 220 (110) and d4 (no amount) in March, d12 250 (200) earlier,
	// d11 600 (300) without a date.
	cellIs(t, "Weighted: Bob in March", bob.Buckets[0].Open, bob.Buckets[0].Weighted, 2, "220", "110")
	cellIs(t, "Weighted: Bob earlier", bob.Earlier.Open, bob.Earlier.Weighted, 1, "250", "200")
	cellIs(t, "Weighted: Bob without date", bob.NoCloseDate.Open, bob.NoCloseDate.Weighted,
		1, "600", "300")
	cellIs(t, "Weighted: Bob's total", bob.Total.Open, bob.Total.Weighted, 4, "1070", "610")
	// Cy: d7, whose probability is NaN, counts in the open value only.
	cellIs(t, "Weighted: Cy in March", cy.Buckets[0].Open, cy.Buckets[0].Weighted, 1, "100", "0")
	// Unassigned: d5 300 (150), expected on 30 March as of asOf (its move
	// to 10 April was made later).
	cellIs(t, "Weighted: unassigned in March", none.Buckets[0].Open, none.Buckets[0].Weighted,
		1, "300", "150")
	cellIs(t, "Weighted: unassigned in April", none.Buckets[1].Open, none.Buckets[1].Weighted,
		0, "0", "0")
	if none.Name != "unassigned" {
		t.Errorf("Weighted: last row named %q, want unassigned", none.Name)
	}
	// Team: 10 deals worth 250 + 2620 + 300 + 600 = 3770, weighted 1360.
	team := got.Team
	cellIs(t, "Weighted: team in March", team.Buckets[0].Open, team.Buckets[0].Weighted, 8, "2920", "860")
	cellIs(t, "Weighted: team later", team.Later.Open, team.Later.Weighted, 0, "0", "0")
	cellIs(t, "Weighted: team", team.Total.Open, team.Total.Weighted, 10, "3770", "1360")
	tallyIs(t, "Weighted: unknown stage", got.UnknownStage, 1, "50", 0, 0)
	tallyIs(t, "Weighted: bad probability", got.BadProbability, 1, "100", 0, 0)
	if got.NotYetCreated != 1 {
		t.Errorf("Weighted: not yet created %d, want 1 (d10)", got.NotYetCreated)
	}
}

func TestWeighted_stages(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	got, err := forecast.Weighted(ds, asOf, marchApril)
	if err != nil {
		t.Fatalf("Weighted: %v", err)
	}
	tests := []struct {
		stage    sales.StageID
		n        int64
		value    string
		weighted string
	}{
		{"qualify", 2, "1000", "200"},  // d1, and d9 without a rate
		{"propose", 3, "1120", "560"},  // d3 220, d5 300, d11 600 at 0.5
		{"negotiate", 3, "750", "600"}, // d2 500, d4 none, d12 250 at 0.8
		{"up", 0, "0", "0"},            // nobody
		{"hold", 1, "800", "0"},        // d6 at probability 0 adds 0
		{"odd", 1, "100", "0"},         // d7: NaN is not guessed at
	}
	if len(got.Stages) != len(tests) {
		t.Fatalf("Weighted: %d stages, want %d open stages", len(got.Stages), len(tests))
	}
	for i, tt := range tests {
		s := got.Stages[i]
		if s.Stage != tt.stage {
			t.Errorf("Weighted: stage %d is %q, want %q", i, s.Stage, tt.stage)
		}
		cellIs(t, "Weighted: stage "+string(tt.stage), s.Open, s.Weighted, tt.n, tt.value, tt.weighted)
	}
}

func TestWeighted_exact(t *testing.T) {
	// 0.1 + 0.2 is not 0.3 in floats; weighting reads each probability as
	// its shortest decimal, so 3 × 33.33 at 0.1 is exactly 9.999.
	recs := sales.Records{
		Pipelines: []sales.Pipeline{{ID: "p", Stages: []sales.Stage{
			{ID: "s", Kind: sales.StageOpen, Probability: 0.1},
		}}},
		Deals: []sales.Deal{
			{ID: "1", Pipeline: "p", Stage: "s", Amount: Amount("33.33"), Created: day(1, 1)},
			{ID: "2", Pipeline: "p", Stage: "s", Amount: Amount("33.33"), Created: day(1, 1)},
			{ID: "3", Pipeline: "p", Stage: "s", Amount: Amount("33.33"), Created: day(1, 1)},
		},
	}
	got, err := forecast.Weighted(sales.MustDataset(recs), asOf, marchApril)
	if err != nil {
		t.Fatalf("Weighted: %v", err)
	}
	EqualMoney(t, "Weighted(3 × 33.33 at 0.1)", got.Team.Total.Weighted.Decimal(), D("9.999"))
	if len(got.Reps) != 1 || got.Reps[0].Name != "unassigned" {
		t.Errorf("Weighted: rows %+v, want only the unassigned row", got.Reps)
	}
}

func TestWeighted_badArguments(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	tests := []struct {
		name string
		asOf time.Time
		h    forecast.Horizon
	}{
		{"zero asOf", time.Time{}, marchApril},
		{"zero horizon", asOf, forecast.Horizon{Unit: sales.UnitMonth}},
		{"backwards", asOf, forecast.Horizon{Period: sales.Period{Start: day(5, 1), End: day(3, 1)},
			Unit: sales.UnitMonth}},
		{"no unit", asOf, forecast.Horizon{Period: marchApril.Period}},
		{"bad calendar", asOf, forecast.Horizon{Period: marchApril.Period, Unit: sales.UnitWeek,
			Calendar: sales.Calendar{WeekStart: 9}}},
	}
	for _, tt := range tests {
		if _, err := forecast.Weighted(ds, tt.asOf, tt.h); err == nil {
			t.Errorf("Weighted(%s) succeeded, want an error", tt.name)
		}
		if _, err := forecast.PipelineAsOf(ds, tt.asOf, tt.h); err == nil {
			t.Errorf("PipelineAsOf(%s) succeeded, want an error", tt.name)
		}
	}
}

func TestClosingThisWeek(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	got, err := forecast.ClosingThisWeek(ds, asOf, sales.Calendar{})
	if err != nil {
		t.Fatalf("ClosingThisWeek: %v", err)
	}
	if !got.Week.Start.Equal(day(3, 11)) || !got.Week.End.Equal(day(3, 18)) {
		t.Errorf("ClosingThisWeek: week %s, want 2024-03-11 to 2024-03-18", got.Week)
	}
	if len(got.Reps) != 3 {
		t.Fatalf("ClosingThisWeek: %d rows, want 3 (no unassigned deal is due)", len(got.Reps))
	}
	// Ann: d1 1000 (200), d2 500 (400, due Monday), d6 800 (0), d9 no rate.
	ann := got.Reps[0]
	cellIs(t, "ClosingThisWeek: Ann", ann.Open, ann.Weighted, 4, "2300", "600")
	tallyIs(t, "ClosingThisWeek: Ann's deals", ann.Open, 4, "2300", 0, 1)
	// Bob: d4 without amount; d3 is next week, d12 overdue, d11 undated.
	tallyIs(t, "ClosingThisWeek: Bob's deals", got.Reps[1].Open, 1, "0", 1, 0)
	// Cy: d7, not weighted.
	cellIs(t, "ClosingThisWeek: Cy", got.Reps[2].Open, got.Reps[2].Weighted, 1, "100", "0")
	cellIs(t, "ClosingThisWeek: team", got.Team.Open, got.Team.Weighted, 6, "2400", "600")
	tallyIs(t, "ClosingThisWeek: bad probability", got.BadProbability, 1, "100", 0, 0)
	if got.UnknownStage.Count != 1 || got.NotYetCreated != 1 || got.NoCloseDate != 1 {
		t.Errorf("ClosingThisWeek: unknown %d, not yet created %d, no date %d, want 1, 1, 1",
			got.UnknownStage.Count, got.NotYetCreated, got.NoCloseDate)
	}

	// With weeks from Sunday the week is 10 to 17 March: the same deals.
	sun, err := forecast.ClosingThisWeek(ds, asOf, sales.Calendar{WeekStart: sales.WeekStartSunday})
	if err != nil {
		t.Fatalf("ClosingThisWeek(Sunday weeks): %v", err)
	}
	if !sun.Week.Start.Equal(day(3, 10)) || sun.Team.Open.Count != 6 {
		t.Errorf("ClosingThisWeek(Sunday weeks) = week %s with %d deals, want from 2024-03-10 with 6",
			sun.Week, sun.Team.Open.Count)
	}
	if _, err := forecast.ClosingThisWeek(ds, time.Time{}, sales.Calendar{}); err == nil {
		t.Errorf("ClosingThisWeek(zero asOf) succeeded, want an error")
	}
}

func TestPipelineCoverage(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	got, err := forecast.PipelineCoverage(ds, asOf, sales.Month(2024, time.March, nil))
	if err != nil {
		t.Fatalf("PipelineCoverage: %v", err)
	}
	// Due in March as of asOf: Ann 600, Bob 110 (d3), Cy 0 (d7 not
	// weighted), unassigned 150 (d5, expected 30 March then): 860. Won by
	// asOf: d22 400 and d23 (no amount). Portal target 2000: 1600 remain,
	// so coverage is 860 / 1600 = 0.5375.
	if got.Level != "portal" {
		t.Errorf("PipelineCoverage: level %q, want portal", got.Level)
	}
	team := got.Team
	EqualMoney(t, "PipelineCoverage: team due", team.Due.Weighted.Decimal(), D("860"))
	tallyIs(t, "PipelineCoverage: team won so far", team.WonSoFar, 2, "400", 1, 0)
	if v, ok := team.Coverage.Value(); !ok || !v.Equal(D("0.5375")) || team.TargetMet {
		t.Errorf("PipelineCoverage: team coverage %v %v (met %v), want 0.5375", v, ok, team.TargetMet)
	}
	// Ann: 600 against her 1500: 0.4. Bob won 400 of his 300: met, no
	// value. Cy has no target: no value.
	ann, bob, cy := got.Reps[0], got.Reps[1], got.Reps[2]
	if v, ok := ann.Coverage.Value(); !ok || !v.Equal(D("0.4")) {
		t.Errorf("PipelineCoverage: Ann's coverage %v %v, want 0.4", v, ok)
	}
	if _, ok := bob.Coverage.Value(); ok || !bob.TargetMet || !bob.Remaining.Equal(D("-100")) {
		t.Errorf("PipelineCoverage: Bob = %+v, want met with -100 remaining and no coverage", bob)
	}
	if _, ok := cy.Coverage.Value(); ok || cy.Target != nil || cy.Remaining != nil {
		t.Errorf("PipelineCoverage: Cy = %+v, want no target and no coverage", cy)
	}
	if _, err := forecast.PipelineCoverage(ds, asOf, sales.Period{}); err == nil {
		t.Errorf("PipelineCoverage(zero period) succeeded, want an error")
	}
}

func TestPipelineCoverage_noTarget(t *testing.T) {
	recs := smallPortal()
	recs.Targets = nil
	march := sales.Month(2024, time.March, nil)
	got, err := forecast.PipelineCoverage(sales.MustDataset(recs), asOf, march)
	if err != nil {
		t.Fatalf("PipelineCoverage: %v", err)
	}
	if _, ok := got.Team.Coverage.Value(); ok || got.Team.Target != nil || got.Level != "none" {
		t.Errorf("PipelineCoverage without targets: team %+v level %q, want no value", got.Team, got.Level)
	}
}

func TestWeighted_precision(t *testing.T) {
	// Each case is one open deal in a stage of the given probability;
	// the weighted value is the exact product of the value and the
	// probability's shortest decimal.
	tests := []struct {
		name   string
		prob   float64
		amount string
		want   string
	}{
		{"tenth", 0.1, "33.33", "3.333"},
		{"a third", 1.0 / 3, "300", "99.9999999999999900"}, // 0.3333333333333333 × 300
		{"seven decimals", 0.5, "0.0000001", "0.00000005"},
		{"overflow of millionths", 0.5, "20000000000000", "10000000000000"},
		{"negative", 0.25, "-80", "-20"},
		{"zero probability", 0, "1000", "0"},
		{"certain", 1, "12.5", "12.5"},
	}
	for _, tt := range tests {
		recs := sales.Records{
			Pipelines: []sales.Pipeline{{ID: "p", Stages: []sales.Stage{
				{ID: "s", Kind: sales.StageOpen, Probability: tt.prob},
			}}},
			Deals: []sales.Deal{{ID: "1", Pipeline: "p", Stage: "s", Amount: Amount(tt.amount),
				Created: day(1, 1), CloseDate: day(3, 5)}},
		}
		got, err := forecast.Weighted(sales.MustDataset(recs), asOf, marchApril)
		if err != nil {
			t.Fatalf("Weighted(%s): %v", tt.name, err)
		}
		EqualMoney(t, "Weighted("+tt.name+")", got.Team.Total.Weighted.Decimal(), D(tt.want))
		EqualMoney(t, "Weighted("+tt.name+") by stage", got.Stages[0].Weighted.Decimal(), D(tt.want))
	}
}

func TestWeighted_badProbability(t *testing.T) {
	// A probability above 1 is not a probability: not weighted, counted.
	recs := sales.Records{
		Pipelines: []sales.Pipeline{{ID: "p", Stages: []sales.Stage{
			{ID: "s", Kind: sales.StageOpen, Probability: 15},
		}}},
		Deals: []sales.Deal{{ID: "1", Pipeline: "p", Stage: "s", Amount: Amount("100"),
			Created: day(1, 1), CloseDate: day(3, 5)}},
	}
	got, err := forecast.Weighted(sales.MustDataset(recs), asOf, marchApril)
	if err != nil {
		t.Fatalf("Weighted: %v", err)
	}
	cellIs(t, "Weighted(probability 15)", got.Team.Total.Open, got.Team.Total.Weighted, 1, "100", "0")
	tallyIs(t, "Weighted(probability 15): bad", got.BadProbability, 1, "100", 0, 0)
}
