package activity

import (
	"encoding/json"
	"time"
)

// MeanDuration is the mean of some durations, kept as their sum and
// count so that means over parts of the data merge: the mean of a team is
// the sum of its reps' sums over the sum of their counts, never the mean
// of their means. A MeanDuration over nothing (N == 0) has no value.
//
// The zero MeanDuration is empty and ready to use.
type MeanDuration struct {
	Sum time.Duration `json:"sum"`
	N   int64         `json:"n"`
}

// Add counts one duration.
func (m *MeanDuration) Add(d time.Duration) {
	m.Sum += d
	m.N++
}

// Merge adds the durations of o to m.
func (m *MeanDuration) Merge(o MeanDuration) {
	m.Sum += o.Sum
	m.N += o.N
}

// Value returns Sum / N rounded to the nearest nanosecond (halves away
// from zero), and false when N is 0.
func (m MeanDuration) Value() (time.Duration, bool) {
	if m.N <= 0 {
		return 0, false
	}
	q, r := m.Sum/time.Duration(m.N), m.Sum%time.Duration(m.N)
	switch {
	case r >= 0 && 2*int64(r) >= m.N:
		q++
	case r < 0 && -2*int64(r) >= m.N:
		q--
	}
	return q, true
}

// MarshalJSON encodes m as {"sum":…,"n":…,"value":…}, durations in
// nanoseconds and value null when N is 0.
func (m MeanDuration) MarshalJSON() ([]byte, error) {
	type wire struct {
		Sum   time.Duration  `json:"sum"`
		N     int64          `json:"n"`
		Value *time.Duration `json:"value"`
	}
	w := wire{Sum: m.Sum, N: m.N}
	if v, ok := m.Value(); ok {
		w.Value = &v
	}
	return json.Marshal(w)
}
