package forecast_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
	. "github.com/salespilot/sales/internal/testkit"
)

// oddsPipeline has two open stages of configured probability 0.3 and 0.7,
// one of 0, one of 1, and the closed stages.
var oddsPipeline = sales.Pipeline{ID: "p", Stages: []sales.Stage{
	{ID: "low", Kind: sales.StageOpen, Probability: 0.3},
	{ID: "high", Kind: sales.StageOpen, Probability: 0.7},
	{ID: "never", Kind: sales.StageOpen, Probability: 0},
	{ID: "sure", Kind: sales.StageOpen, Probability: 1},
	{ID: "won", Kind: sales.StageWon, Probability: 1},
	{ID: "lost", Kind: sales.StageLost, Probability: 0},
}}

// openDeal is a deal open in stage s of oddsPipeline, worth amount, due in
// March.
func openDeal(id sales.DealID, s sales.StageID, amount string) sales.Deal {
	return sales.Deal{ID: id, Pipeline: "p", Stage: s, Amount: Amount(amount),
		Created: day(3, 1), CloseDate: day(3, 28)}
}

// marchTarget is a team target of value for March.
func marchTarget(value string) []sales.Target {
	return []sales.Target{{Period: sales.Month(2024, time.March, nil),
		Metric: sales.TargetWonValue, Value: D(value)}}
}

func simulateMarch(t *testing.T, recs sales.Records, o forecast.SimOptions) forecast.Simulation {
	t.Helper()
	got, err := forecast.Simulate(sales.MustDataset(recs), asOf, sales.Month(2024, time.March, nil), o)
	if err != nil {
		t.Fatalf("Simulate: %v", err)
	}
	return got
}

// TestSimulate_oneDeal: one deal of 100 won with probability p brings 0
// with probability 1 − p and 100 with p. With nearest-rank quantiles over
// 10,000 trials, a quantile is 0 while its rank falls among the trials
// that brought 0 (about 10,000 × (1 − p) of them), 100 beyond: for p = 0.3,
// P10 = P50 = 0 and P90 = 100; for p = 0.7, P10 = 0 and P50 = P90 = 100.
// The target of 100 is reached with probability p.
func TestSimulate_oneDeal(t *testing.T) {
	tests := []struct {
		stage          sales.StageID
		p              float64
		p10, p50, p90  string
		expected, mean string
	}{
		{"low", 0.3, "0", "0", "100", "30", "30"},
		{"high", 0.7, "0", "100", "100", "70", "70"},
	}
	for _, tt := range tests {
		recs := sales.Records{Pipelines: []sales.Pipeline{oddsPipeline},
			Deals: []sales.Deal{openDeal("d", tt.stage, "100")}, Targets: marchTarget("100")}
		got := simulateMarch(t, recs, forecast.SimOptions{Seed: 5, Trials: 10_000})
		name := fmt.Sprintf("Simulate(one deal at %v)", tt.p)
		EqualMoney(t, name+" P10", got.P10, D(tt.p10))
		EqualMoney(t, name+" P50", got.P50, D(tt.p50))
		EqualMoney(t, name+" P90", got.P90, D(tt.p90))
		EqualMoney(t, name+" min", got.Min, D("0"))
		EqualMoney(t, name+" max", got.Max, D("100"))
		EqualMoney(t, name+" expected", got.Expected, D(tt.expected))
		// Standard errors over 10,000 trials: 0.46 for the mean, 0.0046
		// for the reach; the bounds are four of them.
		if m, _ := got.Mean.Float64(); math.Abs(m-100*tt.p) > 2 {
			t.Errorf("%s mean = %s, want %s ± 2", name, got.Mean, tt.mean)
		}
		if v, ok := got.Reach.Value(); !ok || math.Abs(v-tt.p) > 0.02 || got.Reach.Den != 10_000 {
			t.Errorf("%s reach = %+v, want %v ± 0.02 of 10000", name, got.Reach, tt.p)
		}
	}
}

