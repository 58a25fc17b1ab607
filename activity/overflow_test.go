package activity

import (
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/salespilot/sales"
)

// year is 365 days: 200 years fit in a time.Duration, 400 do not.
const year = 365 * 24 * time.Hour

// TestMeanDuration_beyondDuration checks that a sum past what a
// time.Duration holds neither wraps nor loses the mean.
func TestMeanDuration_beyondDuration(t *testing.T) {
	var m MeanDuration
	for range 3 {
		m.Add(200 * year)
	}
	if v, ok := m.Value(); !ok || v != 200*year || m.N != 3 {
		t.Errorf("mean of three 200-year durations = %v, %v over %d, want %v over 3", v, ok, m.N, 200*year)
	}
	if m.Sum != math.MaxInt64 {
		t.Errorf("Sum of 600 years = %v, want the largest Duration", m.Sum)
	}

	// Back within range, the sum is exact again and compares equal to
	// one that never left it.
	m.Add(-200 * year)
	m.Add(-200 * year)
	if want := (MeanDuration{Sum: 200 * year, N: 5}); m != want {
		t.Errorf("600 years − 400 years = %+v, want %+v", m, want)
	}

	// 2^63 + 2 over 2 is 2^62 + 1.
	var odd MeanDuration
	odd.Add(math.MaxInt64)
	odd.Add(3)
	if v, _ := odd.Value(); v != 1<<62+1 {
		t.Errorf("(MaxInt64 + 3) / 2 = %d, want %d", v, int64(1<<62+1))
	}

	var neg MeanDuration
	for range 3 {
		neg.Add(-200 * year)
	}
	if v, _ := neg.Value(); v != -200*year || neg.Sum != math.MinInt64 {
		t.Errorf("mean of three −200-year durations = %v (sum %v), want %v", v, neg.Sum, -200*year)
	}
	var least MeanDuration
	least.Add(math.MinInt64)
	if v, _ := least.Value(); v != math.MinInt64 {
		t.Errorf("mean of the smallest Duration = %d, want %d", v, int64(math.MinInt64))
	}

	// Merged halves equal the whole, past the bound too.
	var a, b MeanDuration
	a.Add(200 * year)
	a.Add(200 * year)
	b.Add(200 * year)
	a.Merge(b)
	var whole MeanDuration
	for range 3 {
		whole.Add(200 * year)
	}
	if a != whole {
		t.Errorf("merged halves %+v, want the whole %+v", a, whole)
	}
}

// TestMeanDuration_JSON checks that a mean reads back from its JSON
// unchanged, past the bound of a Duration too, and that a sum within it
// writes no exact_sum.
func TestMeanDuration_JSON(t *testing.T) {
	var big MeanDuration
	for range 3 {
		big.Add(200 * year)
	}
	var small MeanDuration
	small.Add(30 * time.Minute)
	for _, m := range []MeanDuration{{}, small, big} {
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("Marshal(%+v): %v", m, err)
		}
		var back MeanDuration
		if err := json.Unmarshal(b, &back); err != nil || back != m {
			t.Errorf("Unmarshal(%s) = %+v, %v, want %+v", b, back, err, m)
		}
		if wide := strings.Contains(string(b), "exact_sum"); wide != (m == big) {
			t.Errorf("Marshal(%+v) = %s: exact_sum written %v, want %v", m, b, wide, m == big)
		}
	}
	if b, _ := json.Marshal(small); string(b) != `{"sum":1800000000000,"n":1,"value":1800000000000}` {
		t.Errorf("Marshal(30m) = %s", b)
	}
	var bad MeanDuration
	if err := json.Unmarshal([]byte(`{"sum":0,"n":1,"exact_sum":"x"}`), &bad); err == nil {
		t.Errorf("Unmarshal of exact_sum \"x\" succeeded, want an error")
	}
}

