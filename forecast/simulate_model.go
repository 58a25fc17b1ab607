package forecast

import (
	"errors"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/kpi"
)

// stageHistory is what the closed deals say about each stage slot.
type stageHistory struct {
	won, closed []int64
	used        []float64
	usable      []bool // whether used is a probability
	learned     []bool // whether used comes from won and closed
}

// learn counts, per open stage, the deals that passed through it and were
// closed by asOf, and picks each stage's probability. It fills r.Stages,
// r.FellBack, r.Learned and r.NoHistory.
func (r *Simulation) learn(ds *sales.Dataset, st *stageTable, o SimOptions) stageHistory {
	n := st.len()
	h := stageHistory{won: make([]int64, n), closed: make([]int64, n),
		used: make([]float64, n), usable: make([]bool, n), learned: make([]bool, n)}
	seen := make([]int, n) // seen[s] == i+1 once deal i counted stage s
	l := learning{asOf: sales.InstantOf(r.AsOf), since: sales.InstantOf(o.LearnSince)}
	for i := range ds.Deals {
		r.learnDeal(ds, st, i, l, &h, seen)
	}
	for s := range n {
		h.pick(st, ds, s, o.MinSample)
	}
	r.Stages = r.stageOdds(ds, st, &h)
	return h
}

// learnDeal adds what deal i's stage history says to h. The deal teaches
// when it was closed at asOf as sales.Dataset.DealAt places it, by a
// visit entered by then: it passed through the open stages of its visits
// entered by then, and closed when it entered its closed stage or, where
// its history stops short of that stage, on its close date.
func (r *Simulation) learnDeal(ds *sales.Dataset, st *stageTable, i int, l learning,
	h *stageHistory, seen []int) {
	c := ds.DealColumns()
	p := c.Pipeline[i]
	if p < 0 {
		return
	}
	kind, _, _ := ds.DealAtInstant(i, l.asOf)
	if !kind.Closed() {
		return
	}
	v := ds.DealVisits(i)
	if v.Len() == 0 {
		r.NoHistory++
		return
	}
	last := -1 // the last visit entered by asOf
	for j, entered := range v.Entered {
		if entered <= l.asOf {
			last = j
		}
	}
	if last < 0 {
		return // its history starts after asOf: it closed later
	}
	closed := c.Close[i]
	if pos := v.Stage[last]; pos >= 0 && st.kind[st.first[p]+int(pos)].Closed() {
		closed = v.Entered[last]
	}
	if l.since != sales.NoInstant && closed < l.since {
		return
	}
	r.Learned++
	for _, pos := range v.Stage[:last+1] {
		if pos < 0 {
			continue
		}
		s := st.first[p] + int(pos)
		if st.kind[s] != sales.StageOpen || seen[s] == i+1 {
			continue
		}
		seen[s] = i + 1
		h.closed[s]++
		if kind == sales.StageWon {
			h.won[s]++
		}
	}
}

// learning holds what learnDeal compares with, as Instants.
type learning struct {
	asOf, since sales.Instant
}

// pick sets the probability slot s is simulated with.
func (h *stageHistory) pick(st *stageTable, ds *sales.Dataset, s, minSample int) {
	if st.kind[s] != sales.StageOpen {
		return
	}
	if h.closed[s] > 0 && h.closed[s] >= int64(minSample) {
		h.used[s] = float64(h.won[s]) / float64(h.closed[s])
		h.usable[s], h.learned[s] = true, true
		return
	}
	h.used[s] = st.stage(ds, s).Probability
	h.usable[s] = st.valid[s]
}

// stageOdds lists the open stages with what was learned, and fills
// r.FellBack.
func (r *Simulation) stageOdds(ds *sales.Dataset, st *stageTable, h *stageHistory) []StageOdds {
	out := []StageOdds{}
	for p := range ds.Pipelines {
		pl := &ds.Pipelines[p]
		for k := range pl.Stages {
			s := st.first[p] + k
			if st.kind[s] != sales.StageOpen {
				continue
			}
			ref := StageRef{Pipeline: pl.ID, Stage: pl.Stages[k].ID}
			fell := !h.learned[s]
			if fell {
				r.FellBack = append(r.FellBack, ref)
			}
			out = append(out, StageOdds{StageRef: ref, Label: pl.Stages[k].Label,
				Configured: Probability(pl.Stages[k].Probability), Used: Probability(h.used[s]),
				FellBack: fell,
				History:  sales.Rate{Num: h.won[s], Den: h.closed[s]}})
		}
	}
	return out
}

// draw is one deal of a trial: it adds micros when the next random number
// is below threshold.
type draw struct {
	threshold uint64
	micros    int64
}

// plan is what every trial plays out: a sure part, and the deals whose
// outcome is drawn.
type plan struct {
	sure  int64
	draws []draw
}

// errTooLarge reports values that do not fit the simulation's integers.
var errTooLarge = errors.New("the open values add up to more than 9.2 trillion")

// plan collects the deals to simulate and computes the exact expected
// value.
func (r *Simulation) plan(ds *sales.Dataset, st *stageTable, h stageHistory) (plan, error) {
	var pl plan
	var bound int64 // the sum of the absolute values, which bounds any trial
	values := make([]sales.Total, st.len())
	slotIndex := r.stageIndex(st)
	at, span := sales.InstantOf(r.AsOf), sales.SpanOf(r.Period)
	for i := range ds.Deals {
		slot, ok := r.forecastSlot(ds, st, i, at, span)
		if !ok {
			continue
		}
		r.Deals.AddDeal(ds, i)
		if !h.usable[slot] {
			r.BadProbability.AddDeal(ds, i)
			continue
		}
		r.Stages[slotIndex[slot]].Deals.AddDeal(ds, i)
		v, state := ds.DealValue(i)
		if state != sales.ValueOK {
			continue
		}
		values[slot].Add(v)
		m, ok := toMicros(v)
		if !ok {
			return plan{}, errTooLarge
		}
		if bound, ok = addChecked(bound, max(m, -m)); !ok {
			return plan{}, errTooLarge
		}
		pl.add(h.used[slot], m)
	}
	r.Expected = expected(values, st, h).Round(2)
	return pl, nil
}

