package sales

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestTotal(t *testing.T) {
	tests := []struct {
		name string
		add  []string
		want string
	}{
		{"empty", nil, "0"},
		{"cents", []string{"10.25", "0.75", "-1"}, "10"},
		{"micros", []string{"0.000001", "0.000002"}, "0.000003"},
		{"beyond micros", []string{"0.0000001", "1"}, "1.0000001"},
		{"large", []string{"9000000000000", "9000000000000"}, "18000000000000"},
		{"overflow of int64 millionths", []string{"9223372036854", "1", "0.5"}, "9223372036855.5"},
		{"huge", []string{"1e30", "1"}, "1000000000000000000000000000001"},
		{"zero value decimal", []string{"0"}, "0"},
	}
	for _, tt := range tests {
		var tot Total
		for _, s := range tt.add {
			tot.Add(dec(s))
		}
		if got := tot.Decimal(); !got.Equal(dec(tt.want)) {
			t.Errorf("%s: Total of %v = %s, want %s", tt.name, tt.add, got, tt.want)
		}
	}
	var z Total
	z.Add(decimal.Decimal{})
	if !z.IsZero() {
		t.Errorf("Total of the zero Decimal is %s, want 0", z.Decimal())
	}
}

func TestTotal_noAllocation(t *testing.T) {
	d := dec("1234.56")
	var tot Total
	if n := testing.AllocsPerRun(100, func() { tot.Add(d) }); n != 0 {
		t.Errorf("Total.Add allocates %v times per call, want 0", n)
	}
}

// TestTotal_property checks Total against big.Rat, an independent oracle,
// on sums that cross the int64 fast path's limits.
func TestTotal_property(t *testing.T) {
	params := gopter.DefaultTestParametersWithSeed(20261204)
	t.Logf("gopter seed %d", params.Seed())
	amount := gopter.CombineGens(gen.Int64(), gen.IntRange(-9, 4)).Map(func(v []any) decimal.Decimal {
		return decimal.New(v[0].(int64), int32(v[1].(int)))
	})
	props := gopter.NewProperties(params)
	props.Property("Total equals the exact sum, and halves merge into it", prop.ForAll(
		func(xs []decimal.Decimal, cut int) bool {
			var whole, a, b Total
			sum := new(big.Rat)
			for i, x := range xs {
				whole.Add(x)
				if i < cut {
					a.Add(x)
				} else {
					b.Add(x)
				}
				sum.Add(sum, x.Rat())
			}
			a.AddTotal(b)
			return whole.Decimal().Rat().Cmp(sum) == 0 && a.Decimal().Equal(whole.Decimal())
		},
		gen.SliceOf(amount), gen.IntRange(0, 20)))
	props.TestingRun(t)
}

func TestTotal_JSON(t *testing.T) {
	tot := NewTotal(dec("12.50"))
	b, err := json.Marshal(tot)
	if err != nil || string(b) != `"12.5"` {
		t.Fatalf("json.Marshal(Total 12.50) = %s, %v, want \"12.5\"", b, err)
	}
	var back Total
	if err := json.Unmarshal(b, &back); err != nil || !back.Decimal().Equal(dec("12.5")) {
		t.Errorf("json.Unmarshal(%s) = %s, %v, want 12.5", b, back.Decimal(), err)
	}
}

