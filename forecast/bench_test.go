package forecast_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
	"github.com/salespilot/sales/internal/demo"
)

// benchSizes are the numbers of deals of the demo portals benchmarks run
// on.
var benchSizes = []int{1000, 10_000}

var (
	benchMu      sync.Mutex
	benchPortals = map[int]*sales.Dataset{}
)

// benchPortal returns the demo portal of n deals, generated once.
func benchPortal(b *testing.B, n int) *sales.Dataset {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if ds, ok := benchPortals[n]; ok {
		return ds
	}
	recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
	if err != nil {
		b.Fatalf("demo.Generate(%d deals): %v", n, err)
	}
	ds := sales.MustDataset(recs)
	benchPortals[n] = ds
	return ds
}

// bench runs report over the demo portal of each size.
func bench(b *testing.B, report func(ds *sales.Dataset) error) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			ds := benchPortal(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if err := report(ds); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWeighted(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := forecast.Weighted(ds, demo.Today(), demoHorizon())
		return err
	})
}

func BenchmarkClosingThisWeek(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := forecast.ClosingThisWeek(ds, demo.Today(), sales.Calendar{})
		return err
	})
}

func BenchmarkSimulate(b *testing.B) {
	q4 := sales.Quarter(2026, 4, demo.Location())
	for _, n := range benchSizes {
		for _, trials := range []int{1000, 10_000} {
			b.Run(fmt.Sprintf("Size%d/Trials%d", n, trials), func(b *testing.B) {
				ds := benchPortal(b, n)
				o := forecast.SimOptions{Seed: 1, Trials: trials}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := forecast.Simulate(ds, demo.Today(), q4, o); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkSalesVelocity(b *testing.B) {
	year := sales.Year(2026, demo.Location())
	bench(b, func(ds *sales.Dataset) error {
		_, err := forecast.SalesVelocity(ds, demo.Today(), year)
		return err
	})
}

func BenchmarkPipelineCoverage(b *testing.B) {
	q4 := sales.Quarter(2026, 4, demo.Location())
	bench(b, func(ds *sales.Dataset) error {
		_, err := forecast.PipelineCoverage(ds, demo.Today(), q4)
		return err
	})
}

func BenchmarkPipelineAsOf(b *testing.B) {
	at := sales.Month(2026, 6, demo.Location()).Start
	bench(b, func(ds *sales.Dataset) error {
		_, err := forecast.PipelineAsOf(ds, at, demoHorizon())
		return err
	})
}

func BenchmarkSlippedDeals(b *testing.B) {
	year := sales.Year(2026, demo.Location())
	bench(b, func(ds *sales.Dataset) error {
		_, err := forecast.SlippedDeals(ds, demo.Today(), year, sales.Calendar{}, sales.UnitMonth)
		return err
	})
}

func BenchmarkActiveLeads(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := forecast.ActiveLeads(ds, demo.Today(), forecast.LeadOptions{ByStatus: true})
		return err
	})
}

func BenchmarkNewLeads(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := forecast.NewLeads(ds, demo.Today(), sales.Calendar{})
		return err
	})
}

func BenchmarkLeadsCreated(b *testing.B) {
	year := sales.Year(2026, demo.Location())
	bench(b, func(ds *sales.Dataset) error {
		_, err := forecast.LeadsCreated(ds, demo.Today(), year, sales.Calendar{}, sales.UnitWeek)
		return err
	})
}
