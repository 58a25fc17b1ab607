package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/salespilot/sales/internal/catalog"
)

// TestRun_saveTablesAndReread saves the demo portal as a table snapshot
// and runs the dashboard on it: every report must come out the same.
func TestRun_saveTablesAndReread(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "portal")
	args := []string{"-json", "-asof", "2026-10-01", "-period", "2026-Q3"}
	fromDemo := runArgs(t, append([]string{"-deals", "300", "-save-tables", dir}, args...)...)
	fromFiles := runArgs(t, append([]string{"-tables", dir}, args...)...)
	var a, b map[string]json.RawMessage
	if err := json.Unmarshal([]byte(fromDemo), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(fromFiles), &b); err != nil {
		t.Fatal(err)
	}
	for _, r := range catalog.All() {
		if id := r.ID; string(a[id]) != string(b[id]) {
			t.Errorf("%s differs between the demo and its table snapshot:\n%s\n%s", id, a[id], b[id])
		}
	}
}

func TestRun_tablesIsASource(t *testing.T) {
	err := run([]string{"-tables", "x", "-snapshot", "y"}, nil)
	if err == nil {
		t.Errorf("run(-tables x -snapshot y) = nil, want an error asking for one source")
	}
}
