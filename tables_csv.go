package sales

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"unsafe"
)

// csvRows splits CSV text into records without allocating per field: the
// fields are sub-slices of the text, or of scratch for a quoted field with
// doubled quotes. They stay valid until the next call of split.
type csvRows struct {
	buf     []byte
	pos     int
	fields  [][]byte // one per column
	scratch []byte
	// line is the line number of the record split last; next that of the
	// record to come. They differ by more than one after a quoted field
	// holding line breaks.
	line, next int
}

// reset points c at text whose first record is on line first.
func (c *csvRows) reset(text []byte, ncols, first int) {
	c.buf, c.pos, c.line, c.next = text, 0, first, first
	if cap(c.fields) < ncols {
		c.fields = make([][]byte, ncols)
	}
	c.fields = c.fields[:ncols]
}

// csvError is a defect of the CSV text itself, reported with the line it
// is on.
type csvError struct{ msg string }

func (e *csvError) Error() string { return e.msg }

// split reads the next record into c.fields. It returns false at the end
// of the text, and an error for a record that is not RFC 4180 CSV or has
// not exactly len(c.fields) fields.
//
// It looks for commas, line feeds and quotes eight bytes at a time; a
// record with a quote goes to splitQuoted.
func (c *csvRows) split() (bool, error) {
	b := c.buf
	if c.pos >= len(b) {
		return false, nil
	}
	c.line = c.next
	f, fs, p := 0, c.pos, c.pos
	for {
		var m uint64
		for p+8 <= len(b) {
			if m = specials(binary.LittleEndian.Uint64(b[p:])); m != 0 {
				break
			}
			p += 8
		}
		tail := m == 0 // fewer than 8 bytes are left
		if tail {
			var w [8]byte
			copy(w[:], b[p:])
			m = specials(binary.LittleEndian.Uint64(w[:]))
		}
		for ; m != 0; m &= m - 1 {
			q := p + bits.TrailingZeros64(m)>>3
			switch b[q] {
			case ',':
				if f < len(c.fields) {
					c.fields[f] = b[fs:q]
				}
				f, fs = f+1, q+1
			case '\n':
				return true, c.endRecord(f, fs, q, q+1)
			default:
				return true, c.splitQuoted()
			}
		}
		if tail {
			return true, c.endRecord(f, fs, len(b), len(b))
		}
		p += 8
	}
}

// endRecord ends the record whose last field, the f-th, runs from fs to
// end, and whose next record starts at next.
func (c *csvRows) endRecord(f, fs, end, next int) error {
	last := c.buf[fs:end]
	if k := len(last); k > 0 && last[k-1] == '\r' {
		last = last[:k-1]
	}
	if f < len(c.fields) {
		c.fields[f] = last
	}
	c.pos = next
	c.next++
	if f+1 != len(c.fields) {
		return countError(f+1, len(c.fields))
	}
	return nil
}

const (
	lows  = 0x0101010101010101
	highs = 0x8080808080808080
	sevns = 0x7f7f7f7f7f7f7f7f
)

// specials returns the high bit of each byte of w that is a comma, a line
// feed or a quote, and no other bit.
func specials(w uint64) uint64 {
	return ^(nonZero(w^(lows*',')) & nonZero(w^(lows*'\n')) & nonZero(w^(lows*'"'))) & highs
}

// nonZero returns v with the high bit of each byte set when the byte is
// not zero. It carries nothing from one byte to the next.
func nonZero(v uint64) uint64 {
	return ((v & sevns) + sevns) | v
}

var comma = []byte{','}

func countError(got, want int) error {
	if got == 1 && want > 1 {
		return &csvError{fmt.Sprintf("an empty line or a row of 1 field, want %d", want)}
	}
	return &csvError{fmt.Sprintf("%d fields, want %d", got, want)}
}

// splitQuoted is split for a record with a quote in its first line: it
// reads field by field, following quoted fields across line breaks.
func (c *csvRows) splitQuoted() error {
	b := c.buf
	p := c.pos
	c.scratch = c.scratch[:0]
	n := len(c.fields)
	breaks := 0
	for i := 0; ; i++ {
		var f []byte
		var err error
		if p < len(b) && b[p] == '"' {
			f, p, err = c.quoted(p)
			breaks += bytes.Count(f, newline)
		} else {
			f, p, err = unquoted(b, p)
		}
		if err != nil {
			return err
		}
		if i < n {
			c.fields[i] = f
		}
		last, q, err := delimiter(b, p)
		if err != nil {
			return err
		}
		p = q
		if last {
			c.pos = p
			c.next = c.line + 1 + breaks
			if i+1 != n {
				return countError(i+1, n)
			}
			return nil
		}
	}
}

var newline = []byte{'\n'}

// quoted reads the quoted field starting at b[p] == '"'. It returns the
// field's text, with doubled quotes made single in c.scratch when it has
// any, and the position after the closing quote.
func (c *csvRows) quoted(p int) ([]byte, int, error) {
	b := c.buf
	start := p + 1
	p = start
	doubled := false
	for {
		q := bytes.IndexByte(b[p:], '"')
		if q < 0 {
			return nil, 0, &csvError{"a quoted field is not closed"}
		}
		p += q
		if p+1 < len(b) && b[p+1] == '"' {
			doubled = true
			p += 2
			continue
		}
		break
	}
	f := b[start:p]
	if doubled {
		s := len(c.scratch)
		for len(f) > 0 {
			q := bytes.IndexByte(f, '"')
			if q < 0 {
				c.scratch = append(c.scratch, f...)
				break
			}
			c.scratch = append(c.scratch, f[:q+1]...)
			f = f[q+2:]
		}
		f = c.scratch[s:]
	}
	return f, p + 1, nil
}

