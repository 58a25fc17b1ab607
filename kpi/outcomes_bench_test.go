package kpi_test

import (
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/benchkit"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/kpi"
)

// outcomeYear is the demo's last full year.
func outcomeYear() sales.Period { return sales.Year(2025, demo.Location()) }

// benchOutcome runs f over each size of portal, reporting allocations.
func benchOutcome(b *testing.B, f func(ds *sales.Dataset) error) { benchkit.Run(b, f) }

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
