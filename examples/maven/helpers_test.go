package maven_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/shopspring/decimal"
)

// smallDir holds a handwritten copy of the data set: 3 agents, 2 accounts,
// 2 products and 6 deals chosen so that each mapping rule fires at least
// once. Every expected value in the tests was worked out by reading these
// files.
const smallDir = "testdata/small"

const pipelineHeader = "opportunity_id,sales_agent,product,account,deal_stage," +
	"engage_date,close_date,close_value"

// smallFS returns the files of smallDir as a MapFS, with the given files'
// contents replaced.
func smallFS(tb testing.TB, replace map[string]string) fstest.MapFS {
	tb.Helper()
	fsys := fstest.MapFS{}
	names, err := fs.Glob(os.DirFS(smallDir), "*.csv")
	if err != nil || len(names) == 0 {
		tb.Fatalf("glob %s: %v files, error %v", smallDir, len(names), err)
	}
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(smallDir, name))
		if err != nil {
			tb.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	for name, text := range replace {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// pipeline returns a sales_pipeline.csv with the usual header and rows.
func pipeline(rows ...string) string {
	return pipelineHeader + "\n" + strings.Join(rows, "\n") + "\n"
}

// equal reports an error naming call when got and want differ, compared
// with reflect.DeepEqual. Decimals compare equal this way only when they
// were parsed from the same text; money() turns them into text first.
func equal[T any](tb testing.TB, call string, got, want T) {
	tb.Helper()
	if !reflect.DeepEqual(got, want) {
		tb.Errorf("%s = %+v, want %+v", call, got, want)
	}
}

// noError stops the test when err is not nil.
func noError(tb testing.TB, call string, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("%s: unexpected error: %v", call, err)
	}
}

// wantLen stops the test when n differs from want.
func wantLen(tb testing.TB, call string, n, want int) {
	tb.Helper()
	if n != want {
		tb.Fatalf("len(%s) = %d, want %d", call, n, want)
	}
}

// money prints an amount, or "" when there is none.
func money(d decimal.NullDecimal) string {
	if !d.Valid {
		return ""
	}
	return d.Decimal.String()
}

// day prints a date, or "" for the zero time. It also checks that the
// date is midnight UTC, as every date of the data set must be.
func day(tb testing.TB, t time.Time) string {
	tb.Helper()
	if t.IsZero() {
		return ""
	}
	if t.Location() != time.UTC || t.Hour()+t.Minute()+t.Second()+t.Nanosecond() != 0 {
		tb.Errorf("date %s is not midnight UTC", t)
	}
	return t.Format(time.DateOnly)
}

// sprintf is fmt.Sprintf, short for names of calls in messages.
func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
