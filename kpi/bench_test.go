package kpi

import (
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/benchkit"
	"github.com/salespilot/sales/internal/demo"
)

// benchSizesRun runs f on demo portals of each size, timing f's calls and
// reporting their allocations.
func benchSizesRun(b *testing.B, f func(b *testing.B, ds *sales.Dataset)) {
	benchkit.EachSize(b, f)
}

func BenchmarkResultsPerRep(b *testing.B) {
	benchSizesRun(b, func(b *testing.B, ds *sales.Dataset) {
		p := sales.Year(2026, ds.Location())
		for b.Loop() {
			if _, err := ResultsPerRep(ds, p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkWonAgainstTarget(b *testing.B) {
	benchSizesRun(b, func(b *testing.B, ds *sales.Dataset) {
		p := sales.Year(2026, ds.Location())
		for b.Loop() {
			if _, err := WonAgainstTarget(ds, p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkOpenDealsByStage(b *testing.B) {
	benchSizesRun(b, func(b *testing.B, ds *sales.Dataset) {
		for b.Loop() {
			if _, err := OpenDealsByStage(ds, demo.Today()); err != nil {
				b.Fatal(err)
			}
		}
	})
}
