package sales

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// How the reader works. One goroutine (the feeder) reads each file in
// turn, in blocks of chunkSize, and cuts each block at its last row end
// (following quotes, so a quoted line break is never a cut). Each chunk is
// parsed by one of GOMAXPROCS workers. A parent table's rows go straight
// into their place in a slice sized beforehand from the file's line count
// (the feeder counts the rows of each chunk, so it knows where the chunk's
// first row goes). A link table's chunk is parsed into a slice of its own,
// which then serves as the backing array of its parents' lists: a linker
// goroutine per link table walks the chunks in order together with the
// parents, once the parent table is read.

// chunkSize is the size of the blocks the feeder reads. Tests make it
// small, so that chunk boundaries fall everywhere.
var chunkSize = 4 << 20

// headerMax bounds a header line.
const headerMax = 64 << 10

// tableReader reads one table snapshot.
type tableReader struct {
	fsys   fs.FS
	prefix string // folder named in errors, or ""
	files  [numTables]*tableFile
	pool   bufPool
	tasks  chan func(*decoder)
	conf   *decodeConf
	// scratches holds the link chunks' scratches for reuse.
	scratches chan *linkScratch

	mu       sync.Mutex
	first    *tableError // the first error, by table and line
	canceled atomic.Bool
}

// tableFile is an open table file whose header has been read.
type tableFile struct {
	id     tableID
	closer io.Closer
	f      io.Reader   // read in order, by the feeder
	ra     io.ReaderAt // read at offsets, to count lines
	size   int64
	rest   []byte // bytes read after the header
	eof    bool   // rest ends the file
}

// tableError is an error of one file, at a line (0 when it concerns the
// whole file).
type tableError struct {
	table tableID
	line  int
	err   error
}

// fail records an error; the first one, by table and line, is the one
// reported. The feeder stops reading new chunks; chunks already read are
// still parsed, so that an earlier error is never missed.
func (rd *tableReader) fail(t tableID, line int, err error) {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if f := rd.first; f == nil || t < f.table || (t == f.table && line < f.line) {
		rd.first = &tableError{t, line, err}
	}
	rd.canceled.Store(true)
}

func (rd *tableReader) err() error {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if rd.first == nil {
		return nil
	}
	return fmt.Errorf("sales: read tables: %s: %w", rd.name(rd.first.table), rd.first.err)
}

func (rd *tableReader) name(t tableID) string {
	if rd.prefix == "" {
		return tableSpecs[t].file
	}
	return path.Join(rd.prefix, tableSpecs[t].file)
}

// lineError is an error at a line of a file, in a column when col >= 0.
type lineError struct {
	line  int
	col   string
	value []byte
	err   error
}

func (e *lineError) Error() string {
	if e.col == "" {
		return fmt.Sprintf("line %d: %v", e.line, e.err)
	}
	return fmt.Sprintf("line %d, column %s: %q: %v", e.line, e.col, e.value, e.err)
}

func (e *lineError) Unwrap() error { return e.err }

// readTables reads the snapshot in fsys. prefix names the folder in
// errors. Once the records are read it runs the garbage collector: the
// reading leaves its buffers and scratch space behind, and the next thing
// a caller does, building a Dataset, would otherwise pile its columns on
// top of them. This lowers the peak memory of reading and building by
// about a seventh of the records' size, for a pass over a heap of records
// that takes a small part of the time reading did.
func readTables(fsys fs.FS, prefix string) (Records, error) {
	recs, err := readTablesOnce(fsys, prefix)
	if err == nil {
		runtime.GC()
	}
	return recs, err
}

// readTablesOnce does the work of readTables.
func readTablesOnce(fsys fs.FS, prefix string) (Records, error) {
	rd := &tableReader{fsys: fsys, prefix: prefix, conf: &decodeConf{seed: maphash.MakeSeed()}}
	defer rd.closeFiles()
	for t := range numTables {
		f, err := rd.open(t)
		if err != nil {
			return Records{}, fmt.Errorf("sales: read tables: %s: %w", rd.name(t), err)
		}
		rd.files[t] = f
	}
	workers := runtime.GOMAXPROCS(0)
	rd.pool = newBufPool(2*workers + 4)
	rd.tasks = make(chan func(*decoder), workers)
	rd.scratches = make(chan *linkScratch, 8*cap(rd.pool.sem))
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := newDecoder(rd.conf)
			for task := range rd.tasks {
				task(d)
			}
		}()
	}
	recs, err := rd.read()
	close(rd.tasks)
	wg.Wait()
	if err == nil {
		err = rd.err()
	}
	if err != nil {
		return Records{}, err
	}
	return recs, nil
}

func (rd *tableReader) closeFiles() {
	for _, f := range rd.files {
		if f != nil {
			f.closer.Close()
		}
	}
}

// open opens a table file and checks its header.
func (rd *tableReader) open(t tableID) (*tableFile, error) {
	f, err := rd.fsys.Open(tableSpecs[t].file)
	if err != nil {
		return nil, err
	}
	tf := &tableFile{id: t, f: f, closer: f}
	if err := tf.sizeUp(f); err != nil {
		f.Close()
		return nil, err
	}
	head := make([]byte, headerMax)
	n, err := io.ReadFull(tf.f, head)
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		tf.eof = true
	case err != nil:
		f.Close()
		return nil, err
	}
	head = bytes.TrimPrefix(head[:n], []byte("\uFEFF"))
	end := bytes.IndexByte(head, '\n')
	if end < 0 && !tf.eof {
		f.Close()
		return nil, errors.New("line 1: the header is longer than 64 KiB")
	}
	line := head
	if end >= 0 {
		line, tf.rest = head[:end], head[end+1:]
	}
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if want := strings.Join(tableSpecs[t].cols, ","); string(line) != want {
		f.Close()
		if n == 0 {
			return nil, fmt.Errorf("the file is empty, want the header %q", want)
		}
		return nil, fmt.Errorf("line 1: the header is %q, want %q", line, want)
	}
	return tf, nil
}