// unquoted reads the field starting at b[p] up to a comma, a line feed or
// the end; a quote in it is an error.
func unquoted(b []byte, p int) ([]byte, int, error) {
	start := p
	for p < len(b) && b[p] != ',' && b[p] != '\n' {
		if b[p] == '"' {
			return nil, 0, &csvError{"a quote in an unquoted field"}
		}
		p++
	}
	f := b[start:p]
	if n := len(f); n > 0 && f[n-1] == '\r' && (p == len(b) || b[p] == '\n') {
		f = f[:n-1]
	}
	return f, p, nil
}

// delimiter reads what follows a field at b[p]: a comma (another field
// comes), or a line end or the end of the text (the record ends). It
// returns the position after it.
func delimiter(b []byte, p int) (last bool, next int, err error) {
	switch {
	case p >= len(b):
		return true, p, nil
	case b[p] == ',':
		return false, p + 1, nil
	case b[p] == '\n':
		return true, p + 1, nil
	case b[p] == '\r' && (p+1 == len(b) || b[p+1] == '\n'):
		return true, min(p+2, len(b)), nil
	}
	return false, 0, &csvError{fmt.Sprintf("%q after a quoted field, want a comma or a line end",
		b[p])}
}

// lastRowEnd returns the position of the last line feed in b that ends a
// record, b starting at the beginning of one: a line feed outside quotes.
// It also counts the records (line feeds outside quotes) and the lines
// (all line feeds) in b up to and including it. It returns -1 when b holds
// no whole record.
func lastRowEnd(b []byte) (end, rows, lines int) {
	if bytes.IndexByte(b, '"') < 0 {
		end = bytes.LastIndexByte(b, '\n')
		if end < 0 {
			return -1, 0, 0
		}
		n := bytes.Count(b[:end+1], newline)
		return end, n, n
	}
	end = -1
	in := false // inside a quoted field
	for p := 0; p < len(b); {
		q := bytes.IndexByte(b[p:], '"')
		seg := b[p:]
		if q >= 0 {
			seg = b[p : p+q]
		}
		k := bytes.Count(seg, newline)
		lines += k
		if !in && k > 0 {
			rows += k
			end = p + bytes.LastIndexByte(seg, '\n')
		}
		if q < 0 {
			break
		}
		in = !in
		p += q + 1
	}
	// Lines after the last record end belong to the next chunk.
	lines -= bytes.Count(b[end+1:], newline)
	return end, rows, lines
}

// arenaBlock is the size of the blocks an arena cuts strings from.
const arenaBlock = 256 << 10

// arena copies strings into shared blocks, so that a million ids cost a
// few thousand allocations rather than a million.
type arena struct{ b []byte }

// str returns p as a string that shares a block with others. The bytes of
// a block are never written again once a string covers them, so the
// strings stay immutable, as strings.Builder does it.
func (a *arena) str(p []byte) string {
	n := len(p)
	if n == 0 {
		return ""
	}
	if n > cap(a.b)-len(a.b) {
		if n > arenaBlock/16 {
			return string(p)
		}
		a.b = make([]byte, 0, arenaBlock)
	}
	s := len(a.b)
	a.b = append(a.b, p...)
	return unsafe.String(&a.b[s], n)
}

// internMax bounds the strings an interner keeps.
const internMax = 1 << 14

// interner hands out one string for each repeated text (an owner id, a
// stage, a currency, a source), so that a column of a few distinct values
// costs no memory per row. A small direct-mapped cache answers most
// look-ups before the map does. The interner watches each column, and
// stops looking a column up in the map once its values mostly do not
// repeat.
type interner struct {
	m     map[string]string
	cache [1 << cacheBits]string
	stat  [numTables][maxCols]internStat
}

const cacheBits = 10

type internStat struct {
	hits, misses int32
	off          bool
}

func (in *interner) str(a *arena, t tableID, col int, p []byte) string {
	if len(p) == 0 {
		return ""
	}
	slot := &in.cache[cacheIndex(p)]
	if *slot == string(p) {
		return *slot
	}
	st := &in.stat[t][col]
	if st.off {
		return a.str(p)
	}
	if s, ok := in.m[string(p)]; ok {
		st.hits++
		*slot = s
		return s
	}
	st.misses++
	if st.misses >= 512 && st.misses > 2*st.hits {
		st.off = true
	}
	s := a.str(p)
	if len(in.m) < internMax {
		in.m[s] = s
	}
	*slot = s
	return s
}

// cacheIndex hashes p's length and its first and last eight bytes.
func cacheIndex(p []byte) int {
	var first, last uint64
	if n := len(p); n >= 8 {
		first = binary.LittleEndian.Uint64(p)
		last = binary.LittleEndian.Uint64(p[n-8:])
	} else {
		for i, c := range p {
			first |= uint64(c) << (8 * i)
		}
	}
	k := (first ^ bits.RotateLeft64(last, 29) ^ uint64(len(p))) * 0x9e3779b97f4a7c15
	return int(k >> (64 - cacheBits))
}

// needsQuotes reports whether s must be quoted in CSV: it holds a comma, a
// quote, a CR or an LF. It looks at eight bytes at a time.
func needsQuotes(s string) bool {
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // only read
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		if specials(w)|^nonZero(w^(lows*'\r'))&highs != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		if quoted[s[i]] {
			return true
		}
	}
	return false
}

// quoted marks the bytes that make a field quoted.
var quoted = [256]bool{',': true, '"': true, '\r': true, '\n': true}

// appendField appends s as a CSV field.
func appendField(b []byte, s string) []byte {
	if !needsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for {
		i := indexQuote(s)
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '"')
}

func indexQuote(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			return i
		}
	}
	return -1
}