// TestMeanDuration_property checks Value against an exact big-integer
// mean over any durations, whether the sum fits in a Duration or not, and
// that merged halves equal the whole.
func TestMeanDuration_property(t *testing.T) {
	params := gopter.DefaultTestParametersWithSeed(propertySeed)
	params.MinSuccessfulTests = 500
	t.Logf("gopter seed %d", params.Seed())
	props := gopter.NewProperties(params)
	anyDuration := gen.OneGenOf(gen.Int64(), gen.Int64Range(math.MaxInt64-1000, math.MaxInt64),
		gen.Int64Range(math.MinInt64, math.MinInt64+1000), gen.Int64Range(-1e15, 1e15))
	props.Property("Value is the exact rounded mean; halves merge into the whole", prop.ForAll(
		func(ds []int64, cut int) bool {
			var whole, a, b MeanDuration
			sum := new(big.Int)
			for i, d := range ds {
				whole.Add(time.Duration(d))
				if i < cut {
					a.Add(time.Duration(d))
				} else {
					b.Add(time.Duration(d))
				}
				sum.Add(sum, big.NewInt(d))
			}
			a.Merge(b)
			if a != whole {
				t.Logf("%v cut at %d: merged %+v, whole %+v", ds, cut, a, whole)
				return false
			}
			v, ok := whole.Value()
			if len(ds) == 0 {
				return !ok
			}
			if want := roundedMean(sum, int64(len(ds))); !ok || v != want {
				t.Logf("%v: Value = %d, want %d", ds, v, want)
				return false
			}
			if fits := sum.IsInt64(); fits && int64(whole.Sum) != sum.Int64() ||
				!fits && whole.Sum != math.MaxInt64 && whole.Sum != math.MinInt64 {
				t.Logf("%v: Sum = %d, exact %s", ds, whole.Sum, sum)
				return false
			}
			return true
		},
		gen.SliceOf(anyDuration), gen.IntRange(0, 12)))
	props.TestingRun(t)
}

// roundedMean returns sum / n rounded to the nearest integer, halves away
// from zero.
func roundedMean(sum *big.Int, n int64) time.Duration {
	abs := new(big.Int).Abs(sum)
	q, r := new(big.Int).QuoRem(abs, big.NewInt(n), new(big.Int))
	if new(big.Int).Lsh(r, 1).Cmp(big.NewInt(n)) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if sum.Sign() < 0 {
		q.Neg(q)
	}
	return time.Duration(q.Int64())
}

