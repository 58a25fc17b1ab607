package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
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
