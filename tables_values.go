package sales

import (
	"encoding/binary"
	"math/big"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// This file holds the codecs of the table snapshot's values: RFC 3339
// times, plain decimals, integers and enums, each with a fast path that
// neither allocates nor looks a time zone up, and a general one for
// anything unusual.

const secondsPerDay = 86400

// daysFromCivil returns the number of days from 1970-01-01 to the given
// date of the proleptic Gregorian calendar.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y int64, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func daysIn(y int64, m int64) int64 {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// digitsAt reads the n decimal digits at b[i:].
func digitsAt(b []byte, i, n int) (int64, bool) {
	var v int64
	for _, c := range b[i : i+n] {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	return v, true
}

// dateCache remembers the days since 1970 of a few dates, keyed by their
// text, as times of the same day follow one another in most columns.
type dateCache [8]struct {
	lo   uint64 // the date's first 8 bytes
	hi   uint16 // its last 2
	days int64
}

// days returns the days from 1970-01-01 to the date YYYY-MM-DD at b[:10].
func (dc *dateCache) days(b []byte) (int64, bool) {
	lo := binary.LittleEndian.Uint64(b)
	hi := binary.LittleEndian.Uint16(b[8:])
	e := &dc[(hi^hi>>8)&7]
	if e.lo == lo && e.hi == hi {
		return e.days, true
	}
	if b[4] != '-' || b[7] != '-' {
		return 0, false
	}
	y, ok1 := digitsAt(b, 0, 4)
	mo, ok2 := digitsAt(b, 5, 2)
	d, ok3 := digitsAt(b, 8, 2)
	if !(ok1 && ok2 && ok3) || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
		return 0, false
	}
	e.lo, e.hi, e.days = lo, hi, daysFromCivil(y, mo, d)
	return e.days, true
}

// parseRFC3339 reads YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM), the form
// RFC3339Nano writes, and returns its instant as Unix seconds and
// nanoseconds, with the offset in seconds. It returns false for anything
// else, including forms time.Parse may still accept.
func (dc *dateCache) parseRFC3339(b []byte) (sec int64, nsec int64, off int, ok bool) {
	if len(b) < 20 || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return 0, 0, 0, false
	}
	days, ok := dc.days(b)
	h, ok1 := digitsAt(b, 11, 2)
	mi, ok2 := digitsAt(b, 14, 2)
	s, ok3 := digitsAt(b, 17, 2)
	if !(ok && ok1 && ok2 && ok3) || h > 23 || mi > 59 || s > 59 {
		return 0, 0, 0, false
	}
	i := 19
	if b[i] == '.' {
		i++
		scale := int64(100_000_000)
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			if scale == 0 {
				return 0, 0, 0, false
			}
			nsec += int64(b[i]-'0') * scale
			scale /= 10
		}
		if i == 20 {
			return 0, 0, 0, false
		}
	}
	switch rest := b[i:]; {
	case len(rest) == 1 && rest[0] == 'Z':
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, okh := digitsAt(rest, 1, 2)
		om, okm := digitsAt(rest, 4, 2)
		if !okh || !okm || oh > 23 || om > 59 {
			return 0, 0, 0, false
		}
		off = int(oh*3600 + om*60)
		if rest[0] == '-' {
			off = -off
		}
	default:
		return 0, 0, 0, false
	}
	sec = days*secondsPerDay + h*3600 + mi*60 + s - int64(off)
	return sec, nsec, off, true
}

// zoneCache remembers the offset of the last zone period a writer met, so
// that formatting a run of times in one location looks the zone up once
// per period rather than once per time.
type zoneCache struct {
	loc        *time.Location
	start, end int64 // Unix seconds; the period is [start, end)
	off        int
	// day and date are the last local day written, in days since 1970,
	// and its text.
	day  int64
	date [10]byte
}

const (
	minUnix = -1 << 63
	maxUnix = 1<<63 - 1
)

// offset returns the UTC offset of t in seconds, in t's own location.
func (z *zoneCache) offset(t time.Time, sec int64) int {
	loc := t.Location()
	if loc == time.UTC {
		return 0
	}
	if loc == z.loc && sec >= z.start && sec < z.end {
		return z.off
	}
	_, off := t.Zone()
	start, end := t.ZoneBounds()
	z.loc, z.off, z.start, z.end = loc, off, minUnix, maxUnix
	if !start.IsZero() {
		z.start = start.Unix()
	}
	if !end.IsZero() {
		z.end = end.Unix()
	}
	return off
}

// timeRangeError says a time cannot be written in RFC 3339.
type timeRangeError struct{ t time.Time }

func (e *timeRangeError) Error() string {
	return "year " + strconv.Itoa(e.t.Year()) + " is outside 0..9999, which RFC 3339 cannot write"
}

