package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
)

func TestRun_snapshot(t *testing.T) {
	recs, err := demo.Generate(demo.Options{Seed: 2, Deals: 100})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "portal.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := sales.WriteSnapshot(f, recs); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var out bytes.Buffer
	if err := run([]string{"-snapshot", path}, &out); err != nil {
		t.Fatalf("run -snapshot = %v", err)
	}
	if !strings.Contains(out.String(), "snapshot "+path) || !strings.Contains(out.String(), "100 deals") {
		t.Errorf("run -snapshot printed:\n%.400s", out.String())
	}
}

func TestRun_hubspotExport(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-hubspot-export", "../../hubspot/testdata/export", "-json"}, &out); err != nil {
		t.Fatalf("run -hubspot-export = %v", err)
	}
	if !strings.Contains(out.String(), `"source": "HubSpot export files`) {
		t.Errorf("run -hubspot-export -json printed:\n%.400s", out.String())
	}
}
