// Package days turns durations into the days that sales cycles, time in
// stage and lifecycle steps are reported in, and summarises them: count,
// mean, median, 90th percentile, shortest and longest.
//
// A day here is 24 hours of elapsed time, whatever the calendar says: a
// stay that spans a daylight-saving change is an hour more or less than
// its calendar days.
package days

import (
	"math"
	"math/bits"
	"slices"
	"time"

	"github.com/salespilot/sales/internal/order"
)

// Day is the length of a day in these reports: 24 hours.
const Day = 24 * time.Hour

// millisPerDay is the number of milliseconds in a Day.
const millisPerDay = float64(Day / time.Millisecond)

// Of returns d in days.
func Of(d time.Duration) float64 { return float64(d) / float64(Day) }

// FromMillis returns ms milliseconds in days.
func FromMillis(ms int64) float64 { return float64(ms) / millisPerDay }

// Summary describes a set of durations in days. Its fields other than
// Count are meaningful only when Count is above zero.
type Summary struct {
	Count  int
	Mean   float64
	Median float64
	P90    float64
	Min    float64
	Max    float64
}

// Summarize reorders ds in place and describes it:
//
//   - Mean is the sum over the count, the sum kept exact in 128 bits, so
//     that a million stays of a year each do not overflow;
//   - Median is the middle duration, or the mean of the two middle ones
//     when the count is even;
//   - P90 is the nearest-rank 90th percentile: the smallest duration that
//     at least 90% of the durations do not exceed, the one at rank
//     ⌈0.9 × Count⌉ in increasing order;
//   - Min and Max are the shortest and the longest.
//
// Mean is kept between Min and Max, where it lies exactly, against the
// last bit of rounding. An empty ds gives a Summary with Count 0.
// Summarize allocates nothing, and takes linear time: it selects the
// order statistics it needs rather than sorting.
func Summarize(ds []time.Duration) Summary {
	n := len(ds)
	if n == 0 {
		return Summary{}
	}
	s := Summary{Count: n, Min: Of(slices.Min(ds)), Max: Of(slices.Max(ds))}
	s.Mean = min(max(meanDays(ds), s.Min), s.Max)
	k := NearestRank(n, 90) - 1 // the P90's rank, never below n/2
	order.Select(ds, k)
	s.P90 = Of(ds[k])
	m, hi := n/2, ds[k]
	if m < k {
		order.Select(ds[:k], m)
		hi = ds[m]
	}
	if n%2 == 1 {
		s.Median = Of(hi)
	} else {
		s.Median = (Of(slices.Max(ds[:m])) + Of(hi)) / 2
	}
	return s
}

// NearestRank returns the 1-based rank of the pct-th percentile of n
// sorted values by the nearest-rank method, ⌈pct/100 × n⌉, at least 1.
// It returns 0 for n of 0 or less.
func NearestRank(n, pct int) int {
	if n <= 0 {
		return 0
	}
	return max(1, (pct*n+99)/100)
}

// meanDays returns the mean of ds in days, summing in 128 bits.
func meanDays(ds []time.Duration) float64 {
	var hi int64
	var lo uint64
	for _, d := range ds {
		var carry uint64
		lo, carry = bits.Add64(lo, uint64(d), 0)
		hi += int64(carry)
		if d < 0 {
			hi-- // the sign extension of d in the high word
		}
	}
	sum := float64(hi)*math.Exp2(64) + float64(lo)
	return sum / float64(len(ds)) / float64(Day)
}
