package demo

import (
	"math"
	"math/rand/v2"
	"strconv"
)

// rng is the one source of randomness of a generation. Every draw goes
// through it in a fixed order, which is what makes a seed reproduce a
// portal.
type rng struct {
	*rand.Rand
}

// pcgStream is the second half of the PCG seed, fixed so that the seed of
// Options alone picks the portal.
const pcgStream = 0x9e3779b97f4a7c15

func newRNG(seed uint64) rng {
	return rng{rand.New(rand.NewPCG(seed, pcgStream))}
}

// chance reports true with probability p.
func (r rng) chance(p float64) bool { return r.Float64() < p }

// between returns a number drawn uniformly from [lo, hi).
func (r rng) between(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// int64Between returns an integer drawn uniformly from [lo, hi]; lo when
// hi <= lo.
func (r rng) int64Between(lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	return lo + r.Int64N(hi-lo+1)
}

// lognormal returns a positive number whose median is median and whose
// logarithm has standard deviation sigma.
func (r rng) lognormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

// pick returns an index drawn from cumulative weights, as cumulative
// builds them.
func (r rng) pick(cum []float64) int {
	u := r.Float64() * cum[len(cum)-1]
	for i, c := range cum {
		if u < c {
			return i
		}
	}
	return len(cum) - 1
}

// of returns an element of list drawn uniformly.
func of[T any](r rng, list []T) T { return list[r.IntN(len(list))] }

// choice is a list of values to draw from, with their weights.
type choice[T any] struct {
	values  []T
	weights []float64 // running sums, as cumulative builds them
}

// choose returns a choice between values with the given weights, one per
// value. It panics when the counts differ, a mistake in this package's
// tables that its tests catch.
func choose[T any](values []T, weights ...float64) choice[T] {
	if len(values) != len(weights) {
		panic("demo: choice of " + strconv.Itoa(len(values)) + " values with " +
			strconv.Itoa(len(weights)) + " weights")
	}
	return choice[T]{values: values, weights: cumulative(weights...)}
}

// draw returns a value drawn by weight.
func (c choice[T]) draw(r rng) T { return c.values[r.pick(c.weights)] }

// cumulative returns the running sums of weights, for rng.pick.
func cumulative(weights ...float64) []float64 {
	out := make([]float64, len(weights))
	sum := 0.0
	for i, w := range weights {
		sum += w
		out[i] = sum
	}
	return out
}
