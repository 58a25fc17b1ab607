package sales

import (
	"errors"
	"hash/maphash"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// decodeConf is what every decoder shares: the location times are put in.
// It is set once portal.csv is read, before any other table is parsed.
type decodeConf struct {
	// loc is the portal's location; nil when time_zone names none this
	// machine knows, and times then keep the offset they were written
	// with.
	loc *time.Location
	// seed seeds the hashes of ids that match links with their parents.
	seed maphash.Seed
}

// hash returns a hash of an id.
func (c *decodeConf) hash(id []byte) uint32 {
	return uint32(maphash.Bytes(c.seed, id))
}

// decoder turns the fields of a row into values. Each worker has one, with
// its own arena, interner and splitter, so that nothing is shared while
// parsing.
type decoder struct {
	conf  *decodeConf
	table tableID
	rows  csvRows
	arena arena
	in    interner
	fixed map[int]*time.Location
	dates dateCache
	// bad is the first defect of the row being decoded.
	bad *lineError
}

func newDecoder(conf *decodeConf) *decoder {
	return &decoder{conf: conf, in: interner{m: make(map[string]string, 256)}}
}

// fail records a defect of column col, keeping the row's first.
func (d *decoder) fail(col int, value []byte, err error) {
	if d.bad == nil {
		v := append([]byte(nil), value...)
		d.bad = &lineError{line: d.rows.line, col: tableSpecs[d.table].cols[col], value: v, err: err}
	}
}

// str returns a field of unique values (ids, names) as a string of the
// arena.
func (d *decoder) str(b []byte) string { return d.arena.str(b) }

// text returns a field of repeated values (owners, stages, currencies,
// sources) as an interned string.
func (d *decoder) text(col int, b []byte) string {
	return d.in.str(&d.arena, d.table, col, b)
}

var errTime = errors.New("not an RFC 3339 time")

// time reads a time; the empty field is the zero time.
func (d *decoder) time(col int, b []byte) time.Time {
	if len(b) == 0 {
		return time.Time{}
	}
	sec, nsec, off, ok := d.dates.parseRFC3339(b)
	if ok {
		return d.place(time.Unix(sec, nsec), off)
	}
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		d.fail(col, b, errTime)
		return time.Time{}
	}
	_, off = t.Zone()
	return d.place(t, off)
}

// place puts t in the portal's location, or in a fixed zone of offset off
// when the portal's location is unknown.
func (d *decoder) place(t time.Time, off int) time.Time {
	if d.conf.loc != nil {
		return t.In(d.conf.loc)
	}
	if off == 0 {
		return t.UTC()
	}
	loc, ok := d.fixed[off]
	if !ok {
		if d.fixed == nil {
			d.fixed = map[int]*time.Location{}
		}
		loc = time.FixedZone("", off)
		d.fixed[off] = loc
	}
	return t.In(loc)
}

var (
	errDecimal = errors.New("not a plain decimal")
	errMissing = errors.New("no value, want a decimal")
	errInt     = errors.New("not an integer")
	errBool    = errors.New("not true or false")
	errFloat   = errors.New("not a number")
)

// nullDecimal reads a decimal that may be missing (the empty field).
func (d *decoder) nullDecimal(col int, b []byte) decimal.NullDecimal {
	if len(b) == 0 {
		return decimal.NullDecimal{}
	}
	v, ok := parseDecimal(b)
	if !ok {
		d.fail(col, b, errDecimal)
	}
	d.bounded(col, b, v)
	return decimal.NullDecimal{Decimal: v, Valid: ok}
}

// decimal reads a decimal that must be there.
func (d *decoder) decimal(col int, b []byte) decimal.Decimal {
	if len(b) == 0 {
		d.fail(col, b, errMissing)
		return decimal.Decimal{}
	}
	v, ok := parseDecimal(b)
	if !ok {
		d.fail(col, b, errDecimal)
	}
	d.bounded(col, b, v)
	return v
}

// bounded fails a decimal beyond MaxDecimalDigits or MaxDecimalPlaces, at
// its line and column, as WriteTables would have refused it. Only a field
// longer than either bound can be beyond them, so most fields cost a
// comparison.
func (d *decoder) bounded(col int, b []byte, v decimal.Decimal) {
	if len(b) <= min(MaxDecimalDigits, MaxDecimalPlaces) {
		return
	}
	if why := decimalProblem(v); why != "" {
		d.fail(col, b, errors.New(why))
	}
}

func (d *decoder) int(col int, b []byte) int64 {
	v, ok := parseInt(b)
	if !ok {
		d.fail(col, b, errInt)
	}
	return v
}

// duration reads whole nanoseconds; the empty field is 0.
func (d *decoder) duration(col int, b []byte) time.Duration {
	if len(b) == 0 {
		return 0
	}
	return time.Duration(d.int(col, b))
}

func (d *decoder) bool(col int, b []byte) bool {
	v, err := strconv.ParseBool(string(b))
	if err != nil {
		d.fail(col, b, errBool)
	}
	return v
}

func (d *decoder) float(col int, b []byte) float64 {
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		d.fail(col, b, errFloat)
	}
	return v
}

// position reads a link's position.
func (d *decoder) position(col int, b []byte) int32 {
	v := d.int(col, b)
	if v < 0 || v > math.MaxInt32 {
		d.fail(col, b, errors.New("not a position from 0"))
		return 0
	}
	return int32(v)
}

// notA returns "not a " and kind, or "not an " before a vowel.
func notA(kind string) string {
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return "not an " + kind
	}
	return "not a " + kind
}

// enumOf reads an enum of the given names; kind is the enum's name in
// errors and in its numbered form, such as "stage kind".
func enumOf[E ~uint8](d *decoder, col int, b []byte, names []string, kind string) E {
	v, ok := parseEnum[E](names, b, kind)
	if !ok {
		d.fail(col, b, errors.New(notA(kind)))
	}
	return v
}