// TestSimulate_certain: deals whose probability is 0 or 1, configured or
// learned, leave nothing to chance. Every trial brings the same value, so
// every quantile, the mean and the expected value are that value, and the
// target is reached by every trial or by none.
func TestSimulate_certain(t *testing.T) {
	closedVia := func(id sales.DealID, via, end sales.StageID, d int) sales.Deal {
		return sales.Deal{ID: id, Pipeline: "p", Stage: end, Amount: Amount("1"),
			Created: day(1, d), CloseDate: day(2, d),
			StageHistory: []sales.StageVisit{
				{Stage: via, Entered: day(1, d), Left: day(2, d)},
				{Stage: end, Entered: day(2, d)}}}
	}
	deals := []sales.Deal{
		openDeal("never", "never", "800"), // configured 0: brings nothing
		openDeal("sure", "sure", "300"),   // configured 1: brings 300
		// "low" learns 1 of 1 won, "high" 0 of 1: with a minimum sample of
		// 1, the deal of 50 in low is always won and the one of 70 in
		// high never.
		closedVia("h1", "low", "won", 2), closedVia("h2", "high", "lost", 3),
		openDeal("l", "low", "50"), openDeal("h", "high", "70"),
	}
	for _, tt := range []struct {
		target string
		reach  int64
	}{{"350", 1000}, {"350.000001", 0}, {"200", 1000}} {
		recs := sales.Records{Pipelines: []sales.Pipeline{oddsPipeline}, Deals: deals,
			Targets: marchTarget(tt.target)}
		got := simulateMarch(t, recs, forecast.SimOptions{Seed: 9, Trials: 1000, MinSample: 1})
		name := "Simulate(certain deals, target " + tt.target + ")"
		for _, q := range []struct {
			name string
			got  string
		}{{"P10", got.P10.String()}, {"P50", got.P50.String()}, {"P90", got.P90.String()},
			{"min", got.Min.String()}, {"max", got.Max.String()}, {"mean", got.Mean.String()},
			{"expected", got.Expected.String()}} {
			EqualMoney(t, name+" "+q.name, D(q.got), D("350"))
		}
		if got.Reach != (sales.Rate{Num: tt.reach, Den: 1000}) {
			t.Errorf("%s reach = %+v, want %d of 1000", name, got.Reach, tt.reach)
		}
		if got.Stages[0].Used != 1 || got.Stages[1].Used != 0 || got.Stages[0].FellBack {
			t.Errorf("%s: low used %v, high used %v; want 1 and 0, learned",
				name, got.Stages[0].Used, got.Stages[1].Used)
		}
	}
}

// TestSimulate_cores: the same seed gives the same result whatever the
// number of processors the trials are spread over.
func TestSimulate_cores(t *testing.T) {
	var deals []sales.Deal
	for k := range 30 {
		deals = append(deals, openDeal(sales.DealID(fmt.Sprint("d", k)), "low",
			fmt.Sprint(100+k)), openDeal(sales.DealID(fmt.Sprint("e", k)), "high", fmt.Sprint(7*k+1)))
	}
	recs := sales.Records{Pipelines: []sales.Pipeline{oddsPipeline}, Deals: deals,
		Targets: marchTarget("3000")}
	// 60 draws × 100,001 trials is enough work to be split in up to five
	// parts, and the odd count leaves a trial over in each.
	o := forecast.SimOptions{Seed: 11, Trials: 100_001}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first []byte
	for _, procs := range []int{1, 2, 3, 5} {
		runtime.GOMAXPROCS(procs)
		got, err := json.Marshal(simulateMarch(t, recs, o))
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = got
		} else if !bytes.Equal(got, first) {
			t.Errorf("Simulate on %d processors = %s, on 1 = %s", procs, got, first)
		}
	}
}

// TestSimulate_historyCut: the closed deals a stage learns from are those
// closed at asOf as sales.Dataset.DealAt places them, also when their
// history stops short of their closed stage or ends in a stage the
// pipeline does not list. Here low learns from three deals: h1 (won, its
// history stops in low), h2 (lost through low) and h3 (won, its history
// ends in an unknown stage): 2 of 3.
func TestSimulate_historyCut(t *testing.T) {
	visit := func(s sales.StageID, in, out time.Time) sales.StageVisit {
		return sales.StageVisit{Stage: s, Entered: in, Left: out}
	}
	recs := sales.Records{Pipelines: []sales.Pipeline{oddsPipeline}, Deals: []sales.Deal{
		{ID: "h1", Pipeline: "p", Stage: "won", Amount: Amount("1"), Created: day(1, 1),
			CloseDate: day(1, 10), StageHistory: []sales.StageVisit{visit("low", day(1, 1), day(1, 10))}},
		{ID: "h2", Pipeline: "p", Stage: "lost", Amount: Amount("1"), Created: day(1, 2),
			CloseDate: day(1, 12), StageHistory: []sales.StageVisit{
				visit("low", day(1, 2), day(1, 12)), visit("lost", day(1, 12), time.Time{})}},
		{ID: "h3", Pipeline: "p", Stage: "won", Amount: Amount("1"), Created: day(1, 3),
			CloseDate: day(1, 15), StageHistory: []sales.StageVisit{
				visit("low", day(1, 3), day(1, 8)), visit("ghost", day(1, 8), day(1, 15))}},
		openDeal("o", "low", "300"),
	}}
	got := simulateMarch(t, recs, forecast.SimOptions{MinSample: 1, Trials: 100})
	if low := got.Stages[0]; low.History != (sales.Rate{Num: 2, Den: 3}) || low.FellBack ||
		got.Learned != 3 || got.NoHistory != 0 {
		t.Errorf("Simulate: low %+v, learned %d, no history %d; want 2 of 3, 3, 0",
			low, got.Learned, got.NoHistory)
	}
	EqualMoney(t, "Simulate: expected", got.Expected, D("200"))
	// From 11 January on: h1 closed on 10 January is left out; h2 entered
	// lost on 12 January and h3 closed on 15 January stay: 1 of 2.
	got = simulateMarch(t, recs, forecast.SimOptions{MinSample: 1, Trials: 100,
		LearnSince: day(1, 11)})
	if low := got.Stages[0]; low.History != (sales.Rate{Num: 1, Den: 2}) || got.Learned != 2 {
		t.Errorf("Simulate(since 11 January): low %+v, learned %d; want 1 of 2, 2", low, got.Learned)
	}
}
