package days

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	const h = time.Hour
	tests := []struct {
		name                        string
		in                          []time.Duration
		count                       int
		mean, median, p90, min, max float64
	}{
		{"empty", nil, 0, 0, 0, 0, 0, 0},
		{"one", []time.Duration{36 * h}, 1, 1.5, 1.5, 1.5, 1.5, 1.5},
		// Sorted: 1 2 6 days; mean 3; median 2; p90 rank ⌈2.7⌉ = 3.
		{"odd", []time.Duration{144 * h, 24 * h, 48 * h}, 3, 3, 2, 6, 1, 6},
		// Sorted: 0.5 3 9 10 24 61; mean 107.5/6; median (9+10)/2;
		// p90 rank ⌈5.4⌉ = 6.
		{"even", []time.Duration{240 * h, 72 * h, 576 * h, 216 * h, 12 * h, 1464 * h},
			6, 107.5 / 6, 9.5, 61, 0.5, 61},
		// Ten values 1..10 days: p90 rank ⌈9⌉ = 9, the 9th value.
		{"ten", []time.Duration{24 * h, 48 * h, 72 * h, 96 * h, 120 * h, 144 * h, 168 * h,
			192 * h, 216 * h, 240 * h}, 10, 5.5, 5.5, 9, 1, 10},
		// Negative durations summarise like any other.
		{"negative", []time.Duration{-48 * h, 24 * h}, 2, -0.5, -0.5, 1, -2, 1},
	}
	for _, tt := range tests {
		got := Summarize(tt.in)
		want := Summary{tt.count, tt.mean, tt.median, tt.p90, tt.min, tt.max}
		if !near(got, want) {
			t.Errorf("Summarize(%s) = %+v, want %+v", tt.name, got, want)
		}
	}
}

func near(a, b Summary) bool {
	eq := func(x, y float64) bool { return math.Abs(x-y) < 1e-12 }
	return a.Count == b.Count && eq(a.Mean, b.Mean) && eq(a.Median, b.Median) &&
		eq(a.P90, b.P90) && eq(a.Min, b.Min) && eq(a.Max, b.Max)
}

// TestSummarize_noOverflow: a thousand stays of 200 years each add up far
// past the 292 years a time.Duration holds; the mean is still 200 years.
func TestSummarize_noOverflow(t *testing.T) {
	const stay = 200 * 365 * 24 * time.Hour
	in := make([]time.Duration, 1000)
	for i := range in {
		in[i] = stay
	}
	got := Summarize(in)
	if want := Of(stay); got.Mean != want {
		t.Errorf("Summarize(1000 × 200 years).Mean = %v days, want %v", got.Mean, want)
	}
}

func TestNearestRank(t *testing.T) {
	tests := []struct{ n, pct, want int }{
		{0, 90, 0}, {1, 90, 1}, {2, 90, 2}, {9, 90, 9}, {10, 90, 9}, {11, 90, 10},
		{100, 90, 90}, {101, 90, 91}, {4, 50, 2}, {5, 50, 3}, {3, 0, 1},
	}
	for _, tt := range tests {
		if got := NearestRank(tt.n, tt.pct); got != tt.want {
			t.Errorf("NearestRank(%d, %d) = %d, want %d", tt.n, tt.pct, got, tt.want)
		}
	}
}

func TestFromMillis(t *testing.T) {
	if got := FromMillis(36 * 3600 * 1000); got != 1.5 {
		t.Errorf("FromMillis(36 h) = %v, want 1.5", got)
	}
}

// TestSummarize_sortOracle: on random durations of every count up to 300,
// Summarize's order statistics are exactly those read off a sorted copy.
func TestSummarize_sortOracle(t *testing.T) {
	const seed = 11
	t.Logf("seed %d", seed)
	rnd := rand.New(rand.NewPCG(seed, 2))
	for n := 1; n <= 300; n++ {
		in := make([]time.Duration, n)
		for i := range in {
			in[i] = time.Duration(rnd.Int64N(int64(400*24*time.Hour))) - 5*24*time.Hour
			if n%3 == 0 {
				in[i] = in[i].Truncate(7 * 24 * time.Hour) // many equal values
			}
		}
		sorted := slices.Sorted(slices.Values(in))
		want := Summary{Count: n, Min: Of(sorted[0]), Max: Of(sorted[n-1]),
			P90: Of(sorted[NearestRank(n, 90)-1]), Median: Of(sorted[n/2])}
		if n%2 == 0 {
			want.Median = (Of(sorted[n/2-1]) + Of(sorted[n/2])) / 2
		}
		want.Mean = min(max(meanDays(sorted), want.Min), want.Max)
		if got := Summarize(in); got != want {
			t.Fatalf("Summarize(%d random durations) = %+v, want %+v", n, got, want)
		}
	}
}
