package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/internal/fakehub"
)

const token = "pat-na1-test-token"

// TestRun reads a demo portal from the fake HubSpot, writes the snapshot
// and checks it holds the portal.
func TestRun(t *testing.T) {
	recs, err := demo.Generate(demo.Options{Seed: 5, Deals: 60})
	if err != nil {
		t.Fatal(err)
	}
	srv := fakehub.New(recs, fakehub.Options{Token: token, PageSize: 20})
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "portal.json")
	var out, progress bytes.Buffer
	err = run(context.Background(), []string{"-base-url", srv.URL, "-snapshot", path, "-rate", "100000",
		"-asof", demo.Today().Format(time.RFC3339)}, token, &out, &progress)
	if err != nil {
		t.Fatalf("run = %v", err)
	}
	for _, want := range []string{"60 deals", "go run ./examples/dashboard -snapshot " + path,
		"R10  Results per rep", "B06  Slipped deals"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("run printed %q, want it to hold %q", out.String(), want)
		}
	}
	if !strings.Contains(progress.String(), "deals") {
		t.Errorf("progress = %q, want a line about deals", progress.String())
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := sales.ReadSnapshot(f)
	if err != nil {
		t.Fatalf("ReadSnapshot = %v", err)
	}
	if len(got.Deals) != 60 || got.TimeZone != demo.TimeZone {
		t.Errorf("snapshot has %d deals in %q, want 60 in %q", len(got.Deals), got.TimeZone, demo.TimeZone)
	}
}

func TestRun_errors(t *testing.T) {
	var out, errw bytes.Buffer
	if err := run(context.Background(), nil, "", &out, &errw); err == nil {
		t.Errorf("run without a token = nil, want an error")
	}
	recs, _ := demo.Generate(demo.Options{Seed: 5, Deals: 10})
	srv := fakehub.New(recs, fakehub.Options{Token: "another"})
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "portal.json")
	err := run(context.Background(), []string{"-base-url", srv.URL, "-snapshot", path, "-quiet"},
		token, &out, &errw)
	if err == nil || strings.Contains(err.Error(), token) {
		t.Errorf("run with a wrong token = %v, want an error without the token", err)
	}
	if _, statErr := os.Stat(path); statErr == nil {
		t.Errorf("run with a wrong token wrote a snapshot")
	}
}
