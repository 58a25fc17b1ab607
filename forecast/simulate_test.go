package forecast_test

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
	. "github.com/salespilot/sales/internal/testkit"
)

// twoDeals is a portal of two open deals with no history, so that each
// stage keeps its configured probability: A is worth 100 and won with
// probability 0.7, B 300 with 0.4. Independent, they bring
//
//	  0 with probability 0.3 × 0.6 = 0.18
//	100 with probability 0.7 × 0.6 = 0.42   (cumulative 0.60)
//	300 with probability 0.3 × 0.4 = 0.12   (cumulative 0.72)
//	400 with probability 0.7 × 0.4 = 0.28   (cumulative 1)
//
// so P10 = 0, P50 = 100, P90 = 400, the mean is 70 + 120 = 190, and a
// remaining target of 250 is reached with probability 0.12 + 0.28 = 0.4.
func twoDeals() sales.Records {
	march := func(d int) time.Time { return day(3, d) }
	return sales.Records{
		Pipelines: []sales.Pipeline{{ID: "p", Stages: []sales.Stage{
			{ID: "a", Kind: sales.StageOpen, Probability: 0.7},
			{ID: "b", Kind: sales.StageOpen, Probability: 0.4},
			{ID: "won", Kind: sales.StageWon, Probability: 1},
		}}},
		Deals: []sales.Deal{
			{ID: "A", Pipeline: "p", Stage: "a", Amount: Amount("100"), Created: march(1),
				CloseDate: march(20)},
			{ID: "B", Pipeline: "p", Stage: "b", Amount: Amount("300"), Created: march(1),
				CloseDate: march(25)},
			// Won 50 earlier in March, against a target of 300: 250 remain.
			{ID: "W", Pipeline: "p", Stage: "won", Amount: Amount("50"), Created: march(1),
				CloseDate: march(5)},
		},
		Targets: []sales.Target{{Period: sales.Month(2024, time.March, nil),
			Metric: sales.TargetWonValue, Value: D("300")}},
	}
}

func TestSimulate_twoDeals(t *testing.T) {
	ds := sales.MustDataset(twoDeals())
	march := sales.Month(2024, time.March, nil)
	got, err := forecast.Simulate(ds, asOf, march, forecast.SimOptions{Seed: 7, Trials: 20_000})
	if err != nil {
		t.Fatalf("Simulate: %v", err)
	}
	for _, q := range []struct {
		name      string
		got, want string
	}{
		{"P10", got.P10.String(), "0"}, {"P50", got.P50.String(), "100"},
		{"P90", got.P90.String(), "400"}, {"Min", got.Min.String(), "0"},
		{"Max", got.Max.String(), "400"}, {"Expected", got.Expected.String(), "190"},
	} {
		EqualMoney(t, "Simulate(two deals) "+q.name, D(q.got), D(q.want))
	}
	// The mean of 20,000 trials has a standard error of about 1.1 around
	// 190; the chance to reach 250 one of about 0.0035 around 0.4.
	if m, _ := got.Mean.Float64(); math.Abs(m-190) > 6 {
		t.Errorf("Simulate(two deals) mean = %s, want 190 ± 6", got.Mean)
	}
	if v, ok := got.Reach.Value(); !ok || math.Abs(v-0.4) > 0.02 || got.Reach.Den != 20_000 {
		t.Errorf("Simulate(two deals) reach = %+v, want 0.4 ± 0.02 of 20000", got.Reach)
	}
	if got.Remaining == nil || !got.Remaining.Equal(D("250")) || got.Level != "portal" {
		t.Errorf("Simulate(two deals) remaining %v at level %q, want 250 at portal", got.Remaining, got.Level)
	}
	if got.Deals.Count != 2 || len(got.FellBack) != 2 || !got.Stages[0].FellBack {
		t.Errorf("Simulate(two deals): %d deals, %d stages fell back, want 2 and 2",
			got.Deals.Count, len(got.FellBack))
	}
	if !(got.P10.LessThanOrEqual(got.P50) && got.P50.LessThanOrEqual(got.P90)) {
		t.Errorf("Simulate(two deals): P10 %s, P50 %s, P90 %s are not in order", got.P10, got.P50, got.P90)
	}
}

func TestSimulate_seed(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	march := sales.Month(2024, time.March, nil)
	run := func(seed uint64) forecast.Simulation {
		r, err := forecast.Simulate(ds, asOf, march, forecast.SimOptions{Seed: seed, Trials: 500})
		if err != nil {
			t.Fatalf("Simulate(seed %d): %v", seed, err)
		}
		return r
	}
	a, b := run(3), run(3)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Errorf("Simulate with seed 3 twice gave %s and %s", ja, jb)
	}
	if c := run(4); a.Mean.Equal(c.Mean) && a.Reach == c.Reach {
		t.Errorf("Simulate with seeds 3 and 4 gave the same mean %s and reach %+v", a.Mean, a.Reach)
	}
}

