package forecast

import (
	"math/bits"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// slotSum is the deals of one stage in one cell of a grid: their tally,
// and their value in millionths while every value had at most six
// decimal places and the sum fits, so that weighting needs no decimal
// arithmetic.
type slotSum struct {
	t       sales.Tally
	micros  int64
	inexact bool // micros is not the value: use t.Value
}

// add counts deal i.
func (s *slotSum) add(ds *sales.Dataset, i int) {
	s.t.AddDeal(ds, i)
	c := ds.DealColumns()
	if c.Value[i] != sales.ValueOK || s.inexact {
		return
	}
	m, ok := c.Micros[i], c.Micros[i] != sales.NoMicros
	if !ok {
		v, _ := ds.DealValue(i)
		m, ok = exactMicros(v)
	}
	if ok {
		s.micros, ok = addChecked(s.micros, m)
	}
	s.inexact = !ok
}

// merge adds the deals of o to s.
func (s *slotSum) merge(o *slotSum) {
	s.t.Merge(o.t)
	sum, ok := addChecked(s.micros, o.micros)
	s.micros, s.inexact = sum, s.inexact || o.inexact || !ok
}

// weightSum adds up values times probabilities: in trillionths (millionths
// of value times millionths of probability) while that is exact and fits
// in an int64, in decimals beyond.
type weightSum struct {
	pico int64
	rest decimal.Decimal
}

// add adds the value of s times the probability of slot.
func (w *weightSum) add(st *stageTable, slot int, s *slotSum) {
	if p := st.ppm[slot]; p >= 0 && !s.inexact {
		if v, ok := mulInt64(s.micros, p); ok {
			if sum, ok := addChecked(w.pico, v); ok {
				w.pico = sum
				return
			}
		}
	}
	if !s.t.Value.IsZero() {
		w.rest = w.rest.Add(s.t.Value.Decimal().Mul(st.prob[slot]))
	}
}

// total returns the sum. It allocates once or twice, whatever the number
// of values added.
func (w *weightSum) total() sales.Total {
	var t sales.Total
	switch {
	case w.pico == 0:
	case w.pico%1_000_000 == 0:
		t.Add(decimal.New(w.pico/1_000_000, -6))
	default:
		t.Add(decimal.New(w.pico, -12))
	}
	if w.rest.Sign() != 0 {
		t.Add(w.rest)
	}
	return t
}

// exactMicros returns d in millionths, and false when d has more than six
// decimal places or does not fit.
func exactMicros(d decimal.Decimal) (int64, bool) {
	if d.Exponent() < -6 && d.Sign() != 0 {
		return 0, false
	}
	return toMicros(d)
}

// mulInt64 returns a × b, and false when it overflows.
func mulInt64(a, b int64) (int64, bool) {
	ua, ub := uint64(a), uint64(b)
	if a < 0 {
		ua = uint64(-a)
	}
	if b < 0 {
		ub = uint64(-b)
	}
	hi, lo := bits.Mul64(ua, ub)
	if hi != 0 || lo > 1<<63-1 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}
