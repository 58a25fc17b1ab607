package order

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSelect: on random inputs of many shapes (few distinct values,
// sorted, reversed, all equal), xs[k] after Select is the k-th value of a
// sort, with no greater value before it and no smaller one after it.
func TestSelect(t *testing.T) {
	const seed = 7
	t.Logf("seed %d", seed)
	rnd := rand.New(rand.NewPCG(seed, 1))
	shapes := map[string]func(n int) []int64{
		"random": func(n int) []int64 {
			return fill(n, func(int) int64 { return rnd.Int64N(1000) })
		},
		"few":    func(n int) []int64 { return fill(n, func(int) int64 { return rnd.Int64N(3) }) },
		"sorted": func(n int) []int64 { return fill(n, func(i int) int64 { return int64(i) }) },
		"reversed": func(n int) []int64 {
			return fill(n, func(i int) int64 { return int64(n - i) })
		},
		"equal": func(n int) []int64 { return fill(n, func(int) int64 { return 5 }) },
		"organ": func(n int) []int64 {
			return fill(n, func(i int) int64 { return int64(min(i, n-i)) })
		},
	}
	for name, shape := range shapes {
		for _, n := range []int{1, 2, 3, 16, 17, 100, 1001, 20_000} {
			xs := shape(n)
			want := slices.Sorted(slices.Values(xs))
			for _, k := range []int{0, n / 2, n - 1, rnd.IntN(n)} {
				got := slices.Clone(xs)
				Select(got, k)
				if got[k] != want[k] {
					t.Fatalf("%s n=%d: Select(xs, %d) puts %d there, want %d",
						name, n, k, got[k], want[k])
				}
				if m := slices.Max(got[:k+1]); m != got[k] {
					t.Fatalf("%s n=%d k=%d: %d before xs[k] = %d", name, n, k, m, got[k])
				}
				if m := slices.Min(got[k:]); m != got[k] {
					t.Fatalf("%s n=%d k=%d: %d after xs[k] = %d", name, n, k, m, got[k])
				}
			}
		}
	}
}

func fill(n int, f func(i int) int64) []int64 {
	xs := make([]int64, n)
	for i := range xs {
		xs[i] = f(i)
	}
	return xs
}

func TestMiddle(t *testing.T) {
	tests := []struct {
		xs     []int64
		lo, hi int64
	}{
		{[]int64{4}, 4, 4},
		{[]int64{9, 1}, 1, 9},
		{[]int64{3, 1, 2}, 2, 2},
		{[]int64{5, 1, 4, 2}, 2, 4}, // sorted 1 2 4 5
		{[]int64{7, 7, 7, 7}, 7, 7},
	}
	for _, tt := range tests {
		lo, hi := Middle(slices.Clone(tt.xs))
		if lo != tt.lo || hi != tt.hi {
			t.Errorf("Middle(%v) = %d, %d, want %d, %d", tt.xs, lo, hi, tt.lo, tt.hi)
		}
	}
}
