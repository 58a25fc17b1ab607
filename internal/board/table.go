package board

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// table is a text table printed with aligned columns.
type table struct {
	header []string
	rows   [][]string
}

func newTable(header ...string) *table { return &table{header: header} }

// add appends a row, its cells cleaned of control characters: a name
// from a CRM may hold a tab, a line break or a terminal escape, which
// would break the table's columns or the terminal's colours.
func (t *table) add(cells ...string) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = clean(c)
	}
	t.rows = append(t.rows, row)
}

// clean replaces each control character of s with a space, and an
// invalid UTF-8 byte with the replacement character.
func clean(s string) string {
	ok := utf8.ValidString(s)
	for _, r := range s {
		if unicode.IsControl(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// write prints the table: the first column aligned left, the others
// right, as numbers read best.
func (t *table) write(w io.Writer) {
	width := 0
	for _, r := range append([][]string{t.header}, t.rows...) {
		if len(r) > 0 {
			width = max(width, utf8.RuneCountInString(r[0]))
		}
	}
	pad := func(cells []string) []string {
		out := append([]string(nil), cells...)
		if len(out) > 0 {
			out[0] += strings.Repeat(" ", width-utf8.RuneCountInString(out[0]))
		}
		return out
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	line := func(cells []string) {
		fmt.Fprintf(tw, "  %s\t\n", strings.Join(cells, "\t"))
	}
	line(pad(t.header))
	for _, r := range t.rows {
		line(pad(r))
	}
	tw.Flush()
}

// Formatting of cells.

func num(n int64) string { return fmt.Sprintf("%d", n) }

func money(d decimal.Decimal) string { return d.StringFixed(2) }

func total(t sales.Total) string { return money(t.Decimal()) }

func rate(r sales.Rate) string {
	v, ok := r.Value()
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", v*100)
}

func ratio(r sales.Ratio) string {
	v, ok := r.Value()
	if !ok {
		return "-"
	}
	return v.Mul(decimal.NewFromInt(100)).StringFixed(1) + "%"
}

func optMoney(d *decimal.Decimal) string {
	if d == nil {
		return "-"
	}
	return money(*d)
}

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02")
}

// note prints a line about records a report counted apart, when there are
// any.
func note(w io.Writer, format string, n int64) {
	if n != 0 {
		fmt.Fprintf(w, "  "+format+"\n", n)
	}
}

// tallyNotes prints what a tally counted apart.
func tallyNotes(w io.Writer, what string, t sales.Tally) {
	note(w, what+" without an amount (counted, no value): %d", t.NoAmount)
	note(w, what+" in a currency with no rate (counted, no value): %d", t.NoRate)
}
