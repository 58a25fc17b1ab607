package sales

import (
	"bytes"
	"encoding/csv"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"
)

const valuesSeed = 20261204

func valuesProperties(t *testing.T) *gopter.Properties {
	params := gopter.DefaultTestParametersWithSeed(valuesSeed)
	params.MinSuccessfulTests = 2000
	t.Logf("gopter seed %d", params.Seed())
	return gopter.NewProperties(params)
}

var zoneSamples = func() []*time.Location {
	out := []*time.Location{time.UTC, time.FixedZone("", -90*60),
		time.FixedZone("LMT", 9*60+21)}
	for _, name := range []string{"America/New_York", "Europe/Paris", "Asia/Kolkata",
		"Australia/Lord_Howe", "America/St_Johns", "Pacific/Kiritimati"} {
		if loc, err := time.LoadLocation(name); err == nil {
			out = append(out, loc)
		}
	}
	return out
}()

// TestAppendTime_property: appendTime writes what time.RFC3339Nano does,
// but in UTC for an offset with seconds, and parseRFC3339 reads it back
// to the same instant.
func TestAppendTime_property(t *testing.T) {
	props := valuesProperties(t)
	lo := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC).Unix()
	props.Property("appendTime matches Format and parses back", prop.ForAll(
		func(sec int64, nsec int64, z int) bool {
			tm := time.Unix(sec, nsec).In(zoneSamples[z])
			var zc zoneCache
			b, err := appendTime(nil, tm, &zc)
			if err != nil {
				t.Logf("appendTime(%v) = %v", tm, err)
				return false
			}
			want := tm
			if _, off := tm.Zone(); off%60 != 0 {
				want = tm.UTC()
			}
			if string(b) != want.Format(time.RFC3339Nano) {
				t.Logf("appendTime(%v) = %s, want %s", tm, b, want.Format(time.RFC3339Nano))
				return false
			}
			var dc dateCache
			s, ns, _, ok := dc.parseRFC3339(b)
			if !ok || !time.Unix(s, ns).Equal(tm) {
				t.Logf("parseRFC3339(%s) = %v, %v, want %v", b, time.Unix(s, ns), ok, tm)
				return false
			}
			return true
		},
		gen.Int64Range(lo, hi), gen.Int64Range(0, 999_999_999), gen.IntRange(0, len(zoneSamples)-1),
	))
	props.TestingRun(t)
}

func TestAppendTime(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Time{}, ""},
		{time.Date(2026, 3, 8, 1, 30, 0, 0, ny), "2026-03-08T01:30:00-05:00"},
		{time.Date(2026, 3, 8, 3, 30, 0, 0, ny), "2026-03-08T03:30:00-04:00"}, // after the jump
		{time.Date(2026, 11, 1, 1, 30, 0, 0, ny).Add(time.Hour), "2026-11-01T01:30:00-05:00"},
		{time.Date(2024, 2, 29, 23, 59, 59, 500, time.UTC), "2024-02-29T23:59:59.0000005Z"},
		{time.Date(1850, 1, 1, 12, 0, 0, 0, ny), "1850-01-01T16:56:02Z"}, // local mean time
		{time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), "0000-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		var zc zoneCache
		got, err := appendTime(nil, tt.in, &zc)
		if string(got) != tt.want || err != nil {
			t.Errorf("appendTime(%v) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
	var zc zoneCache
	for _, y := range []int{-1, 10000} {
		in := time.Date(y, 6, 1, 0, 0, 0, 0, time.UTC)
		if _, err := appendTime(nil, in, &zc); err == nil {
			t.Errorf("appendTime(year %d) = nil error, want one", y)
		}
	}
}

func TestParseRFC3339(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		want   time.Time // in UTC
		offset int
	}{
		{"2026-03-08T01:30:00-05:00", true, time.Date(2026, 3, 8, 6, 30, 0, 0, time.UTC), -5 * 3600},
		{"2026-03-08T01:30:00.5+05:30", true,
			time.Date(2026, 3, 7, 20, 0, 0, 5e8, time.UTC), 5*3600 + 1800},
		{"2024-02-29T00:00:00Z", true, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), 0},
		{"2023-02-29T00:00:00Z", false, time.Time{}, 0},  // no such day
		{"2026-13-01T00:00:00Z", false, time.Time{}, 0},  // no such month
		{"2026-01-01T24:00:00Z", false, time.Time{}, 0},  // no such hour
		{"2026-01-01T00:00:60Z", false, time.Time{}, 0},  // leap second
		{"2026-01-01 00:00:00Z", false, time.Time{}, 0},  // a space
		{"2026-01-01T00:00:00", false, time.Time{}, 0},   // no offset
		{"2026-01-01T00:00:00.Z", false, time.Time{}, 0}, // no fraction digit
		{"2026-01-01T00:00:00+24:00", false, time.Time{}, 0},
		{"2026-01-01T00:00:00.1234567891Z", false, time.Time{}, 0}, // ten digits
	}
	for _, tt := range tests {
		var dc dateCache
		sec, ns, off, ok := dc.parseRFC3339([]byte(tt.in))
		got := time.Unix(sec, ns).UTC()
		if ok != tt.ok || (ok && (!got.Equal(tt.want) || off != tt.offset)) {
			t.Errorf("parseRFC3339(%q) = %v, %d, %v, want %v, %d, %v", tt.in, got, off, ok,
				tt.want, tt.offset, tt.ok)
		}
	}
}

