package forecast

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/kpi"
)

// Defaults and bounds of SimOptions.
const (
	DefaultTrials    = 10_000
	DefaultMinSample = 20
	MaxTrials        = 10_000_000
)

// pcgStream is the second word of the PCG state: the caller's seed picks
// the sequence within this stream.
const pcgStream = 0x9e3779b97f4a7c15

// SimOptions are the settings of Simulate. The zero value takes the
// defaults, with seed 0.
type SimOptions struct {
	// Seed seeds the random numbers (a PCG generator, math/rand/v2): the
	// same seed and inputs give the same result, on every machine.
	Seed uint64
	// Trials is how many times the period is played out; 0 means
	// DefaultTrials. At most MaxTrials.
	Trials int
	// MinSample is the fewest closed deals that must have passed through
	// a stage for its win rate to be learned from them; below it the
	// stage's configured probability is used and the stage is listed in
	// FellBack. 0 means DefaultMinSample.
	MinSample int
	// LearnSince, when not zero, learns only from deals closed at or
	// after it (when they entered their closed stage, else by their
	// close date), so that old history can be left out.
	LearnSince time.Time
}

// withDefaults fills in the zero fields and rejects impossible values.
func (o SimOptions) withDefaults() (SimOptions, error) {
	if o.Trials == 0 {
		o.Trials = DefaultTrials
	}
	if o.MinSample == 0 {
		o.MinSample = DefaultMinSample
	}
	switch {
	case o.Trials < 0 || o.Trials > MaxTrials:
		return o, fmt.Errorf("trials %d outside 1..%d", o.Trials, MaxTrials)
	case o.MinSample < 0:
		return o, fmt.Errorf("minimum sample %d is negative", o.MinSample)
	}
	return o, nil
}

// StageRef names a stage of a pipeline.
type StageRef struct {
	Pipeline sales.PipelineID `json:"pipeline"`
	Stage    sales.StageID    `json:"stage"`
}

// StageOdds is what Simulate learned about one open stage and used.
type StageOdds struct {
	StageRef
	Label string `json:"label"`
	// Configured is the probability the pipeline gives the stage.
	Configured Probability `json:"configured"`
	// History is the deals that passed through the stage and were closed
	// by AsOf: won (Num) over closed (Den).
	History sales.Rate `json:"history"`
	// Used is the probability the simulation drew with: History's value
	// when Den reaches the minimum sample, else Configured.
	Used     Probability `json:"used"`
	FellBack bool        `json:"fell_back"`
	// Deals tallies the deals of the stage that were simulated.
	Deals sales.Tally `json:"deals"`
}

// Simulation is B02 of the catalogue: the distribution of the value that
// the deals open at AsOf and expected to close in Period will bring in,
// from Trials simulated outcomes, with the chance to reach the period's
// target.
type Simulation struct {
	AsOf     time.Time      `json:"as_of"`
	Period   sales.Period   `json:"period"`
	Currency sales.Currency `json:"currency"`
	Trials   int            `json:"trials"`
	Seed     uint64         `json:"seed"`
	// MinSample is the minimum number of closed deals a stage's learned
	// rate needed.
	MinSample int `json:"min_sample"`
	// Stages lists every open stage of every pipeline, in the portal's
	// order; FellBack the ones whose history was too short, which used
	// their configured probability.
	Stages   []StageOdds `json:"stages"`
	FellBack []StageRef  `json:"fell_back"`
	// Learned counts the deals closed at AsOf, with a stage history, that
	// rates were learned from; NoHistory the closed ones without one,
	// which taught nothing.
	Learned   int64 `json:"learned"`
	NoHistory int64 `json:"no_history"`
	// Deals tallies the deals forecast: open at AsOf, expected to close
	// in Period. Those without a value are counted but add nothing.
	Deals sales.Tally `json:"deals"`
	// Expected is the exact mean of the model, Σ probability × value,
	// rounded half away from zero to two decimal places. Mean is the mean
	// of the trials, rounded the same way; P10, P50 and P90 are their
	// quantiles, Min and Max their extremes.
	Expected decimal.Decimal `json:"expected"`
	Mean     decimal.Decimal `json:"mean"`
	P10      decimal.Decimal `json:"p10"`
	P50      decimal.Decimal `json:"p50"`
	P90      decimal.Decimal `json:"p90"`
	Min      decimal.Decimal `json:"min"`
	Max      decimal.Decimal `json:"max"`
	// WonSoFar tallies the deals won in Period up to AsOf. Target is the
	// period's won-value target at Level (as kpi.WonAgainstTarget picks
	// it), null when the period has none; Remaining is Target − WonSoFar.
	WonSoFar  sales.Tally      `json:"won_so_far"`
	Level     kpi.TargetLevel  `json:"level"`
	Target    *decimal.Decimal `json:"target"`
	Remaining *decimal.Decimal `json:"remaining"`
	// Reach is the trials whose value reached Remaining, over Trials: the
	// chance to meet the target. It is every trial once the target is met,
	// and has no value without a target.
	Reach sales.Rate `json:"reach"`
	// Open deals left out of the forecast: expected to close before
	// Period starts, at or after it ends, or without an expected close
	// date. UnknownStage counts deals whose stage their pipeline does not
	// list; BadProbability tallies deals of the period whose probability
	// is not a number in [0, 1]; NotYetCreated open deals created after
	// AsOf.
	ExpectedBefore int64       `json:"expected_before"`
	ExpectedAfter  int64       `json:"expected_after"`
	NoCloseDate    int64       `json:"no_close_date"`
	UnknownStage   int64       `json:"unknown_stage"`
	BadProbability sales.Tally `json:"bad_probability"`
	NotYetCreated  int64       `json:"not_yet_created"`
}

