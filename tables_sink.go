package sales

import (
	"errors"
	"fmt"
	"slices"
	"sync"
)

// rowsDecoded parses the rows of c into calls of row, one per row with its
// index in c and its fields. It reports the first defect to the reader and
// returns the number of rows parsed, or -1 after a defect.
func (rd *tableReader) parseChunk(d *decoder, t tableID, c chunk,
	row func(i int, f [][]byte)) int {
	d.table = t
	d.bad = nil
	d.rows.reset(c.text, len(tableSpecs[t].cols), c.line)
	i := 0
	for {
		ok, err := d.rows.split()
		if !ok {
			break
		}
		if err != nil {
			rd.fail(t, d.rows.line, &lineError{line: d.rows.line, err: err})
			return -1
		}
		if i == c.rows {
			rd.fail(t, d.rows.line, &lineError{line: d.rows.line, err: errMiscount})
			return -1
		}
		row(i, d.rows.fields)
		if d.bad != nil {
			rd.fail(t, d.bad.line, d.bad)
			d.bad = nil
			return -1
		}
		i++
	}
	if i != c.rows {
		rd.fail(t, d.rows.line, &lineError{line: d.rows.line, err: errMiscount})
		return -1
	}
	return i
}

var errMiscount = errors.New("the rows do not match the line count: " +
	"the file changed while it was read, or its quotes are unbalanced")

// parentSink parses a table whose rows are records into dst, which was
// sized beforehand from the file's line count.
type parentSink[T any] struct {
	rd     *tableReader
	id     tableID
	dst    []T
	decode func(d *decoder, f [][]byte, x *T)
	// hash holds a hash of each row's id (its first field) when link
	// tables refer to the rows, so that matching links with their parent
	// scans a dense array rather than the records.
	hash []uint32
	wg   sync.WaitGroup
	n    int           // rows read, once done is closed
	done chan struct{} // closed when every row is parsed
}

func newParentSink[T any](rd *tableReader, id tableID, lines int,
	decode func(*decoder, [][]byte, *T)) *parentSink[T] {
	s := &parentSink[T]{rd: rd, id: id, dst: make([]T, lines), decode: decode,
		done: make(chan struct{})}
	return s
}

func (s *parentSink[T]) hashed() *parentSink[T] {
	s.hash = make([]uint32, len(s.dst))
	return s
}

func (s *parentSink[T]) task(c chunk) func(*decoder) {
	s.wg.Add(1)
	return func(d *decoder) {
		defer s.wg.Done()
		defer s.rd.pool.put(c.buf)
		if c.row+c.rows > len(s.dst) {
			s.rd.fail(s.id, c.line, &lineError{line: c.line, err: errMiscount})
			return
		}
		dst := s.dst[c.row : c.row+c.rows]
		if s.hash == nil {
			s.rd.parseChunk(d, s.id, c, func(i int, f [][]byte) { s.decode(d, f, &dst[i]) })
			return
		}
		hash := s.hash[c.row : c.row+c.rows]
		s.rd.parseChunk(d, s.id, c, func(i int, f [][]byte) {
			hash[i] = d.conf.hash(f[0])
			s.decode(d, f, &dst[i])
		})
	}
}

func (s *parentSink[T]) fed(rows, chunks int) {
	s.n = min(rows, len(s.dst)) // more rows than lines is reported by the chunk past them
	go func() {
		s.wg.Wait()
		close(s.done)
	}()
}

// rows returns the table's rows once every one is parsed.
func (s *parentSink[T]) rows() []T {
	<-s.done
	return s.dst[:s.n:s.n]
}

// linkSink parses a link table: each row names a parent of P by id and
// gives one value V of the parent's list.
type linkSink[P, V any] struct {
	rd       *tableReader
	id       tableID
	parent   *parentSink[P]
	parentID func(*P) string
	set      func(*P, []V)
	decode   func(d *decoder, f [][]byte) V
	chunks   chan *linkChunk[V] // parsed chunks, in any order
	done     chan struct{}      // closed once every link is set
}

