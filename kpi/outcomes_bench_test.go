package kpi_test

import (
	"fmt"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/kpi"
)

// benchSizes are the demo portal sizes, in deals, of the benchmarks.
var benchSizes = []int{1000, 10_000}

var benchPortals = map[int]*sales.Dataset{}

// benchPortal returns the demo portal of n deals, generated once.
func benchPortal(b *testing.B, n int) *sales.Dataset {
	if ds, ok := benchPortals[n]; ok {
		return ds
	}
	recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
	if err != nil {
		b.Fatal(err)
	}
	ds := sales.MustDataset(recs)
	benchPortals[n] = ds
	return ds
}

// benchYear is the demo's last full year.
func benchYear() sales.Period { return sales.Year(2025, demo.Location()) }

// bench runs f over each size of portal, reporting allocations.
func bench(b *testing.B, f func(ds *sales.Dataset) error) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			ds := benchPortal(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if err := f(ds); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func errOf[T any](_ T, err error) error { return err }

func BenchmarkAverageWonAmount(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error { return errOf(kpi.AverageWonAmount(ds, benchYear())) })
}

func BenchmarkSalesCycle(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		return errOf(kpi.SalesCycle(ds, benchYear(), sales.StageWon))
	})
}

func BenchmarkOpenStageTotals(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error { return errOf(kpi.OpenStageTotals(ds, demo.Today())) })
}

func BenchmarkWonByRegion(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		return errOf(kpi.WonByRegion(ds, benchYear(), sales.UnitMonth, sales.Calendar{}))
	})
}

func BenchmarkRevenueAgainstTarget(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		return errOf(kpi.RevenueAgainstTarget(ds, benchYear(), sales.Calendar{}))
	})
}

func BenchmarkLostByReason(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error { return errOf(kpi.LostByReason(ds, benchYear())) })
}

func BenchmarkNewDeals(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		return errOf(kpi.NewDeals(ds, benchYear(), sales.UnitWeek, sales.Calendar{}))
	})
}

func BenchmarkAverageBasket(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		return errOf(kpi.AverageBasket(ds, benchYear(), sales.UnitMonth, sales.Calendar{}))
	})
}
