package maven

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// table reads one CSV file row by row and gives its cells by column name.
type table struct {
	file  string
	csv   *csv.Reader
	cols  map[string]int // folded header name → position
	names []string       // header names as written, trimmed
	row   []string
	count *FileCount
	sum   *Summary
}

// byteOrderMark is the UTF-8 encoding of U+FEFF, which some programs write
// at the start of a file.
const byteOrderMark = "\ufeff"

// readTable opens file in fsys, reads its header and checks that every
// required column is there. It calls each for every data row; each reads
// the row through the table's methods. The counts go to count and the
// rejections to sum.
func readTable(fsys fs.FS, file string, count *FileCount, sum *Summary,
	required []string, each func(t *table)) error {
	f, err := fsys.Open(file)
	if err != nil {
		return fmt.Errorf("maven: %w", err)
	}
	defer f.Close()

	t := &table{file: file, csv: newCSVReader(f), count: count, sum: sum}
	if err := t.header(required); err != nil {
		return err
	}
	for {
		ok, err := t.next()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		each(t)
	}
}

// newCSVReader returns a CSV reader over r that skips a leading byte order
// mark and lets rows differ in length, so that next can reject a short row
// instead of failing the whole file.
func newCSVReader(r io.Reader) *csv.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(byteOrderMark)); err == nil && string(b) == byteOrderMark {
		_, _ = br.Discard(len(byteOrderMark))
	}
	c := csv.NewReader(br)
	c.FieldsPerRecord = -1
	c.ReuseRecord = true
	return c
}

// header reads the first row and indexes the column names.
func (t *table) header(required []string) error {
	row, err := t.csv.Read()
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("maven: %s: empty file, no header", t.file)
	}
	if err != nil {
		return fmt.Errorf("maven: %s: %w", t.file, err)
	}
	t.cols = make(map[string]int, len(row))
	t.names = make([]string, len(row))
	for i, name := range row {
		t.names[i] = strings.TrimSpace(name)
		key := strings.ToLower(t.names[i])
		if _, dup := t.cols[key]; dup && key != "" {
			return fmt.Errorf("maven: %s: column %q appears twice", t.file, t.names[i])
		}
		t.cols[key] = i
	}
	for _, name := range required {
		if _, ok := t.cols[name]; !ok {
			return fmt.Errorf("maven: %s: missing column %q", t.file, name)
		}
	}
	return nil
}

// next reads the next data row, rejecting rows whose number of cells
// differs from the header's. It returns false at the end of the file.
func (t *table) next() (bool, error) {
	for {
		row, err := t.csv.Read()
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("maven: %s: %w", t.file, err)
		}
		t.row = row
		t.count.Rows++
		if len(row) == len(t.names) {
			return true, nil
		}
		t.rejectRow(fmt.Sprintf("has %d cells, the header has %d", len(row), len(t.names)))
	}
}

// get returns the trimmed cell of the current row in column name, which
// must be one of the required columns.
func (t *table) get(name string) string {
	return strings.TrimSpace(t.row[t.cols[name]])
}

// line returns the line on which the current row's cell in column name
// starts.
func (t *table) line(name string) int {
	l, _ := t.csv.FieldPos(t.cols[name])
	return l
}

// reject records that the current row's value in column name was not used.
func (t *table) reject(name, reason string) {
	t.sum.Rejected = append(t.sum.Rejected, Rejection{
		File: t.file, Line: t.line(name), Column: t.names[t.cols[name]],
		Value: t.get(name), Reason: reason,
	})
}

// rejectRow records that the current row was not used at all.
func (t *table) rejectRow(reason string) {
	line, _ := t.csv.FieldPos(0)
	first := ""
	if len(t.row) > 0 {
		first = strings.TrimSpace(t.row[0])
	}
	t.sum.Rejected = append(t.sum.Rejected, Rejection{
		File: t.file, Line: line, Value: first, Reason: reason,
	})
}

// loaded counts the current row as mapped into a record.
func (t *table) loaded() { t.count.Loaded++ }