// linkChunk is a parsed chunk of a link table, waiting to be matched with
// its parents. The chunk's text is given back once parsed; what matching
// needs is kept in scratch, and the values in vals, which become the
// backing array of the parents' lists.
type linkChunk[V any] struct {
	c       chunk
	end     bool // the mark after the last chunk
	failed  bool // the chunk did not parse
	scratch *linkScratch
	vals    []V
}

// linkScratch holds, for each row of a link chunk, its parent id (ends[i]
// is where the i-th ends in idText), the id's hash, the position and the
// line. Scratches are reused from chunk to chunk.
type linkScratch struct {
	idText []byte
	ends   []int32
	hash   []uint32
	pos    []int32
	lines  []int32 // nil when row i is on line c.line+i
}

func (sc *linkScratch) reset(rows int, quotedBreaks bool) {
	sc.idText = sc.idText[:0]
	sc.ends = slices.Grow(sc.ends[:0], rows)[:rows]
	sc.hash = slices.Grow(sc.hash[:0], rows)[:rows]
	sc.pos = slices.Grow(sc.pos[:0], rows)[:rows]
	sc.lines = nil
	if quotedBreaks {
		sc.lines = make([]int32, rows)
	}
}

// parentOf returns the parent id of row i.
func (lc *linkChunk[V]) parentOf(i int) []byte {
	sc := lc.scratch
	start := int32(0)
	if i > 0 {
		start = sc.ends[i-1]
	}
	return sc.idText[start:sc.ends[i]]
}

// line returns the line of row i.
func (lc *linkChunk[V]) line(i int) int {
	if lc.scratch.lines != nil {
		return int(lc.scratch.lines[i])
	}
	return lc.c.line + i
}

func newLinkSink[P, V any](rd *tableReader, id tableID, parent *parentSink[P],
	parentID func(*P) string, set func(*P, []V),
	decode func(*decoder, [][]byte) V) *linkSink[P, V] {
	s := &linkSink[P, V]{rd: rd, id: id, parent: parent, parentID: parentID, set: set,
		decode: decode, chunks: make(chan *linkChunk[V], cap(rd.pool.sem)+1),
		done: make(chan struct{})}
	go s.link()
	return s
}

func (s *linkSink[P, V]) task(c chunk) func(*decoder) {
	return func(d *decoder) {
		// The text's buffer goes back for reuse at once, but its slot only
		// once the chunk is linked, so that parsed chunks waiting for
		// their parents stay few.
		defer s.rd.pool.swap(c.buf)
		sc := s.rd.scratch()
		sc.reset(c.rows, c.lines != c.rows)
		lc := &linkChunk[V]{c: c, scratch: sc, vals: make([]V, c.rows)}
		n := s.rd.parseChunk(d, s.id, c, func(i int, f [][]byte) {
			sc.idText = append(sc.idText, f[0]...)
			sc.ends[i] = int32(len(sc.idText))
			sc.hash[i] = d.conf.hash(f[0])
			sc.pos[i] = d.position(1, f[1])
			if sc.lines != nil {
				sc.lines[i] = int32(d.rows.line)
			}
			lc.vals[i] = s.decode(d, f)
		})
		lc.failed = n < 0
		lc.c.buf, lc.c.text = nil, nil
		s.chunks <- lc
	}
}

func (s *linkSink[P, V]) fed(rows, chunks int) {
	s.chunks <- &linkChunk[V]{c: chunk{idx: chunks}, end: true}
}

// wait blocks until every link is set.
func (s *linkSink[P, V]) wait() { <-s.done }

