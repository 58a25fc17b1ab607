package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salespilot/sales"

	"github.com/salespilot/sales/internal/catalog"
)

func runArgs(t *testing.T, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	if err := run(args, &out); err != nil {
		t.Fatalf("run(%q): %v", args, err)
	}
	return out.String()
}

func TestRun_text(t *testing.T) {
	out := runArgs(t, "-deals", "300")
	for _, r := range catalog.All() {
		id := r.ID
		if !strings.Contains(out, "\n"+id+"  ") {
			t.Errorf("text output has no heading for %s", id)
		}
	}
	for _, want := range []string{"Sales dashboard: demo portal", "R10  Results per rep",
		"team", "same computation as R10"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q", want)
		}
	}
}

func TestRun_json(t *testing.T) {
	out := runArgs(t, "-deals", "300", "-json", "-period", "2026-Q3", "-asof", "2026-10-01")
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("-json output is not JSON: %v", err)
	}
	if n := len(catalog.All()); len(doc) != n+1 {
		t.Errorf("-json has %d keys, want every catalogue id and meta (%d)", len(doc), n+1)
	}
	var r10 struct {
		Title  string `json:"title"`
		Result struct {
			Period struct {
				Start string `json:"start"`
			} `json:"period"`
		} `json:"result"`
	}
	if err := json.Unmarshal(doc["R10"], &r10); err != nil {
		t.Fatal(err)
	}
	if r10.Result.Period.Start != "2026-07-01T00:00:00-04:00" {
		t.Errorf("R10 period start = %q, want 2026-07-01 in the demo's zone", r10.Result.Period.Start)
	}
	for _, r := range catalog.All() {
		id := r.ID
		var o catalog.Outcome
		if err := json.Unmarshal(doc[id], &o); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if o.Result == nil && o.SameAs == "" && o.Unavailable == "" {
			t.Errorf("%s has neither a result, an alias nor a reason it is unavailable: %+v", id, o)
		}
		if o.Error != "" {
			t.Errorf("%s failed: %s", id, o.Error)
		}
	}
}

func TestRun_maven(t *testing.T) {
	out := runArgs(t, "-maven", "../maven/testdata/small")
	for _, want := range []string{"Maven CRM sales opportunities", "its stage history is only",
		"R10  Results per rep"} {
		if !strings.Contains(out, want) {
			t.Errorf("Maven output lacks %q", want)
		}
	}
}

func TestRun_badFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-period", "2026-Q9"},
		{"-asof", "yesterday"},
		{"-unit", "fortnight"},
		{"-week-start", "funday"},
		{"-maven", "/nonexistent/folder"},
		{"stray"},
		{"-deals", "0"},
		{"-deals", "-3"},
		{"-tables", "/nonexistent/folder", "-deals", "10"},
		{"-top", "-1"},
		{"-asof", "0999-12-31"},
		{"-asof", "9001-01-01"},
		{"-deals", "50", "-asof", "1000-01-01"}, // its default period is the year 999
		{"-deals", "50", "-period", "2026-01-01..2026-01-01"},
		{"-period", "0999-01-01..2000-01-01"},
		{"-deals", "50", "-period", "0900"},
		{"-deals", "50", "-unit", "day", "-period", "2000-01-01..2030-01-01"},
		{"-deals", "50", "-unit", "month", "-period", "1100-01-01..8999-01-01"},
		{"-deals", "50", "-unit", "year", "-period", "1900-01-01..2100-01-01"},
	} {
		var out bytes.Buffer
		if err := run(args, &out); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}

// TestRun_periodBounds: a century is the longest period, to the day, and
// an -asof whose default period leaves the years allowed says that the
// period is the default one.
func TestRun_periodBounds(t *testing.T) {
	var out bytes.Buffer
	args := []string{"-deals", "50", "-unit", "year", "-period", "2000-01-01..2100-01-01"}
	if err := run(args, &out); err != nil {
		t.Errorf("run(%q) = %v, want a century accepted", args, err)
	}
	args = []string{"-deals", "50", "-unit", "year", "-period", "2000-01-01..2100-01-02"}
	if err := run(args, &out); err == nil || !strings.Contains(err.Error(), "a century") {
		t.Errorf("run(%q) = %v, want an error about a century", args, err)
	}
	args = []string{"-deals", "50", "-asof", "1000-01-01"}
	if err := run(args, &out); err == nil || !strings.Contains(err.Error(), "the default, from -asof") {
		t.Errorf("run(%q) = %v, want an error about the default period", args, err)
	}
}

// TestRun_missingFolder: a folder that cannot be read is named.
func TestRun_missingFolder(t *testing.T) {
	dir := t.TempDir() + "/absent"
	for _, f := range []string{"-maven", "-hubspot-export"} {
		var out bytes.Buffer
		if err := run([]string{f, dir}, &out); err == nil || !strings.Contains(err.Error(), dir) {
			t.Errorf("run(%s %s) = %v, want an error naming the folder", f, dir, err)
		}
	}
}

func TestRun_emptyMaven(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-maven", ""}, &out); err == nil || !strings.Contains(err.Error(), "-maven") {
		t.Errorf("run(-maven '') = %v, want an error about -maven", err)
	}
}

// TestRun_saveAndReread saves the demo portal as a snapshot and runs the
// dashboard on it: every report must come out the same.
func TestRun_saveAndReread(t *testing.T) {
	path := t.TempDir() + "/portal.json"
	args := []string{"-json", "-asof", "2026-10-01", "-period", "2026-Q3"}
	fromDemo := runArgs(t, append([]string{"-deals", "300", "-save", path}, args...)...)
	fromFile := runArgs(t, append([]string{"-snapshot", path}, args...)...)
	var a, b map[string]json.RawMessage
	if err := json.Unmarshal([]byte(fromDemo), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(fromFile), &b); err != nil {
		t.Fatal(err)
	}
	for _, r := range catalog.All() {
		if id := r.ID; string(a[id]) != string(b[id]) {
			t.Errorf("%s differs between the demo and its snapshot:\n%s\n%s", id, a[id], b[id])
		}
	}
}

func TestRun_twoSources(t *testing.T) {
	var out bytes.Buffer
	err := run([]string{"-maven", "x", "-snapshot", "y"}, &out)
	if err == nil || !strings.Contains(err.Error(), "give one") {
		t.Errorf("run(-maven x -snapshot y) = %v, want an error asking for one source", err)
	}
}

// TestParseInstant_skippedMidnight: a date whose midnight the clocks skip
// starts when they jump into it, as the period of that day does.
func TestParseInstant_skippedMidnight(t *testing.T) {
	loc, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip("no America/Santiago in this machine's zone data")
	}
	got, err := sales.ParseInstant("2024-09-08", loc)
	want := time.Date(2024, 9, 8, 1, 0, 0, 0, loc)
	if err != nil || !got.Equal(want) || !got.Equal(sales.Day(2024, 9, 8, loc).Start) {
		t.Errorf("ParseInstant = %v, %v; want %v", got, err, want)
	}
}

// TestRun_refusedFlagsWriteNothing: a run refused for its flags writes no
// snapshot.
func TestRun_refusedFlagsWriteNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "portal.json")
	var out bytes.Buffer
	if err := run([]string{"-deals", "20", "-save", path, "-asof", "0500-01-01"}, &out); err == nil {
		t.Fatal("run succeeded, want an error for the year 500")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the refused run wrote %s (%v)", path, err)
	}
}
