package kpi_test

import (
	"fmt"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/kpi"
)

// outcomeSizes are the demo portal sizes, in deals, of the benchmarks.
var outcomeSizes = []int{1000, 10_000}

var outcomePortals = map[int]*sales.Dataset{}

// outcomeBenchPortal returns the demo portal of n deals, generated once.
func outcomeBenchPortal(b *testing.B, n int) *sales.Dataset {
	if ds, ok := outcomePortals[n]; ok {
		return ds
	}
	recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
	if err != nil {
		b.Fatal(err)
	}
	ds := sales.MustDataset(recs)
	outcomePortals[n] = ds
	return ds
}

// outcomeYear is the demo's last full year.
func outcomeYear() sales.Period { return sales.Year(2025, demo.Location()) }

// benchOutcome runs f over each size of portal, reporting allocations.
func benchOutcome(b *testing.B, f func(ds *sales.Dataset) error) {
	for _, n := range outcomeSizes {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			ds := outcomeBenchPortal(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if err := f(ds); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func outcomeErr[T any](_ T, err error) error { return err }

func BenchmarkAverageWonAmount(b *testing.B) {
	benchOutcome(b, func(ds *sales.Dataset) error {
		return outcomeErr(kpi.AverageWonAmount(ds, outcomeYear()))
	})
}

func BenchmarkSalesCycle(b *testing.B) {
	benchOutcome(b, func(ds *sales.Dataset) error {
		return outcomeErr(kpi.SalesCycle(ds, outcomeYear(), sales.StageWon))
	})
}

func BenchmarkOpenStageTotals(b *testing.B) {
	benchOutcome(b, func(ds *sales.Dataset) error {
		return outcomeErr(kpi.OpenStageTotals(ds, demo.Today()))
	})
}

func BenchmarkWonByRegion(b *testing.B) {
	benchOutcome(b, func(ds *sales.Dataset) error {
		return outcomeErr(kpi.WonByRegion(ds, outcomeYear(), sales.UnitMonth, sales.Calendar{}))
	})
}

func BenchmarkRevenueAgainstTarget(b *testing.B) {
	benchOutcome(b, func(ds *sales.Dataset) error {
		return outcomeErr(kpi.RevenueAgainstTarget(ds, outcomeYear(), sales.Calendar{}))
	})
}

func BenchmarkLostByReason(b *testing.B) {
	benchOutcome(b, func(ds *sales.Dataset) error {
		return outcomeErr(kpi.LostByReason(ds, outcomeYear()))
	})
}

func BenchmarkNewDeals(b *testing.B) {
	benchOutcome(b, func(ds *sales.Dataset) error {
		return outcomeErr(kpi.NewDeals(ds, outcomeYear(), sales.UnitWeek, sales.Calendar{}))
	})
}

func BenchmarkAverageBasket(b *testing.B) {
	benchOutcome(b, func(ds *sales.Dataset) error {
		return outcomeErr(kpi.AverageBasket(ds, outcomeYear(), sales.UnitMonth, sales.Calendar{}))
	})
}
