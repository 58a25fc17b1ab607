package forecast_test

import (
	"fmt"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
	"github.com/salespilot/sales/internal/benchkit"
	"github.com/salespilot/sales/internal/demo"
)

// bench runs report over the demo portal of each size.
func bench(b *testing.B, report func(ds *sales.Dataset) error) { benchkit.Run(b, report) }

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
	for _, n := range benchkit.Sizes() {
		for _, trials := range []int{1000, 10_000} {
			b.Run(fmt.Sprintf("Size%d/Trials%d", n, trials), func(b *testing.B) {
				ds := benchkit.Portal(b, n)
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