// appendTime appends t as time.RFC3339Nano formats it, with the offset of
// t's own location; or, when that offset is not a whole number of minutes,
// in UTC. The zero time appends nothing.
func appendTime(b []byte, t time.Time, z *zoneCache) ([]byte, error) {
	if t.IsZero() {
		return b, nil
	}
	sec := t.Unix()
	off := z.offset(t, sec)
	if off%60 != 0 {
		off = 0
	}
	days := floorDiv(sec+int64(off), secondsPerDay)
	clock := sec + int64(off) - days*secondsPerDay
	if days != z.day || z.date[0] == 0 {
		y, m, d := civilFromDays(days)
		if y < 0 || y > 9999 {
			return b, &timeRangeError{t}
		}
		date := append4(z.date[:0], int(y))
		date = append(date, '-')
		date = append2(date, m)
		date = append(date, '-')
		append2(date, d)
		z.day = days
	}
	b = append(b, z.date[:]...)
	b = append(b, 'T')
	b = append2(b, int(clock/3600))
	b = append(b, ':')
	b = append2(b, int(clock/60%60))
	b = append(b, ':')
	b = append2(b, int(clock%60))
	if ns := t.Nanosecond(); ns != 0 {
		b = appendFraction(b, ns)
	}
	if off == 0 {
		return append(b, 'Z'), nil
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b = append(b, sign)
	b = append2(b, off/3600)
	b = append(b, ':')
	return append2(b, off/60%60), nil
}

func append2(b []byte, v int) []byte {
	return append(b, byte('0'+v/10), byte('0'+v%10))
}

func append4(b []byte, v int) []byte {
	return append(b, byte('0'+v/1000), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
}

// appendFraction appends "." and the nanoseconds ns (1 to 999999999)
// without trailing zeros.
func appendFraction(b []byte, ns int) []byte {
	var buf [10]byte
	buf[0] = '.'
	for i := 9; i >= 1; i-- {
		buf[i] = byte('0' + ns%10)
		ns /= 10
	}
	n := 10
	for buf[n-1] == '0' {
		n--
	}
	return append(b, buf[:n]...)
}

// parseDecimal reads a plain decimal: an optional sign, digits, and an
// optional point followed by digits, with at least one digit in all. Up to
// 18 digits it builds the value from an int64; past that through big.Int.
func parseDecimal(b []byte) (decimal.Decimal, bool) {
	i := 0
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i++
	}
	var coef int64
	digits, frac := 0, 0
	point := false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if point {
				frac++
			}
			coef = coef*10 + int64(c-'0') // overflow past 18 digits is not used
		case c == '.' && !point:
			point = true
		default:
			return decimal.Decimal{}, false
		}
	}
	if digits == 0 {
		return decimal.Decimal{}, false
	}
	if digits > 18 {
		return bigDecimal(b, neg, frac)
	}
	if neg {
		coef = -coef
	}
	return decimal.New(coef, int32(-frac)), true
}

// bigDecimal is parseDecimal for more digits than an int64 holds.
func bigDecimal(b []byte, neg bool, frac int) (decimal.Decimal, bool) {
	text := make([]byte, 0, len(b))
	for _, c := range b {
		if c >= '0' && c <= '9' {
			text = append(text, c)
		}
	}
	v, ok := new(big.Int).SetString(string(text), 10)
	if !ok {
		return decimal.Decimal{}, false
	}
	if neg {
		v.Neg(v)
	}
	return decimal.NewFromBigInt(v, int32(-frac)), true
}

// appendDecimal appends d's plain text, as d.String() gives it, without
// allocating when its coefficient has at most 15 digits.
func appendDecimal(b []byte, d decimal.Decimal) []byte {
	if d.Sign() == 0 {
		return append(b, '0')
	}
	if d.NumDigits() > 15 {
		return append(b, d.String()...)
	}
	c, exp := d.CoefficientInt64(), int(d.Exponent())
	if c < 0 {
		b = append(b, '-')
		c = -c
	}
	var buf [20]byte
	ds := strconv.AppendInt(buf[:0], c, 10)
	if exp >= 0 {
		b = append(b, ds...)
		for range exp {
			b = append(b, '0')
		}
		return b
	}
	k := len(ds) + exp // digits before the point
	var whole, frac []byte
	if k > 0 {
		whole, frac = ds[:k], ds[k:]
	} else {
		whole = zeroDigit
	}
	for len(frac) > 0 && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	b = append(b, whole...)
	if k <= 0 {
		lead := -k
		// All of ds follows the point, after -k zeros; trailing zeros go.
		tail := ds
		for len(tail) > 0 && tail[len(tail)-1] == '0' {
			tail = tail[:len(tail)-1]
		}
		b = append(b, '.')
		for range lead {
			b = append(b, '0')
		}
		return append(b, tail...)
	}
	if len(frac) > 0 {
		b = append(b, '.')
		b = append(b, frac...)
	}
	return b
}

var zeroDigit = []byte{'0'}

// parseInt reads a decimal integer with an optional sign.
func parseInt(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 19 {
		v, err := strconv.ParseInt(string(b), 10, 64)
		return v, err == nil
	}
	i, neg := 0, false
	if b[0] == '-' || b[0] == '+' {
		neg = b[0] == '-'
		i++
		if len(b) == 1 {
			return 0, false
		}
	}
	var v int64
	for ; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if v < 0 { // 19 digits past the int64 range
		v2, err := strconv.ParseInt(string(b), 10, 64)
		return v2, err == nil
	}
	if neg {
		v = -v
	}
	return v, true
}

// parseEnum reads an enum's text form: a name of names, the empty text as
// the zero value, or the numbered form of enumText ("stage_kind(9)").
func parseEnum[E ~uint8](names []string, b []byte, kind string) (E, bool) {
	if len(b) == 0 {
		return 0, true
	}
	for i, n := range names {
		if n != "" && n == string(b) {
			return E(i), true
		}
	}
	v, err := enumParse[E](names, b, kind)
	return v, err == nil
}

// appendEnum appends v's text form, as MarshalText gives it.
func appendEnum[E ~uint8](b []byte, names []string, v E, kind string) []byte {
	if int(v) < len(names) && (names[v] != "" || v == 0) {
		return append(b, names[v]...)
	}
	return append(b, enumName(names, v, kind)...)
}