// link matches the parsed chunks, in order, with the parents, once these
// are read.
func (s *linkSink[P, V]) link() {
	defer close(s.done)
	parents := s.parent.rows()
	waiting := map[int]*linkChunk[V]{}
	st := linkState[P, V]{s: s, parents: parents, hash: s.parent.hash[:len(parents)]}
	ok := true
	for next := 0; ; next++ {
		lc := waiting[next]
		for lc == nil {
			x := <-s.chunks
			if x.c.idx == next {
				lc = x
			} else {
				waiting[x.c.idx] = x
			}
		}
		delete(waiting, next)
		if lc.end {
			break
		}
		if ok && !lc.failed {
			ok = st.chunk(lc)
		} else {
			ok = false
		}
		s.rd.pool.release()
		select {
		case s.rd.scratches <- lc.scratch:
		default:
		}
	}
	if ok {
		st.closeRun(nil, 0)
	}
}

// linkState follows the matching of a link table's rows with the parents.
type linkState[P, V any] struct {
	s       *linkSink[P, V]
	parents []P
	hash    []uint32 // of the parents' ids
	last    []byte   // the id of st.cur
	cur     int      // the parent the last link went to
	k       int32    // links of cur so far; 0 before the first link
	pieces  [][]V    // cur's links in earlier chunks
	start   int      // where cur's links start in the current chunk
}

// chunk matches the rows of lc, and returns false after a defect.
func (st *linkState[P, V]) chunk(lc *linkChunk[V]) bool {
	n := len(lc.vals)
	for i := 0; i < n; i++ {
		id, h, pos := lc.parentOf(i), lc.scratch.hash[i], lc.scratch.pos[i]
		// The previous row went to st.cur: the same id goes there too. Its
		// text is compared rather than the parent's, which is far away in
		// memory.
		same := st.k > 0 && h == st.hash[st.cur] && string(id) == string(st.last)
		if same && pos == st.k {
			st.k++
			continue
		}
		if pos != 0 {
			want := int32(0)
			if same {
				want = st.k
			}
			st.fail(lc, i, 1, fmt.Sprint(pos), fmt.Errorf("position %d where %d was expected",
				pos, want))
			return false
		}
		from := st.cur
		if st.k > 0 {
			st.closeRun(lc.vals, i)
			from++
		}
		j := st.find(from, h, id)
		if j < 0 {
			kind := tableSpecs[st.s.id].cols[0]
			st.fail(lc, i, 0, string(id), fmt.Errorf("no %s has this id at or after the one "+
				"the previous link belongs to (links follow the order of the %s rows)", kind, kind))
			return false
		}
		st.cur, st.k, st.start, st.pieces = j, 1, i, nil
		st.last = append(st.last[:0], id...)
	}
	if st.k > 0 {
		st.pieces = append(st.pieces, lc.vals[st.start:n:n])
		st.start = 0
	}
	return true
}

// find returns the first parent from on whose id is id, or -1.
func (st *linkState[P, V]) find(from int, h uint32, id []byte) int {
	for j := from; j < len(st.hash); j++ {
		if st.hash[j] == h && string(id) == st.s.parentID(&st.parents[j]) {
			return j
		}
	}
	return -1
}

// closeRun gives the current parent its links: those of earlier chunks and
// vals[st.start:i] of the current one.
func (st *linkState[P, V]) closeRun(vals []V, i int) {
	if st.k == 0 {
		return
	}
	var run []V
	switch {
	case len(st.pieces) == 0:
		run = vals[st.start:i:i]
	case len(st.pieces) == 1 && i == 0:
		run = st.pieces[0]
	default:
		run = make([]V, 0, int(st.k))
		for _, p := range st.pieces {
			run = append(run, p...)
		}
		run = append(run, vals[:i]...)
	}
	st.s.set(&st.parents[st.cur], run)
	st.pieces = nil
	st.k = 0
}

// fail reports a defect of row i of lc.
func (st *linkState[P, V]) fail(lc *linkChunk[V], i, col int, value string, err error) {
	line := lc.line(i)
	st.s.rd.fail(st.s.id, line, &lineError{line: line, col: tableSpecs[st.s.id].cols[col],
		value: []byte(value), err: err})
}
