package hubspot_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/salespilot/sales/hubspot"
)

// The fuzz tests hold every property parser to two promises: no input
// makes it panic, and what it accepts round-trips: written back in the
// canonical form, it reads as the same value.

var numberSeeds = []string{"", "0", "1500", "1500.00", "-3", "1.5e3", "0.2", "12,5", "NaN",
	"1e999999999", "+7", "--1", ".5", "5.", "e", "0.200000000000000011102230246251565404236316680908203125"}

func FuzzParseNumber(f *testing.F) {
	for _, s := range numberSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok, err := hubspot.ParseNumber(s)
		if err != nil || !ok {
			return
		}
		back, ok2, err2 := hubspot.ParseNumber(d.String())
		if err2 != nil || !ok2 || !back.Equal(d) {
			t.Errorf("ParseNumber(%q) = %s, which reads back as %s, %v", s, d, back, err2)
		}
	})
}

func FuzzParseBool(f *testing.F) {
	for _, s := range []string{"", "true", "false", "TRUE", " false ", "yes", "1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, ok, err := hubspot.ParseBool(s)
		if err != nil || !ok {
			return
		}
		if back, _, _ := hubspot.ParseBool(strconv.FormatBool(b)); back != b {
			t.Errorf("ParseBool(%q) = %v, which does not read back", s, b)
		}
	})
}

func FuzzParseProbability(f *testing.F) {
	for _, s := range numberSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok, err := hubspot.ParseProbability(s)
		if err != nil || !ok {
			return
		}
		if p < 0 || p > 1 {
			t.Fatalf("ParseProbability(%q) = %v, outside [0, 1]", s, p)
		}
		back, _, err := hubspot.ParseProbability(strconv.FormatFloat(p, 'g', -1, 64))
		if err != nil || back != p {
			t.Errorf("ParseProbability(%q) = %v, which reads back as %v, %v", s, p, back, err)
		}
	})
}

func FuzzParseMillis(f *testing.F) {
	for _, s := range append(numberSeeds, "3600000", "9223372036854.775807", "0.0000001") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok, err := hubspot.ParseMillis(s)
		if err != nil || !ok {
			return
		}
		if d < 0 {
			t.Fatalf("ParseMillis(%q) = %v, negative", s, d)
		}
		ms := fmt.Sprintf("%d.%06d", d/time.Millisecond, d%time.Millisecond)
		back, _, err := hubspot.ParseMillis(ms)
		if err != nil || back != d {
			t.Errorf("ParseMillis(%q) = %v, which reads back (as %s) as %v, %v", s, d, ms, back, err)
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"", "0", "2025-09-01", "2025-09-01T14:03:11.123Z",
		"2025-09-01T14:03:11Z", "2025-09-01T14:03:11+02:00", "1756735391123", "2025-02-30",
		"2025-09-01T14:03:11", "99999999999999999999", "1899-12-31", "2025-09-01 14:03"} {
		f.Add(s)
	}
	loc := mustLoadT(f, "America/Phoenix")
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := hubspot.ParseTimeValue(s, loc)
		if err != nil || tm.IsZero() {
			return
		}
		forms := []string{tm.Format(time.RFC3339Nano)}
		if tm.UnixMilli() != 0 {
			forms = append(forms, strconv.FormatInt(tm.UnixMilli(), 10))
		}
		for _, form := range forms {
			back, err := hubspot.ParseTimeValue(form, loc)
			want := tm
			if form != tm.Format(time.RFC3339Nano) {
				want = time.UnixMilli(tm.UnixMilli())
			}
			if err != nil || !back.Equal(want) {
				t.Errorf("ParseTime(%q) = %v; its form %q reads back as %v, %v", s, tm, form, back, err)
			}
		}
	})
}

func mustLoadT(tb testing.TB, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}