func TestSimulate_learned(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	march := sales.Month(2024, time.March, nil)
	got, err := forecast.Simulate(ds, asOf, march, forecast.SimOptions{Seed: 1, MinSample: 2})
	if err != nil {
		t.Fatalf("Simulate: %v", err)
	}
	// Histories: d20 passed qualify and propose and was won; d21 passed
	// qualify and was lost. Qualify learns 1 of 2; propose has 1 closed
	// deal, below the sample of 2, and keeps 0.5; negotiate has none.
	tests := []struct {
		stage    sales.StageID
		history  sales.Rate
		used     forecast.Probability
		fellBack bool
	}{
		{"qualify", sales.Rate{Num: 1, Den: 2}, 0.5, false},
		{"propose", sales.Rate{Num: 1, Den: 1}, 0.5, true},
		{"negotiate", sales.Rate{}, 0.8, true},
		{"up", sales.Rate{}, 0.6, true},
		{"hold", sales.Rate{}, 0, true},
	}
	for i, tt := range tests {
		s := got.Stages[i]
		if s.Stage != tt.stage || s.History != tt.history || s.Used != tt.used || s.FellBack != tt.fellBack {
			t.Errorf("Simulate: stage %d = %+v, want %s with %+v, %v, fell back %v",
				i, s, tt.stage, tt.history, tt.used, tt.fellBack)
		}
	}
	if got.Learned != 2 || got.NoHistory != 2 || len(got.FellBack) != 5 {
		t.Errorf("Simulate: learned %d, no history %d, %d fell back; want 2, 2 (d22, d23), 5",
			got.Learned, got.NoHistory, len(got.FellBack))
	}
	// Due in March: d1 1000 at 0.5, d2 500 at 0.8, d3 220 at 0.5, d4 (no
	// amount), d5 300 at 0.5 (expected 30 March as of asOf), d6 800 at 0,
	// d7 (NaN), d9 (no rate): expected 1160.
	EqualMoney(t, "Simulate: expected", got.Expected, D("1160"))
	tallyIs(t, "Simulate: deals", got.Deals, 8, "2920", 1, 1)
	tallyIs(t, "Simulate: bad probability", got.BadProbability, 1, "100", 0, 0)
	if got.ExpectedBefore != 1 || got.ExpectedAfter != 0 || got.NoCloseDate != 1 ||
		got.UnknownStage != 1 || got.NotYetCreated != 1 {
		t.Errorf("Simulate: before %d, after %d, no date %d, unknown %d, not yet %d; want 1, 0, 1, 1, 1",
			got.ExpectedBefore, got.ExpectedAfter, got.NoCloseDate, got.UnknownStage, got.NotYetCreated)
	}
	// Won so far 400 of 2000: 1600 remain, reached only when d1 and d2 are
	// won with d3 or d5 (1720 or 1800; d1, d2 and both make 2020):
	// 0.5 × 0.8 × (1 − 0.5 × 0.5) = 0.3.
	if v, ok := got.Reach.Value(); !ok || math.Abs(v-0.3) > 0.02 {
		t.Errorf("Simulate: reach = %+v, want 0.3 ± 0.02", got.Reach)
	}
	EqualMoney(t, "Simulate: max", got.Max, D("2020"))
}

func TestSimulate_learnSince(t *testing.T) {
	// Learning only from deals closed from 5 February on leaves d21 out
	// (lost on 10 February is kept; d20, won on 4 February, is not).
	ds := sales.MustDataset(smallPortal())
	got, err := forecast.Simulate(ds, asOf, sales.Month(2024, time.March, nil),
		forecast.SimOptions{MinSample: 1, LearnSince: day(2, 5)})
	if err != nil {
		t.Fatalf("Simulate: %v", err)
	}
	if q := got.Stages[0]; q.History != (sales.Rate{Num: 0, Den: 1}) || q.Used != 0 || got.Learned != 1 {
		t.Errorf("Simulate(since 5 February): qualify %+v, learned %d; want 0 of 1, used 0, 1",
			q, got.Learned)
	}
}

func TestSimulate_targetMet(t *testing.T) {
	recs := twoDeals()
	recs.Targets[0].Value = D("40") // already beaten by the 50 won
	got, err := forecast.Simulate(sales.MustDataset(recs), asOf, sales.Month(2024, time.March, nil),
		forecast.SimOptions{Trials: 100})
	if err != nil {
		t.Fatalf("Simulate: %v", err)
	}
	if got.Reach != (sales.Rate{Num: 100, Den: 100}) {
		t.Errorf("Simulate(target met): reach %+v, want every trial", got.Reach)
	}
	recs.Targets = nil
	got, err = forecast.Simulate(sales.MustDataset(recs), asOf, sales.Month(2024, time.March, nil),
		forecast.SimOptions{Trials: 100})
	if err != nil {
		t.Fatalf("Simulate: %v", err)
	}
	if _, ok := got.Reach.Value(); ok || got.Target != nil {
		t.Errorf("Simulate(no target): reach %+v, target %v, want no value", got.Reach, got.Target)
	}
}

func TestSimulate_badArguments(t *testing.T) {
	ds := sales.MustDataset(twoDeals())
	march := sales.Month(2024, time.March, nil)
	tests := []struct {
		name string
		asOf time.Time
		p    sales.Period
		o    forecast.SimOptions
	}{
		{"zero asOf", time.Time{}, march, forecast.SimOptions{}},
		{"zero period", asOf, sales.Period{}, forecast.SimOptions{}},
		{"negative trials", asOf, march, forecast.SimOptions{Trials: -1}},
		{"too many trials", asOf, march, forecast.SimOptions{Trials: forecast.MaxTrials + 1}},
		{"negative sample", asOf, march, forecast.SimOptions{MinSample: -3}},
	}
	for _, tt := range tests {
		if _, err := forecast.Simulate(ds, tt.asOf, tt.p, tt.o); err == nil {
			t.Errorf("Simulate(%s) succeeded, want an error", tt.name)
		}
	}
}

func TestSimulate_empty(t *testing.T) {
	got, err := forecast.Simulate(sales.MustDataset(sales.Records{}), asOf,
		sales.Month(2024, time.March, nil), forecast.SimOptions{Trials: 10})
	if err != nil {
		t.Fatalf("Simulate(empty portal): %v", err)
	}
	if !got.P50.IsZero() || !got.Expected.IsZero() || got.Deals.Count != 0 {
		t.Errorf("Simulate(empty portal) = %+v, want zeros", got)
	}
}