// stageIndex maps each open slot to its position in r.Stages.
func (r *Simulation) stageIndex(st *stageTable) []int {
	idx := make([]int, st.len())
	k := 0
	for s := range idx {
		if st.kind[s] == sales.StageOpen {
			idx[s] = k
			k++
		}
	}
	return idx
}

// forecastSlot returns the stage slot of deal i when it is one of the
// deals forecast, and counts it apart when it is not.
func (r *Simulation) forecastSlot(ds *sales.Dataset, st *stageTable, i int,
	at sales.Instant, span sales.Span) (int, bool) {
	slot, expected, state := st.openAt(ds, i, at)
	switch {
	case state == standUnknown:
		r.UnknownStage++
	case state == standNotYet:
		r.NotYetCreated++
	case state != standOpen:
	case expected == sales.NoInstant:
		r.NoCloseDate++
	case expected < span.Start:
		r.ExpectedBefore++
	case expected >= span.End:
		r.ExpectedAfter++
	default:
		return slot, true
	}
	return -1, false
}

// add adds a deal of value m (in millionths) won with probability p.
func (pl *plan) add(p float64, m int64) {
	switch {
	case p <= 0 || m == 0:
	case p >= 1:
		pl.sure += m
	default:
		pl.draws = append(pl.draws, draw{threshold: uint64(p * (1 << 64)), micros: m})
	}
}

// expected returns Σ probability × value over the slots: a learned rate
// multiplies exactly, won × value ÷ closed to twelve decimal places, and
// a configured probability as its shortest decimal.
func expected(values []sales.Total, st *stageTable, h stageHistory) decimal.Decimal {
	sum := decimal.Zero
	for s, v := range values {
		switch {
		case v.IsZero() || !h.usable[s]:
		case h.learned[s]:
			won := v.Decimal().Mul(decimal.NewFromInt(h.won[s]))
			sum = sum.Add(won.DivRound(decimal.NewFromInt(h.closed[s]), 12))
		default:
			sum = sum.Add(v.Decimal().Mul(st.prob[s]))
		}
	}
	return sum
}

// target sets WonSoFar, and the target with what remains of it.
func (r *Simulation) target(ds *sales.Dataset) error {
	r.WonSoFar = wonSoFar(ds, r.Period, r.AsOf)
	t, err := kpi.WonAgainstTarget(ds, r.Period)
	if err != nil {
		return err
	}
	r.Level, r.Target = t.Level, t.Team.ValueTarget
	if r.Target != nil {
		left := r.Target.Sub(r.WonSoFar.Value.Decimal())
		r.Remaining = &left
	}
	return nil
}

// wonSoFar tallies the deals won in p at or before asOf.
func wonSoFar(ds *sales.Dataset, p sales.Period, asOf time.Time) sales.Tally {
	var t sales.Tally
	c := ds.DealColumns()
	at, span := sales.InstantOf(asOf), sales.SpanOf(p)
	for i, kind := range c.Kind {
		if closed := c.Close[i]; kind == sales.StageWon && span.Contains(closed) && closed <= at {
			t.AddDeal(ds, i)
		}
	}
	return t
}

// play runs the trials and sets the distribution's figures.
func (r *Simulation) play(pl plan, o SimOptions) {
	sums := make([]int64, o.Trials)
	playTrials(sums, newPCG(o.Seed, pcgStream), pl.sure, pl.draws)
	r.reach(sums)
	slices.Sort(sums)
	r.Mean = mean(sums).Round(2)
	r.P10, r.P50, r.P90 = quantile(sums, 10), quantile(sums, 50), quantile(sums, 90)
	r.Min, r.Max = fromMicros(sums[0]), fromMicros(sums[len(sums)-1])
}

// reach counts the trials that reach the remaining target.
func (r *Simulation) reach(sums []int64) {
	switch {
	case r.Remaining == nil:
		return
	case r.Remaining.Sign() <= 0:
		r.Reach = sales.Rate{Num: int64(len(sums)), Den: int64(len(sums))}
		return
	}
	r.Reach.Den = int64(len(sums))
	need, ok := toMicros(r.Remaining.RoundCeil(6))
	if !ok {
		return // more than any trial can reach
	}
	for _, s := range sums {
		if s >= need {
			r.Reach.Num++
		}
	}
}

// quantile returns the nearest-rank pct-th percentile of sorted sums: the
// value at rank ⌈pct × n / 100⌉.
func quantile(sorted []int64, pct int) decimal.Decimal {
	n := len(sorted)
	rank := (pct*n + 99) / 100
	return fromMicros(sorted[max(rank, 1)-1])
}

// mean returns the exact mean of sums, in the home currency, to eight
// decimal places. It adds quotients and remainders apart, so it cannot
// overflow.
func mean(sums []int64) decimal.Decimal {
	n := int64(len(sums))
	var q, rem int64
	for _, s := range sums {
		q += s / n
		rem += s % n
		if rem >= n || rem <= -n {
			q += rem / n
			rem %= n
		}
	}
	frac := decimal.New(rem, -6).DivRound(decimal.NewFromInt(n), 8)
	return fromMicros(q).Add(frac)
}
