package sales

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Currency is an ISO 4217 currency code such as "EUR". The empty Currency
// on a record means the portal's home currency.
type Currency string

// Rates converts amounts between currencies through one base currency. A
// rate is the number of Base units one unit of the currency is worth: with
// Base "USD", a rate of 1.08 for "EUR" says 1 EUR = 1.08 USD.
//
// One rate per currency holds for every date: reports convert a deal of
// 2023 and one of 2025 alike.
type Rates struct {
	Base   Currency                     `json:"base,omitempty"`
	ToBase map[Currency]decimal.Decimal `json:"to_base,omitempty"`
}

// rate returns how many Base units one unit of c is worth.
func (r Rates) rate(c Currency) (decimal.Decimal, bool) {
	if c == r.Base {
		return decimal.NewFromInt(1), true
	}
	v, ok := r.ToBase[c]
	if !ok || v.Sign() <= 0 {
		return decimal.Decimal{}, false
	}
	return v, true
}

// CurrencyError reports an amount that cannot be converted because no
// rate links its currency to the one wanted.
type CurrencyError struct {
	From, To Currency
}

func (e *CurrencyError) Error() string {
	return fmt.Sprintf("sales: no exchange rate from %q to %q", e.From, e.To)
}

// Convert returns amount, in currency from, expressed in currency to. An
// amount already in to is returned as it is. Into the base currency the
// result is exact; into another currency it is rounded half away from zero
// to 8 decimal places. Convert fails with a *CurrencyError when either
// currency has no positive rate.
func (r Rates) Convert(amount decimal.Decimal, from, to Currency) (decimal.Decimal, error) {
	if from == to {
		return amount, nil
	}
	rf, okf := r.rate(from)
	rt, okt := r.rate(to)
	if !okf || !okt {
		return decimal.Decimal{}, &CurrencyError{From: from, To: to}
	}
	v := amount.Mul(rf)
	if to == r.Base {
		return v, nil
	}
	return v.DivRound(rt, 8), nil
}

// Total is a sum of decimal amounts. It adds exactly, with no rounding, and
// does not allocate while every amount has at most six decimal places and
// the running sum stays within ±9.2 trillion; past that it carries on in
// arbitrary precision. The zero Total is zero and ready to use.
type Total struct {
	micros int64           // the sum in millionths, while it fits
	rest   decimal.Decimal // what did not fit in micros
}

// Add adds d to t.
func (t *Total) Add(d decimal.Decimal) {
	if m, ok := toMicros(d); ok {
		if s, ok := addInt64(t.micros, m); ok {
			t.micros = s
			return
		}
	}
	t.rest = t.rest.Add(d)
}

// AddMicros adds m millionths, as Add(decimal.New(m, -6)) does, without
// converting them to a decimal while the sum fits in an int64.
func (t *Total) AddMicros(m int64) {
	if s, ok := addInt64(t.micros, m); ok {
		t.micros = s
		return
	}
	t.rest = t.rest.Add(decimal.New(m, -6))
}

// AddTotal adds the sum u to t, as when merging partial results.
func (t *Total) AddTotal(u Total) {
	if s, ok := addInt64(t.micros, u.micros); ok {
		t.micros = s
	} else {
		t.rest = t.rest.Add(decimal.New(u.micros, -6))
	}
	if !isZero(u.rest) {
		t.rest = t.rest.Add(u.rest)
	}
}

// Decimal returns the sum, with trailing zeros after the decimal point
// removed.
func (t Total) Decimal() decimal.Decimal {
	v := decimal.New(t.micros, -6)
	if !isZero(t.rest) {
		v = v.Add(t.rest)
	}
	return trim(v)
}

// IsZero reports whether the sum is zero.
func (t Total) IsZero() bool { return t.micros == 0 && isZero(t.rest) }

// MarshalJSON encodes the sum as a decimal string, as decimal.Decimal
// does.
func (t Total) MarshalJSON() ([]byte, error) { return t.Decimal().MarshalJSON() }

// isZero reports whether d is zero; the zero Decimal counts.
func isZero(d decimal.Decimal) bool { return d.Sign() == 0 }

// trim removes trailing zeros after the decimal point, so that 1.500000
// reads 1.5 whatever the package-level settings of decimal say.
func trim(d decimal.Decimal) decimal.Decimal {
	if d.Exponent() >= 0 || d.Sign() == 0 {
		if d.Sign() == 0 {
			return decimal.Zero
		}
		return d
	}
	for d.Exponent() < 0 {
		r := d.Truncate(-d.Exponent() - 1)
		if !r.Equal(d) {
			break
		}
		d = r
	}
	return d
}

var pow10 = [...]int64{1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12}

// toMicros returns d in millionths when that is exact and fits in an
// int64, without allocating.
func toMicros(d decimal.Decimal) (int64, bool) {
	if d.Sign() == 0 {
		return 0, true
	}
	exp := d.Exponent()
	if exp < -6 || exp > 6 || d.NumDigits() > 15 {
		return 0, false
	}
	c := d.CoefficientInt64()
	f := pow10[exp+6]
	hi, lo := bits.Mul64(uint64(abs64(c)), uint64(f))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// addInt64 returns a+b and whether it did not overflow.
func addInt64(a, b int64) (int64, bool) {
	s := a + b
	if (a >= 0) == (b >= 0) && (s >= 0) != (a >= 0) {
		return 0, false
	}
	return s, true
}

var decimalOne = decimal.NewFromInt(1)

// UnmarshalJSON decodes a sum written by MarshalJSON.
func (t *Total) UnmarshalJSON(b []byte) error {
	var d decimal.Decimal
	if err := d.UnmarshalJSON(b); err != nil {
		return err
	}
	*t = Total{}
	t.Add(d)
	return nil
}

// NewTotal returns a Total holding d.
func NewTotal(d decimal.Decimal) Total {
	var t Total
	t.Add(d)
	return t
}