// TestResponseTime_manyWaits checks R40 over a year of 30,000 new
// contacts, each called back four days after it came in: their waits add
// up to more than a time.Duration holds, and the mean is still four days.
func TestResponseTime_manyWaits(t *testing.T) {
	const n = 30_000
	recs := sales.Records{TimeZone: "America/New_York",
		Owners: []sales.Owner{{ID: "a", Name: "Ann"}}}
	start := time.Date(2024, time.January, 1, 9, 0, 0, 0, newYork)
	for i := range n {
		id := sales.ContactID("p" + itoa(i))
		created := start.Add(time.Duration(i) * 15 * time.Minute)
		recs.Contacts = append(recs.Contacts, sales.Contact{ID: id, Owner: "a", Created: created})
		recs.Activities = append(recs.Activities, sales.Activity{ID: sales.ActivityID("c" + itoa(i)),
			Type: sales.ActivityCall, Owner: "a", Time: created.Add(96 * time.Hour),
			Contacts: []sales.ContactID{id}})
	}
	year2024 := sales.Period{Start: start.AddDate(0, 0, -1), End: start.AddDate(1, 0, 0)}
	r, err := ResponseTime(sales.MustDataset(recs), year2024, year2024.End.AddDate(0, 1, 0),
		ResponseOptions{})
	if err != nil {
		t.Fatalf("ResponseTime: %v", err)
	}
	for _, row := range []RepResponse{r.Reps[0], r.Team} {
		v, ok := row.Mean.Value()
		if row.Reached != n || !ok || v != 96*time.Hour || row.Median == nil || *row.Median != 96*time.Hour {
			t.Errorf("ResponseTime %s: %d reached, mean %v, %v, median %v; want %d, 96h, 96h",
				row.Name, row.Reached, v, ok, row.Median, n)
		}
		if row.Mean.Sum != math.MaxInt64 {
			t.Errorf("ResponseTime %s: sum of the waits %v, want the largest Duration", row.Name, row.Mean.Sum)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestMeetingDurations_placeholderEnd checks that a meeting whose end is
// a placeholder far in the future does not turn the mean negative: its
// duration reads as the largest Duration, and the mean stays positive.
func TestMeetingDurations_placeholderEnd(t *testing.T) {
	recs := sales.Records{TimeZone: "America/New_York",
		Owners: []sales.Owner{{ID: "a", Name: "Ann"}},
		Activities: []sales.Activity{
			{ID: "m1", Type: sales.ActivityMeeting, Owner: "a", Time: mar(5, 10, 0),
				MeetingEnd:     time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC),
				MeetingOutcome: sales.MeetingCompleted},
			{ID: "m2", Type: sales.ActivityMeeting, Owner: "a", Time: mar(6, 10, 0),
				MeetingEnd: mar(6, 11, 0), MeetingOutcome: sales.MeetingCompleted},
		}}
	r, err := MeetingDurations(sales.MustDataset(recs), march)
	if err != nil {
		t.Fatalf("MeetingDurations: %v", err)
	}
	// (MaxInt64 + 1h) / 2 = MaxInt64/2 + 30m + ½ns, rounded up.
	want := time.Duration(math.MaxInt64/2) + 30*time.Minute + 1
	if v, ok := r.Team.Duration.Value(); !ok || v != want || r.Team.Held != 2 {
		t.Errorf("MeetingDurations team mean = %v, %v over %d held, want %v over 2", v, ok, r.Team.Held, want)
	}
}

// TestCallTimePerDay_beyondDuration checks that call time past what a
// time.Duration holds stops at the largest Duration, never negative, and
// that R05's mean per day stays exact.
func TestCallTimePerDay_beyondDuration(t *testing.T) {
	recs := sales.Records{TimeZone: "America/New_York",
		Owners: []sales.Owner{{ID: "a", Name: "Ann"}}}
	for d := 1; d <= 3; d++ {
		recs.Activities = append(recs.Activities, sales.Activity{ID: sales.ActivityID("c" + itoa(d)),
			Type: sales.ActivityCall, Owner: "a", Time: mar(d, 10, 0), Duration: 150 * year})
	}
	// Two more on March 3: that day alone passes the bound.
	for k := range 2 {
		recs.Activities = append(recs.Activities, sales.Activity{ID: sales.ActivityID("x" + itoa(k)),
			Type: sales.ActivityCall, Owner: "a", Time: mar(3, 11, 0), Duration: 150 * year})
	}
	r, err := CallTimePerDay(sales.MustDataset(recs), march)
	if err != nil {
		t.Fatalf("CallTimePerDay: %v", err)
	}
	ann := r.Reps[0]
	if ann.Days[0].Time != 150*year || ann.Days[2].Time != math.MaxInt64 ||
		ann.Total.Time != math.MaxInt64 || ann.Total.Calls != 5 || r.Team.Total.Time != math.MaxInt64 {
		t.Errorf("CallTimePerDay Ann: March 1 %v, March 3 %v, total %+v, team %+v; "+
			"want 150 years, then the largest Duration", ann.Days[0].Time, ann.Days[2].Time,
			ann.Total, r.Team.Total)
	}
	avg := r.Average()
	// (150y + 150y + the largest Duration) / 3 days: 100 years and a
	// third of the largest Duration, whose remainder of ⅓ns rounds down.
	want := 100*year + math.MaxInt64/3
	if v, ok := avg.Reps[0].PerDay.Value(); !ok || v != want || avg.Reps[0].PerDay.N != 3 {
		t.Errorf("AverageCallTimePerDay Ann = %v, %v over %d days, want %v over 3", v, ok,
			avg.Reps[0].PerDay.N, want)
	}
}
