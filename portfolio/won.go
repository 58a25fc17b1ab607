package portfolio

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// checkPeriod rejects a period no report can cover.
func checkPeriod(p sales.Period) error {
	switch {
	case p.Start.IsZero() || p.End.IsZero():
		return errors.New("period has a zero start or end")
	case p.End.Before(p.Start):
		return fmt.Errorf("period %s ends before it starts", p)
	}
	return nil
}

// checkTop rejects a negative top N.
func checkTop(n int) error {
	if n < 0 {
		return fmt.Errorf("top %d is negative", n)
	}
	return nil
}

// samePeriod reports whether p and q cover the same instants.
func samePeriod(p, q sales.Period) bool {
	return p.Start.Equal(q.Start) && p.End.Equal(q.End)
}

// Skipped counts the deals a report could not place in any period.
type Skipped struct {
	// NoCloseDate counts won deals without a close date; UnknownStage
	// deals whose stage their pipeline does not list (or whose pipeline
	// is unknown), which are neither won nor lost.
	NoCloseDate  int64 `json:"no_close_date"`
	UnknownStage int64 `json:"unknown_stage"`
}

// won reports whether deal i was won in p, counting in s the deals it
// cannot tell about.
func (s *Skipped) won(c *sales.DealColumns, i int, p sales.Span) bool {
	switch kind := c.Kind[i]; {
	case kind == 0:
		s.UnknownStage++
		return false
	case kind != sales.StageWon:
		return false
	case c.Close[i] == sales.NoInstant:
		s.NoCloseDate++
		return false
	}
	return p.Contains(c.Close[i])
}

// merge adds the counts of o to s.
func (s *Skipped) merge(o Skipped) {
	s.NoCloseDate += o.NoCloseDate
	s.UnknownStage += o.UnknownStage
}

// subTally removes the deals of u from t.
func subTally(t *sales.Tally, u sales.Tally) {
	t.Count -= u.Count
	t.NoAmount -= u.NoAmount
	t.NoRate -= u.NoRate
	if !u.Value.IsZero() {
		t.Value.Add(u.Value.Decimal().Neg())
	}
}

// share returns part ÷ whole as a Ratio.
func share(part, whole decimal.Decimal) sales.Ratio {
	return sales.Ratio{Num: part, Den: whole}
}

// valueKey is a value as sortByValue compares it: in millionths when
// exact is set, else as a decimal.
type valueKey struct {
	micros int64
	exact  bool
	dec    decimal.Decimal
}

// keyOf returns the key of a sum.
func keyOf(t sales.Total) valueKey {
	d := t.Decimal()
	m, ok := exactMicros(d)
	return valueKey{micros: m, exact: ok, dec: d}
}

// decimal returns the key's value.
func (k valueKey) decimal() decimal.Decimal {
	if k.exact && k.dec.Sign() == 0 && k.micros != 0 {
		return decimal.New(k.micros, -6)
	}
	return k.dec
}

// compare orders keys by value, the largest first.
func (k *valueKey) compare(o *valueKey) int {
	if k.exact && o.exact {
		return cmp.Compare(o.micros, k.micros)
	}
	return o.decimal().Cmp(k.decimal())
}

// sortByValue sorts items by their keys, the largest value first, ties
// broken by tie, and returns the values as decimals in the new order. The
// sort moves indexes, not items, so that comparing allocates nothing.
func sortByValue[T any](items []T, keys []valueKey, tie func(a, b *T) int) []decimal.Decimal {
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		if c := keys[i].compare(&keys[j]); c != 0 {
			return c
		}
		return tie(&items[i], &items[j])
	})
	sorted := make([]T, len(items))
	values := make([]decimal.Decimal, len(items))
	for k, i := range order {
		sorted[k], values[k] = items[i], keys[i].decimal()
	}
	copy(items, sorted)
	return values
}

// totalKeys returns the keys of the sums value gives for items.
func totalKeys[T any](items []T, value func(*T) sales.Total) []valueKey {
	keys := make([]valueKey, len(items))
	for i := range items {
		keys[i] = keyOf(value(&items[i]))
	}
	return keys
}