// sizeUp finds the file's size and whether it can be read at offsets; a
// file that cannot is read whole into memory.
func (tf *tableFile) sizeUp(f fs.File) error {
	ra, ok := f.(io.ReaderAt)
	if st, err := f.Stat(); err == nil && ok && st.Mode().IsRegular() {
		tf.ra, tf.size = ra, st.Size()
		return nil
	}
	all, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	r := bytes.NewReader(all)
	tf.f, tf.ra, tf.size = r, r, int64(len(all))
	return nil
}

// countLines returns the number of line feeds in the file, an upper bound
// of its rows, counting pieces on the workers.
func (rd *tableReader) countLines(tf *tableFile, total *atomic.Int64, wg *sync.WaitGroup) {
	piece := int64(chunkSize)
	for off := int64(0); off < tf.size; off += piece {
		wg.Add(1)
		rd.tasks <- func(*decoder) {
			defer wg.Done()
			buf := rd.pool.get()
			defer rd.pool.put(buf)
			for at, end := off, min(off+piece, tf.size); at < end; {
				n := min(int64(len(buf)), end-at)
				k, err := tf.ra.ReadAt(buf[:n], at)
				if err != nil && !(errors.Is(err, io.EOF) && int64(k) == n) {
					rd.fail(tf.id, 0, err)
					return
				}
				total.Add(int64(bytes.Count(buf[:k], newline)))
				at += n
			}
		}
	}
}

// scratch returns a link scratch to reuse, or a new one.
func (rd *tableReader) scratch() *linkScratch {
	select {
	case sc := <-rd.scratches:
		return sc
	default:
		return &linkScratch{}
	}
}

// chunk is a run of whole rows of one file.
type chunk struct {
	idx   int    // its number in the file, from 0
	buf   []byte // the pool buffer that holds text
	text  []byte
	row   int // index of its first row in the table
	rows  int
	line  int // line of its first row
	lines int // line feeds in text (rows plus quoted line breaks)
}

// tableSink turns the chunks of a file into tasks.
type tableSink interface {
	task(c chunk) func(*decoder)
	// fed says the feeder is done with the file: it read rows rows in
	// chunks chunks.
	fed(rows, chunks int)
}

// feed reads a file in chunks and hands each to the workers.
func (rd *tableReader) feed(tf *tableFile, sink tableSink) {
	buf := rd.pool.get()
	if len(tf.rest) >= len(buf) {
		rd.pool.swap(buf)
		buf = make([]byte, 2*len(tf.rest))
	}
	n := copy(buf, tf.rest)
	eof := tf.eof
	row, line, idx := 0, 2, 0
	defer func() { sink.fed(row, idx) }()
	for {
		if rd.canceled.Load() {
			rd.pool.put(buf)
			return
		}
		if !eof && n < len(buf) {
			k, err := io.ReadFull(tf.f, buf[n:])
			n += k
			switch {
			case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
				eof = true
			case err != nil:
				rd.fail(tf.id, 0, err)
				rd.pool.put(buf)
				return
			}
		}
		data := buf[:n]
		c := chunk{idx: idx, buf: buf, row: row, line: line}
		var cut int
		if eof {
			data = bytes.TrimRight(data, "\r\n")
			end, rows, lines := lastRowEnd(data)
			cut, c.rows, c.lines = len(data), rows, lines
			if end+1 < len(data) {
				c.rows++
				c.lines += 1 + bytes.Count(data[end+1:], newline)
			}
		} else {
			end, rows, lines := lastRowEnd(data)
			if end < 0 { // a row longer than the buffer: read it whole
				bigger := make([]byte, 2*len(buf))
				copy(bigger, data)
				rd.pool.swap(buf)
				buf = bigger
				continue
			}
			cut, c.rows, c.lines = end+1, rows, lines
		}
		c.text = data[:cut]
		if eof {
			if c.rows > 0 {
				rd.tasks <- sink.task(c)
				row += c.rows
				idx++
			} else {
				rd.pool.put(buf)
			}
			return
		}
		next := rd.pool.get()
		if tail := len(data) - cut; tail >= len(next) {
			rd.pool.swap(next)
			next = make([]byte, 2*tail)
		}
		n = copy(next, data[cut:])
		rd.tasks <- sink.task(c)
		row += c.rows
		line += c.lines
		idx++
		buf = next
	}
}

// bufPool hands out the feeder's buffers, at most max at a time, so that
// reading never runs far ahead of parsing.
type bufPool struct {
	free chan []byte
	sem  chan struct{}
}

func newBufPool(max int) bufPool {
	return bufPool{free: make(chan []byte, max), sem: make(chan struct{}, max)}
}

func (p bufPool) get() []byte {
	p.sem <- struct{}{}
	select {
	case b := <-p.free:
		return b
	default:
		return make([]byte, chunkSize)
	}
}

// put gives a buffer and its slot back.
func (p bufPool) put(b []byte) {
	p.swap(b)
	p.release()
}

// release gives a slot back.
func (p bufPool) release() { <-p.sem }

// swap keeps b for reuse when it is one of the pool's sizes, without
// giving its slot back: the caller goes on with a bigger buffer, or keeps
// the slot until it is done with what it parsed from b.
func (p bufPool) swap(b []byte) {
	if cap(b) == chunkSize {
		select {
		case p.free <- b[:chunkSize]:
		default:
		}
	}
}
