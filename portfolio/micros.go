package portfolio

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// pow10 holds the powers of ten a product is scaled by into millionths.
var pow10 = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12}

// mulMicros returns a × b in millionths when that is exact and fits in an
// int64, without allocating; false otherwise.
func mulMicros(a, b decimal.Decimal) (int64, bool) {
	if a.Sign() == 0 || b.Sign() == 0 {
		return 0, true
	}
	exp := int(a.Exponent()) + int(b.Exponent()) + 6
	if exp < 0 || exp >= len(pow10) || a.NumDigits() > 18 || b.NumDigits() > 18 {
		return 0, false
	}
	ca, cb := a.CoefficientInt64(), b.CoefficientInt64()
	neg := (ca < 0) != (cb < 0)
	hi, lo := bits.Mul64(absU(ca), absU(cb))
	if hi != 0 {
		return 0, false
	}
	hi, lo = bits.Mul64(lo, pow10[exp])
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(lo), true
	}
	return int64(lo), true
}

func absU(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

// addInt64 returns a+b and false when the sum overflows.
func addInt64(a, b int64) (int64, bool) {
	s := a + b
	if (a >= 0) == (b >= 0) && (s >= 0) != (a >= 0) {
		return 0, false
	}
	return s, true
}

// exactMicros returns d in millionths, and false when d has more than six
// decimal places or does not fit in an int64. It does not allocate.
func exactMicros(d decimal.Decimal) (int64, bool) {
	if d.Sign() == 0 {
		return 0, true
	}
	exp := int(d.Exponent()) + 6
	if exp < 0 || exp >= len(pow10) || d.NumDigits() > 18 {
		return 0, false
	}
	c := d.CoefficientInt64()
	hi, lo := bits.Mul64(absU(c), pow10[exp])
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}
