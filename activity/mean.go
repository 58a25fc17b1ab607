package activity

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"time"
)

// MeanDuration is the mean of some durations, kept as their sum and
// count so that means over parts of the data merge: the mean of a team is
// the sum of its reps' sums over the sum of their counts, never the mean
// of their means. A MeanDuration over nothing (N == 0) has no value.
//
// The sum never wraps around. A time.Duration holds about 292 years, a
// bound that 30,000 contacts each answered after four days already pass;
// past it, Sum reads as the largest (or smallest) Duration while the
// exact sum is kept beside it (and in JSON as exact_sum), so that Value
// and Merge stay exact and a mean of positive durations is never
// negative.
//
// The zero MeanDuration is empty and ready to use.
type MeanDuration struct {
	// Sum is the sum of the durations, or the largest (smallest)
	// Duration when the sum is beyond what a Duration holds.
	Sum time.Duration `json:"sum"`
	N   int64         `json:"n"`
	// wide is the exact sum when it does not fit in Sum; it is zero
	// otherwise, so that equal means compare equal.
	wide int128
}

// Add counts one duration.
func (m *MeanDuration) Add(d time.Duration) {
	m.addSum(int128Of(int64(d)), d)
	m.N++
}

// Merge adds the durations of o to m.
func (m *MeanDuration) Merge(o MeanDuration) {
	m.addSum(o.exact(), o.Sum)
	m.N += o.N
}

// addSum adds x to the sum; d is x when x fits in a Duration.
func (m *MeanDuration) addSum(x int128, d time.Duration) {
	if m.wide.isZero() && x.fits() {
		if s := m.Sum + d; (m.Sum^s)&(d^s) >= 0 { // no overflow
			m.Sum = s
			return
		}
	}
	m.setSum(m.exact().add(x))
}

// ExactSum returns the sum of the durations in nanoseconds, exact even
// where it is beyond what a Duration holds and Sum shows a bound.
func (m MeanDuration) ExactSum() *big.Int { return m.exact().big() }

// exact returns the exact sum.
func (m MeanDuration) exact() int128 {
	if !m.wide.isZero() {
		return m.wide
	}
	return int128Of(int64(m.Sum))
}

// setSum stores the exact sum s.
func (m *MeanDuration) setSum(s int128) {
	if s.fits() {
		m.Sum, m.wide = time.Duration(int64(s.lo)), int128{}
		return
	}
	m.Sum, m.wide = math.MaxInt64, s
	if s.hi < 0 {
		m.Sum = math.MinInt64
	}
}

// Value returns the exact sum over N rounded to the nearest nanosecond
// (halves away from zero), and false when N is 0.
func (m MeanDuration) Value() (time.Duration, bool) {
	if m.N <= 0 {
		return 0, false
	}
	s := m.exact()
	neg := s.hi < 0
	if neg {
		s = s.neg()
	}
	n := uint64(m.N)
	if uint64(s.hi) >= n { // a mean beyond any Duration
		if neg {
			return math.MinInt64, true
		}
		return math.MaxInt64, true
	}
	q, r := bits.Div64(uint64(s.hi), s.lo, n)
	if r >= n-r { // 2r >= n, without overflow
		q++
	}
	switch {
	case !neg && q > math.MaxInt64:
		return math.MaxInt64, true
	case neg && q > 1<<63:
		return math.MinInt64, true
	case neg:
		return time.Duration(-int64(q)), true // 1<<63 wraps to the smallest Duration
	}
	return time.Duration(q), true
}

// meanWire is MeanDuration's JSON form.
type meanWire struct {
	Sum   time.Duration  `json:"sum"`
	N     int64          `json:"n"`
	Value *time.Duration `json:"value"`
	// Exact is the exact sum in nanoseconds, in decimal, when Sum does
	// not hold it.
	Exact string `json:"exact_sum,omitempty"`
}

// MarshalJSON encodes m as {"sum":…,"n":…,"value":…}, durations in
// nanoseconds and value null when N is 0. A sum beyond what a Duration
// holds adds "exact_sum", the exact sum in nanoseconds as a decimal
// string.
func (m MeanDuration) MarshalJSON() ([]byte, error) {
	w := meanWire{Sum: m.Sum, N: m.N}
	if v, ok := m.Value(); ok {
		w.Value = &v
	}
	if !m.wide.isZero() {
		w.Exact = m.wide.big().String()
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes what MarshalJSON writes; value is ignored, since
// it follows from the sum and the count.
func (m *MeanDuration) UnmarshalJSON(b []byte) error {
	var w meanWire
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*m = MeanDuration{Sum: w.Sum, N: w.N}
	if w.Exact == "" {
		return nil
	}
	x, ok := new(big.Int).SetString(w.Exact, 10)
	if !ok || x.BitLen() > 126 {
		return fmt.Errorf("activity: mean duration: exact_sum %q is not a sum of durations", w.Exact)
	}
	m.setSum(int128OfBig(x))
	return nil
}

// int128 is a signed 128-bit integer in two's complement: hi is the high
// word, with the sign, and lo the low word.
type int128 struct {
	hi int64
	lo uint64
}

func int128Of(v int64) int128 { return int128{hi: v >> 63, lo: uint64(v)} }

func (a int128) isZero() bool { return a.hi == 0 && a.lo == 0 }

// fits reports whether a is an int64.
func (a int128) fits() bool { return a.hi == int64(a.lo)>>63 }

func (a int128) add(b int128) int128 {
	lo, carry := bits.Add64(a.lo, b.lo, 0)
	return int128{hi: a.hi + b.hi + int64(carry), lo: lo}
}

func (a int128) neg() int128 {
	lo, borrow := bits.Sub64(0, a.lo, 0)
	return int128{hi: -a.hi - int64(borrow), lo: lo}
}

func (a int128) big() *big.Int {
	x := new(big.Int).Lsh(big.NewInt(a.hi), 64)
	return x.Or(x, new(big.Int).SetUint64(a.lo))
}

// int128OfBig returns x, which must fit, as an int128.
func int128OfBig(x *big.Int) int128 {
	neg := x.Sign() < 0
	abs := new(big.Int).Abs(x)
	lo := new(big.Int).And(abs, new(big.Int).SetUint64(math.MaxUint64)).Uint64()
	a := int128{hi: int64(new(big.Int).Rsh(abs, 64).Uint64()), lo: lo}
	if neg {
		a = a.neg()
	}
	return a
}
