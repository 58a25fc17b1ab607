package kpi

import (
	"fmt"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
)

var benchSizes = []int{1000, 10000, 100000}

// benchPortals generates each size once per process.
var benchPortals = map[int]*sales.Dataset{}

func benchPortal(b *testing.B, deals int) *sales.Dataset {
	if ds, ok := benchPortals[deals]; ok {
		return ds
	}
	r, err := demo.Generate(demo.Options{Seed: 1, Deals: deals})
	if err != nil {
		b.Fatal(err)
	}
	ds := sales.MustDataset(r)
	benchPortals[deals] = ds
	return ds
}

// benchSizesRun runs f on demo portals of each size, timing f's calls and
// reporting their allocations.
func benchSizesRun(b *testing.B, f func(b *testing.B, ds *sales.Dataset)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			ds := benchPortal(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			f(b, ds)
		})
	}
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
