package main

import (
	"fmt"
	"math"
	"math/big"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// The rows both engines are compared on. A cell is nil (no value), a
// string, a bool, a decimal number (exact), or another number as a
// float64; canon turns what either side holds into one of these. Times
// become their instant in UTC as RFC 3339 text, durations their seconds.

// exact is a decimal cell, kept whole: two of them are equal only when
// their values are, to the last digit, so that a cent lost on either side
// shows however large the sum. Beside a float64 cell it is compared as a
// float.
type exact struct{ d decimal.Decimal }

// canon returns v as a comparable cell.
func canon(v any) any {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		if _, isBig := v.(*big.Int); !isBig {
			return canon(rv.Elem().Interface())
		}
	}
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return x
	case []byte:
		return string(x)
	case bool:
		return x
	case int:
		return float64(x)
	case int8:
		return float64(x)
	case int16:
		return float64(x)
	case int32:
		return float64(x)
	case int64:
		return float64(x)
	case uint8:
		return float64(x)
	case uint16:
		return float64(x)
	case uint32:
		return float64(x)
	case uint64:
		return float64(x)
	case float32:
		return float64(x)
	case float64:
		return x
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f
	case duckdb.Decimal:
		return exact{decimal.NewFromBigInt(x.Value, -int32(x.Scale))}
	case decimal.Decimal:
		return exact{x}
	case decimal.NullDecimal:
		if !x.Valid {
			return nil
		}
		return exact{x.Decimal}
	case time.Time:
		if x.IsZero() {
			return nil
		}
		return x.UTC().Format(time.RFC3339Nano)
	case time.Duration:
		return x.Seconds()
	case duckdb.Interval:
		return float64(x.Days)*86400 + float64(x.Micros)/1e6 + float64(x.Months)*30*86400
	case sales.Rate:
		v, ok := x.Value()
		if !ok {
			return nil
		}
		return v
	case sales.Ratio:
		v, ok := x.Value()
		if !ok {
			return nil
		}
		return v.InexactFloat64()
	case sales.Total:
		return exact{x.Decimal()}
	case fmt.Stringer:
		return x.String()
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint())
	case reflect.Float32, reflect.Float64:
		return rv.Float()
	case reflect.Bool:
		return rv.Bool()
	}
	return fmt.Sprintf("%v", v)
}

// Row builds one comparable row from the cells given.
func Row(cells ...any) []any {
	out := make([]any, len(cells))
	for i, c := range cells {
		out[i] = canon(c)
	}
	return out
}

// sameCell reports whether two canonical cells are equal: two decimals
// exactly, other numbers within a relative 1e-9 (a float on one side at
// least), everything else exactly.
func sameCell(a, b any) bool {
	ea, okA := a.(exact)
	eb, okB := b.(exact)
	if okA && okB {
		return ea.d.Equal(eb.d)
	}
	fa, okA := number(a)
	fb, okB := number(b)
	if okA && okB {
		if math.IsNaN(fa) || math.IsNaN(fb) {
			return math.IsNaN(fa) && math.IsNaN(fb)
		}
		if fa == fb {
			return true
		}
		scale := math.Max(1, math.Max(math.Abs(fa), math.Abs(fb)))
		return math.Abs(fa-fb) <= 1e-9*scale
	}
	return a == b
}

// diff compares the library's rows with the query's and returns "" when
// they are equal, else what differs first. Unordered rows are sorted
// before they are compared.
func diff(lib, sql [][]any, ordered bool) string {
	if !ordered {
		lib, sql = sortRows(lib), sortRows(sql)
	}
	n := min(len(lib), len(sql))
	for i := range n {
		if len(lib[i]) != len(sql[i]) {
			return fmt.Sprintf("row %d: library has %d columns, SQL %d:\n  library %s\n  SQL     %s",
				i+1, len(lib[i]), len(sql[i]), show(lib[i]), show(sql[i]))
		}
		for j := range lib[i] {
			if !sameCell(lib[i][j], sql[i][j]) {
				return fmt.Sprintf("row %d, column %d:\n  library %s\n  SQL     %s",
					i+1, j+1, show(lib[i]), show(sql[i]))
			}
		}
	}
	switch {
	case len(lib) > n:
		return fmt.Sprintf("the library has %d rows, SQL %d; first extra: %s",
			len(lib), len(sql), show(lib[n]))
	case len(sql) > n:
		return fmt.Sprintf("SQL has %d rows, the library %d; first extra: %s",
			len(sql), len(lib), show(sql[n]))
	}
	return ""
}

// sortRows returns the rows sorted by their cells, first to last.
func sortRows(rows [][]any) [][]any {
	out := append([][]any(nil), rows...)
	sort.SliceStable(out, func(i, j int) bool { return lessRow(out[i], out[j]) })
	return out
}

func lessRow(a, b []any) bool {
	for k := range min(len(a), len(b)) {
		if c := cmpCell(a[k], b[k]); c != 0 {
			return c < 0
		}
	}
	return len(a) < len(b)
}

// cmpCell orders cells: nil first, then bools, numbers, strings.
func cmpCell(a, b any) int {
	ra, rb := rank(a), rank(b)
	if ra != rb {
		return ra - rb
	}
	switch x := a.(type) {
	case bool:
		y := b.(bool)
		switch {
		case x == y:
			return 0
		case !x:
			return -1
		}
		return 1
	case float64, exact:
		fa, _ := number(a)
		fb, _ := number(b)
		switch {
		case sameCell(a, b):
			return 0
		case fa < fb:
			return -1
		}
		return 1
	case string:
		return strings.Compare(x, b.(string))
	}
	return 0
}

func rank(v any) int {
	switch v.(type) {
	case nil:
		return 0
	case bool:
		return 1
	case float64, exact:
		return 2
	}
	return 3
}

// show writes a row for a person.
func show(row []any) string {
	parts := make([]string, len(row))
	for i, c := range row {
		switch x := c.(type) {
		case nil:
			parts[i] = "NULL"
		case string:
			parts[i] = fmt.Sprintf("%q", x)
		case float64:
			parts[i] = fmt.Sprintf("%.10g", x)
		case exact:
			parts[i] = x.d.String()
		default:
			parts[i] = fmt.Sprint(x)
		}
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// number returns a numeric cell as a float64.
func number(c any) (float64, bool) {
	switch x := c.(type) {
	case float64:
		return x, true
	case exact:
		return x.d.InexactFloat64(), true
	}
	return 0, false
}