// Simulate forecasts the value that the deals open at asOf and expected to
// close in p will bring in, as a distribution, by Monte Carlo simulation.
// This is B02 of the catalogue.
//
// The model: each such deal is won, and brings in its whole value in the
// home currency, with its stage's win probability, or brings nothing;
// deals are independent of one another, and a deal's chance does not
// depend on its owner, amount, age or how long it has been in its stage.
// A stage's win probability is learned from the portal's own history: of
// the deals whose stage history shows they passed through the stage and
// that were closed (won or lost) at asOf, the share that was won. A deal
// is closed at asOf as sales.Dataset.DealAt places it, by a visit it
// entered by then; it passed through the open stages of its visits
// entered by then (a history that stops short of the closed stage, or
// ends in a stage its pipeline does not list, still counts). A deal that
// came back to a stage counts once. A stage through which fewer than
// o.MinSample closed deals passed uses its configured probability
// instead, and is listed in FellBack. Learning reads only what was known
// at asOf: visits entered after asOf are ignored. Closed deals without a
// stage history teach nothing and are counted in NoHistory.
//
// Each of o.Trials trials draws every deal's outcome and adds up the
// values won. The quantiles are nearest-rank: P10 is the smallest trial
// value that at least 10% of the trials do not exceed, and so on. Values
// are simulated in millionths of the home currency; a value with more
// decimal places is rounded half away from zero to the millionth.
//
// Deals open at asOf are read as in Weighted: in an open stage at asOf as
// sales.Dataset.DealAt rebuilds it from the stage history, with the
// expected close date they had then. Those expected before p starts
// (overdue since an earlier period), at or after its end, or without an
// expected close date are counted apart, not simulated; those expected
// earlier in p than asOf are simulated, as they may still close in p. A
// deal without a value counts in Deals and adds nothing; a stage of
// probability 0 never wins and one of 1 always does. A deal whose stage
// at asOf cannot be told, or whose stage's probability is not a number
// in [0, 1] and was not learned, is counted apart (UnknownStage,
// BadProbability), not guessed at.
//
// The target is the period's won-value target as kpi.WonAgainstTarget
// picks it; what remains of it is the target less the value won in p up
// to asOf, and Reach is the share of trials that bring at least that
// much: every trial once the target is met, no value without a target.
//
// The trials are spread over the machine's processors, each part of
// them jumping the random stream ahead to where one sequential pass would
// be, so the same seed gives the same result whatever the number of
// processors.
//
// The time taken grows as the number of deals simulated times o.Trials;
// memory grows with o.Trials only. Simulate fails on a zero asOf, an
// invalid period or options, and when the values simulated add up to more
// than about 9.2 trillion.
func Simulate(ds *sales.Dataset, asOf time.Time, p sales.Period, o SimOptions) (Simulation, error) {
	o, err := checkSimulate(asOf, p, o)
	if err != nil {
		return Simulation{}, fmt.Errorf("forecast: simulate: %w", err)
	}
	r := Simulation{AsOf: asOf, Period: p, Currency: ds.Currency(), Trials: o.Trials,
		Seed: o.Seed, MinSample: o.MinSample, FellBack: []StageRef{}}
	st := newStageTable(ds)
	odds := r.learn(ds, &st, o)
	plan, err := r.plan(ds, &st, odds)
	if err != nil {
		return Simulation{}, fmt.Errorf("forecast: simulate: %w", err)
	}
	if err := r.target(ds); err != nil {
		return Simulation{}, fmt.Errorf("forecast: simulate: %w", err)
	}
	r.play(plan, o)
	return r, nil
}

func checkSimulate(asOf time.Time, p sales.Period, o SimOptions) (SimOptions, error) {
	if err := checkAsOf(asOf); err != nil {
		return o, err
	}
	if err := checkPeriod(p); err != nil {
		return o, err
	}
	return o.withDefaults()
}