// TestDecimal_property: appendDecimal writes what String does, and
// parseDecimal reads it back to an equal value.
func TestDecimal_property(t *testing.T) {
	props := valuesProperties(t)
	props.Property("appendDecimal is String, and parses back", prop.ForAll(
		func(coef int64, exp int, big bool) bool {
			d := decimal.New(coef, int32(exp))
			if big {
				d = d.Mul(decimal.New(coef, 0)).Mul(decimal.New(coef, 0))
			}
			got := string(appendDecimal(nil, d))
			if got != d.String() {
				t.Logf("appendDecimal(%s) = %s", d.String(), got)
				return false
			}
			back, ok := parseDecimal([]byte(got))
			if !ok || !back.Equal(d) || back.String() != d.String() {
				t.Logf("parseDecimal(%s) = %s, %v", got, back, ok)
				return false
			}
			return true
		},
		gen.Int64(), gen.IntRange(-30, 12), gen.Bool(),
	))
	props.TestingRun(t)
}

func TestParseDecimal(t *testing.T) {
	huge, _ := new(big.Int).SetString("-1234567890123456789012345", 10)
	tests := []struct {
		in   string
		ok   bool
		want decimal.Decimal
	}{
		{"1250.5", true, decimal.New(12505, -1)},
		{"-3", true, decimal.New(-3, 0)},
		{"+3.0", true, decimal.New(30, -1)},
		{"0", true, decimal.Zero},
		{".5", true, decimal.New(5, -1)},
		{"5.", true, decimal.New(5, 0)},
		{"-12345678901234567890.12345", true, decimal.NewFromBigInt(huge, -5)},
		{"", false, decimal.Decimal{}},
		{"-", false, decimal.Decimal{}},
		{".", false, decimal.Decimal{}},
		{"1e3", false, decimal.Decimal{}},
		{"1.2.3", false, decimal.Decimal{}},
		{"1,5", false, decimal.Decimal{}},
		{" 1", false, decimal.Decimal{}},
		{"NaN", false, decimal.Decimal{}},
	}
	for _, tt := range tests {
		got, ok := parseDecimal([]byte(tt.in))
		if ok != tt.ok || (ok && !got.Equal(tt.want)) {
			t.Errorf("parseDecimal(%q) = %s, %v, want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseEnum(t *testing.T) {
	tests := []struct {
		in   string
		want StageKind
		ok   bool
	}{
		{"", 0, true}, {"open", StageOpen, true}, {"lost", StageLost, true},
		{"stage_kind(9)", 9, true}, {"stage_kind(0)", 0, true}, {"Open", 0, false},
		{"stage_kind(300)", 0, false}, {"deal_type(1)", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseEnum[StageKind](stageKindNames, []byte(tt.in), "stage kind")
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseEnum(%q) = %d, %v, want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for k := range StageKind(12) {
		b := appendEnum(nil, stageKindNames, k, "stage_kind")
		back, ok := parseEnum[StageKind](stageKindNames, b, "stage kind")
		if text, _ := k.MarshalText(); string(b) != string(text) || !ok || back != k {
			t.Errorf("appendEnum(%d) = %q (MarshalText %q), parsed back %d, %v", k, b, text,
				back, ok)
		}
	}
}

// splitAll splits text into records of n fields, as ReadTables does.
func splitAll(text []byte, n int) ([][]string, error) {
	var c csvRows
	c.reset(text, n, 2)
	var out [][]string
	for {
		ok, err := c.split()
		if !ok {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		rec := make([]string, n)
		for i, f := range c.fields {
			rec[i] = string(f)
		}
		out = append(out, rec)
	}
}

func TestCSVRows_split(t *testing.T) {
	tests := []struct {
		in   string
		want [][]string
		err  string
	}{
		{"a,b,c\n", [][]string{{"a", "b", "c"}}, ""},
		{"a,b,c", [][]string{{"a", "b", "c"}}, ""},
		{",,\n,,\n", [][]string{{"", "", ""}, {"", "", ""}}, ""},
		{"a,b,c\r\nd,e,f\r\n", [][]string{{"a", "b", "c"}, {"d", "e", "f"}}, ""},
		{`"a,1","b""2","c` + "\n3\"\n", [][]string{{"a,1", `b"2`, "c\n3"}}, ""},
		{`"",x,""` + "\n", [][]string{{"", "x", ""}}, ""},
		{"\"a\r\nb\",x,y\r\n", [][]string{{"a\r\nb", "x", "y"}}, ""},
		{"a,b\n", nil, "2 fields, want 3"},
		{"a,b,c,d\n", nil, "4 fields, want 3"},
		{"\n", nil, "an empty line"},
		{`a,b"c,d` + "\n", nil, "a quote in an unquoted field"},
		{`a,"b,c` + "\n", nil, "not closed"},
		{`a,"b"c,d` + "\n", nil, "after a quoted field"},
		{"é,漢字,🙂\n", [][]string{{"é", "漢字", "🙂"}}, ""},
	}
	for _, tt := range tests {
		got, err := splitAll([]byte(tt.in), 3)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("split(%q) = %v, want an error containing %q", tt.in, err, tt.err)
		case tt.err == "" && (err != nil || !equalRecords(got, tt.want)):
			t.Errorf("split(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
}

func equalRecords(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") {
			return false
		}
	}
	return true
}

// FuzzCSVRows splits any text: it must not panic; what it accepts writes
// back (appendField) to text that splits to the same records; and
// lastRowEnd counts the records the splitter finds. Where encoding/csv
// reads the text too, both give the same fields, but for the line breaks
// encoding/csv rewrites inside quotes.
func FuzzCSVRows(f *testing.F) {
	for _, s := range []string{"a,b,c\n", `"a,1","b""2","c` + "\n3\"\n", "a,b\n", "\n\n",
		"\"a\r\nb\",x,y\r\n", `a,b"c,d`, "x,y,z\r\nu,v,w", "\"\"\"\",,\n"} {
		f.Add([]byte(s), uint8(3))
	}
	f.Fuzz(func(t *testing.T, text []byte, n uint8) {
		cols := int(n%5) + 1
		recs, err := splitAll(text, cols)
		if err != nil {
			return
		}
		var again []byte
		for _, r := range recs {
			for i, f := range r {
				if i > 0 {
					again = append(again, ',')
				}
				again = appendField(again, f)
			}
			again = append(again, '\n')
		}
		back, err := splitAll(again, cols)
		if err != nil || !equalRecords(back, recs) {
			t.Fatalf("split(%q) = %q, which writes as %q and splits to %q, %v", text, recs,
				again, back, err)
		}
		if end, rows, _ := lastRowEnd(text); bytes.HasSuffix(text, []byte{'\n'}) &&
			(end != len(text)-1 || rows != len(recs)) {
			t.Fatalf("lastRowEnd(%q) = %d, %d rows, want %d, %d", text, end, rows,
				len(text)-1, len(recs))
		}
		r := csv.NewReader(bytes.NewReader(text))
		r.FieldsPerRecord = cols
		theirs, err := r.ReadAll()
		if err != nil || bytes.Contains(text, []byte{'\r'}) || len(theirs) != len(recs) {
			return // encoding/csv differs on empty lines, CRs and its own errors
		}
		if !equalRecords(theirs, recs) {
			t.Fatalf("split(%q) = %q, encoding/csv reads %q", text, recs, theirs)
		}
	})
}
