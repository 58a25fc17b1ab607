package sales

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/leanovate/gopter/prop"
)

func TestInstantOf(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, time.March, 29, 1, 30, 0, 123, time.UTC)
	tests := []struct {
		name string
		t    time.Time
		want Instant
	}{
		{"zero", time.Time{}, NoInstant},
		{"zero in a location", time.Time{}.In(paris), NoInstant},
		{"epoch", time.Unix(0, 0), 0},
		{"a nanosecond before the epoch", time.Unix(0, -1), -1},
		// 2026-03-29T01:30:00.000000123Z is 1774747800 s and 123 ns.
		{"an instant", at, 1774747800_000000123},
		{"the same instant in Paris", at.In(paris), 1774747800_000000123},
		{"before 1678", time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC), MinInstant},
		{"year 1, not the zero time", time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), MinInstant},
		{"after 2262", time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), MaxInstant},
		{"the last second before the clamp",
			time.Unix(clampSeconds, 999_999_999), Instant(clampSeconds*1e9 + 999_999_999)},
		{"the first second after it", time.Unix(clampSeconds+1, 0), MaxInstant},
	}
	for _, tt := range tests {
		if got := InstantOf(tt.t); got != tt.want {
			t.Errorf("InstantOf(%s) = %d, want %d", tt.name, got, tt.want)
		}
	}
	if got := InstantOf(at).Time(); !got.Equal(at) {
		t.Errorf("InstantOf(%v).Time() = %v, want the same instant", at, got)
	}
	if got := NoInstant.Time(); !got.IsZero() {
		t.Errorf("NoInstant.Time() = %v, want the zero time", got)
	}
	if !NoInstant.IsZero() || Instant(0).IsZero() {
		t.Errorf("IsZero is true for NoInstant only")
	}
}

func TestInstant_Sub(t *testing.T) {
	tests := []struct {
		i, j Instant
		want time.Duration
	}{
		{10, 3, 7},
		{3, 10, -7},
		{MaxInstant, MinInstant, math.MaxInt64}, // saturates, as time.Time.Sub does
		{MinInstant, MaxInstant, math.MinInt64},
		{MaxInstant, -1, math.MaxInt64},
		{0, MinInstant, math.MaxInt64},
		{MinInstant, 1, math.MinInt64},
	}
	for _, tt := range tests {
		if got := tt.i.Sub(tt.j); got != tt.want {
			t.Errorf("Instant(%d).Sub(%d) = %d, want %d", tt.i, tt.j, got, tt.want)
		}
	}
}

// TestInstant_agreesWithTime: within the span instants hold exactly,
// comparing and subtracting Instants gives what time.Time's methods give.
func TestInstant_agreesWithTime(t *testing.T) {
	properties := periodProperties(t)
	properties.Property("Instants compare and subtract as the times do", prop.ForAll(
		func(pc periodCase) string {
			_, _, p := pc.build()
			probes := append(pc.probes(p), p.Start, p.End)
			for _, a := range probes {
				for _, b := range probes {
					x, y := InstantOf(a), InstantOf(b)
					if (x < y) != a.Before(b) || (x == y) != a.Equal(b) || x.Sub(y) != a.Sub(b) {
						return fmt.Sprintf("%v and %v: instants %d and %d", a, b, x, y)
					}
				}
				if SpanOf(p).Contains(InstantOf(a)) != p.Contains(a) {
					return fmt.Sprintf("SpanOf(%v).Contains(%v) differs from Period.Contains", p, a)
				}
			}
			return ""
		}, genPeriodCase()))
	properties.TestingRun(t)
}

// TestBounds_IndexProperty: Bounds.Index finds the bucket Buckets.Index
// finds, for instants in, before and after the period.
func TestBounds_IndexProperty(t *testing.T) {
	properties := periodProperties(t)
	properties.Property("Bounds.Index agrees with Buckets.Index", prop.ForAll(
		func(pc periodCase) string {
			c, u, p := pc.build()
			b := c.Buckets(u, p)
			bounds := b.Bounds()
			if bounds.Len() != b.Len() {
				return fmt.Sprintf("Bounds().Len() = %d, want %d", bounds.Len(), b.Len())
			}
			probes := append(pc.probes(p), p.Start, p.End, p.Start.Add(-1), p.End.Add(-1),
				p.End.Add(time.Hour), time.Time{})
			for k := range b.Len() {
				probes = append(probes, b.Period(k).Start, b.Period(k).End.Add(-1))
			}
			for _, at := range probes {
				if got, want := bounds.Index(InstantOf(at)), b.Index(at); got != want {
					return fmt.Sprintf("Bounds.Index(%v) = %d, want %d", at, got, want)
				}
			}
			return ""
		}, genPeriodCase()))
	properties.TestingRun(t)
}

func TestBounds_empty(t *testing.T) {
	var zero Buckets
	if got := zero.Bounds().Index(0); got != -1 {
		t.Errorf("Buckets{}.Bounds().Index(0) = %d, want -1", got)
	}
	if got := (Bounds{}).Len(); got != 0 {
		t.Errorf("Bounds{}.Len() = %d, want 0", got)
	}
	// Buckets past 2262 clamp to one instant: nothing falls in them.
	far := Year(2300, time.UTC)
	if got := (Calendar{}).Buckets(UnitMonth, far).Bounds().Index(MaxInstant); got != -1 {
		t.Errorf("Bounds of 2300 by month: Index(MaxInstant) = %d, want -1", got)
	}
}
