// Package order finds order statistics (the k-th smallest value, a
// median, a percentile) in linear expected time, for the reports whose
// medians would otherwise sort all their values.
package order

import (
	"cmp"
	"math/bits"
	"slices"
)

// Select reorders xs so that xs[k] holds the value a sort would put
// there, every value before it is at most xs[k] and every value after it
// at least xs[k]. It takes linear time on average: it partitions around
// a median of three, and falls back to sorting a part that partitioning
// fails to shrink, so that no input makes it quadratic. It panics when k
// is outside xs, as indexing would.
func Select[T cmp.Ordered](xs []T, k int) {
	_ = xs[k]
	lo, hi := 0, len(xs) // xs[k] is among xs[lo:hi]
	budget := 2 * bits.Len(uint(len(xs)))
	for hi-lo > 16 {
		if budget == 0 {
			slices.Sort(xs[lo:hi])
			return
		}
		budget--
		p := partition(xs[lo:hi]) + lo
		switch {
		case k < p:
			hi = p
		case k > p:
			lo = p + 1
		default:
			return
		}
	}
	slices.Sort(xs[lo:hi])
}

// partition moves a pivot, the median of the first, middle and last
// values, to its sorted place and returns that place: the values before
// it are at most the pivot and the values after it at least.
func partition[T cmp.Ordered](xs []T) int {
	n := len(xs)
	a, b, c := 0, n/2, n-1
	if xs[b] < xs[a] {
		a, b = b, a
	}
	if xs[c] < xs[b] {
		b = c
		if xs[b] < xs[a] {
			b = a
		}
	}
	xs[b], xs[n-1] = xs[n-1], xs[b]
	pivot := xs[n-1]
	i, j := 0, n-2
	for {
		for i <= j && xs[i] < pivot {
			i++
		}
		for i <= j && pivot < xs[j] {
			j--
		}
		if i >= j {
			break
		}
		xs[i], xs[j] = xs[j], xs[i]
		i++
		j--
	}
	xs[i], xs[n-1] = xs[n-1], xs[i]
	return i
}

// Middle reorders xs, which must not be empty, and returns its two middle
// values in sorted order: the same value twice when len(xs) is odd, and
// the values at len(xs)/2-1 and len(xs)/2 of a sort when it is even.
func Middle[T cmp.Ordered](xs []T) (lo, hi T) {
	n := len(xs)
	Select(xs, n/2)
	if n%2 == 1 {
		return xs[n/2], xs[n/2]
	}
	return slices.Max(xs[:n/2]), xs[n/2]
}
