package forecast

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// pow10 holds the powers of ten a value in millionths is scaled by.
var pow10 = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// toMicros returns d in millionths, rounded half away from zero when d
// has more than six decimal places, and false when it does not fit in an
// int64. It allocates only for values with more than six decimal places.
func toMicros(d decimal.Decimal) (int64, bool) {
	if d.Sign() == 0 {
		return 0, true
	}
	if d.Exponent() < -6 {
		d = d.Round(6)
	}
	exp := int(d.Exponent()) + 6
	if exp >= len(pow10) || d.NumDigits() > 18 {
		return 0, false
	}
	c := d.CoefficientInt64()
	abs := uint64(c)
	if c < 0 {
		abs = uint64(-c)
	}
	hi, lo := bits.Mul64(abs, pow10[exp])
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}

// fromMicros returns m millionths as a decimal.
func fromMicros(m int64) decimal.Decimal {
	return decimal.New(m, -6)
}

// addChecked returns a+b and false when the sum overflows.
func addChecked(a, b int64) (int64, bool) {
	s := a + b
	if (a >= 0) == (b >= 0) && (s >= 0) != (a >= 0) {
		return 0, false
	}
	return s, true
}
