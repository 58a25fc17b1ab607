package sales

import (
	"math"
	"time"
)

// Instant is an instant as a count of nanoseconds since 1970-01-01 UTC:
// the form in which a Dataset's columns keep times, so that reports
// compare and subtract them as integers rather than through time.Time's
// methods. NoInstant stands for the zero time.Time, which records use for
// "no date".
//
// An int64 of nanoseconds spans the years 1678 to 2262. Instants outside
// that span are clamped to MinInstant and MaxInstant; see InstantOf.
type Instant int64

// Special instants.
const (
	// NoInstant is the zero time.Time: no date. It orders before every
	// other Instant.
	NoInstant Instant = math.MinInt64
	// MinInstant stands for every time before about 1678-09-18.
	MinInstant Instant = math.MinInt64 + 1
	// MaxInstant stands for every time after about 2262-04-10.
	MaxInstant Instant = math.MaxInt64
)

// clampSeconds bounds the Unix seconds whose nanoseconds fit in an int64
// with a second to spare on either side, so that no exact instant equals
// MinInstant or MaxInstant.
const clampSeconds = math.MaxInt64/1_000_000_000 - 1

// InstantOf returns t as an Instant: NoInstant for the zero time, t's Unix
// nanoseconds for a time between the years 1678 and 2262, and MinInstant
// or MaxInstant for a time before or after them.
//
// Comparisons of instants agree with time.Time's whenever one of the two
// lies within that span, which every date a CRM holds and every period a
// report is asked about does. Two times both beyond the same end compare
// as equal.
func InstantOf(t time.Time) Instant {
	if t.IsZero() {
		return NoInstant
	}
	switch s := t.Unix(); {
	case s < -clampSeconds:
		return MinInstant
	case s > clampSeconds:
		return MaxInstant
	}
	return Instant(t.UnixNano())
}

// IsZero reports whether i is NoInstant, the zero time.
func (i Instant) IsZero() bool { return i == NoInstant }

// Clamped reports whether i is MinInstant or MaxInstant: a time outside
// the span an Instant holds exactly, such as a placeholder date of
// 9999-12-31. Reports that measure a duration or count days from such a
// time read it from the record instead.
func (i Instant) Clamped() bool { return i == MinInstant || i == MaxInstant }

// Time returns i as a time.Time in UTC, the zero time for NoInstant. A
// clamped instant gives the edge of the span it was clamped to.
func (i Instant) Time() time.Time {
	if i == NoInstant {
		return time.Time{}
	}
	return time.Unix(0, int64(i)).UTC()
}

// Sub returns i − j as a time.Duration, saturating at the smallest and
// largest Durations as time.Time.Sub does. Neither instant may be
// NoInstant; for instants within 1678–2262 the result is time.Time.Sub's.
func (i Instant) Sub(j Instant) time.Duration {
	d := int64(i) - int64(j)
	switch {
	case j < 0 && i > 0 && d < 0: // overflow above
		return math.MaxInt64
	case j > 0 && i < 0 && d > 0: // overflow below
		return math.MinInt64
	}
	return time.Duration(d)
}

// Span is a Period as Instants: the half-open span [Start, End).
type Span struct {
	Start, End Instant
}

// SpanOf returns p as a Span.
func SpanOf(p Period) Span { return Span{Start: InstantOf(p.Start), End: InstantOf(p.End)} }

// Contains reports whether t lies in [s.Start, s.End), as Period.Contains
// does for the times the instants stand for.
func (s Span) Contains(t Instant) bool { return t >= s.Start && t < s.End }

// Bounds are the boundaries of a Buckets as Instants, for finding the
// bucket of many instants fast: Index compares integers, and starts from
// a guess that is right, or one bucket off, for buckets of nearly equal
// length such as days, weeks and months. The zero Bounds has no buckets.
type Bounds struct {
	at    []Instant // bucket k is [at[k], at[k+1])
	scale float64   // buckets per nanosecond, on average
}

// Bounds returns the boundaries of b as Instants; it allocates one slice
// of Len()+1 instants, and none for empty buckets.
func (b Buckets) Bounds() Bounds {
	n := b.Len()
	if n == 0 {
		return Bounds{}
	}
	at := make([]Instant, n+1)
	for k, t := range b.bounds {
		at[k] = InstantOf(t)
	}
	return Bounds{at: at, scale: float64(n) / (float64(at[n]) - float64(at[0]))}
}

// Len returns the number of buckets.
func (b Bounds) Len() int { return max(len(b.at)-1, 0) }

// Start returns the start of bucket k, for k in 0..Len(); Start(Len()) is
// the end of the last bucket.
func (b Bounds) Start(k int) Instant { return b.at[k] }

// Index returns the index of the bucket that holds t, or -1 when t is
// outside the cut period, as Buckets.Index does. It allocates nothing.
func (b Bounds) Index(t Instant) int {
	n := len(b.at) - 1
	if n <= 0 || t < b.at[0] || t >= b.at[n] {
		return -1
	}
	k := min(max(int((float64(t)-float64(b.at[0]))*b.scale), 0), n-1)
	for t < b.at[k] {
		k--
	}
	for t >= b.at[k+1] {
		k++
	}
	return k
}