func TestRates_Convert(t *testing.T) {
	r := Rates{Base: "USD", ToBase: map[Currency]decimal.Decimal{"EUR": dec("1.08"), "GBP": dec("1.25")}}
	tests := []struct {
		amount   string
		from, to Currency
		want     string
		fails    bool
	}{
		{"100", "USD", "USD", "100", false},
		{"100", "EUR", "USD", "108", false},
		{"100", "USD", "EUR", "92.59259259", false}, // 100 / 1.08, 8 places
		{"100", "EUR", "GBP", "86.4", false},        // 108 / 1.25
		{"100", "JPY", "USD", "", true},
		{"100", "USD", "JPY", "", true},
		{"5", "XYZ", "XYZ", "5", false}, // same currency needs no rate
	}
	for _, tt := range tests {
		got, err := r.Convert(dec(tt.amount), tt.from, tt.to)
		if tt.fails {
			var ce *CurrencyError
			if err == nil || !asCurrencyError(err, &ce) || ce.From != tt.from {
				t.Errorf("Convert(%s %s to %s) = %s, %v, want a *CurrencyError", tt.amount, tt.from, tt.to, got, err)
			}
			continue
		}
		if err != nil || !got.Equal(dec(tt.want)) {
			t.Errorf("Convert(%s %s to %s) = %s, %v, want %s", tt.amount, tt.from, tt.to, got, err, tt.want)
		}
	}
}

func asCurrencyError(err error, target **CurrencyError) bool {
	ce, ok := err.(*CurrencyError)
	if ok {
		*target = ce
	}
	return ok
}

func TestRate_JSON(t *testing.T) {
	tests := []struct {
		r    Rate
		want string
	}{
		{Rate{Num: 4238, Den: 6711}, `{"num":4238,"den":6711,"value":0.631501}`},
		{Rate{Num: 1, Den: 3}, `{"num":1,"den":3,"value":0.333333}`},
		{Rate{}, `{"num":0,"den":0,"value":null}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.r)
		if err != nil {
			t.Fatalf("json.Marshal(%+v): %v", tt.r, err)
		}
		var got, want any
		_ = json.Unmarshal(b, &got)
		_ = json.Unmarshal([]byte(tt.want), &want)
		if gb, _ := json.Marshal(got); string(gb) != mustCanon(tt.want) {
			t.Errorf("json.Marshal(%+v) = %s, want %s", tt.r, b, tt.want)
		}
	}
}

func mustCanon(s string) string {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		panic(err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func TestRatio_Value(t *testing.T) {
	if v, ok := (Ratio{Num: dec("2"), Den: dec("3")}).Value(); !ok || !v.Equal(dec("0.666667")) {
		t.Errorf("Ratio{2, 3}.Value() = %s, %v, want 0.666667 (half away from zero)", v, ok)
	}
	if _, ok := (Ratio{Num: dec("2")}).Value(); ok {
		t.Errorf("Ratio{2, 0}.Value() has a value, want none")
	}
	b, _ := json.Marshal(Ratio{Num: dec("1")})
	if string(b) != `{"num":"1","den":"0","value":null}` {
		t.Errorf("json.Marshal(Ratio{1, 0}) = %s", b)
	}
	// The value is a number, like Rate's; the terms stay decimal strings.
	b, _ = json.Marshal(Ratio{Num: dec("-2"), Den: dec("3")})
	if string(b) != `{"num":"-2","den":"3","value":-0.666667}` {
		t.Errorf("json.Marshal(Ratio{-2, 3}) = %s", b)
	}
	b, _ = json.Marshal(Ratio{Num: dec("5"), Den: dec("5")})
	if string(b) != `{"num":"5","den":"5","value":1}` {
		t.Errorf("json.Marshal(Ratio{5, 5}) = %s", b)
	}
	var back Ratio
	if err := json.Unmarshal(b, &back); err != nil || !back.Num.Equal(dec("5")) || !back.Den.Equal(dec("5")) {
		t.Errorf("json.Unmarshal(%s) = %+v, %v", b, back, err)
	}
}

func TestTally_Average(t *testing.T) {
	tl := Tally{Count: 4, Value: NewTotal(dec("10")), NoAmount: 1}
	if v, ok := tl.Average(); !ok || !v.Equal(dec("3.33")) {
		t.Errorf("Average of 10 over 3 valued deals = %s, %v, want 3.33", v, ok)
	}
	if _, ok := (Tally{Count: 2, NoAmount: 2}).Average(); ok {
		t.Errorf("Average of deals without amounts has a value, want none")
	}
}
