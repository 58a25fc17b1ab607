package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
)

// TestEnginesAgree runs the comparison on a small demo portal and fails
// when any report's rows differ between the library and DuckDB.
func TestEnginesAgree(t *testing.T) {
	var out bytes.Buffer
	o := options{sizes: []int{1500}, seed: 7, runs: 1, check: true}
	ok, err := run(context.Background(), o, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(out.String())
	if !ok {
		t.Fatal("the engines' results differ: see the log")
	}
	if !strings.Contains(out.String(), "equal") {
		t.Fatal("no report was compared")
	}
}

// TestEverySpecHasAQuery checks that the rows of every spec are compared
// against a query, and every query against rows.
func TestEverySpecHasAQuery(t *testing.T) {
	for _, id := range specIDs() {
		if _, ok := query(id); !ok {
			t.Errorf("%s has rows but no sql/%s.sql", id, id)
		}
	}
	for _, id := range queryIDs() {
		if _, ok := specs[id]; !ok {
			t.Errorf("sql/%s.sql has no rows spec", id)
		}
	}
}

// TestChild runs each engine end to end on a small table snapshot, as the
// -child mode does in a process of its own, and checks what it measured.
func TestChild(t *testing.T) {
	dir := t.TempDir()
	recs, err := demo.Generate(demo.Options{Seed: 2, Deals: 300})
	if err != nil {
		t.Fatal(err)
	}
	if err := sales.WriteTables(dir, recs); err != nil {
		t.Fatal(err)
	}
	for _, engine := range []string{"library", "duckdb"} {
		var out bytes.Buffer
		if err := runChild(context.Background(), options{child: engine, dir: dir}, &out); err != nil {
			t.Fatalf("%s: %v", engine, err)
		}
		var r childResult
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v in %q", engine, err, out.String())
		}
		if r.Read <= 0 || r.Total < r.Read || r.Reports != r.Total-r.Read || r.PeakRSS <= 0 {
			t.Errorf("%s: implausible measures %+v", engine, r)
		}
		if (engine == "library") != (r.Records > 0) {
			t.Errorf("%s: records %d", engine, r.Records)
		}
	}
}

// TestFlags checks that bad flags are refused with a message naming them.
func TestFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-deals", "0"}, {"-sizes", "10,x"}, {"-runs", "0"}, {"-only", "R99"},
		{"-child", "sqlite", "-dir", "x"}, {"-child", "library"}, {"extra"},
	} {
		var stderr bytes.Buffer
		if _, err := parseFlags(args, &stderr); err == nil {
			t.Errorf("%q: accepted", args)
		}
	}
	o, err := parseFlags([]string{"-sizes", "100, 1000", "-only", "r01,B06"}, &bytes.Buffer{})
	if err != nil || len(o.sizes) != 2 || o.sizes[1] != 1000 || !o.only["R01"] || !o.only["B06"] {
		t.Errorf("parsed %+v, %v", o, err)
	}
}

// TestCanon checks the cells either side may hold.
func TestCanon(t *testing.T) {
	var none *time.Duration
	half := 1500 * time.Millisecond
	for _, c := range []struct {
		in   any
		want any
	}{
		{nil, nil}, {none, nil}, {&half, 1.5}, {half, 1.5}, {big.NewInt(12), 12.0},
		{int32(-3), -3.0}, {"x", "x"}, {true, true},
		{time.Date(2026, 3, 8, 1, 30, 0, 0, time.FixedZone("", -5*3600)), "2026-03-08T06:30:00Z"},
		{decimal.RequireFromString("10.25"), 10.25}, {sales.Rate{Num: 1, Den: 4}, 0.25},
		{sales.Rate{}, nil}, {sales.OwnerID("o1"), "o1"},
	} {
		if got := canon(c.in); !sameCell(got, c.want) {
			t.Errorf("canon(%#v) = %#v, want %#v", c.in, got, c.want)
		}
	}
}
